// Channel guidance in the wrap-up form: the suggested follow-up channel and why, the message pre-filled
// from the article used on the call and the agent's promise (main has already redacted it), one click to
// send through the outbox, and how far each sent message got. When the call's intent was
// self-serviceable, the self-service link to give the customer, with a copy button.
import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useSharedTranslation } from '../i18n/sharedTranslation';
import type { ChannelGuidance as Guidance, MessageChannel } from '../../../common/contract/messages';
import { api, useCommand } from '../useHearthline';
import { maskedKinds, type MaskedKind } from '../wrapup/draftForm';
import { useWrapUpPart } from '../wrapup/useWrapUp';
import { shareUnchanged } from '../structuralShare';
import { PlainRadioGroup, PlainTextArea } from '../wrapup/plainFields';

/**
 * Asks main again whenever this call's draft (assist's draft, the callback time) or the outbox (delivery
 * of what was sent) changes in the wrap-up view — not on every push of it: with many forms open, every
 * autosave of one form would make each form ask.
 */
function useGuidance(callId: string, channel: MessageChannel | undefined): Guidance | null | undefined {
  const [guidance, setGuidance] = useState<Guidance | null>();
  // Parts of the shared view keep their identity while unchanged (structuralShare.ts).
  const draft = useWrapUpPart((view) => view?.drafts.find((candidate) => candidate.callId === callId));
  const outbox = useWrapUpPart((view) => view?.items);
  useEffect(() => {
    let alive = true;
    void api()
      .invoke('channels.guidance', { callId, channel })
      .then(({ guidance: next }) => alive && setGuidance((shown) => shareUnchanged(shown, next)))
      .catch(() => alive && setGuidance(null));
    return () => {
      alive = false;
    };
  }, [callId, channel, draft, outbox]);
  return guidance;
}

/**
 * One per open wrap-up form whose call has ended. What only sending needs (the message being edited, the
 * send command, what main masked) lives in GuidanceMessage, mounted only when there is a channel to send
 * through; the copy button's state in SelfServiceLink: a form without a contact keeps neither.
 */
export function ChannelGuidance({ callId }: { callId: string }) {
  const { t, i18n } = useSharedTranslation();
  const [picked, setPicked] = useState<MessageChannel>();
  const guidance = useGuidance(callId, picked);

  if (!guidance) return null;
  const channel = picked ?? guidance.suggested?.channel;
  const channelName = (name: MessageChannel) => t(`channelGuidance.channels.${name}`);

  return (
    <section className="channel-guidance" aria-label={t('channelGuidance.title')} data-testid="channel-guidance">
      <h3>{t('channelGuidance.title')}</h3>
      {guidance.selfService && <SelfServiceLink label={guidance.selfService.label} url={guidance.selfService.url} />}
      {guidance.suggested ? (
        <p data-testid="channel-suggested">
          {t('channelGuidance.suggested', { channel: channelName(guidance.suggested.channel), to: guidance.suggested.to })}
          {guidance.suggested.because.length > 0 &&
            ` — ${new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(guidance.suggested.because.map((reason) => t(`channelGuidance.because.${reason}`)))}`}
        </p>
      ) : (
        <p data-testid="channel-no-contact">{t('channelGuidance.noContact')}</p>
      )}
      {guidance.options.length > 0 && channel && <GuidanceMessage callId={callId} guidance={guidance} channel={channel} onPick={setPicked} />}
      {guidance.sent.length > 0 && (
        <ul aria-label={t('channelGuidance.sentList')} data-testid="channel-sent">
          {guidance.sent.map((message) => (
            <li key={message.id} data-state={message.state}>
              {t('channelGuidance.sentItem', { channel: channelName(message.channel), to: message.to, state: t(`channelGuidance.state.${message.state}`) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The self-service link to give the customer, with a copy button. */
function SelfServiceLink({ label, url }: { label: string; url: string }) {
  const { t } = useSharedTranslation();
  const [copy, setCopy] = useState<'copied' | 'failed'>();
  return (
    <p className="channel-self-service" data-testid="channel-self-service">
      {t('channelGuidance.selfService', { label })}{' '}
      <a href={url} target="_blank" rel="noreferrer noopener">
        {url}
      </a>{' '}
      <Button
        onPress={() =>
          void navigator.clipboard.writeText(url).then(
            () => setCopy('copied'),
            () => setCopy('failed'),
          )
        }
      >
        {t('channelGuidance.copyLink')}
      </Button>
      {copy && <span role="status">{t(copy === 'copied' ? 'channelGuidance.copied' : 'channelGuidance.copyFailed')}</span>}
      <br />
      <small>{t('channelGuidance.selfServiceTagged')}</small>
    </p>
  );
}

/** The channel to send through, the message (main's prefill until the agent types), Send, and what was masked. */
function GuidanceMessage({ callId, guidance, channel, onPick }: { callId: string; guidance: Guidance; channel: MessageChannel; onPick: (channel: MessageChannel) => void }) {
  const { t, i18n } = useSharedTranslation();
  const [body, setBody] = useState(guidance.body);
  const edited = useRef(false);
  const [masked, setMasked] = useState<MaskedKind[]>([]);
  const send = useCommand();
  const option = guidance.options.find((candidate) => candidate.channel === channel);
  const channelName = (name: MessageChannel) => t(`channelGuidance.channels.${name}`);

  // Main's prefill fills the message until the agent types in it.
  useEffect(() => {
    if (!edited.current) setBody(guidance.body);
  }, [guidance.body]);

  return (
    <>
      {/* Plain fields: one guidance per open wrap-up form (plainFields.tsx). */}
      <PlainRadioGroup
        className="channel-options"
        label={t('channelGuidance.channel')}
        value={channel}
        options={guidance.options.map((candidate) => ({ value: candidate.channel, label: t('channelGuidance.channelOption', { channel: channelName(candidate.channel), to: candidate.to }) }))}
        onChange={onPick}
      />
      <PlainTextArea
        label={t('channelGuidance.message')}
        value={body}
        onChange={(text) => {
          edited.current = true;
          setBody(text);
        }}
        maxLength={2000}
        rows={4}
        testId="channel-message"
      />
      {guidance.article && <p className="hint">{t('channelGuidance.fromArticle', { title: guidance.article.title })}</p>}
      <Button
        className="primary"
        isDisabled={!option || body.trim() === ''}
        onPress={() =>
          option &&
          send.run(() =>
            api()
              .invoke('channels.send', { callId, channel: option.channel, to: option.to, body })
              .then(({ body: sentText, masked: kinds }) => {
                // The form shows what was sent: masked, as the customer gets it.
                setBody(sentText);
                setMasked(maskedKinds(kinds));
              }),
          )
        }
      >
        {t(`channelGuidance.send.${option?.channel ?? 'sms'}`)}
      </Button>
      {masked.length > 0 && (
        <p className="banner banner-warning" role="alert">
          {t('channelGuidance.masked', { what: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(masked.map((kind) => t(`wrapup.maskedKinds.${kind}`))) })}
        </p>
      )}
      {send.error && <p role="alert">{t('error.generic', { message: send.error })}</p>}
    </>
  );
}
