// Audio devices and headset call control, main's side. The engine (which owns getUserMedia, setSinkId
// and WebHID) reports what it sees; this service keeps the view the settings page draws, keeps the
// agent's choices (by id plus label, so they survive reboots), runs headset buttons through the same
// CallService a click would use, and applies the "headset removed" rule (never during a live call).
import {
  baseDeviceLabel,
  defaultAudioProcessing,
  processingFor,
  type AudioProcessing,
  type AudioRole,
  type DeviceChoice,
  type DeviceCommand,
  type DeviceReport,
  type DeviceSettings,
  type DeviceSettingsCommand,
  type DevicesView,
  type HeadsetPolicy,
  type HeadsetStatus,
} from '../../common/contract/devices';
import type { AgentAvailability } from '../../common/contract/model';
import type { AppState } from '../session/state';
import { ServiceError } from '../ipc/errors';
import type { Logger } from '../log/logger';
import type { DeviceSettingsStore } from './deviceSettingsStore';
import { decideHeadsetRemoval, type HeadsetRemovedAction } from './headsetPolicy';

/** The parts of CallService a headset button may use. */
export interface HeadsetCallControl {
  answer(callId: string, holdOthers?: boolean): void;
  hangup(callId: string): void;
  hold(callId: string, on: boolean): void;
  mute(callId: string, on: boolean): void;
  dial(target: string): { callId: string };
}

export interface DevicesEngineLink {
  isConnected(): boolean;
  send(command: DeviceCommand): void;
}

export interface DevicesServiceDeps {
  state: AppState;
  engine: DevicesEngineLink;
  calls: HeadsetCallControl;
  setAvailability: (availability: AgentAvailability) => void;
  store: DeviceSettingsStore;
  headsetPolicy: () => HeadsetPolicy;
  removedAction: () => HeadsetRemovedAction;
  emitView: (view: DevicesView) => void;
  emitLevel: (level: number) => void;
  log: Logger;
}

const EXPORT_TIMEOUT_MS = 5_000;
const NO_HEADSET: HeadsetStatus = { state: 'none', certification: 'noPolicy', pairedWithAudio: false, controls: [] };

