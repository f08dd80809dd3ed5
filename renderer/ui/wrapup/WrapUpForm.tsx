import { memo, useEffect, useRef, useState } from 'react';
import { Button, Label, Tag, TagGroup, TagList } from 'react-aria-components';
import { useSharedTranslation } from '../i18n/sharedTranslation';
import type { Disposition } from '../../../common/contract/gateway';
import type { DraftView, WrapUpDraft } from '../../../common/contract/wrapup';
import { api, useCommand, useMainNow, useSnapshotPart } from '../useHearthline';
import { shortcutHint } from '../desk/shortcutHint';
import { DispositionSelect } from './DispositionSelect';
import { mergePrefill, submitBlocker } from '../../../common/rules/wrapup';
import { addTag, adoptMasked, fromLocalInputValue, maskedKinds, toLocalInputValue, type MaskedKind } from './draftForm';
import { ChannelGuidance } from '../channelGuidance/ChannelGuidance';
import { PlainCheckbox, PlainEmptyTagList, PlainInput, PlainRadioGroup, PlainSubmit, PlainTextArea } from './plainFields';

/** Autosave waits this long after the last keystroke (a crash loses at most this much typing). */
const AUTOSAVE_MS = 300;

type SaveState = { kind: 'saved'; at: number } | { kind: 'saving' } | { kind: 'failed'; message: string };

