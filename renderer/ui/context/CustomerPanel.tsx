// The customer panel: who is calling (while it still rings), their recent contacts across channels, the
// repeat-contact flag, open cases; search/link/create for unknown numbers, a pick among customers sharing
// a number, "forget this customer", and the follow-up suggestion at wrap-up. It never blocks call
// controls: it only reads what main pushes, and every action is a request that may fail on its own.
import { useEffect, useState } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CallContext, CustomerContext, FollowUpSuggestion } from '../../../common/contract/context';
import { DialLink } from '../calls/DialLink';
import { ConfirmAction } from '../desk/ConfirmAction';
import { codeLabel, languageName } from '../i18n/codes';
import { selectCallFocus, selectNoCalls, type CallFocus } from '../snapshotSlices';
import { api, useCommand, useSnapshotPart } from '../useHearthline';
import { useWrapUpView } from '../wrapup/useWrapUp';
import { useContextView } from './useCustomerContext';
import { RoutingSection } from '../routing/RoutingSection';

/** The call the panel is about: a ringing one first, then the active one, then the latest. */
export function focusCall(calls: readonly CallFocus[], contexts: readonly CallContext[]): CallContext | undefined {
  const byId = new Map(contexts.map((context) => [context.callId, context]));
  const ordered = [...calls].sort((a, b) => b.startedAt - a.startedAt);
  const pickFirst = (test: (call: CallFocus) => boolean) => ordered.filter(test).map((call) => byId.get(call.id)).find(Boolean);
  return (
    pickFirst((call) => call.direction === 'inbound' && call.state === 'ringing') ??
    pickFirst((call) => call.state === 'connected' && !call.onHold) ??
    pickFirst((call) => call.state !== 'ended') ??
    pickFirst(() => true)
  );
}

function useTimeFormat() {
  const { i18n } = useTranslation();
  return {
    time: (at: number) => new Date(at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }),
    dateTime: (at: number) => new Date(at).toLocaleString(i18n.language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
  };
}

