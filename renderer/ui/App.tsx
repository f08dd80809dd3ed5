import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppearanceControls } from './appearance/AppearanceControls';
import { AssistPanel } from './assist/AssistPanel';
import { CallAnnouncer } from './calls/CallAnnouncer';
import { CallbackPanel } from './callbacks/CallbackPanel';
import { CustomerPanel } from './context/CustomerPanel';
import { MonitoringPanel } from './monitoring/MonitoringPanel';
import { DialPad } from './calls/DialPad';
import { useRingingAlert } from './calls/useRingingAlert';
import { CallBar } from './desk/CallBar';
import { CheatSheet } from './desk/CheatSheet';
import { Desk } from './desk/Desk';
import { useDeskShortcuts } from './desk/useDeskShortcuts';
import { ConnectionBanner } from './shell/ConnectionBanner';
import { Notices } from './shell/Notices';
import { PasswordPrompt } from './secrets/PasswordPrompt';
import { SettingsButton } from './settings/SettingsPanel';
import { SupervisorArea } from './supervisor/SupervisorArea';
import { useSnapshotWithoutQuality } from './useHearthline';
import { WrapUpPanel } from './wrapup/WrapUpPanel';

export function App() {
  const { t } = useTranslation();
  // Not with every quality sample of a call: only its quality line shows those (CallCard.tsx).
  const snapshot = useSnapshotWithoutQuality();
  const [cheatSheetOpen, setCheatSheetOpen] = useState(false);
  useRingingAlert(snapshot);
  useDeskShortcuts(useCallback(() => setCheatSheetOpen(true), []));
  if (!snapshot)
    return (
      <main className="loading" aria-busy="true">
        <div role="status">{t('presence.starting')}</div>
      </main>
    );
  const idle = snapshot.calls.every((call) => call.state === 'ended');
  return (
    <main className="app">
      <CallBar
        snapshot={snapshot}
        tools={
          <>
            <CheatSheet isOpen={cheatSheetOpen} onOpenChange={setCheatSheetOpen} />
            <SettingsButton />
          </>
        }
      />
      <ConnectionBanner snapshot={snapshot} />
      <PasswordPrompt snapshot={snapshot} />
      <Notices snapshot={snapshot} />
      <CallAnnouncer calls={snapshot.calls} />
      {/* Each pane is a list of sections: one line mounts one more. */}
      <Desk
        account={snapshot.account?.sipUri}
        panes={{
          customer: [snapshot.calls.length === 0 && <p key="hint" className="pane-hint">{t('desk.customerIdle')}</p>, <CustomerPanel key="context" snapshot={snapshot} />, <CallbackPanel key="callbacks" />],
          assist: [<AssistPanel key="assist" snapshot={snapshot} />],
          work: [
            <WrapUpPanel key="wrapup" />,
            <SupervisorArea key="supervisor" />,
            <MonitoringPanel key="monitoring" />,
            idle && <DialPad key="dial" disabled={snapshot.registration.state !== 'registered'} />,
            // Language and theme are set once, not during calls: last in the work pane, out of the call bar.
            <AppearanceControls key="appearance" />,
          ],
        }}
      />
    </main>
  );
}
