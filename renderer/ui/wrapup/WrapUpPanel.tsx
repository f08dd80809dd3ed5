import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { OutboxPanel } from './OutboxPanel';
import { Reminders } from './Reminders';
import { useWrapUpView } from './useWrapUp';
import { SharedTranslation } from '../i18n/sharedTranslation';
import { WrapUpForm } from './WrapUpForm';

/**
 * Everything after the call: the storage banner, open wrap-up forms, callback reminders and the sync queue.
 * It reads the wrap-up view alone; what each part needs of the call snapshot (is this form's call still
 * live, can a reminder dial) the part reads itself, so a call ringing renders none of this.
 */
export const WrapUpPanel = memo(function WrapUpPanel() {
  const { t } = useTranslation();
  const view = useWrapUpView();
  if (!view) return null;
  // The forms and the outbox translate through one subscription (i18n/sharedTranslation.tsx).
  return (
    <SharedTranslation>
      <section className="wrapup" aria-label={t('wrapup.area')}>
        {view.storage.mode === 'sessionOnly' && (
          <p className="banner banner-error" role="alert" data-testid="storage-banner">
            {t(`storage.sessionOnly.${view.storage.problem ?? 'unknown'}`)} {t('storage.notKept')}
            {view.storage.detail && <span className="detail"> ({view.storage.detail})</span>}
          </p>
        )}
        {view.drafts.map((draft) => (
          <WrapUpForm key={draft.callId} view={draft} dispositions={view.dispositions} />
        ))}
        <Reminders reminders={view.reminders} />
        <OutboxPanel queue={view.queue} items={view.items} dispositions={view.dispositions} />
      </section>
    </SharedTranslation>
  );
});
