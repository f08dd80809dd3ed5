import { memo, useState } from 'react';
import { Button, Form, Input, Label, TextField, ToggleButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Call, CallQuality } from '../../../common/contract/model';
import { api, formatDuration, mainNow, useCallQuality, useCommand, useMainNow } from '../useHearthline';
import { ConfirmAction } from '../desk/ConfirmAction';
import { shortcutHint, shortcutTitle } from '../desk/shortcutHint';
import { callerLabel } from './callerLabel';
import { callTimers } from './callTimers';

const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/**
 * Memoised: a snapshot push re-renders only the cards whose call (or the list of calls) changed. The card
 * does not tick: its timers and its quality line are small components that render on their own.
 */
export const CallCard = memo(function CallCard({ call, calls }: { call: Call; calls: readonly Call[] }) {
  const { t } = useTranslation();
  const caller = (of: Call) => callerLabel(of, t('call.withheld'));
  const command = useCommand();
  const [transferOpen, setTransferOpen] = useState(false);
  const callId = call.id;
  const live = call.state !== 'ended';
  const others = calls.filter((other) => other.id !== callId && other.state !== 'ended');
  const ringingIn = call.direction === 'inbound' && call.state === 'ringing';
  const waiting = ringingIn && others.some((other) => other.state !== 'ringing');
  const consultOf = call.consultFor ? others.find((other) => other.id === call.consultFor && other.state === 'connected') : undefined;
  const mergeWith =
    call.state === 'connected' && !call.conference && !consultOf
      ? others.filter((other) => other.state === 'connected' && !other.conference)
      : [];
  const { heldMs } = callTimers(call, mainNow());
  const invoke = command.run;
  return (
    <article
      className={`call call-${call.state}${waiting ? ' call-waiting' : ''}${call.recovering ? ' call-recovering' : ''}`}
      aria-label={t('call.cardLabel', { kind: t(waiting ? 'call.waiting' : `call.${call.direction}`), caller: caller(call), state: t(`call.states.${call.state}`) })}
      data-testid="call-card"
      data-call-state={call.state}
      data-call-id={callId}
      data-remote={call.remoteNumber}
      data-on-hold={call.onHold}
    >
      <header>
        <span className="remote">{caller(call)}</span>
        <span className="state">{t(`call.states.${call.state}`)}</span>
        <time className="timer" data-testid="call-timer">
          <Elapsed call={call} />
        </time>
      </header>
      <div className="call-badges">
        {waiting && <span className="badge badge-waiting">{t('call.waiting')}</span>}
        {call.conference && <span className="badge" data-testid="conference-badge">{t('call.inConference')}</span>}
        {consultOf && <span className="badge">{t('call.consulting', { caller: caller(consultOf) })}</span>}
        {call.muted && <span className="badge badge-muted">{t('call.muted')}</span>}
        {call.transferring && <span className="badge">{t('call.transferring')}</span>}
        {call.remoteHold && live && (
          <span className="badge" role="status" data-testid="remote-hold">
            {t('call.remoteHold')}
          </span>
        )}
      </div>
      {heldMs !== undefined && (
        <p className="hold-timer" data-testid="hold-timer">
          <HeldFor call={call} />
        </p>
      )}
      {call.recovering && live && (
        <p className="recovering" role="status" data-testid="call-recovering">
          {t('call.recovering')}
        </p>
      )}
      {ringingIn && call.autoAnswerAt !== undefined && (
        <p className="auto-answer" role="status" data-testid="auto-answer">
          <AutoAnswerIn at={call.autoAnswerAt} />
        </p>
      )}
      {call.state === 'connected' && <QualityLine callId={callId} />}
      {call.state === 'ended' && call.endReason && (
        <p className="end-reason" role="status" data-testid="end-reason">
          {t(`call.ended.${call.endReason}`)}
        </p>
      )}
      {live && (
        <div className="controls" role="toolbar" aria-label={t('call.controls', { caller: caller(call) })}>
          {ringingIn && (
            <>
              {waiting ? (
                <Button className="primary" onPress={() => invoke(() => api().invoke('call.answer', { callId, holdOthers: true }))} data-testid="hold-answer" ref={shortcutHint(t, 'answer')}>
                  {t('call.holdAndAnswer')}
                </Button>
              ) : (
                <Button className="primary" onPress={() => invoke(() => api().invoke('call.answer', { callId }))} data-testid="answer" ref={shortcutHint(t, 'answer')}>
                  {t('call.answer')}
                </Button>
              )}
              <Button className="danger" onPress={() => invoke(() => api().invoke('call.hangup', { callId }))} data-testid="decline">
                {t('call.reject')}
              </Button>
            </>
          )}
          {call.state === 'connected' && (
            <>
              <ToggleButton isSelected={call.onHold} onChange={(on) => invoke(() => api().invoke('call.hold', { callId, on }))} data-testid="hold" ref={shortcutHint(t, 'hold')}>
                {call.onHold ? t('call.resume') : t('call.hold')}
              </ToggleButton>
              <ToggleButton isSelected={call.muted} onChange={(on) => invoke(() => api().invoke('call.mute', { callId, on }))} data-testid="mute" ref={shortcutHint(t, 'mute')}>
                {call.muted ? t('call.unmute') : t('call.mute')}
              </ToggleButton>
              {!call.conference && !consultOf && (
                <ToggleButton isSelected={transferOpen} onChange={setTransferOpen} data-testid="transfer-toggle" ref={shortcutHint(t, 'transfer')}>
                  {t('call.transfer')}
                </ToggleButton>
              )}
              {consultOf && (
                <>
                  <Button
                    onPress={() => invoke(() => api().invoke('call.transfer', { callId: consultOf.id, mode: 'attended', consultCallId: callId }))}
                    isDisabled={call.transferring === true}
                    data-testid="complete-transfer"
                  >
                    {t('call.completeTransfer')}
                  </Button>
                  <Button onPress={() => invoke(() => api().invoke('call.conference', { callIds: [consultOf.id, callId] }))} data-testid="conference">
                    {t('call.conference')}
                  </Button>
                </>
              )}
              {mergeWith.length === 1 && mergeWith[0] && (
                <Button onPress={() => invoke(() => api().invoke('call.conference', { callIds: [mergeWith[0]!.id, callId] }))} data-testid="merge">
                  {t('call.merge', { caller: caller(mergeWith[0]) })}
                </Button>
              )}
            </>
          )}
          {!ringingIn && call.conference && (
            // Hanging up here ends the call for everyone in the conference: asked first.
            <ConfirmAction
              className="danger"
              testId="hangup"
              confirmTestId="hangup-confirm"
              hint={shortcutHint(t, 'hangup')}
              title={t('desk.confirm.hangupConferenceTitle')}
              body={t('desk.confirm.hangupConferenceBody', { caller: caller(call) })}
              confirmLabel={t('call.hangup')}
              onConfirm={() => invoke(() => api().invoke('call.hangup', { callId }))}
            >
              {t('call.hangup')}
            </ConfirmAction>
          )}
          {!ringingIn && !call.conference && (
            <Button className="danger" onPress={() => invoke(() => api().invoke('call.hangup', { callId }))} data-testid="hangup" ref={shortcutHint(t, 'hangup')}>
              {call.state === 'dialing' ? t('call.cancel') : t('call.hangup')}
            </Button>
          )}
        </div>
      )}
      {call.state === 'connected' && transferOpen && !call.conference && (
        <TransferForm callId={callId} onDone={() => setTransferOpen(false)} run={invoke} />
      )}
      {call.state === 'connected' && !call.onHold && (
        <div className="dtmf" role="group" aria-label={t('call.keypad')} title={shortcutTitle(t, 'keypad')}>
          {/* Plain buttons (same role, name and class as the library's): twelve of them stay mounted for the whole call. */}
          {DTMF_KEYS.map((digit) => (
            <button
              key={digit}
              type="button"
              className="react-aria-Button"
              aria-label={t('call.keypadKey', { key: digit })}
              onClick={() => invoke(() => api().invoke('call.dtmf', { callId, digits: digit }))}
              data-testid={`dtmf-${digit}`}
            >
              {digit}
            </button>
          ))}
        </div>
      )}
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </article>
  );
});

