import { Button, ToggleButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Call, CallQuality } from '../../../common/contract/model';
import { api, formatDuration, useCommand } from '../useHearthline';

const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function CallCard({ call, now }: { call: Call; now: number }) {
  const { t } = useTranslation();
  const command = useCommand();
  const callId = call.id;
  const live = call.state !== 'ended';
  const timer = call.connectedAt ? formatDuration((call.endedAt ?? now) - call.connectedAt) : formatDuration(now - call.startedAt);
  return (
    <article className={`call call-${call.state}`} aria-label={t(`call.${call.direction}`)} data-testid="call-card" data-call-state={call.state}>
      <header>
        <span className="remote">{call.remoteName ? `${call.remoteName} · ${call.remoteNumber}` : call.remoteNumber}</span>
        <span className="state">{t(`call.states.${call.state}`)}</span>
        <time className="timer" data-testid="call-timer">
          {timer}
        </time>
      </header>
      {call.onHold && call.heldSince && <p className="hold-timer">{t('call.onHoldFor', { time: formatDuration(now - call.heldSince) })}</p>}
      {call.state === 'connected' && call.quality && <QualityLine quality={call.quality} />}
      {call.state === 'ended' && call.endReason && (
        <p className="end-reason" role="status">
          {t(`call.ended.${call.endReason}`)}
        </p>
      )}
      {live && (
        <div className="controls" role="toolbar" aria-label={t(`call.${call.direction}`)}>
          {call.direction === 'inbound' && call.state === 'ringing' && (
            <>
              <Button className="primary" onPress={() => command.run(() => api().invoke('call.answer', { callId }))} data-testid="answer">
                {t('call.answer')}
              </Button>
              <Button className="danger" onPress={() => command.run(() => api().invoke('call.hangup', { callId }))}>
                {t('call.reject')}
              </Button>
            </>
          )}
          {call.state === 'connected' && (
            <>
              <ToggleButton isSelected={call.onHold} onChange={(on) => command.run(() => api().invoke('call.hold', { callId, on }))}>
                {call.onHold ? t('call.resume') : t('call.hold')}
              </ToggleButton>
              <ToggleButton isSelected={call.muted} onChange={(on) => command.run(() => api().invoke('call.mute', { callId, on }))}>
                {call.muted ? t('call.unmute') : t('call.mute')}
              </ToggleButton>
            </>
          )}
          {!(call.direction === 'inbound' && call.state === 'ringing') && (
            <Button className="danger" onPress={() => command.run(() => api().invoke('call.hangup', { callId }))} data-testid="hangup">
              {call.state === 'dialing' ? t('call.cancel') : t('call.hangup')}
            </Button>
          )}
        </div>
      )}
      {call.state === 'connected' && (
        <div className="dtmf" role="group" aria-label={t('call.keypad')}>
          {DTMF_KEYS.map((digit) => (
            <Button key={digit} onPress={() => command.run(() => api().invoke('call.dtmf', { callId, digits: digit }))}>
              {digit}
            </Button>
          ))}
        </div>
      )}
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </article>
  );
}

function QualityLine({ quality }: { quality: CallQuality }) {
  const { t } = useTranslation();
  const level = quality.mos >= 4 ? 'good' : quality.mos >= 3.5 ? 'fair' : 'poor';
  return (
    <div className="quality" aria-label={t('quality.label')} data-testid="call-quality">
      <span className={`mos mos-${level}`}>{t('quality.mos', { mos: quality.mos.toFixed(1) })}</span>
      <span className="quality-details">{t('quality.details', { rtt: quality.rttMs, jitter: quality.jitterMs, loss: quality.lossPercent })}</span>
      {quality.warnings.map((warning) => (
        <p key={warning} className="quality-warning" role="status" data-testid="quality-warning">
          {t(`quality.${warning}`)}
        </p>
      ))}
    </div>
  );
}
