// Which sentence the screens show for a join (supervisor side) and for listeners (agent side): pure, so
// the mapping is tested without a browser.
import type { JoinSession, Listener } from '../../../common/contract/monitoring';

/** The catalogue key for the supervisor's status line. */
export function sessionStatusKey(session: JoinSession): string {
  if (session.state === 'joining') return 'monitoring.state.joining';
  if (session.state === 'joined') return `monitoring.state.joined.${session.mode}`;
  return `monitoring.ended.${session.reason ?? 'failed'}`;
}

/** The catalogue key and name for each listener line on the agent's screen. */
export function listenerLines(listeners: readonly Listener[]): Array<{ key: string; name: string }> {
  return listeners.map((listener) => ({ key: `monitoring.listener.${listener.mode}`, name: listenerName(listener) }));
}

/** The display name is the caller's own word; the verified SIP user is always part of what is shown. */
function listenerName(listener: Listener): string {
  const display = listener.displayName?.trim();
  if (!display) return listener.supervisor;
  return display.includes(listener.supervisor) ? display : `${display} (${listener.supervisor})`;
}
