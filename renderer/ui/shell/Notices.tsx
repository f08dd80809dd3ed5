import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Snapshot } from '../../../common/contract/model';
import { api } from '../useHearthline';

export function Notices({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  if (snapshot.notices.length === 0) return null;
  return (
    <ul className="notices" aria-label={t('notice.list')}>
      {snapshot.notices.map((notice) => (
        <li key={notice.id} className={`notice notice-${notice.level}`} data-testid="notice">
          <span>{t(notice.key, notice.values ?? {})}</span>
          <Button aria-label={t('notice.dismiss')} onPress={() => void api().invoke('app.dismissNotice', { id: notice.id }).catch(() => undefined)}>
            ×
          </Button>
        </li>
      ))}
    </ul>
  );
}
