import { useTranslation } from 'react-i18next';
import type { Snapshot } from '../../../common/contract/model';
import { OutboxPanel } from './OutboxPanel';
import { Reminders } from './Reminders';
import { useWrapUpView } from './useWrapUp';
import { WrapUpForm } from './WrapUpForm';

/** Everything after the call: the storage banner, open wrap-up forms, callback reminders and the sync queue. */
export function WrapUpPanel({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const view = useWrapUpView();
  if (!view) return null;
  const liveCalls = new Set(snapshot.calls.filter((call) => call.state !== 'ended').map((call) => call.id));
  return (
    <section className="wrapup" aria-label={t('wrapup.area')}>
      {view.storage.mode === 'sessionOnly' && (
        <p className="banner banner-error" role="alert" data-testid="storage-banner">
          {t(`storage.sessionOnly.${view.storage.problem ?? 'unknown'}`)} {t('storage.notKept')}
          {view.storage.detail && <span className="detail"> ({view.storage.detail})</span>}
        </p>
      )}
      {view.drafts.map((draft) => (
        <WrapUpForm key={draft.callId} view={draft} dispositions={view.dispositions} callLive={liveCalls.has(draft.callId)} />
      ))}
      <Reminders reminders={view.reminders} canDial={snapshot.registration.state === 'registered'} />
      <OutboxPanel view={view} />
    </section>
  );
}
