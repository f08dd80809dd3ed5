import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { selectWrapUpUntil } from '../snapshotSlices';
import { api, formatDuration, useCommand, useMainNow, useSnapshotPart } from '../useHearthline';

/** The after-call work timer and the way out of it once the agent is done. */
export function AfterCallWork() {
  const { t } = useTranslation();
  const wrapUpUntil = useSnapshotPart(selectWrapUpUntil);
  const command = useCommand();
  // Ticks only while after-call work counts down.
  const now = useMainNow(wrapUpUntil === undefined ? undefined : 1000);
  if (wrapUpUntil === undefined) return null;
  return (
    <section className="after-call" aria-label={t('acw.label')} data-testid="after-call-work">
      <span className="acw-timer" role="timer">
        {t('acw.remaining', { time: formatDuration(wrapUpUntil - now) })}
      </span>
      <Button className="primary" onPress={() => command.run(() => api().invoke('agent.endWrapUp', {}))} data-testid="end-wrapup">
        {t('acw.done')}
      </Button>
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </section>
  );
}
