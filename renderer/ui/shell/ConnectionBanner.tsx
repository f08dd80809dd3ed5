import { useTranslation } from 'react-i18next';
import { selectConnection } from '../snapshotSlices';
import { useSnapshotPart } from '../useHearthline';

/** Says plainly why the agent cannot take calls right now, if that is the case. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useSnapshotPart(selectConnection);
  if (!connection) return null;
  const { registration, passwordMissing } = connection;
  let text: string | undefined;
  let level = 'warning';
  if (registration.state === 'failed') {
    text = t(`registration.failed.${registration.failure ?? 'rejected'}`);
    level = 'error';
  } else if (registration.state === 'reconnecting') {
    text = t('registration.reconnecting');
  } else if (registration.state === 'unconfigured' && !passwordMissing) {
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
