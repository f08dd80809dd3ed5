import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { PresenceBar } from './agent/PresenceBar';
import { CallCard } from './calls/CallCard';
import { DialPad } from './calls/DialPad';
import { ConnectionBanner } from './shell/ConnectionBanner';
import { Notices } from './shell/Notices';
import { useMainClock, useSnapshot } from './useHearthline';

export function App() {
  const { t, i18n } = useTranslation();
  const snapshot = useSnapshot();
  const now = useMainClock(snapshot);
  if (!snapshot) return <main className="loading" aria-busy="true" />;
  const calls = [...snapshot.calls].sort((a, b) => b.startedAt - a.startedAt);
  return (
    <main className="app">
      <PresenceBar snapshot={snapshot} />
      <ConnectionBanner snapshot={snapshot} />
      <Notices snapshot={snapshot} />
      <div className="workspace">
        <section className="calls" aria-label="Calls">
          {calls.map((call) => (
            <CallCard key={call.id} call={call} now={now} />
          ))}
        </section>
        <DialPad disabled={snapshot.registration.state !== 'registered'} />
      </div>
      <footer>
        <Button
          className="language"
          aria-label={t('app.language')}
          onPress={() => void i18n.changeLanguage(i18n.language === 'zh' ? 'en' : 'zh')}
        >
          {i18n.language === 'zh' ? 'English' : '中文'}
        </Button>
      </footer>
    </main>
  );
}
