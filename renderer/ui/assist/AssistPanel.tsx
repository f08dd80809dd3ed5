// Agent assist beside the calls: live (redacted) transcript, knowledge suggestions with helpful / not
// helpful, the customer's sentiment trend and escalation cues, manual knowledge search, payment mode,
// and after hang-up the wrap-up draft.
import { memo, useState } from 'react';
import { Button, Form, Input, Label, SearchField, Switch } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AssistCallView, AssistDraft, Suggestion, TranscriptTurn } from '../../../common/contract/assist';
import { shortcutHint } from '../desk/shortcutHint';
import { codeLabel } from '../i18n/codes';
import { selectCallFocus } from '../snapshotSlices';
import { api, useCommand, useSnapshotPart } from '../useHearthline';
import { focusedAssistCall } from './focusedCall';
import { highlightParts, useAssistView } from './useAssist';
import { isHttpsUrl } from '../../../common/contract/knowledge';

export function AssistPanel() {
  const { t } = useTranslation();
  const view = useAssistView();
  // The call shown, as a slice: a ring the assist view has nothing for yet leaves the panel alone.
  const current = useSnapshotPart((snapshot) => (view ? focusedAssistCall(view.calls, selectCallFocus(snapshot)) : undefined));
  if (!view) return null;
  return (
    <section className="assist" aria-label={t('assist.title')} data-testid="assist">
      <header className="assist-header">
        <h2>{t('assist.title')}</h2>
        <span className={`asr asr-${view.asr.state}`} data-testid="asr-status" data-state={view.asr.state}>
          {t(`assist.asr.${view.asr.state}`, { provider: view.asr.provider })}
        </span>
      </header>
      {view.asr.state === 'unavailable' && view.asr.message && (
        <p className="assist-warning" role="status" data-testid="asr-message">
          {view.asr.message}
        </p>
      )}
      {(view.knowledge?.state === 'offline' || view.knowledge?.state === 'rejected') && (
        <p className="assist-warning" role="status" data-testid="kb-sync" data-state={view.knowledge.state}>
          {t(`assist.kbSync.${view.knowledge.state}`, { count: view.knowledge.articles })}
        </p>
      )}
      {current ? <CallAssist call={current} /> : <p className="assist-idle">{t('assist.idle')}</p>}
      <ManualSearch callId={current?.live ? current.callId : undefined} />
    </section>
  );
}

function CallAssist({ call }: { call: AssistCallView }) {
  const { t } = useTranslation();
  const command = useCommand();
  return (
    <div className="assist-call" data-call-id={call.callId} data-live={call.live}>
      {call.narrowband && (
        <p className="assist-warning" data-testid="assist-narrowband">
          {t('assist.narrowband')}
        </p>
      )}
      {call.live && <PaymentModeSwitch callId={call.callId} on={call.paymentMode} run={command.run} />}
      {call.paymentMode && <p className="assist-warning">{t('assist.paymentModeOn')}</p>}
      <Suggestions suggestions={call.suggestions} callId={call.callId} />
      <Transcript call={call} />
      <Sentiment trend={call.trend} mood={call.mood} escalation={call.escalation} />
      {call.draft && <Draft draft={call.draft} />}
      {command.error && <p className="error">{t('error.generic', { message: command.error })}</p>}
    </div>
  );
}

// The parts below are memoised on the parts of the call they show (kept identical while unchanged:
// useAssist.ts): a partial transcript, pushed several times a second, renders only the transcript.
const PaymentModeSwitch = memo(function PaymentModeSwitch({ callId, on, run }: { callId: string; on: boolean; run: ReturnType<typeof useCommand>['run'] }) {
  const { t } = useTranslation();
  return (
    <Switch className="payment-mode" data-testid="payment-mode" isSelected={on} onChange={(next) => run(() => api().invoke('assist.paymentMode', { callId, on: next }))}>
      <span className="switch-indicator" aria-hidden="true" />
      {t('assist.paymentMode')}
    </Switch>
  );
});

