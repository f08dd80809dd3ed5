// After the laptop sleeps, the SIP socket may be dead without anyone having noticed (no FIN ever came):
// both hosts ask the call engine to check it and re-register at once instead of waiting for the next
// keep-alive. Electron calls this from powerMonitor's resume/unlock-screen (main/electron/glue.ts); the
// headless host from SIGCONT, which is what a process stopped and continued sees (main/host/headless.ts).
import type { EngineCommand } from '../../common/contract/channels';
import type { Logger } from '../log/logger';

export interface ResumeTarget {
  trySend(command: EngineCommand): void;
}

export function reconnectAfterResume(engine: ResumeTarget, log: Pick<Logger, 'info'>, trigger: string): void {
  log.info({ trigger }, 'system resumed: asking the call engine to re-register');
  engine.trySend({ type: 'reconnect' });
}