function age(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

/** Before the first call of the session: what the customer pane is for. */
export function CustomerIdleHint() {
  const { t } = useTranslation();
  return useSnapshotPart(selectNoCalls) ? <p className="pane-hint">{t('desk.customerIdle')}</p> : null;
}

export function CustomerPanel() {
  const { t } = useTranslation();
  const view = useContextView();
  // The call shown and whether it ended, read as one slice: a ring whose context has not come yet (or a
  // second call ringing beside the one shown) leaves the panel alone.
  const focus = useSnapshotPart((snapshot) => {
    const calls = selectCallFocus(snapshot);
    const context = view ? focusCall(calls, view.calls) : undefined;
    return context && { context, ended: calls.find((call) => call.id === context.callId)?.state === 'ended' };
  });
  if (!view || !focus) return null;
  const { context } = focus;
  const selected = context.matches.find((match) => match.customer.id === context.selectedId);
  return (
    <section className="customer-panel" aria-label={t('context.title')} data-testid="customer-panel" data-status={context.status} data-call-id={context.callId}>
      <Freshness context={context} selected={selected} now={view.now} />
      <RoutingSection callId={context.callId} />
      {context.status === 'loading' && <p aria-busy="true">{t('context.loading', { number: context.number })}</p>}
      {context.status === 'choose' && <Chooser context={context} />}
      {selected && <CustomerCard context={context} match={selected} now={view.now} />}
      {context.status === 'unknown' && <Unknown context={context} />}
      {selected && focus.ended && <FollowUp callId={context.callId} />}
    </section>
  );
}

function Freshness({ context, selected, now }: { context: CallContext; selected: CustomerContext | undefined; now: number }) {
  const { t } = useTranslation();
  const { time } = useTimeFormat();
  return (
    <div className="context-freshness" role="status" aria-live="polite">
      {context.offline && context.asOf !== undefined && (
        <span className="context-offline" data-testid="context-offline">
          {t('context.offlineAsOf', { time: time(context.asOf) })}
        </span>
      )}
      {context.offline && context.asOf === undefined && context.status === 'unknown' && (
        <span className="context-offline" data-testid="context-offline">
          {t('context.offlineNothing', { number: context.number })}
        </span>
      )}
      {!context.offline && selected?.stale && <span data-testid="context-stale">{t('context.staleAge', { age: age(now - selected.fetchedAt) })}</span>}
      {!context.offline && !selected?.stale && context.asOf !== undefined && <span className="context-updated">{t('context.updated', { time: time(context.asOf) })}</span>}
      {context.refreshing && <span className="context-refreshing">{t('context.refreshing')}</span>}
      {context.rejected && (
        <span className="context-rejected" data-testid="context-rejected">
          {t('context.rejected', { fields: context.rejected.slice(0, 3).join('; ') })}
        </span>
      )}
    </div>
  );
}

function Chooser({ context }: { context: CallContext }) {
  const { t } = useTranslation();
  const command = useCommand();
  return (
    <div className="context-choose" data-testid="context-choose">
      <p>{t('context.choose', { count: context.matches.length, number: context.number })}</p>
      <ul>
        {context.matches.map((match) => (
          <li key={match.customer.id}>
            <Button onPress={() => command.run(() => api().invoke('context.select', { callId: context.callId, customerId: match.customer.id }))}>
              {t('context.pick', { name: match.customer.name })}
            </Button>
          </li>
        ))}
      </ul>
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </div>
  );
}

function CustomerCard({ context, match, now }: { context: CallContext; match: CustomerContext; now: number }) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useTimeFormat();
  const command = useCommand();
  const { customer } = match;
  const openCases = match.cases.filter((c) => c.status !== 'closed');
  return (
    <article className="customer-card" aria-label={t('context.cardLabel', { name: customer.name })} data-testid="customer-card" data-customer-id={customer.id}>
      <h2 data-testid="customer-name">{customer.name}</h2>
      {match.provisional && <p className="context-provisional">{t('context.provisional')}</p>}
      {match.repeat && (
        <p className="context-repeat" role="alert" data-testid="repeat-flag">
          {t('context.repeat', { count: match.repeat.ordinal, ordinal: true, days: match.repeat.windowDays, last: match.repeat.lastNote || codeLabel(t, 'disposition', match.repeat.lastOutcome) })}
        </p>
      )}
      <ul className="customer-identifiers" data-testid="customer-identifiers">
        {customer.phones.map((phone) => (
          <li key={phone.number}>
            <DialLink number={phone.number} /> {phone.label && <span>({codeLabel(t, 'phoneLabel', phone.label)})</span>} <span className={phone.verified ? 'verified' : 'unverified'}>{t(phone.verified ? 'context.verified' : 'context.unverified')}</span>
          </li>
        ))}
        {customer.emails.map((email) => (
          <li key={email.address}>
            {email.address} <span className={email.verified ? 'verified' : 'unverified'}>{t(email.verified ? 'context.verified' : 'context.unverified')}</span>
          </li>
        ))}
      </ul>
      <p className="customer-meta">
        {t('context.segment', { segment: customer.segment, value: new Intl.NumberFormat(i18n.language, { style: 'currency', currency: customer.currency, maximumFractionDigits: 0 }).format(customer.lifetimeValue) })}
        {' · '}
        {t('context.language', { language: languageName(customer.language, i18n.language) })}
        {' · '}
        {t('context.prefers', { channel: codeLabel(t, 'preferredChannel', customer.preferredChannel) })}
        {match.fcr.known > 0 && <> · {t('context.fcr', match.fcr)}</>}
      </p>
      <h3>{t('context.cases')}</h3>
      {openCases.length === 0 ? (
        <p>{t('context.noCases')}</p>
      ) : (
        <ul className="customer-cases" data-testid="customer-cases">
          {openCases.map((c) => (
            <li key={c.id}>
              {c.id}: {c.subject} {c.promise && <strong>{t('context.promise', { promise: c.promise })}</strong>}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('context.timeline')}</h3>
      {match.timeline.length === 0 ? (
        <p>{t('context.noTimeline')}</p>
      ) : (
        <ol className="customer-timeline" data-testid="customer-timeline">
          {match.timeline.slice(0, 10).map((entry) => (
            <li key={entry.id} data-channel={entry.channel}>
              <span className="entry-head">
                {t('context.entry', { channel: t(`context.channel.${entry.channel}`), time: dateTime(Date.parse(entry.at)), agent: entry.agent, outcome: codeLabel(t, 'disposition', entry.outcome) })}
                {entry.sentiment && <> · {t(`context.sentiment.${entry.sentiment}`)}</>}
              </span>
              {entry.note && <span className="entry-note"> — {entry.note}</span>}
            </li>
          ))}
        </ol>
      )}
      <ConfirmAction
        className="link"
        testId="context-forget"
        confirmTestId="context-forget-yes"
        title={t('context.forget')}
        body={t('context.forgetConfirm', { name: customer.name })}
        confirmLabel={t('context.forgetYes')}
        onConfirm={() => command.run(() => api().invoke('context.forget', { customerId: customer.id }))}
      >
        {t('context.forget')}
      </ConfirmAction>
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
      <span hidden data-now={now} data-call={context.callId} />
    </article>
  );
}

function Unknown({ context }: { context: CallContext }) {
  const { t } = useTranslation();
  const command = useCommand();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ source: 'gateway' | 'cache'; customers: { id: string; name: string; detail: string }[] }>();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  return (
    <div className="context-unknown" data-testid="context-unknown">
      <p>{t('context.unknown', { number: context.number })}</p>
      <Form
        className="context-search"
        role="search"
        aria-label={t('context.search')}
        onSubmit={(event) => {
          event.preventDefault();
          command.run(async () => {
            const found = await api().invoke('context.search', { query });
            setResults({ source: found.source, customers: found.customers.map((c) => ({ id: c.id, name: c.name, detail: c.emails[0]?.address ?? c.orderNumbers[0] ?? '' })) });
          });
        }}
      >
        <TextField value={query} onChange={setQuery}>
          <Label>{t('context.search')}</Label>
          <Input placeholder={t('context.searchHint')} data-testid="context-search-input" />
        </TextField>
        <Button type="submit" data-testid="context-search-button" isDisabled={query.trim().length < 2}>
          {t('context.searchButton')}
        </Button>
      </Form>
      {results && (
        <div className="context-results" data-testid="context-results" data-source={results.source}>
          {results.source === 'cache' && <p>{t('context.searchCache')}</p>}
          {results.customers.length === 0 && <p>{t('context.noResults')}</p>}
          <ul>
            {results.customers.map((customer) => (
              <li key={customer.id} data-testid="context-result">
                {customer.name} <span>{customer.detail}</span>{' '}
                <Button onPress={() => command.run(() => api().invoke('context.link', { callId: context.callId, customerId: customer.id }))}>{t('context.link')}</Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3 className="context-create-title">{t('context.createTitle')}</h3>
      <Form
        className="context-create"
        aria-label={t('context.createTitle')}
        onSubmit={(event) => {
          event.preventDefault();
          command.run(() => api().invoke('context.createContact', { callId: context.callId, name, ...(email.trim() ? { email: email.trim() } : {}) }));
        }}
      >
        <TextField value={name} onChange={setName}>
          <Label>{t('context.name')}</Label>
          <Input data-testid="context-create-name" />
        </TextField>
        <TextField value={email} onChange={setEmail} type="email">
          <Label>{t('context.email')}</Label>
          <Input data-testid="context-create-email" />
        </TextField>
        <Button type="submit" data-testid="context-create" isDisabled={name.trim().length === 0}>
          {t('context.create')}
        </Button>
      </Form>
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </div>
  );
}

function FollowUp({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const wrapUp = useWrapUpView();
  const command = useCommand();
  const disposition = wrapUp?.drafts.find((draft) => draft.callId === callId)?.draft.disposition ?? '';
  const [suggestion, setSuggestion] = useState<FollowUpSuggestion | null>(null);
  const [queued, setQueued] = useState(false);
  useEffect(() => {
    let live = true;
    api()
      .invoke('context.suggestFollowUp', { callId, disposition })
      .then((answer) => live && setSuggestion(answer.suggestion))
      .catch(() => live && setSuggestion(null));
    return () => {
      live = false;
    };
  }, [callId, disposition]);
  if (!suggestion) return null;
  return (
    <div className="context-followup" data-testid="context-followup">
      <h3>{t('context.followUp')}</h3>
      <p>
        {t('context.followUpOffer', { template: t(`context.template.${suggestion.template}`), channel: t(`context.followChannel.${suggestion.channel}`), to: suggestion.to })} (
        {t(`context.followUpBecause.${suggestion.because}`)})
      </p>
      {queued ? (
        <p role="status">{t('context.followUpQueued')}</p>
      ) : (
        <Button
          data-testid="context-followup-send"
          onPress={() =>
            command.run(() => api().invoke('context.sendFollowUp', { callId, channel: suggestion.channel, template: suggestion.template, disposition }).then(() => setQueued(true)))
          }
        >
          {t('context.followUpOffer', { template: t(`context.template.${suggestion.template}`), channel: t(`context.followChannel.${suggestion.channel}`), to: suggestion.to })}
        </Button>
      )}
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </div>
  );
}