function Transcript({ call }: { call: AssistCallView }) {
  const { t } = useTranslation();
  return (
    <div className="transcript">
      <h3>{t('assist.transcript')}</h3>
      <ol data-testid="assist-transcript" aria-live="polite">
        <Turns turns={call.turns} />
        {(['customer', 'agent'] as const).map((leg) =>
          call.partial[leg] ? (
            <li key={`partial-${leg}`} className={`turn turn-${leg} partial`} data-testid="assist-partial">
              <span className="speaker">{t(`assist.leg.${leg}`)}</span> {call.partial[leg]}…
            </li>
          ) : null,
        )}
      </ol>
      {call.turns.length === 0 && !call.partial.customer && <p className="assist-idle">{t('assist.listening')}</p>}
    </div>
  );
}

const Turns = memo(function Turns({ turns }: { turns: readonly TranscriptTurn[] }) {
  const { t } = useTranslation();
  return turns.slice(-30).map((turn) => (
    <li key={turn.id} className={`turn turn-${turn.leg}${(turn.sentiment ?? 0) <= -0.2 ? ' turn-negative' : ''}`} data-leg={turn.leg}>
      <span className="speaker">{t(`assist.leg.${turn.leg}`)}</span> {turn.text}
      {turn.cues.map((cue) => (
        <span key={cue} className="cue">
          {t(`assist.cue.${cue}`)}
        </span>
      ))}
    </li>
  ));
});

