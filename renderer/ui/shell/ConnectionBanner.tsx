import { useTranslation } from 'react-i18next';
import type { Snapshot } from '../../../common/contract/model';

/** Says plainly why the agent cannot take calls right now, if that is the case. */
export function ConnectionBanner({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const { registration } = snapshot;
  let text: string | undefined;
  let level = 'warning';
  if (registration.state === 'failed') {
    text = t(`registration.failed.${registration.failure ?? 'rejected'}`);
    level = 'error';
  } else if (registration.state === 'reconnecting') {
    text = t('registration.reconnecting');
  } else if (registration.state === 'unconfigured' && !snapshot.account?.passwordMissing) {
    text = t('registration.unconfigured');
  }
  if (!text) return null;
  return (
    <div className={`banner banner-${level}`} role="alert" data-testid="connection-banner">
      {text}
      {registration.detail && <span className="detail"> ({registration.detail})</span>}
    </div>
  );
}
