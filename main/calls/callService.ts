// Turns engine reports into app state, and agent commands into engine commands. The engine is the
// source of truth for SIP state; main adds the rules about what the agent may do (and when), wrap-up,
// auto-answer, the alert timeout for unanswered calls, OS alerts and call history.
import { randomUUID } from 'node:crypto';
import type { EngineReport } from '../../common/contract/channels';
import type { AgentAvailability, Call, QualitySample } from '../../common/contract/model';
import type { CallEvent } from '../session/callEvents';
import type { AppState } from '../session/state';
import { ServiceError } from '../ipc/errors';
import type { Logger } from '../log/logger';
import { callerLabel, isRingingInbound, MAX_LIVE_CALLS } from '../../common/rules/calls';
import { alertStateFrom, sameAlertState, type AgentAlerts, type AlertState } from './agentAlerts';
import { noCallHistory, type CallHistorySink } from './callHistorySink';
import { normaliseDialString } from './dialString';
import type { EngineSupervisor } from './engineSupervisor';
import { QualityMonitor } from './quality/qualityMonitor';

export interface CallServiceOptions {
  /** After-call work time; 0 disables wrap-up. */
  wrapUpSeconds: number;
  /** Answer a ringing call by itself after this many seconds (when no other call is live); undefined: never. */
  autoAnswerSeconds?: number;
  /** A ringing call nobody answers is refused after this long, and the agent is set Not Ready (missed call). */
  alertTimeoutSeconds?: number;
  /** ISO 3166 region for national numbers typed without a country code (e.g. GB). */
  defaultRegion?: string;
  /** SIP INFO DTMF needs the signalling connection; RFC 4733 travels in the media. */
  dtmfMode?: 'rfc4733' | 'info';
}

export interface CallServiceDeps {
  alerts?: AgentAlerts;
  history?: CallHistorySink;
}

const DEFAULT_ALERT_TIMEOUT_SECONDS = 20;

interface RingTimers {
  alert?: NodeJS.Timeout;
  autoAnswer?: NodeJS.Timeout;
}

export class CallService {
  private wrapUpTimer: NodeJS.Timeout | undefined;
  private wrapUpPending = false;
  private readonly wrapUpListeners = new Set<() => void>();
  private readonly missedListeners = new Set<(call: Call) => void>();
  private readonly quality = new Map<string, QualityMonitor>();
  /** The last samples of the most recent call, kept for diagnostics after it ends. */
  private lastSamples: readonly QualitySample[] = [];
  private readonly ringTimers = new Map<string, RingTimers>();
  private missedCalls = 0;
  private lastAlerts: AlertState | undefined;
  private readonly alerts: AgentAlerts | undefined;
  private readonly history: CallHistorySink;
  private disposed = false;
  private readonly subscriptions: (() => void)[];

  constructor(
    private readonly state: AppState,
    private readonly engine: EngineSupervisor,
    private readonly log: Logger,
    private readonly options: CallServiceOptions,
    deps: CallServiceDeps = {},
  ) {
    this.alerts = deps.alerts;
    this.history = deps.history ?? noCallHistory;
    this.subscriptions = [engine.onReport((report) => this.applyReport(report)), state.onCallEvent((event) => this.callEvent(event))];
  }

  /** Called when wrap-up starts or ends, so availability can be pushed to the engine. */
  onWrapUpChange(listener: () => void): void {
    this.wrapUpListeners.add(listener);
  }

  /** Called when a ringing call went unanswered until the alert timeout and the agent is free (→ Not Ready). */
  onMissedCall(listener: (call: Call) => void): void {
    this.missedListeners.add(listener);
  }

  dial(target: string, consultFor?: string): { callId: string } {
    const normalised = normaliseDialString(target, this.options.defaultRegion);
    if (!normalised.ok) {
      throw new ServiceError(
        'invalidPayload',
        normalised.problem === 'unknownRegion'
          ? `The default region "${this.options.defaultRegion}" in the settings is not a country code; ask IT to fix it`
          : `${target} is not a number that can be dialled`,
      );
    }
    this.requireSignalling('call');
    const live = this.state.liveCalls();
    if (live.some((call) => call.state === 'dialing')) throw new ServiceError('conflict', 'Another outgoing call is still being set up');
    if (live.length >= MAX_LIVE_CALLS) throw new ServiceError('conflict', `You already have ${live.length} calls; end one first`);
    if (consultFor !== undefined) this.requireConnected(consultFor);
    const callId = randomUUID();
    this.engine.send({ type: 'dial', callId, target: normalised.target, consultFor });
    return { callId };
  }

