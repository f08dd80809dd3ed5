import { memo } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CallbackReminder } from '../../../common/contract/wrapup';
import { clickToDial } from '../calls/clickToDial';
import { api, useCommand, useSnapshotPart } from '../useHearthline';

/** Callback reminders: due ones first with a one-click call; they come from the local store, so they work offline. */
/** Memoised, and reads only whether it can dial: a call ringing does not render it. */
export const Reminders = memo(function Reminders({ reminders }: { reminders: CallbackReminder[] }) {
  const { t, i18n } = useTranslation();
  const canDial = useSnapshotPart((snapshot) => snapshot?.registration.state === 'registered');
  const command = useCommand();
  if (reminders.length === 0) return null;
  const when = (ms: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(ms);
  const ordered = [...reminders].sort((a, b) => Number(b.state === 'due') - Number(a.state === 'due') || a.dueAt - b.dueAt);
  return (
    <section className="reminders" aria-label={t('reminder.title')} data-testid="reminders">
      <h2>{t('reminder.title')}</h2>
      <ul>
        {ordered.map((reminder) => (
          <li key={reminder.id} className={`reminder reminder-${reminder.state}`} data-testid="reminder" data-state={reminder.state}>
            <span className="when">{reminder.state === 'due' ? t('reminder.dueNow') : when(reminder.dueAt)}</span>
            <span className="number">{reminder.number}</span>
            {reminder.reason && <span className="reason">{reminder.reason}</span>}
            <Button
              className={reminder.state === 'due' ? 'primary' : undefined}
              isDisabled={!canDial}
              aria-label={t('dial.callNumber', { number: reminder.number })}
              onPress={() =>
                command.run(async () => {
                  await clickToDial(reminder.number);
                  await api().invoke('reminder.resolve', { id: reminder.id, outcome: 'dialed' });
                })
              }
              data-testid="reminder-dial"
            >
              {t('reminder.call', { number: reminder.number })}
            </Button>
            <Button onPress={() => command.run(() => api().invoke('reminder.resolve', { id: reminder.id, outcome: 'dismissed' }))}>{t('reminder.dismiss')}</Button>
          </li>
        ))}
      </ul>
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </section>
  );
});