export class DevicesService {
  private settings: DeviceSettings;
  private view: DevicesView;
  private removalPending = false;
  private lastDialled: string | undefined;
  private readonly exports = new Map<string, (result: { json?: string; error?: string }) => void>();
  private nextRequest = 1;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: DevicesServiceDeps) {
    this.settings = deps.store.load();
    this.view = { inputs: [], outputs: [], preferences: this.settings.preferences, active: {}, engineReady: false, processing: defaultAudioProcessing, headset: NO_HEADSET };
    this.unsubscribe = deps.state.onCallEvent((event) => {
      if (event.type === 'dialing') this.lastDialled = event.call.remoteNumber;
      // A headset pulled out during a call is acted on when the agent's last call has ended.
      if (event.type === 'ended') this.checkHeadsetRemoval(this.view.headset.state);
    });
  }

  /** The engine went away: device choices wait for the next one's hello. */
  engineLost(): void {
    if (this.view.engineReady) this.setView({ engineReady: false });
  }

  /** Stops watching the session; a headset export still waiting is answered as unanswered. */
  dispose(): void {
    this.unsubscribe();
    for (const answer of [...this.exports.values()]) answer({ error: 'the app is closing' });
  }

  current(): DevicesView {
    return this.view;
  }

  /** The engine (re)started: everything it needs to pick devices and run the headset. */
  hello(): DeviceSettingsCommand {
    this.setView({ engineReady: true });
    return this.settingsCommand();
  }

  choose(role: AudioRole, choice: DeviceChoice): void {
    if (choice.mode === 'device' && this.view.engineReady) {
      const list = role === 'input' ? this.view.inputs : this.view.outputs;
      if (!list.some((device) => device.deviceId === choice.deviceId)) throw new ServiceError('notFound', 'That device is not connected any more; pick another one');
    }
    this.settings = { ...this.settings, preferences: { ...this.settings.preferences, [role]: choice } };
    this.persistAndPush();
  }

  setProcessing(processing: AudioProcessing): void {
    const microphone = this.activeInputKey();
    if (!microphone) throw new ServiceError('unavailable', 'No microphone is in use yet');
    this.settings = { ...this.settings, processing: { ...this.settings.processing, [microphone]: processing } };
    this.persistAndPush();
  }

  testTone(role: 'output' | 'ringer'): void {
    this.requireEngine().send({ type: 'testTone', role });
  }

  meter(on: boolean): void {
    if (this.deps.engine.isConnected()) this.deps.engine.send({ type: 'meter', on });
  }

  async exportHeadsetInfo(): Promise<{ fileName: string; json: string }> {
    if (this.view.headset.state !== 'connected') throw new ServiceError('unavailable', 'No headset with call buttons is connected');
    const engine = this.requireEngine();
    const requestId = `export-${this.nextRequest++}`;
    const result = await new Promise<{ json?: string; error?: string }>((resolve) => {
      const timer = setTimeout(() => {
        this.exports.delete(requestId);
        resolve({ error: 'the call engine did not answer' });
      }, EXPORT_TIMEOUT_MS);
      this.exports.set(requestId, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      engine.send({ type: 'exportHeadset', requestId });
    });
    if (!result.json) throw new ServiceError('failed', `Could not read the headset: ${result.error ?? 'no data'}`);
    const name = (this.view.headset.name ?? 'headset').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'headset';
    return { fileName: `headset-info-${name}.json`, json: result.json };
  }

  /** Policy changed (certified list): the engine re-checks the connected headset. */
  policyChanged(): void {
    if (this.deps.engine.isConnected()) this.deps.engine.send(this.settingsCommand());
  }

  report(report: DeviceReport): void {
    switch (report.type) {
      case 'devices':
        this.setView({ inputs: report.inputs, outputs: report.outputs, active: report.active, processing: processingFor(this.settings.processing, report.active.input?.label) });
        return;
      case 'notice':
        this.deps.state.notify(report.level, report.key, report.values);
        return;
      case 'preference':
        // Same device under a new id (a reboot or another USB port): remember the new id quietly.
        this.settings = { ...this.settings, preferences: { ...this.settings.preferences, [report.role]: report.choice } };
        this.deps.store.save(this.settings);
        this.setView({ preferences: this.settings.preferences });
        return;
      case 'headset': {
        const previous = this.view.headset.state;
        this.setView({ headset: report.status });
        if (previous !== report.status.state) this.deps.log.info({ headset: report.status.name, state: report.status.state }, 'headset state');
        this.checkHeadsetRemoval(previous);
        return;
      }
      case 'headsetAction':
        this.headsetAction(report);
        return;
      case 'level':
        this.deps.emitLevel(report.level);
        return;
      case 'headsetInfo':
        this.exports.get(report.requestId)?.({ json: report.json, error: report.error });
        this.exports.delete(report.requestId);
        return;
    }
  }

  private headsetAction(report: Extract<DeviceReport, { type: 'headsetAction' }>): void {
    const { calls } = this.deps;
    const callId = report.callId;
    try {
      switch (report.action) {
        case 'answer':
          if (callId) calls.answer(callId, true);
          break;
        case 'hangup':
        case 'reject':
          if (callId) calls.hangup(callId);
          break;
        case 'mute':
          if (callId) calls.mute(callId, report.on ?? true);
          break;
        case 'hold':
          if (callId) calls.hold(callId, report.on ?? true);
          break;
        case 'redial':
          if (this.lastDialled && this.deps.state.liveCalls().length === 0) calls.dial(this.lastDialled);
          break;
      }
      this.deps.log.info({ action: report.action, callId }, 'headset button');
    } catch (error) {
      // The same refusal a click would get (e.g. "this call is not ringing"): logged, the call is untouched.
      this.deps.log.warn({ err: error, action: report.action, callId }, 'headset button refused');
    }
  }

  private checkHeadsetRemoval(previous: HeadsetStatus['state'] | undefined): void {
    const availability = this.deps.state.getAvailability();
    const decision = decideHeadsetRemoval({
      previous,
      current: this.view.headset.state,
      pending: this.removalPending,
      liveCalls: this.deps.state.liveCalls().length,
      available: availability.kind === 'available',
      action: this.deps.removedAction(),
    });
    this.removalPending = decision.pending;
    if (decision.act === 'setNotReady') {
      this.deps.setAvailability({ kind: 'notReady', reason: 'headsetRemoved' });
      this.deps.state.notify('warning', 'notice.headset.removedNotReady', { name: this.view.headset.name ?? '' });
    } else if (decision.act === 'tell') {
      this.deps.state.notify('warning', 'notice.headset.removed', { name: this.view.headset.name ?? '' });
    }
  }

  private settingsCommand(): DeviceSettingsCommand {
    return { type: 'settings', settings: this.settings, headsetPolicy: this.deps.headsetPolicy() };
  }

  private persistAndPush(): void {
    this.deps.store.save(this.settings);
    this.setView({ preferences: this.settings.preferences, processing: processingFor(this.settings.processing, this.view.active.input?.label) });
    if (this.deps.engine.isConnected()) this.deps.engine.send(this.settingsCommand());
  }

  private activeInputKey(): string | undefined {
    const label = this.view.active.input?.label;
    return label ? baseDeviceLabel(label) : undefined;
  }

  private requireEngine(): DevicesEngineLink {
    if (!this.deps.engine.isConnected()) throw new ServiceError('unavailable', 'The call engine is restarting; try again in a moment');
    return this.deps.engine;
  }

  private setView(patch: Partial<DevicesView>): void {
    this.view = { ...this.view, ...patch };
    this.deps.emitView(this.view);
  }
}
