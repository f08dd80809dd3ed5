// Joining calls on screen. For the agent: a banner, always visible while anyone is on the call, saying who
// and in which mode (also read out by a live region). For a supervisor: the joining controls for each
// agent this app offers to join.
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitoringView } from '../../../common/contract/monitoring';
import { api, useLiveView } from '../useHearthline';
import { JoinCallControls } from './JoinCallControls';
import { listenerLines } from './monitoringText';

export function useMonitoringView(): MonitoringView | null | undefined {
  return useLiveView<MonitoringView>(
    () => api().invoke('monitoring.view', {}),
    (listener) => api().on('monitoring.changed', listener),
  );
}

// Memoised: it reads nothing from its parent, so a snapshot change (a call ringing) does not render it.
export const MonitoringPanel = memo(function MonitoringPanel() {
  const view = useMonitoringView();
  if (!view) return null;
  return (
    <>
      <ListenerBanner view={view} />
      {view.agents.length > 0 && (
        <div className="join-calls" data-testid="join-calls">
          {view.agents.map((agent) => (
            <JoinCallControls key={agent} agent={agent} session={view.session} />
          ))}
        </div>
      )}
    </>
  );
});

/** Who is on the agent's call. The live region also says when the last one left. */
export function ListenerBanner({ view }: { view: MonitoringView }) {
  const { t } = useTranslation();
  const lines = listenerLines(view.listeners).map((line) => t(line.key, { name: line.name }));
  const hadListeners = useRef(false);
  const [announcement, setAnnouncement] = useState('');
  const spoken = lines.join(' ');
  useEffect(() => {
    if (spoken) setAnnouncement(spoken);
    else if (hadListeners.current) setAnnouncement(t('monitoring.listener.left'));
    hadListeners.current = spoken !== '';
  }, [spoken, t]);
  return (
    <>
      {lines.length > 0 && (
        <div className="banner banner-info listener-banner" data-testid="listener-banner" data-mode={view.listeners[0]?.mode}>
          {lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <div className="sr-only" role="status" aria-live="polite" data-testid="listener-announcer">
        {announcement}
      </div>
    </>
  );
}