  answer(callId: string, holdOthers = false): void {
    const call = this.requireLiveCall(callId);
    if (call.direction !== 'inbound' || call.state !== 'ringing') throw new ServiceError('conflict', 'This call is not ringing');
    const active = this.state.liveCalls().filter((other) => other.id !== callId && other.state === 'connected' && !other.onHold);
    if (active.length > 0 && !holdOthers) throw new ServiceError('conflict', 'You are on another call: use “Hold and answer”');
    this.clearRingTimers(callId);
    this.engine.send({ type: 'answer', callId, holdOthers: active.length > 0 });
  }

  hangup(callId: string): void {
    const call = this.requireLiveCall(callId);
    const declining = isRingingInbound(call);
    this.engine.send({ type: 'hangup', callId, reason: declining ? 'declined' : undefined });
  }

  hold(callId: string, on: boolean): void {
    this.requireConnected(callId);
    this.requireSignalling('hold');
    this.engine.send({ type: 'hold', callId, on });
  }

  mute(callId: string, on: boolean): void {
    this.requireConnected(callId);
    this.engine.send({ type: 'mute', callId, on });
  }

  dtmf(callId: string, digits: string): void {
    this.requireConnected(callId);
    if (this.options.dtmfMode === 'info') this.requireSignalling('keypad');
    this.engine.send({ type: 'dtmf', callId, digits });
  }

  transfer(request: { callId: string; mode: 'blind' | 'attended'; target?: string; consultCallId?: string }): void {
    const call = this.requireConnected(request.callId);
    if (call.transferring) throw new ServiceError('conflict', 'This call is already being transferred');
    if (call.conference) throw new ServiceError('conflict', 'A call in a conference cannot be transferred; hang up the other party first');
    this.requireSignalling('transfer');
    if (request.mode === 'blind') {
      const normalised = normaliseDialString(request.target ?? '', this.options.defaultRegion);
      if (!normalised.ok) throw new ServiceError('invalidPayload', `${request.target ?? ''} is not a number a call can be transferred to`);
      this.engine.send({ type: 'transfer', callId: call.id, mode: 'blind', target: normalised.target });
      return;
    }
    const consult = this.requireConnected(request.consultCallId ?? '');
    if (consult.conference) throw new ServiceError('conflict', 'The consultation call is in a conference');
    this.engine.send({ type: 'transfer', callId: call.id, mode: 'attended', consultCallId: consult.id });
  }

  conference(callIds: readonly string[]): void {
    const calls = callIds.map((id) => this.requireConnected(id));
    if (calls.some((call) => call.conference)) throw new ServiceError('conflict', 'These calls are already in a conference');
    if (calls.some((call) => call.transferring)) throw new ServiceError('conflict', 'One of these calls is being transferred');
    this.requireSignalling('conference');
    const [first, second] = calls;
    if (!first || !second) throw new ServiceError('conflict', 'A conference needs two calls');
    this.engine.send({ type: 'conference', callIds: [first.id, second.id] });
  }

  private requireLiveCall(callId: string): Call {
    const call = this.state.getCall(callId);
    if (!call || call.state === 'ended') throw new ServiceError('notFound', 'That call has already ended');
    return call;
  }

  private requireConnected(callId: string): Call {
    const call = this.requireLiveCall(callId);
    if (call.state !== 'connected') throw new ServiceError('conflict', 'The call is not connected yet');
    return call;
  }

  /**
   * Actions that need a SIP request (hold, transfer, a new call…) wait for the connection to the phone
   * server: JsSIP ends a call whose in-dialog request fails on a dead socket, so it is safer to refuse.
   */
  private requireSignalling(action: string): void {
    if (this.state.getRegistration().state !== 'registered') {
      throw new ServiceError('unavailable', `Not connected to the phone server right now, so the ${action} cannot be done; try again when it is back`);
    }
  }

