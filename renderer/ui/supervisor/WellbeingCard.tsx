// The agent's side of wellbeing: "I need a minute", the calm recovery offer after a difficult call, and
// exactly what this laptop sends the team board (so nothing is shared behind the agent's back).
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { SupervisorView } from '../../../common/contract/supervisor';
import { api, formatDuration, useCommand } from '../useHearthline';
import { flagText } from './flagText';

export function WellbeingCard({ view, now }: { view: SupervisorView; now: number }) {
  const { t } = useTranslation();
  const command = useCommand();
  const { wellbeing, sharedState } = view;
  return (
    <div className="wellbeing" data-testid="wellbeing">
      {wellbeing.offer && (
        <div className="recovery-offer" role="status" aria-label={t('supervisor.wellbeing.offerLabel')}>
          <p>{t(wellbeing.offer.why === 'asked' ? 'supervisor.wellbeing.offerAsked' : 'supervisor.wellbeing.offerDifficult', { minutes: wellbeing.offer.minutes })}</p>
          <Button onPress={() => command.run(() => api().invoke('supervisor.takeRecoveryBreak', {}))}>{t('supervisor.wellbeing.take', { minutes: wellbeing.offer.minutes })}</Button>
          <Button onPress={() => command.run(() => api().invoke('supervisor.dismissOffer', {}))}>{t('supervisor.wellbeing.notNow')}</Button>
        </div>
      )}
      {wellbeing.breakUntil && <p role="status">{t('supervisor.wellbeing.onBreak', { left: formatDuration(wellbeing.breakUntil - now) })}</p>}
      {!wellbeing.offer && !wellbeing.breakUntil && <Button onPress={() => command.run(() => api().invoke('supervisor.needMinute', {}))}>{t('supervisor.wellbeing.needMinute')}</Button>}
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
      <Disclosure>
        <Heading>
          <Button slot="trigger">{t('supervisor.wellbeing.whatShared')}</Button>
        </Heading>
        <DisclosurePanel>
          <ul aria-label={t('supervisor.wellbeing.whatShared')} data-testid="shared-state">
            {sharedState ? (
              <>
                <li>{t('supervisor.board.state')}: {t(`presence.${sharedState.presence}`)}</li>
                <li>{t('supervisor.board.backlog')}: {sharedState.wrapUpBacklog}</li>
                <li>{t('supervisor.board.unsynced')}: {sharedState.unsyncedNotes}</li>
                <li>{t('supervisor.board.readiness')}: {t(`supervisor.readiness.${sharedState.readiness}`)}</li>
                <li>
                  {t('supervisor.board.flags')}:{' '}
                  {!wellbeing.shared
                    ? t('supervisor.wellbeing.flagsNotShared')
                    : sharedState.flags.length === 0
                      ? t('supervisor.wellbeing.noFlags')
                      : sharedState.flags.map((flag) => t(flagText(flag).key, flagText(flag).values)).join(', ')}
                </li>
              </>
            ) : (
              <li>{t('supervisor.wellbeing.nothingYet')}</li>
            )}
          </ul>
          <p>{t('supervisor.wellbeing.neverShared')}</p>
        </DisclosurePanel>
      </Disclosure>
    </div>
  );
}
