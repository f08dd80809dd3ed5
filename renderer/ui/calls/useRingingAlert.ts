// Makes a ringing call visible from outside the page: the window title flashes (taskbar and tab show
// it) while an inbound call rings. The ringtone plays in the call engine; OS notifications come from main.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { selectRingingCaller } from '../snapshotSlices';
import { useSnapshotPart } from '../useHearthline';
import { callerLabel } from './callerLabel';

/** Renders nothing: the ringing alert in a component of its own, so a ring does not render the page around it. */
export function RingingAlert(): null {
  useRingingAlert();
  return null;
}

export function useRingingAlert(): void {
  const { t } = useTranslation();
  const ringing = useSnapshotPart(selectRingingCaller);
  const caller = ringing ? callerLabel(ringing, t('call.withheld')) : undefined;
  useEffect(() => {
    if (!caller) return;
    const original = document.title;
    const alertTitle = t('call.incomingTitle', { caller });
    let on = true;
    document.title = alertTitle;
    document.documentElement.dataset.ringing = 'true';
    const timer = setInterval(() => {
      on = !on;
      document.title = on ? alertTitle : original;
    }, 1000);
    return () => {
      clearInterval(timer);
      document.title = original;
      delete document.documentElement.dataset.ringing;
    };
  }, [caller, t]);
}
