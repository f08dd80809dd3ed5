// The callback the gateway assigned to this agent: a preview (customer, reason, last contact, window in the
// agent's language and time zone), "Call now", "Later" with a reason, the automatic-dial countdown the agent
// can stop, and after the call the outcome. The state lives in main (main/callbacks); this only shows it.
import { memo, useState } from 'react';
import { Button, Form, Label, Radio, RadioGroup, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { CALLBACK_OUTCOMES, type CallbackOutcomeCode } from '../../../common/contract/callbackQueue';
import type { CallbackPreview, CallbacksView } from '../../../common/contract/callbacks';
import { Fact } from '../routing/RoutingSection';
import { api, useCommand, useLiveView, useMainNow } from '../useHearthline';

// Memoised: it reads nothing from its parent, so a snapshot change (a call ringing) does not render it.
export const CallbackPanel = memo(function CallbackPanel() {
  const { t } = useTranslation();
  const view = useLiveView<CallbacksView>(
    () => api().invoke('callbacks.view', {}),
    (listener) => api().on('callbacks.changed', listener),
  );
  if (!view || view.stage === 'off') return null;
  return (
    <section className="callback-panel" aria-label={t('callbacks.title')} data-testid="callback-panel" data-stage={view.stage}>
      <h2>{t('callbacks.title')}</h2>
      {view.notice && (
        <p role="status" data-testid="callback-notice">
          {t(`callbacks.notice.${view.notice}`)}
        </p>
      )}
      {view.stage === 'waiting' && <p className="pane-hint">{t('callbacks.waiting')}</p>}
      {view.callback && <CallbackDetails callback={view.callback} />}
      {view.stage === 'preview' && view.callback && <PreviewActions callback={view.callback} autoDialAt={view.autoDialAt} />}
      {view.stage === 'calling' && view.callback && <p aria-busy="true">{t('callbacks.calling', { name: view.callback.customerName })}</p>}
      {view.stage === 'outcome' && view.callback && <OutcomeForm callback={view.callback} />}
    </section>
  );
});

function CallbackDetails({ callback }: { callback: CallbackPreview }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <>
      <p className="callback-source">{t(`callbacks.source.${callback.source}`)}</p>
      <dl className="callback-details routing-facts">
      <Fact label={t('callbacks.customer')} testId="callback-customer" value={callback.customerName} />
      <Fact label={t('callbacks.number')} testId="callback-number" value={callback.customerNumber} />
      <Fact label={t('callbacks.reason')} testId="callback-reason" value={callback.reason} />
      {callback.lastContact && <Fact label={t('callbacks.lastContact')} testId="callback-last-contact" value={callback.lastContact} />}
      <Fact label={t('callbacks.window')} testId="callback-window" value={t('callbacks.windowValue', { start: time.format(callback.windowStart), end: time.format(callback.windowEnd) })} />
      </dl>
    </>
  );
}

function PreviewActions({ callback, autoDialAt }: { callback: CallbackPreview; autoDialAt: number | undefined }) {
  const { t } = useTranslation();
  const command = useCommand();
  const now = useMainNow(autoDialAt === undefined ? undefined : 250);
  const [later, setLater] = useState<string>();
  const [tried, setTried] = useState(false);
  const id = callback.id;
  if (later !== undefined) {
    const missing = later.trim() === '';
    return (
      <Form
        className="callback-later"
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (!missing) command.run(() => api().invoke('callbacks.later', { id, reason: later.trim() }));
        }}
      >
        <TextField value={later} onChange={setLater} isInvalid={tried && missing} autoFocus>
          <Label>{t('callbacks.laterReason')}</Label>
          <TextArea maxLength={200} />
        </TextField>
        {tried && missing && <p role="alert">{t('callbacks.laterReasonRequired')}</p>}
        <Button type="submit">{t('callbacks.laterConfirm')}</Button>
        <Button onPress={() => (setLater(undefined), setTried(false))}>{t('callbacks.cancel')}</Button>
        {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
      </Form>
    );
  }
  return (
    <div className="callback-actions">
      {autoDialAt !== undefined && (
        <p role="timer" aria-live="off" data-testid="callback-countdown">
          {t('callbacks.autoDial', { seconds: Math.max(0, Math.ceil((autoDialAt - now) / 1000)) })}
        </p>
      )}
      <Button className="primary" onPress={() => command.run(() => api().invoke('callbacks.callNow', { id }))}>
        {t('callbacks.callNow')}
      </Button>
      {autoDialAt !== undefined && <Button onPress={() => command.run(() => api().invoke('callbacks.stopAutoDial', { id }))}>{t('callbacks.stopAutoDial')}</Button>}
      <Button onPress={() => setLater('')}>{t('callbacks.later')}</Button>
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </div>
  );
}

function OutcomeForm({ callback }: { callback: CallbackPreview }) {
  const { t } = useTranslation();
  const command = useCommand();
  const [outcome, setOutcome] = useState<CallbackOutcomeCode>();
  const [note, setNote] = useState('');
  return (
    <Form
      className="callback-outcome"
      onSubmit={(event) => {
        event.preventDefault();
        if (outcome) command.run(() => api().invoke('callbacks.outcome', { id: callback.id, outcome, note: note.trim() || undefined }));
      }}
    >
      <h3>{t('callbacks.outcomeTitle')}</h3>
      <RadioGroup value={outcome ?? null} onChange={(value) => setOutcome(value as CallbackOutcomeCode)} isRequired>
        <Label>{t('callbacks.outcomeLabel')}</Label>
        {CALLBACK_OUTCOMES.map((code) => (
          <Radio key={code} value={code}>
            {t(`callbacks.outcome.${code}`)}
          </Radio>
        ))}
      </RadioGroup>
      <TextField value={note} onChange={setNote}>
        <Label>{t('callbacks.note')}</Label>
        <TextArea maxLength={1000} />
      </TextField>
      <Button type="submit" isDisabled={!outcome}>
        {t('callbacks.save')}
      </Button>
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </Form>
  );
}
