// "Why this call": the routing context of the call the customer panel is about — queue, skill, time
// waited, the IVR path, and the self-service bot's transcript and detected intent. Headers that were
// malformed or oversized show one plain line; a call routed without headers shows nothing at all.
// Every value is rendered as text (React escapes it); main has already validated and capped it.
import { useTranslation } from 'react-i18next';
import type { CallRouting } from '../../../common/contract/routing';
import { useRoutingView } from './useRouting';

export function RoutingSection({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const view = useRoutingView();
  const routing = view?.calls.find((candidate) => candidate.callId === callId);
  if (!routing || routing.status === 'none') return null;
  return (
    <section className="routing-section" aria-label={t('routing.title')} data-testid="routing" data-status={routing.status}>
      <h3>{t('routing.title')}</h3>
      {routing.status === 'unavailable' ? <p data-testid="routing-unavailable">{t('routing.unavailable')}</p> : <RoutingDetails routing={routing} />}
    </section>
  );
}

function RoutingDetails({ routing }: { routing: CallRouting }) {
  const { t } = useTranslation();
  const { intent } = routing;
  return (
    <>
      <dl className="routing-facts">
        {routing.queue && <Fact label={t('routing.queue')} testId="routing-queue" value={routing.queue} />}
        {routing.skill && <Fact label={t('routing.skill')} testId="routing-skill" value={routing.skill} />}
        {routing.waitedSeconds !== undefined && (
          <Fact
            label={t('routing.waited')}
            testId="routing-waited"
            value={t('routing.waitedTime', { minutes: Math.floor(routing.waitedSeconds / 60), seconds: routing.waitedSeconds % 60 })}
          />
        )}
        {intent && <Fact label={t('routing.intent')} testId="routing-intent" value={t('routing.intentValue', { label: intent.label, confidence: Math.round(intent.confidence * 100) })} />}
      </dl>
      {routing.ivrPath.length > 0 && (
        <ol className="routing-ivr-path" aria-label={t('routing.ivrPath')} data-testid="routing-ivr-path">
          {routing.ivrPath.map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </ol>
      )}
      {intent?.selfServiceable && (
        <p className="routing-self-service" data-testid="routing-self-service">
          {t('routing.selfService')}
          {intent.selfServiceUrl && (
            <>
              {' — '}
              <a href={intent.selfServiceUrl} target="_blank" rel="noreferrer noopener" aria-label={t('routing.selfServiceLink')}>
                {intent.selfServiceUrl}
              </a>
            </>
          )}
        </p>
      )}
      {routing.record === 'loading' && <p aria-busy="true">{t('routing.recordLoading')}</p>}
      {routing.record === 'failed' && <p data-testid="routing-record-failed">{t('routing.recordFailed')}</p>}
      {routing.transcript.length > 0 && (
        <ol className="routing-transcript" aria-label={t('routing.transcript')} data-testid="routing-transcript">
          {routing.transcript.map((turn, index) => (
            <li key={index} data-speaker={turn.speaker}>
              <strong>{t(turn.speaker === 'bot' ? 'routing.bot' : 'routing.customer')}:</strong> {turn.text}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** One labelled value of a definition list (also the callback preview's, renderer/ui/callbacks). */
export function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
