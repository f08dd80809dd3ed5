// Makes a ringing call visible from outside the page: the window title flashes (taskbar and tab show
// it) while an inbound call rings. The ringtone plays in the call engine; OS notifications come from main.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Snapshot } from '../../../common/contract/model';
import { callerLabel } from './callerLabel';

export function useRingingAlert(snapshot: Snapshot | undefined): void {
  const { t } = useTranslation();
  const ringing = snapshot?.calls.find((call) => call.direction === 'inbound' && call.state === 'ringing');
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
