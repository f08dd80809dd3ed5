import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { PresenceBar } from './agent/PresenceBar';
import { AssistPanel } from './assist/AssistPanel';
import { AfterCallWork } from './calls/AfterCallWork';
import { CallAnnouncer } from './calls/CallAnnouncer';
import { CallCard } from './calls/CallCard';
import { CustomerPanel } from './context/CustomerPanel';
import { DialPad } from './calls/DialPad';
import { useRingingAlert } from './calls/useRingingAlert';
import { ConnectionBanner } from './shell/ConnectionBanner';
import { Notices } from './shell/Notices';
import { SettingsButton } from './settings/SettingsPanel';
import { useSnapshot } from './useHearthline';
import { WrapUpPanel } from './wrapup/WrapUpPanel';

export function App() {
  const { t, i18n } = useTranslation();
  const snapshot = useSnapshot();
  useRingingAlert(snapshot);
  if (!snapshot)
    return (
      <main className="loading" aria-busy="true">
        <div role="status">{t('presence.starting')}</div>
      </main>
    );
  const calls = [...snapshot.calls].sort((a, b) => b.startedAt - a.startedAt);
  const otherLanguage = i18n.language === 'zh' ? 'English' : '中文';
  return (
    <main className="app">
      <PresenceBar snapshot={snapshot} />
      <ConnectionBanner snapshot={snapshot} />
      <Notices snapshot={snapshot} />
      <CallAnnouncer calls={snapshot.calls} />
      <AfterCallWork snapshot={snapshot} />
      <div className="workspace">
        <section className="calls" aria-label={t('app.calls')}>
          {calls.map((call) => (
            <CallCard key={call.id} call={call} calls={snapshot.calls} />
          ))}
          <CustomerPanel snapshot={snapshot} />
          <WrapUpPanel snapshot={snapshot} />
          <AssistPanel snapshot={snapshot} />
        </section>
        <DialPad disabled={snapshot.registration.state !== 'registered'} />
      </div>
      <footer>
        <SettingsButton />
        <Button
          className="language"
          // The name keeps the visible text (the other language's name), so speech input can say it.
          aria-label={`${t('app.language')}: ${otherLanguage}`}
          lang={i18n.language === 'zh' ? 'en' : 'zh'}
          onPress={() => void i18n.changeLanguage(i18n.language === 'zh' ? 'en' : 'zh')}
        >
          {otherLanguage}
        </Button>
      </footer>
    </main>
  );
}
