// The bar that never scrolls away: the agent's state and background progress on top, then every call
// with its controls (state, caller, timer, quality, hold, mute, transfer, keypad, hang up) and the
// after-call work timer.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call, Snapshot } from '../../../common/contract/model';
import { PresenceBar } from '../agent/PresenceBar';
import { AfterCallWork } from '../calls/AfterCallWork';
import { CallCard } from '../calls/CallCard';
import { ProgressStrip } from './ProgressStrip';

/** An ended card shows no waiting, consultation or merge, so it needs no other calls (and does not render when one rings). */
const NO_OTHER_CALLS: readonly Call[] = [];

export function CallBar({ snapshot, tools }: { snapshot: Snapshot; tools: ReactNode }) {
  const { t } = useTranslation();
  const calls = [...snapshot.calls].sort((a, b) => b.startedAt - a.startedAt);
  return (
    <div className="call-bar" data-testid="call-bar">
      <div className="state-row">
        <PresenceBar snapshot={snapshot} />
        <ProgressStrip snapshot={snapshot} />
        <div className="tools">{tools}</div>
      </div>
      <section className="calls" aria-label={t('app.calls')}>
        {calls.length === 0 && <p className="no-call">{t('desk.noCall')}</p>}
        {calls.map((call) => (
          <CallCard key={call.id} call={call} calls={call.state === 'ended' ? NO_OTHER_CALLS : snapshot.calls} />
        ))}
      </section>
      <AfterCallWork snapshot={snapshot} />
    </div>
  );
}