function SuggestionCard({ suggestion, callId, testId }: { suggestion: Suggestion; callId?: string; testId: string }) {
  const { t } = useTranslation();
  const command = useCommand();
  const vote = (helpful: boolean) => command.run(() => api().invoke('assist.feedback', { callId, articleId: suggestion.articleId, helpful }));
  return (
    // Focusable so "next suggestion" (Alt+N) can bring each one to the agent and a screen reader reads it.
    <li className="suggestion" data-testid={testId} data-article-id={suggestion.articleId} tabIndex={-1} aria-label={suggestion.title}>
      <div className="suggestion-head">
        {isHttpsUrl(suggestion.url) ? (
          // A normal link: the headless host's browser opens a new tab; Electron hands https to the system browser.
          <a href={suggestion.url} target="_blank" rel="noopener noreferrer" className="suggestion-title">
            {suggestion.title}
          </a>
        ) : (
          <span className="suggestion-title">{suggestion.title}</span>
        )}
        <span className="confidence" title={t('assist.confidence')}>
          {Math.round(suggestion.confidence * 100)}%
        </span>
      </div>
      <p className="passage">
        {highlightParts(suggestion.passage).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
      </p>
      <div className="votes">
        <Button className={suggestion.feedback === 'helpful' ? 'voted' : undefined} aria-pressed={suggestion.feedback === 'helpful'} onPress={() => vote(true)}>
          {t('assist.helpful')}
        </Button>
        <Button className={suggestion.feedback === 'notHelpful' ? 'voted' : undefined} aria-pressed={suggestion.feedback === 'notHelpful'} onPress={() => vote(false)}>
          {t('assist.notHelpful')}
        </Button>
      </div>
    </li>
  );
}

const Suggestions = memo(function Suggestions({ suggestions, callId }: { suggestions: readonly Suggestion[]; callId: string }) {
  const { t } = useTranslation();
  if (suggestions.length === 0) return null;
  return (
    <div className="suggestions">
      <h3>{t('assist.suggestions')}</h3>
      <ol data-testid="suggestions">
        {suggestions.map((suggestion) => (
          <SuggestionCard key={suggestion.articleId} suggestion={suggestion} callId={callId} testId="suggestion" />
        ))}
      </ol>
    </div>
  );
});

const Sentiment = memo(function Sentiment({ trend: points, mood: score, escalation }: { trend: AssistCallView['trend']; mood: number; escalation: readonly string[] }) {
  const { t } = useTranslation();
  const width = 160;
  const height = 36;
  const path = points
    .map((point, i) => `${i === 0 ? 'M' : 'L'}${points.length === 1 ? width / 2 : (i / (points.length - 1)) * width},${((1 - point.score) / 2) * height}`)
    .join(' ');
  const mood = score <= -0.2 ? 'negative' : score >= 0.2 ? 'positive' : 'neutral';
  return (
    <div className={`sentiment sentiment-${mood}`} data-testid="sentiment" data-mood={score} data-label={mood}>
      <span>{t(`assist.mood.${mood}`)}</span>
      <svg width={width} height={height} role="img" aria-label={t('assist.trend')}>
        <line x1="0" x2={width} y1={height / 2} y2={height / 2} className="baseline" />
        {path && <path d={path} className="trend" />}
      </svg>
      {escalation.length > 0 && (
        <span className="escalation" role="alert" data-testid="escalation">
          {escalation.map((cue) => t(`assist.cue.${cue}`)).join(' · ')}
        </span>
      )}
    </div>
  );
});

const Draft = memo(function Draft({ draft }: { draft: AssistDraft }) {
  const { t } = useTranslation();
  // Outcome codes in the UI language; a code only a gateway knows is shown as it is.
  const outcome = codeLabel(t, 'disposition', draft.disposition);
  return (
    <div className="assist-draft" data-testid="assist-draft">
      <h3>{t('assist.draft')}</h3>
      {!draft.notes && <p className="assist-idle">{t('assist.draftEmpty')}</p>}
      <dl>
        {draft.reason && (
          <>
            <dt>{t('assist.reason')}</dt>
            <dd data-testid="draft-reason">{draft.reason}</dd>
          </>
        )}
        {draft.disposition && (
          <>
            <dt>{t('assist.disposition')}</dt>
            <dd data-testid="draft-disposition" data-code={draft.disposition}>
              {outcome}
            </dd>
          </>
        )}
        {draft.entities.length > 0 && (
          <>
            <dt>{t('assist.entities')}</dt>
            <dd>{draft.entities.map((entity) => `${t(`assist.entity.${entity.kind}`)} ${entity.text}`).join(' · ')}</dd>
          </>
        )}
        {draft.promises.length > 0 && (
          <>
            <dt>{t('assist.promises')}</dt>
            <dd>{draft.promises.join(' · ')}</dd>
          </>
        )}
      </dl>
      {draft.notes && <pre className="draft-notes">{draft.notes}</pre>}
    </div>
  );
});

// Memoised: the panel renders when the call it shows changes (a ring hides the last call's assist), the
// search box only when the call its results belong to does.
const ManualSearch = memo(function ManualSearch({ callId }: { callId?: string }) {
  const { t } = useTranslation();
  const command = useCommand();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Suggestion[] | undefined>();
  const search = () => {
    if (!query.trim()) return;
    command.run(async () => setResults((await api().invoke('assist.search', { query, callId })).results));
  };
  return (
    <div className="kb-search">
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          search();
        }}
      >
        <SearchField value={query} onChange={setQuery} onSubmit={search}>
          <Label>{t('assist.search')}</Label>
          <Input data-testid="kb-search" placeholder={t('assist.searchPlaceholder')} ref={shortcutHint(t, 'search')} />
        </SearchField>
        <Button type="submit">{t('assist.searchButton')}</Button>
      </Form>
      {results && results.length === 0 && <p className="assist-idle">{t('assist.noResults')}</p>}
      {results && results.length > 0 && (
        <ol>
          {results.map((suggestion) => (
            <SuggestionCard key={suggestion.articleId} suggestion={suggestion} callId={callId} testId="search-result" />
          ))}
        </ol>
      )}
      {command.error && <p className="error">{t('error.generic', { message: command.error })}</p>}
    </div>
  );
});
