import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { selectNotices } from '../snapshotSlices';
import { api, useSnapshotPart } from '../useHearthline';

const dismiss = (id: string) => api().invoke('app.dismissNotice', { id }).catch(() => undefined);

/**
 * Main's notices, newest last. A notice raised again shows once with how often and when it last happened;
 * the list scrolls within a bounded strip (ui.css) so it can never cover the work area.
 */
export function Notices() {
  const { t, i18n } = useTranslation();
  const notices = useSnapshotPart(selectNotices);
  if (notices.length === 0) return null;
  const time = (ms: number) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(ms);
  return (
    <div className="notices-strip">
      <ul className="notices" aria-label={t('notice.list')}>
        {notices.map((notice) => (
          <li key={notice.id} className={`notice notice-${notice.level}`} data-testid="notice">
            <span>
              {t(notice.key, notice.values ?? {})}
              {notice.count !== undefined && <span className="notice-repeats"> {t('notice.repeated', { count: notice.count, time: time(notice.at) })}</span>}
            </span>
            <Button aria-label={t('notice.dismiss')} onPress={() => void dismiss(notice.id)}>
              ×
            </Button>
          </li>
        ))}
      </ul>
      {notices.length > 1 && (
        <Button className="notices-dismiss-all" onPress={() => void Promise.all(notices.map((notice) => dismiss(notice.id)))}>
          {t('notice.dismissAll')}
        </Button>
      )}
    </div>
  );
}
