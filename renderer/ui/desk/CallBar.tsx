// The bar that never scrolls away: the agent's state and background progress on top, then every call
// with its controls (state, caller, timer, quality, hold, mute, transfer, keypad, hang up) and the
// after-call work timer.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../common/contract/model';
import { PresenceBar } from '../agent/PresenceBar';
import { AfterCallWork } from '../calls/AfterCallWork';
import { CallCard } from '../calls/CallCard';
import { selectCalls } from '../snapshotSlices';
import { useSnapshotPart } from '../useHearthline';
import { ProgressStrip } from './ProgressStrip';

/** An ended card shows no waiting, consultation or merge, so it needs no other calls (and does not render when one rings). */
const NO_OTHER_CALLS: readonly Call[] = [];

/** Each part reads its own slice of the snapshot: a ringing call renders the list of calls, not the state row. */
export function CallBar({ tools }: { tools: ReactNode }) {
  return (
    <div className="call-bar" data-testid="call-bar">
      <div className="state-row">
        <PresenceBar />
        <ProgressStrip />
        <div className="tools">{tools}</div>
      </div>
      <CallList />
      <AfterCallWork />
    </div>
  );
}

function CallList() {
  const { t } = useTranslation();
  const all = useSnapshotPart(selectCalls);
  const calls = [...all].sort((a, b) => b.startedAt - a.startedAt);
  return (
    <section className="calls" aria-label={t('app.calls')}>
      {calls.length === 0 && <p className="no-call">{t('desk.noCall')}</p>}
      {calls.map((call) => (
        <CallCard key={call.id} call={call} calls={call.state === 'ended' ? NO_OTHER_CALLS : all} />
      ))}
    </section>
  );
}
