import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppearanceControls } from './appearance/AppearanceControls';
import { AssistPanel } from './assist/AssistPanel';
import { CallAnnouncer } from './calls/CallAnnouncer';
import { CallbackPanel } from './callbacks/CallbackPanel';
import { CustomerIdleHint, CustomerPanel } from './context/CustomerPanel';
import { MonitoringPanel } from './monitoring/MonitoringPanel';
import { IdleDialPad } from './calls/DialPad';
import { RingingAlert } from './calls/useRingingAlert';
import { CallBar } from './desk/CallBar';
import { CheatSheet } from './desk/CheatSheet';
import { Desk } from './desk/Desk';
import { useDeskShortcuts } from './desk/useDeskShortcuts';
import { ConnectionBanner } from './shell/ConnectionBanner';
import { Notices } from './shell/Notices';
import { PasswordPrompt } from './secrets/PasswordPrompt';
import { SettingsButton } from './settings/SettingsPanel';
import { SupervisorArea } from './supervisor/SupervisorArea';
import { selectAccountUri, selectLoaded } from './snapshotSlices';
import { useSnapshotPart } from './useHearthline';
import { WrapUpPanel } from './wrapup/WrapUpPanel';

// Each part reads its own slice of the snapshot (snapshotSlices.ts): App reads only whether there is one
// and the account, so a ringing call renders the call bar's list and card, not the whole page.
export function App() {
  const { t } = useTranslation();
  const loaded = useSnapshotPart(selectLoaded);
  const account = useSnapshotPart(selectAccountUri);
  const [cheatSheetOpen, setCheatSheetOpen] = useState(false);
  useDeskShortcuts(useCallback(() => setCheatSheetOpen(true), []));
  if (!loaded)
    return (
      <main className="loading" aria-busy="true">
        <div role="status">{t('presence.starting')}</div>
      </main>
    );
  return (
    <main className="app">
      <CallBar
        tools={
          <>
            <CheatSheet isOpen={cheatSheetOpen} onOpenChange={setCheatSheetOpen} />
            <SettingsButton />
          </>
        }
      />
      <ConnectionBanner />
      <PasswordPrompt />
      <Notices />
      <CallAnnouncer />
      <RingingAlert />
      {/* Each pane is a list of sections: one line mounts one more. */}
      <Desk
        account={account}
        panes={{
          customer: [<CustomerIdleHint key="hint" />, <CustomerPanel key="context" />, <CallbackPanel key="callbacks" />],
          assist: [<AssistPanel key="assist" />],
          work: [
            <WrapUpPanel key="wrapup" />,
            <SupervisorArea key="supervisor" />,
            <MonitoringPanel key="monitoring" />,
            <IdleDialPad key="dial" />,
            // Language and theme are set once, not during calls: last in the work pane, out of the call bar.
            <AppearanceControls key="appearance" />,
          ],
        }}
      />
    </main>
  );
}
