// The engine's WebHID glue for headset call control. Decisions are the pure state machine's
// (headsetMachine.ts); this file finds the granted telephony headset (main grants the permission:
// Electron's device permission handler; navigator.hid.requestDevice is never called from the hidden
// engine), pairs it with the microphone in use, opens it, feeds input reports and call changes to
// the machine, writes the output reports it returns, and keeps a short trace for "Export headset info".
import type { DeviceReport, HeadsetPolicy, HeadsetStatus } from '../../../common/contract/devices';
import type { Call } from '../../../common/contract/model';
import { checkCertification } from './certification';
import { exportHeadsetInfo, type ExportableCollection, type TraceRecord } from './headsetExport';
import { createHeadsetState, headsetStep, headsetView, type HeadsetInput, type HeadsetState } from './headsetMachine';
import { pairHeadset, pairingScore } from './headsetPairing';
import { buildUsageMap, headsetControls, telephonyCollections } from './usageMap';

/** The part of WebHID's HIDDevice the engine uses (lib.dom has no WebHID types). */
export interface HidDeviceHandle extends EventTarget {
  readonly opened: boolean;
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: readonly ExportableCollection[];
  open(): Promise<void>;
  close(): Promise<void>;
  sendReport(reportId: number, data: BufferSource): Promise<void>;
}

export interface HidInputReportEventLike extends Event {
  readonly device: HidDeviceHandle;
  readonly reportId: number;
  readonly data: DataView;
}

export interface HidConnectionEventLike extends Event {
  readonly device: HidDeviceHandle;
}

/** The part of WebHID's `navigator.hid` the engine uses. */
export interface HidLike extends EventTarget {
  getDevices(): Promise<HidDeviceHandle[]>;
}

export interface HeadsetControllerHooks {
  report: (report: DeviceReport) => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Label of the microphone in use, to pick the headset the agent is actually wearing. */
  microphoneLabel: () => string | undefined;
}

const TRACE_LIMIT = 200;

export class HeadsetController {
  private hid: HidLike | undefined;
  private device: HidDeviceHandle | undefined;
  private machine: HeadsetState | undefined;
  private calls: Call[] = [];
  private policy: HeadsetPolicy = {};
  private readonly trace: TraceRecord[] = [];
  private lastStatus = '';
  /** A headset was in use this run: its absence is "disconnected", not "none". */
  private hadHeadset = false;
  private queue: Promise<void> = Promise.resolve();
  /** The readiness check is waiting for any button: presses go to it, not to call control. */
  private pressProbe: ((pressed: boolean) => void) | undefined;
  private readonly onInput = (event: Event) => this.inputReport(event as HidInputReportEventLike);
  private readonly onConnect = () => this.rescan('connected');
  private readonly onDisconnect = (event: Event) => {
    if ((event as HidConnectionEventLike).device === this.device) this.rescan('disconnected');
  };

  constructor(private readonly hooks: HeadsetControllerHooks) {}

  /** Starts with WebHID (or a stand-in with the same interface); undefined: no WebHID here. */
  use(hid: HidLike | undefined): void {
    this.hid?.removeEventListener('connect', this.onConnect);
    this.hid?.removeEventListener('disconnect', this.onDisconnect);
    this.hid = hid;
    hid?.addEventListener('connect', this.onConnect);
    hid?.addEventListener('disconnect', this.onDisconnect);
    this.rescan('start');
  }

  setPolicy(policy: HeadsetPolicy): void {
    this.policy = policy;
    this.publish();
  }

  /** The microphone changed: a different headset may now be the one in use. */
  microphoneChanged(): void {
    this.rescan('microphone');
  }

  callsChanged(calls: readonly Call[]): void {
    this.calls = calls.filter((call) => call.state !== 'ended');
    this.feed({ type: 'calls', view: headsetView(this.calls) });
  }

  exportInfo(): string {
    const device = this.device;
    if (!device) throw new Error('no headset is connected');
    return exportHeadsetInfo({
      device: { vendorId: device.vendorId, productId: device.productId, productName: device.productName },
      collections: device.collections,
      trace: this.trace,
      source: 'Hearthline "Export headset info"',
      exportedAt: new Date().toISOString(),
    });
  }