  private applyReport(report: EngineReport): void {
    switch (report.type) {
      case 'registration':
        this.applyRegistration(report);
        return;
      case 'transport':
        if (!report.connected && this.state.getRegistration().state !== 'unconfigured') {
          const previous = this.state.getRegistration();
          this.state.setRegistration({ state: 'reconnecting', failure: 'transport', detail: report.detail, registeredAt: previous.registeredAt });
        }
        return;
      case 'call':
        this.applyCall(report.call);
        return;
      case 'quality':
        this.applyQuality(report.callId, report.sample);
        return;
      case 'transfer':
        if (report.outcome === 'failed') {
          const call = this.state.getCall(report.callId);
          this.state.notify('warning', 'notice.transferFailed', { caller: call ? callerLabel(call) : '', detail: report.detail ?? '' });
        }
        this.log.info({ callId: report.callId, outcome: report.outcome, detail: report.detail }, 'transfer');
        return;
      case 'callRemoved': {
        const call = this.state.getCall(report.callId);
        if (call && call.state !== 'ended') this.applyCall({ ...call, state: 'ended', endedAt: Date.now(), endReason: report.reason });
        return;
      }
      case 'log':
        // Nested, so nothing the engine sends can pose as main's own fields (source, level, time, msg).
        this.log[report.level]({ source: 'engine', ...(report.data ? { engine: report.data } : {}) }, report.message);
        return;
    }
  }

  private applyRegistration(report: Extract<EngineReport, { type: 'registration' }>): void {
    const previous = this.state.getRegistration();
    switch (report.state) {
      case 'registering':
        // After the first success a new attempt is a reconnect, which the agent should see as such.
        this.state.setRegistration({ state: previous.registeredAt ? 'reconnecting' : 'registering', registeredAt: previous.registeredAt });
        return;
      case 'registered':
        if (previous.state === 'reconnecting') this.state.notify('info', 'notice.reconnected');
        this.state.setRegistration({ state: 'registered', registeredAt: Date.now() });
        return;
      case 'unregistered':
        this.state.setRegistration({ state: 'reconnecting', failure: report.failure, detail: report.detail, registeredAt: previous.registeredAt });
        return;
      case 'failed':
        this.state.setRegistration({ state: 'failed', failure: report.failure ?? 'rejected', detail: report.detail, registeredAt: previous.registeredAt });
        return;
    }
  }

  /** Recent quality samples (live call, else the last one), for diagnostics. */
  recentQualitySamples(): readonly QualitySample[] {
    const live = this.state.liveCalls().find((call) => this.quality.has(call.id));
    return live ? (this.quality.get(live.id)?.samples() ?? []) : this.lastSamples;
  }

  private applyQuality(callId: string, sample: QualitySample): void {
    const call = this.state.getCall(callId);
    if (!call || call.state !== 'connected') return;
    let monitor = this.quality.get(callId);
    if (!monitor) {
      monitor = new QualityMonitor();
      this.quality.set(callId, monitor);
    }
    this.state.upsertCall({ ...call, quality: monitor.add(sample, !call.muted && !call.onHold) });
  }

  private applyCall(reported: Call): void {
    const previous = this.state.getCall(reported.id);
    // The engine does not know quality or auto-answer; keep what main decided.
    let call: Call = {
      ...reported,
      quality: reported.quality ?? previous?.quality,
      autoAnswerAt: reported.state === 'ringing' ? previous?.autoAnswerAt : undefined,
    };
    // Decided here, before the one write: a new ringing call gets its timers (and auto-answer time).
    if (isRingingInbound(call) && !this.ringTimers.has(call.id)) call = { ...call, autoAnswerAt: this.startRingTimers(call) };
    else if (!isRingingInbound(call) && this.ringTimers.has(call.id)) this.clearRingTimers(call.id, false);
    this.state.upsertCall(call);
    this.updateAlerts();
    if (call.state === 'ended') {
      const monitor = this.quality.get(call.id);
      if (monitor) this.lastSamples = [...monitor.samples()];
      this.quality.delete(call.id);
    }
    const justEnded = call.state === 'ended' && previous?.state !== 'ended';
    if (!justEnded) return;
    this.log.info({ callId: call.id, reason: call.endReason, direction: call.direction }, 'call ended');
    if ((previous?.connectedAt ?? call.connectedAt) !== undefined) this.wrapUpPending = true;
    // After-call work starts when the agent's last call ends (a transfer or conference ends several).
    if (this.wrapUpPending && this.state.liveCalls().length === 0) {
      this.wrapUpPending = false;
      this.startWrapUp();
    }
  }

  /** A call ended however it ended (reported by the engine, or lost with it): history, timers, alerts. */
  private callEvent(event: CallEvent): void {
    if (this.disposed || event.type !== 'ended') return;
    const { call } = event;
    if (this.ringTimers.has(call.id)) this.clearRingTimers(call.id, false);
    this.updateAlerts();
    try {
      this.history.recordCall(call);
    } catch (error) {
      this.log.error({ err: error, callId: call.id }, 'call history could not record the call');
    }
  }

