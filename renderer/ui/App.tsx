import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { AssistPanel } from './assist/AssistPanel';
import { CallAnnouncer } from './calls/CallAnnouncer';
import { CustomerPanel } from './context/CustomerPanel';
import { DialPad } from './calls/DialPad';
import { useRingingAlert } from './calls/useRingingAlert';
import { CallBar } from './desk/CallBar';
import { CheatSheet } from './desk/CheatSheet';
import { Desk } from './desk/Desk';
import { useDeskShortcuts } from './desk/useDeskShortcuts';
import { ConnectionBanner } from './shell/ConnectionBanner';
import { Notices } from './shell/Notices';
import { SettingsButton } from './settings/SettingsPanel';
import { useMainClock, useSnapshot } from './useHearthline';
import { WrapUpPanel } from './wrapup/WrapUpPanel';

export function App() {
  const { t, i18n } = useTranslation();
  const snapshot = useSnapshot();
  const now = useMainClock(snapshot);
  const [cheatSheetOpen, setCheatSheetOpen] = useState(false);
  useRingingAlert(snapshot);
  useDeskShortcuts(useCallback(() => setCheatSheetOpen(true), []));
  if (!snapshot) return <main className="loading" aria-busy="true" />;
  const otherLanguage = i18n.language === 'zh' ? 'English' : '中文';
  const idle = snapshot.calls.every((call) => call.state === 'ended');
  return (
    <main className="app">
      <CallBar
        snapshot={snapshot}
        now={now}
        tools={
          <>
            <CheatSheet isOpen={cheatSheetOpen} onOpenChange={setCheatSheetOpen} />
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
          </>
        }
      />
      <ConnectionBanner snapshot={snapshot} />
      <Notices snapshot={snapshot} />
      <CallAnnouncer calls={snapshot.calls} />
      {/* Each pane is a list of sections: one line mounts one more. */}
      <Desk
        account={snapshot.account?.sipUri}
        panes={{
          customer: [snapshot.calls.length === 0 && <p key="hint" className="pane-hint">{t('desk.customerIdle')}</p>, <CustomerPanel key="context" snapshot={snapshot} />],
          assist: [<AssistPanel key="assist" snapshot={snapshot} />],
          work: [<WrapUpPanel key="wrapup" snapshot={snapshot} now={now} />, idle && <DialPad key="dial" disabled={snapshot.registration.state !== 'registered'} />],
        }}
      />
    </main>
  );
}