/** The after-call form for one call. Every change is saved locally as the agent types; there is no Save. */
/** Memoised: a snapshot push (a call ringing) does not re-render the open forms whose draft did not change. */
export const WrapUpForm = memo(function WrapUpForm({ view, dispositions }: { view: DraftView; dispositions: Disposition[] }) {
  const { t, i18n } = useSharedTranslation();
  // A boolean of the snapshot: another call ringing or ending leaves this form alone.
  const callLive = useSnapshotPart((snapshot) => snapshot?.calls.some((call) => call.id === view.callId && call.state !== 'ended') ?? false);
  const submit = useCommand();
  // Local state is the source while the form is open; main's copy is the safety net, not the editor.
  const [draft, setDraft] = useState<WrapUpDraft>(view.draft);
  const [save, setSave] = useState<SaveState>({ kind: 'saved', at: view.savedAt });
  const [tagInput, setTagInput] = useState('');
  // The library's tag list only once the form has had a tag (it stays, so removing the last tag keeps focus in it).
  const [tagListMounted, setTagListMounted] = useState(view.draft.tags.length > 0);
  if (!tagListMounted && draft.tags.length > 0) setTagListMounted(true);
  // What main masked in the typed notes (card numbers, dates of birth, …): said once, for this form.
  const [masked, setMasked] = useState<MaskedKind[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const pending = useRef<WrapUpDraft | undefined>(undefined);
  const latest = useRef<WrapUpDraft>(view.draft);

  const flush = () => {
    clearTimeout(timer.current);
    const next = pending.current;
    pending.current = undefined;
    if (!next) return Promise.resolve();
    setSave({ kind: 'saving' });
    return api()
      .invoke('wrapup.saveDraft', { callId: view.callId, draft: next })
      .then(({ savedAt, masked: maskedNow }) => {
        setSave({ kind: 'saved', at: savedAt });
        if (!maskedNow) return;
        setMasked((shown) => maskedKinds([...shown, ...maskedNow.kinds]));
        const adopted = adoptMasked(latest.current, next, maskedNow);
        if (adopted !== latest.current) {
          latest.current = adopted;
          setDraft(adopted);
        }
      })
      .catch((error: unknown) => setSave({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
  };

  // A keyboard agent who just hung up lands in the form, unless they are already somewhere else.
  const formRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    formRef.current?.querySelector<HTMLElement>('button, input, textarea')?.focus();
  }, []);

  // Save what is pending if the form goes away (submitted elsewhere, window reloading).
  useEffect(() => () => void flush(), []);

  // Main may pre-fill fields the agent left empty (the agent-assist draft after hang-up): adopt those,
  // never anything the agent has already chosen or typed.
  useEffect(() => {
    const local = latest.current;
    const adopted = mergePrefill(local, view.draft);
    if (adopted === local) return;
    latest.current = adopted;
    if (pending.current) pending.current = adopted;
    setDraft(adopted);
  }, [view.draft]);

  const change = (patch: Partial<WrapUpDraft>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    pending.current = next;
    setDraft(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  };
  const changeCallback = (patch: Partial<WrapUpDraft['callback']>) => change({ callback: { ...latest.current.callback, ...patch } });

  // The clock matters only to a requested callback's time (it must be in the future): tick only then.
  const now = useMainNow(draft.callback.requested && draft.callback.at !== null ? 1000 : undefined);
  const blocker = submitBlocker(draft, callLive, now);
  const time = (ms: number) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(ms);

  return (
    <article ref={formRef} className="wrapup-form" aria-label={t('wrapup.title', { number: view.customerNumber || t('wrapup.unknownCaller') })} data-testid="wrapup-form">
      <header>
        <h2>{t('wrapup.title', { number: view.customerNumber || t('wrapup.unknownCaller') })}</h2>
        <span className={`save-state save-${save.kind}`} role="status" aria-live="polite" data-testid="wrapup-save-state">
          {save.kind === 'saving' && t('wrapup.saving')}
          {save.kind === 'saved' && t('wrapup.savedAt', { time: time(save.at) })}
          {save.kind === 'failed' && t('wrapup.saveFailed', { message: save.message })}
        </span>
      </header>
      {/* Plain fields, not the library's: many forms stay open at once (plainFields.tsx). */}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (blocker) return;
          clearTimeout(timer.current);
          pending.current = undefined;
          submit.run(() => api().invoke('wrapup.submit', { callId: view.callId, draft }));
        }}
      >
        <DispositionSelect value={draft.disposition} dispositions={dispositions} onChange={(disposition) => change({ disposition })} testId="wrapup-disposition" />

        <PlainTextArea label={t('wrapup.notes')} value={draft.notes} onChange={(notes) => change({ notes })} maxLength={20_000} rows={5} testId="wrapup-notes" />
        {masked.length > 0 && (
          <p className="banner banner-warning" role="alert" data-testid="wrapup-masked">
            {t('wrapup.masked', { what: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(masked.map((kind) => t(`wrapup.maskedKinds.${kind}`))) })}
          </p>
        )}

        <div className="tags">
          {!tagListMounted ? (
            <PlainEmptyTagList label={t('wrapup.tags')} empty={t('wrapup.noTags')} />
          ) : (
            <TagGroup onRemove={(keys) => change({ tags: draft.tags.filter((tag) => !keys.has(tag)) })}>
              <Label>{t('wrapup.tags')}</Label>
              <TagList items={draft.tags.map((tag) => ({ id: tag }))} renderEmptyState={() => t('wrapup.noTags')}>
                {(item) => (
                  <Tag id={item.id} textValue={item.id}>
                    {item.id}
                    <Button slot="remove" aria-label={t('wrapup.removeTag', { tag: item.id })}>
                      ×
                    </Button>
                  </Tag>
                )}
              </TagList>
            </TagGroup>
          )}
          <PlainInput
            value={tagInput}
            onChange={setTagInput}
            ariaLabel={t('wrapup.addTag')}
            placeholder={t('wrapup.addTag')}
            testId="wrapup-tag-input"
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              change({ tags: addTag(draft.tags, tagInput) });
              setTagInput('');
            }}
          />
        </div>

        <PlainRadioGroup
          label={t('wrapup.firstContactResolved')}
          value={draft.firstContactResolved === null ? null : draft.firstContactResolved ? 'yes' : 'no'}
          options={[
            { value: 'yes', label: t('wrapup.yes') },
            { value: 'no', label: t('wrapup.no') },
          ]}
          onChange={(value) => change({ firstContactResolved: value === 'yes' })}
        />

        <PlainCheckbox checked={draft.callback.requested} onChange={(requested) => changeCallback({ requested })} testId="wrapup-callback">
          {t('wrapup.callbackRequested')}
        </PlainCheckbox>
        {draft.callback.requested && (
          <fieldset className="callback">
            <PlainInput label={t('wrapup.callbackAt')} type="datetime-local" value={toLocalInputValue(draft.callback.at)} onChange={(value) => changeCallback({ at: fromLocalInputValue(value) })} testId="wrapup-callback-at" />
            <PlainInput label={t('wrapup.callbackNumber')} inputMode="tel" value={draft.callback.number} onChange={(number) => changeCallback({ number })} maxLength={64} />
            <PlainInput label={t('wrapup.callbackReason')} value={draft.callback.reason} onChange={(reason) => changeCallback({ reason })} maxLength={500} />
          </fieldset>
        )}

        <div className="actions">
          <PlainSubmit disabled={blocker !== undefined} testId="wrapup-submit" buttonRef={shortcutHint(t, 'submitWrapUp')}>
            {t('wrapup.submit')}
          </PlainSubmit>
          {blocker && <span className="hint">{t(`wrapup.blocked.${blocker}`)}</span>}
        </div>
      </form>
      {!callLive && <ChannelGuidance callId={view.callId} />}
      {submit.error && <p role="alert">{t('error.generic', { message: submit.error })}</p>}
    </article>
  );
});
