// Tells the agent when the log file cannot be written (full disk, read-only profile), once per episode,
// and when it works again. Calls and the rest of the app carry on either way.
import type { LogFileHealth } from './logHealth';
import { logTroubleNotice } from './logHealth';
import { logFileWatch, type Logger } from './logger';

export type NoticeSink = (level: 'info' | 'warning' | 'error', key: string, values?: Record<string, string>) => void;

/** Returns the unsubscribe; a logger without a file (tests, stderr only) never notifies. */
export function noticeLogTrouble(log: Logger, notify: NoticeSink): () => void {
  const watch = logFileWatch(log);
  if (!watch) return () => undefined;
  const tell = (health: LogFileHealth) => {
    const notice = logTroubleNotice(health);
    if (notice) notify('warning', notice.key, notice.values);
    else notify('info', 'notice.logRestored');
  };
  if (watch.status().state === 'failing') tell(watch.status());
  return watch.subscribe(tell);
}