/** Blind transfer now, or call the target first (consultation) and transfer or conference from there. */
function TransferForm({ callId, onDone, run }: { callId: string; onDone: () => void; run: (action: () => Promise<unknown>) => void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const ready = target.trim().length > 0;
  return (
    <Form
      className="transfer-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready) return;
        run(() => api().invoke('call.transfer', { callId, mode: 'blind', target }).then(onDone));
      }}
    >
      <TextField value={target} onChange={setTarget}>
        <Label>{t('call.transferTo')}</Label>
        <Input inputMode="tel" autoComplete="off" data-testid="transfer-target" />
      </TextField>
      <Button type="submit" isDisabled={!ready} data-testid="transfer-blind">
        {t('call.transferNow')}
      </Button>
      <Button isDisabled={!ready} onPress={() => run(() => api().invoke('call.dial', { target, consultFor: callId }).then(onDone))} data-testid="transfer-consult">
        {t('call.consultFirst')}
      </Button>
    </Form>
  );
}

// The card's clocks, each ticking every second while it shows (an ended call's time stands still).
function Elapsed({ call }: { call: Call }) {
  return formatDuration(callTimers(call, useMainNow(call.state === 'ended' ? undefined : 1000)).elapsedMs);
}

function HeldFor({ call }: { call: Call }) {
  const { t } = useTranslation();
  return t('call.onHoldFor', { time: formatDuration(callTimers(call, useMainNow(1000)).heldMs ?? 0) });
}

function AutoAnswerIn({ at }: { at: number }) {
  const { t } = useTranslation();
  return t('call.autoAnswerIn', { seconds: Math.max(0, Math.ceil((at - useMainNow(1000)) / 1000)) });
}

/**
 * The call's latest quality sample, read from the full snapshot: the rest of the page reads the snapshot
 * without samples (useSnapshotPart), so the sample each second brings renders this line alone.
 */
function QualityLine({ callId }: { callId: string }) {
  const quality = useCallQuality(callId);
  return quality ? <QualityFigures quality={quality} /> : null;
}

function QualityFigures({ quality }: { quality: CallQuality }) {
  const { t } = useTranslation();
  const level = quality.mos >= 4 ? 'good' : quality.mos >= 3.5 ? 'fair' : 'poor';
  return (
    <div className="quality" role="group" aria-label={t('quality.label')} data-testid="call-quality">
      <span className={`mos mos-${level}`}>{t('quality.mos', { mos: quality.mos.toFixed(1) })}</span>
      {/* The level in words too: never by colour alone. */}
      <span className={`mos-level mos-level-${level}`}>{t(`desk.quality.${level}`)}</span>
      <span className="quality-details">{t('quality.details', { rtt: quality.rttMs, jitter: quality.jitterMs, loss: quality.lossPercent })}</span>
      {quality.warnings.map((warning) => (
        <p key={warning} className="quality-warning" role="status" data-testid="quality-warning">
          {t(`quality.${warning}`)}
        </p>
      ))}
    </div>
  );
}
