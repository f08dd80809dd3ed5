// Turns engine reports into app state, and agent commands into engine commands. The engine is the
// source of truth for SIP state; main adds wrap-up and the rules about what the agent may do.
import { randomUUID } from 'node:crypto';
import type { EngineReport } from '../../common/contract/channels';
import type { Call, QualitySample } from '../../common/contract/model';
import type { AppState } from '../app/state';
import { ServiceError } from '../ipc/errors';
import type { Logger } from '../log/logger';
import type { EngineSupervisor } from './engineSupervisor';
import { QualityMonitor } from './quality/qualityMonitor';

export interface CallServiceOptions {
  /** After-call work time; 0 disables wrap-up. */
  wrapUpSeconds: number;
}

export class CallService {
  private wrapUpTimer: NodeJS.Timeout | undefined;
  private readonly wrapUpListeners = new Set<() => void>();
  private readonly quality = new Map<string, QualityMonitor>();
  /** The last samples of the most recent call, kept for diagnostics after it ends. */
  private lastSamples: readonly QualitySample[] = [];

  constructor(
    private readonly state: AppState,
    private readonly engine: EngineSupervisor,
    private readonly log: Logger,
    private readonly options: CallServiceOptions,
  ) {
    engine.onReport((report) => this.applyReport(report));
  }

  /** Called when wrap-up starts or ends, so availability can be pushed to the engine. */
  onWrapUpChange(listener: () => void): void {
    this.wrapUpListeners.add(listener);
  }

  dial(target: string): { callId: string } {
    if (this.state.liveCalls().some((call) => call.state === 'dialing')) {
      throw new ServiceError('conflict', 'Another outgoing call is still being set up');
    }
    const callId = randomUUID();
    this.engine.send({ type: 'dial', callId, target });
    return { callId };
  }

  answer(callId: string): void {
    const call = this.requireLiveCall(callId);
    if (call.direction !== 'inbound' || call.state !== 'ringing') throw new ServiceError('conflict', 'This call is not ringing');
    this.engine.send({ type: 'answer', callId });
  }

  hangup(callId: string): void {
    this.requireLiveCall(callId);
    this.engine.send({ type: 'hangup', callId });
  }

  hold(callId: string, on: boolean): void {
    this.requireConnected(callId);
    this.engine.send({ type: 'hold', callId, on });
  }

  mute(callId: string, on: boolean): void {
    this.requireConnected(callId);
    this.engine.send({ type: 'mute', callId, on });
  }

  dtmf(callId: string, digits: string): void {
    this.requireConnected(callId);
    this.engine.send({ type: 'dtmf', callId, digits });
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
      case 'callRemoved': {
        const call = this.state.getCall(report.callId);
        if (call && call.state !== 'ended') this.applyCall({ ...call, state: 'ended', endedAt: Date.now(), endReason: report.reason });
        return;
      }
      case 'log':
        this.log[report.level]({ source: 'engine', ...report.data }, report.message);
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
    // The engine does not know quality; keep what main computed.
    const call = { ...reported, quality: reported.quality ?? previous?.quality };
    this.state.upsertCall(call);
    if (call.state === 'ended') {
      const monitor = this.quality.get(call.id);
      if (monitor) this.lastSamples = [...monitor.samples()];
      this.quality.delete(call.id);
    }
    const justEnded = call.state === 'ended' && previous?.state !== 'ended';
    if (justEnded && (previous?.connectedAt ?? call.connectedAt) !== undefined) this.startWrapUp();
    if (justEnded) this.log.info({ callId: call.id, reason: call.endReason, direction: call.direction }, 'call ended');
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
    clearTimeout(this.wrapUpTimer);
  }
}
