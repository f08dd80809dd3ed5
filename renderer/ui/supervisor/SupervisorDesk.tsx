// The supervisor's screen: the queue of raised hands (accept one; others see it taken), a chat thread
// per accepted hand, and the team board, live from the gateway's stream.
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Board, HandView, SupervisorView } from '../../../common/contract/supervisor';
import type { JoinSession } from '../../../common/contract/monitoring';
import { JoinCallControls } from '../monitoring/JoinCallControls';
import { useMonitoringView } from '../monitoring/MonitoringPanel';
import { api, formatDuration, useCommand } from '../useHearthline';
import { flagText } from './flagText';
import { ChatThread, HandContextLines } from './HandParts';

export function SupervisorDesk({ view, now }: { view: SupervisorView; now: number }) {
  const { t } = useTranslation();
  const open = view.hands.filter((hand) => hand.state !== 'closed');
  const monitoring = useMonitoringView();
  return (
    <section className="supervisor-desk" aria-label={t('supervisor.desk.title')}>
      <h2>{t('supervisor.desk.title')}</h2>
      <section aria-label={t('supervisor.desk.queue')}>
        <h3>{t('supervisor.desk.queue')}</h3>
        {open.length === 0 && <p>{t('supervisor.desk.noHands')}</p>}
        <ul className="hand-queue">
          {open.map((hand) => (
            <QueuedHand key={hand.id} hand={hand} me={view.me} now={now} />
          ))}
        </ul>
      </section>
      {view.board ? <TeamBoard board={view.board} live={view.boardLive} now={now} session={monitoring?.session ?? null} /> : <p>{t('supervisor.board.loading')}</p>}
    </section>
  );
}

function QueuedHand({ hand, me, now }: { hand: HandView; me: string | undefined; now: number }) {
  const { t } = useTranslation();
  const command = useCommand();
  const mine = hand.takenBy === me;
  return (
    <li className="queued-hand" aria-label={t('supervisor.desk.handFrom', { name: hand.agentName })} data-hand-state={hand.state}>
      <p>
        <strong>{hand.agentName}</strong> · {t('supervisor.desk.waited', { time: formatDuration(now - hand.raisedAt) })}
      </p>
      {hand.text && <p className="hand-text">{hand.text}</p>}
      <HandContextLines context={hand.context} />
      {hand.state === 'open' && <Button onPress={() => command.run(() => api().invoke('supervisor.acceptHand', { handId: hand.id }))}>{t('supervisor.desk.accept')}</Button>}
      {hand.state === 'taken' && !mine && <p role="status">{t('supervisor.desk.takenBy', { name: hand.takenBy })}</p>}
      {mine && (
        <>
          <ChatThread hand={hand} canWrite />
          <Button onPress={() => command.run(() => api().invoke('supervisor.closeHand', { handId: hand.id }))}>{t('supervisor.desk.close')}</Button>
        </>
      )}
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </li>
  );
}

function TeamBoard({ board, live, now, session }: { board: Board; live: boolean; now: number; session: JoinSession | null }) {
  const { t } = useTranslation();
  // The gateway's clock stamps the board; time in state is counted from the agent's own timestamps.
  const hands = new Set(board.hands.filter((hand) => hand.state !== 'closed').map((hand) => hand.agent));
  return (
    <section aria-label={t('supervisor.board.title')}>
      <h3>
        {t('supervisor.board.title')} <span className={live ? 'board-live' : 'board-stale'}>{live ? t('supervisor.board.live') : t('supervisor.board.notLive')}</span>
      </h3>
      <table className="team-board">
        <thead>
          <tr>
            <th scope="col">{t('supervisor.board.agent')}</th>
            <th scope="col">{t('supervisor.board.state')}</th>
            <th scope="col">{t('supervisor.board.timeInState')}</th>
            <th scope="col">{t('supervisor.board.call')}</th>
            <th scope="col">{t('supervisor.board.backlog')}</th>
            <th scope="col">{t('supervisor.board.unsynced')}</th>
            <th scope="col">{t('supervisor.board.readiness')}</th>
            <th scope="col">{t('supervisor.board.hand')}</th>
            <th scope="col">{t('supervisor.board.flags')}</th>
            <th scope="col">{t('monitoring.boardColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {board.agents.map((agent) => (
            <tr key={agent.agent} data-agent={agent.agent} data-presence={agent.presence}>
              <th scope="row">{agent.displayName}</th>
              <td>
                {t(`presence.${agent.presence}`)}
                {agent.reason ? ` (${t(`availability.reasons.${agent.reason}`, { defaultValue: agent.reason })})` : ''}
              </td>
              <td>{formatDuration(now - agent.since)}</td>
              <td>{agent.callSince ? formatDuration(now - agent.callSince) : '—'}</td>
              <td>{agent.wrapUpBacklog}</td>
              <td>{agent.unsyncedNotes}</td>
              <td>{t(`supervisor.readiness.${agent.readiness}`)}</td>
              <td>{hands.has(agent.agent) ? t('supervisor.board.handRaised') : ''}</td>
              <td>{agent.flags.map((flag) => t(flagText(flag).key, flagText(flag).values)).join(', ')}</td>
              <td>
                {/* Joining is offered while the agent is on a call, and stays while this supervisor is on it; the agent's engine decides. */}
                {(agent.presence === 'onCall' || (session?.agent === agent.agent && session.state !== 'ended')) && (
                  <JoinCallControls agent={agent.agent} session={session} label={t('monitoring.boardJoin', { name: agent.displayName })} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
