import { useTranslation } from 'react-i18next';
import { PresenceBar } from './agent/PresenceBar';
import { AppearanceControls } from './appearance/AppearanceControls';
import { AssistPanel } from './assist/AssistPanel';
import { AfterCallWork } from './calls/AfterCallWork';
import { CallAnnouncer } from './calls/CallAnnouncer';
import { CallCard } from './calls/CallCard';
import { CustomerPanel } from './context/CustomerPanel';
import { MonitoringPanel } from './monitoring/MonitoringPanel';
import { DialPad } from './calls/DialPad';
import { useRingingAlert } from './calls/useRingingAlert';
import { ConnectionBanner } from './shell/ConnectionBanner';
import { Notices } from './shell/Notices';
import { PasswordPrompt } from './secrets/PasswordPrompt';
import { SettingsButton } from './settings/SettingsPanel';
import { SupervisorArea } from './supervisor/SupervisorArea';
import { useSnapshot } from './useHearthline';
import { WrapUpPanel } from './wrapup/WrapUpPanel';

export function App() {
  const { t } = useTranslation();
  const snapshot = useSnapshot();
  useRingingAlert(snapshot);
  if (!snapshot)
    return (
      <main className="loading" aria-busy="true">
        <div role="status">{t('presence.starting')}</div>
      </main>
    );
  const calls = [...snapshot.calls].sort((a, b) => b.startedAt - a.startedAt);
  return (
    <main className="app">
      <PresenceBar snapshot={snapshot} />
      <ConnectionBanner snapshot={snapshot} />
      <PasswordPrompt snapshot={snapshot} />
      <Notices snapshot={snapshot} />
      <CallAnnouncer calls={snapshot.calls} />
      <MonitoringPanel />
      <AfterCallWork snapshot={snapshot} />
      <div className="workspace">
        <section className="calls" aria-label={t('app.calls')}>
          {calls.map((call) => (
            <CallCard key={call.id} call={call} calls={snapshot.calls} />
          ))}
          <CustomerPanel snapshot={snapshot} />
          <WrapUpPanel snapshot={snapshot} />
          <AssistPanel snapshot={snapshot} />
          <SupervisorArea />
        </section>
        <DialPad disabled={snapshot.registration.state !== 'registered'} />
      </div>
      <footer>
        <SettingsButton />
        <AppearanceControls />
      </footer>
    </main>
  );
}
