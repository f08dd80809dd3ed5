// The supervisor's controls for one agent: Monitor / Whisper / Barge / Leave, and what is happening in
// plain words (joining, the mode in force, or why a join was refused or ended). Mounted for each agent
// this app offers to join, and in the team board's row of an agent on a call (with `label`, no heading).
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { JOIN_MODES, type JoinMode, type JoinSession } from '../../../common/contract/monitoring';
import { api, useCommand } from '../useHearthline';
import { sessionStatusKey } from './monitoringText';

export function JoinCallControls({ agent, session, label }: { agent: string; session: JoinSession | null; label?: string }) {
  const { t } = useTranslation();
  const command = useCommand();
  const mine = session?.agent === agent ? session : null;
  const live = mine !== null && mine.state !== 'ended';
  const otherLive = session !== null && session.state !== 'ended' && session.agent !== agent;
  const join = (mode: JoinMode) => command.run(() => api().invoke('monitoring.join', { agent, mode }));
  const status = mine ? sessionStatusKey(mine) : undefined;
  return (
    <section className={label ? 'join-call join-call-row' : 'join-call'} aria-label={label ?? t('monitoring.agent', { agent })} data-testid="join-call" data-agent={agent}>
      {!label && <h3>{t('monitoring.agent', { agent })}</h3>}
      <div className="join-call-modes" role="group" aria-label={t('monitoring.region')}>
        {JOIN_MODES.map((mode) => (
          <Button
            key={mode}
            className={mine?.mode === mode && live ? 'join-mode active' : 'join-mode'}
            aria-pressed={mine?.mode === mode && mine.state === 'joined'}
            aria-description={t(`monitoring.modeHint.${mode}`)}
            isDisabled={otherLive || mine?.state === 'joining'}
            onPress={() => join(mode)}
          >
            {t(`monitoring.${mode}`)}
          </Button>
        ))}
        <Button className="join-leave" isDisabled={!live} onPress={() => command.run(() => api().invoke('monitoring.leave', {}))}>
          {t('monitoring.leave')}
        </Button>
      </div>
      <p className={mine?.state === 'ended' && mine.reason !== 'left' ? 'join-call-status problem' : 'join-call-status'} role="status" data-testid="join-call-status">
        {status ? t(status, { agent }) : ''}
      </p>
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </section>
  );
}