  /**
   * Shift-start readiness check: resolves true on the next input report that carries a press (any
   * call-control button), false after the timeout. While it waits, presses do not act on calls and
   * are not mistaken for another softphone.
   */
  waitForPress(timeoutMs: number): Promise<boolean> {
    this.pressProbe?.(false);
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => finish(false), timeoutMs);
      const finish = (pressed: boolean) => {
        window.clearTimeout(timer);
        if (this.pressProbe === finish) this.pressProbe = undefined;
        resolve(pressed);
      };
      this.pressProbe = finish;
    });
  }

  /** Headset state for the readiness check and the tests. */
  status(): HeadsetStatus {
    const device = this.device;
    if (!this.hid) return { state: 'unsupported', certification: 'noPolicy', pairedWithAudio: false, controls: [] };
    if (!device || !this.machine) return { state: this.hadHeadset ? 'disconnected' : 'none', certification: 'noPolicy', pairedWithAudio: false, controls: [] };
    const microphone = this.hooks.microphoneLabel();
    return {
      state: 'connected',
      name: device.productName.slice(0, 256),
      vendorId: device.vendorId,
      productId: device.productId,
      certification: checkCertification(device, this.policy).certification,
      pairedWithAudio: microphone ? pairingScore(microphone, device) > 0 : false,
      controls: headsetControls(this.machine.map),
    };
  }

  private rescan(why: string): void {
    this.queue = this.queue.then(() => this.rescanNow(why)).catch((error: unknown) => this.hooks.log('warn', `headset: ${String(error)}`));
  }

  private async rescanNow(why: string): Promise<void> {
    const granted = this.hid ? await this.hid.getDevices() : [];
    const telephony = granted.filter((device) => telephonyCollections(device.collections).length > 0);
    const microphone = this.hooks.microphoneLabel();
    // The headset whose microphone is in use; otherwise the only telephony device there is.
    const chosen = (microphone ? pairHeadset(telephony, microphone) : undefined) ?? (telephony.length === 1 ? telephony[0] : undefined);
    if (chosen !== this.device) await this.switchTo(chosen, why);
    this.publish();
  }

  private async switchTo(device: HidDeviceHandle | undefined, why: string): Promise<void> {
    const previous = this.device;
    if (previous) {
      previous.removeEventListener('inputreport', this.onInput);
      if (previous.opened) await previous.close().catch(() => undefined);
    }
    this.device = undefined;
    this.machine = undefined;
    if (!device) {
      if (previous) this.hooks.log('info', `headset ${previous.productName} gone (${why})`);
      return;
    }
    const map = buildUsageMap(device.collections);
    if (!map) return;
    if (!device.opened) await device.open();
    device.addEventListener('inputreport', this.onInput);
    this.device = device;
    this.hadHeadset = true;
    this.trace.length = 0;
    this.machine = createHeadsetState(map);
    this.hooks.log('info', `headset ${device.productName} (${hex(device.vendorId)}:${hex(device.productId)}) in use (${why})`);
    this.feed({ type: 'connected' });
    this.feed({ type: 'calls', view: headsetView(this.calls) });
    const certification = checkCertification(device, this.policy);
    if (certification.notice) this.hooks.report({ type: 'notice', ...certification.notice });
  }

  private inputReport(event: HidInputReportEventLike): void {
    if (event.device !== this.device) return;
    const data = new Uint8Array(event.data.buffer, event.data.byteOffset, event.data.byteLength).slice();
    this.record('in', event.reportId, data);
    if (this.pressProbe && data.some((byte) => byte !== 0)) {
      this.pressProbe(true);
      return;
    }
    this.feed({ type: 'report', reportId: event.reportId, data });
  }

  private feed(input: HeadsetInput): void {
    const device = this.device;
    if (!device || !this.machine) return;
    const step = headsetStep(this.machine, input);
    this.machine = step.state;
    for (const event of step.events) {
      if (event.type === 'redial') this.hooks.report({ type: 'headsetAction', action: 'redial' });
      else this.hooks.report({ type: 'headsetAction', action: event.type, callId: event.callId, on: 'on' in event ? event.on : undefined });
    }
    for (const warning of step.warnings) {
      this.hooks.log('warn', `headset: ${warning.detail}`);
      this.hooks.report({ type: 'notice', level: 'warning', key: warning.key });
    }
    for (const report of step.reports) {
      this.record('out', report.reportId, report.data);
      void device.sendReport(report.reportId, report.data as Uint8Array<ArrayBuffer>).catch((error: unknown) => this.hooks.log('warn', `headset LED report ${report.reportId} failed: ${String(error)}`));
    }
  }

  private record(dir: 'in' | 'out', reportId: number, data: Uint8Array): void {
    this.trace.push({ at: performance.now(), dir, reportId, data });
    if (this.trace.length > TRACE_LIMIT) this.trace.shift();
  }

  private publish(): void {
    const status = this.status();
    const key = `${status.state}|${status.name ?? ''}|${status.certification}|${status.pairedWithAudio}`;
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.hooks.report({ type: 'headset', status });
  }
}

function hex(value: number): string {
  return value.toString(16).padStart(4, '0');
}