  /** The agent chose a state: Available clears the missed-call count on the tray badge. */
  availabilityChanged(availability: AgentAvailability): void {
    if (availability.kind !== 'available' || this.missedCalls === 0) return;
    this.missedCalls = 0;
    this.updateAlerts();
  }

  /** OS alerts (notification, tray badge) for what rings now and what was missed. */
  private updateAlerts(): void {
    if (this.disposed || !this.alerts) return;
    const alerts = alertStateFrom({ calls: [...this.state.liveCalls()] }, this.missedCalls);
    if (sameAlertState(this.lastAlerts, alerts)) return;
    this.lastAlerts = alerts;
    try {
      this.alerts.update(alerts);
    } catch (error) {
      this.log.warn({ err: error }, 'could not show the incoming call alert');
    }
  }

  /** Starts the alert timeout and, when the agent is free, auto-answer; returns when auto-answer will happen. */
  private startRingTimers(call: Call): number | undefined {
    const timers: RingTimers = {};
    this.ringTimers.set(call.id, timers);
    const alertSeconds = this.options.alertTimeoutSeconds ?? DEFAULT_ALERT_TIMEOUT_SECONDS;
    timers.alert = setTimeout(() => this.alertTimedOut(call.id), alertSeconds * 1000);
    timers.alert.unref();
    const autoAnswer = this.options.autoAnswerSeconds;
    // On another call, or still writing the last one's notes: the agent answers by hand.
    const busy = this.state.liveCalls().some((other) => other.id !== call.id) || this.state.inWrapUp();
    if (autoAnswer === undefined || busy) return undefined;
    timers.autoAnswer = setTimeout(() => {
      try {
        this.answer(call.id);
      } catch (error) {
        this.log.info({ callId: call.id, reason: (error as Error).message }, 'auto-answer skipped');
      }
    }, autoAnswer * 1000);
    timers.autoAnswer.unref();
    return Date.now() + autoAnswer * 1000;
  }

  /** `stillRinging`: kept (empty) while the call rings, so its timers are not started again. */
  private clearRingTimers(callId: string, stillRinging = true): void {
    const timers = this.ringTimers.get(callId);
    clearTimeout(timers?.alert);
    clearTimeout(timers?.autoAnswer);
    if (timers && stillRinging) this.ringTimers.set(callId, {});
    else this.ringTimers.delete(callId);
  }

  private alertTimedOut(callId: string): void {
    const call = this.state.getCall(callId);
    if (!call || call.state !== 'ringing') return;
    this.log.info({ callId, seconds: this.options.alertTimeoutSeconds ?? DEFAULT_ALERT_TIMEOUT_SECONDS }, 'ringing call not answered in time');
    this.engine.trySend({ type: 'hangup', callId, reason: 'missed' });
    this.missedCalls += 1;
    const otherLive = this.state.liveCalls().some((other) => other.id !== callId);
    this.state.notify('warning', otherLive ? 'notice.missedWaitingCall' : 'notice.missedCall', { caller: callerLabel(call) });
    if (!otherLive) for (const listener of this.missedListeners) listener(call);
  }

  private startWrapUp(): void {
    if (this.options.wrapUpSeconds <= 0) return;
    const until = Date.now() + this.options.wrapUpSeconds * 1000;
    this.state.setWrapUpUntil(until);
    for (const listener of this.wrapUpListeners) listener();
    clearTimeout(this.wrapUpTimer);
    this.wrapUpTimer = setTimeout(() => this.endWrapUp(), this.options.wrapUpSeconds * 1000);
    this.wrapUpTimer.unref();
  }

  /** Ends after-call work early (the agent clicked "done") or when the timer runs out. */
  endWrapUp(): void {
    clearTimeout(this.wrapUpTimer);
    if (this.state.getWrapUpUntil() === undefined) return;
    this.state.setWrapUpUntil(undefined);
    for (const listener of this.wrapUpListeners) listener();
  }

  dispose(): void {
    this.disposed = true;
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
    clearTimeout(this.wrapUpTimer);
    for (const callId of [...this.ringTimers.keys()]) {
      const timers = this.ringTimers.get(callId);
      clearTimeout(timers?.alert);
      clearTimeout(timers?.autoAnswer);
    }
    this.ringTimers.clear();
  }
}
