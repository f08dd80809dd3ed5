// The shift-start readiness check: asks the call engine for its probes (microphone, echo test call,
// headset, test tones), measures CPU and memory here, grades everything (grading.ts), and when the
// agent has answered the speaker/ringer questions saves the report in the local store and queues it in
// the outbox for IT. When policy requires the check, going Ready is refused until one has passed.
import { randomUUID } from 'node:crypto';
import { GatewayReadinessReportSchema, type ReadinessItemId, type ReadinessItemResult, type ReadinessItemView, type ReadinessProbeRequest, type ReadinessProbeResult, type ReadinessReport, type ReadinessView, type ToneMeasurement } from '../../common/contract/readiness';
import type { AgentAvailability } from '../../common/contract/model';
import type { AppState } from '../session/state';
import { ServiceError } from '../ipc/errors';
import type { Logger } from '../log/logger';
import type { OutboxEntry, OutboxPort } from '../outbox/module';
import { systemScheduler, type CancelTimer, type Scheduler } from '../time/scheduler';
import { DEFAULT_READINESS_VALID_HOURS, gradeHeadset, gradeMicrophone, gradeNetwork, gradeSystem, gradeTone, gradeUnanswered, passedUntil, verdictOf } from './grading';
import type { ReadinessRepository, ReadinessReportSummary } from './readinessRepository';
import { nodeSystemProbe, type SystemProbe } from './systemProbe';

/** What the service needs of the call engine (EngineSupervisor + the event hub in createApp). */
export interface ReadinessEnginePort {
  isConnected(): boolean;
  probe(request: ReadinessProbeRequest): void;
}

export interface ReadinessOptions {
  micMs: number;
  /** How long the echo test call stays up once connected. */
  networkMs: number;
  /** How long to wait for a headset button press (only when a headset is connected). */
  headsetTimeoutMs: number;
  systemWindowMs: number;
  /** Extra time each engine probe gets before it counts as unanswered. */
  probeGraceMs: number;
  /** The ringer tone follows the speaker tone after this long, so the agent can tell them apart. */
  ringerToneDelayMs: number;
}

export const DEFAULT_READINESS_OPTIONS: ReadinessOptions = {
  micMs: 2_000,
  networkMs: 6_000,
  headsetTimeoutMs: 10_000,
  systemWindowMs: 1_500,
  probeGraceMs: 12_000,
  ringerToneDelayMs: 1_500,
};

export interface ReadinessServiceDeps {
  state: AppState;
  engine: ReadinessEnginePort;
  /** Policy readinessCheckRequired / readinessValidHours, read live. */
  required: () => boolean;
  validHours: () => number | undefined;
  /** The encrypted store's reports table; without one, passes are kept for this run only. */
  repository?: ReadinessRepository;
  /** The outbox the report is queued in for the gateway. */
  outbox?: Pick<OutboxPort, 'enqueue'>;
  system?: SystemProbe;
  /** The echo/test extension the network probe calls (app config echoTestExtension). */
  echoExtension: string;
  /** The agent's SIP address, for the report. */
  agent: () => string;
  appVersion: string;
  platform: string;
  scheduler?: Scheduler;
  newId?: () => string;
  log: Logger;
  /** Pushes the view to the UI. */
  onChange: (view: ReadinessView) => void;
  options?: Partial<ReadinessOptions>;
}

type AutomaticItem = Exclude<ReadinessItemId, 'speaker' | 'ringer'>;
const AUTOMATIC: readonly AutomaticItem[] = ['microphone', 'network', 'headset', 'system'];
const ITEM_ORDER: readonly ReadinessItemId[] = ['microphone', 'speaker', 'ringer', 'headset', 'network', 'system'];

interface Run {
  id: string;
  startedAt: number;
  results: Map<AutomaticItem, ReadinessItemResult>;
  tones: Partial<Record<'speaker' | 'ringer', ToneMeasurement>>;
  heard: Partial<Record<'speaker' | 'ringer', boolean>>;
  timers: CancelTimer[];
  report?: ReadinessReport;
}

export class ReadinessService {
  private readonly options: ReadinessOptions;
  private readonly scheduler: Scheduler;
  private readonly newId: () => string;
  private readonly system: SystemProbe;
  private run: Run | undefined;
  /** The latest report of this run when it could not be stored (no store, or a storage fault). */
  private readonly memory: ReadinessReportSummary[] = [];
  private disposed = false;

  constructor(private readonly deps: ReadinessServiceDeps) {
    this.options = { ...DEFAULT_READINESS_OPTIONS, ...deps.options };
    this.scheduler = deps.scheduler ?? systemScheduler;
    this.newId = deps.newId ?? randomUUID;
    this.system = deps.system ?? nodeSystemProbe;
  }

  /** At start: when IT requires the check and none counts yet, the agent starts Not Ready. */
  start(setAvailability: (availability: AgentAvailability) => void): void {
    const { state } = this.deps;
    if (this.deps.required() && !this.passedUntil() && state.getAvailability().kind === 'available' && state.liveCalls().length === 0) {
      setAvailability({ kind: 'notReady', reason: 'readinessCheck' });
      this.deps.log.info('readiness check required by policy and not passed this shift: starting Not Ready');
    }
  }

  /** Availability guard: Ready is refused while a required check has not passed. */
  guardAvailability(next: AgentAvailability): void {
    if (next.kind !== 'available' || !this.deps.required() || this.passedUntil()) return;
    throw new ServiceError(
      'forbidden',
      'Your organisation requires the readiness check before you go Ready. Run it with “Readiness check” and fix anything red.',
    );
  }

  view(): ReadinessView {
    const now = this.scheduler.now();
    const until = this.passedUntil();
    const run = this.run;
    return {
      run: run
        ? {
            id: run.id,
            startedAt: run.startedAt,
            finished: run.report !== undefined,
            items: ITEM_ORDER.map((id) => this.itemView(run, id)),
            verdict: run.report?.verdict,
            durationMs: run.report?.durationMs,
          }
        : null,
      required: this.deps.required(),
      passed: until !== undefined,
      validUntil: until,
      stored: this.deps.repository !== undefined,
      now,
    };
  }

  runCheck(): { runId: string } {
    if (this.run && !this.run.report) throw new ServiceError('conflict', 'A readiness check is already running');
    if (this.deps.state.liveCalls().length > 0) throw new ServiceError('conflict', 'Finish your call first: the readiness check places a test call');
    if (!this.deps.engine.isConnected()) throw new ServiceError('unavailable', 'The call engine is restarting; try the readiness check again in a moment');
    const run: Run = { id: this.newId(), startedAt: this.scheduler.now(), results: new Map(), tones: {}, heard: {}, timers: [] };
    this.run = run;
    const { options } = this;
    const { log } = this.deps;
    log.info({ runId: run.id }, 'readiness check started');

    this.probe(run, { runId: run.id, kind: 'microphone', durationMs: options.micMs }, 'microphone', options.micMs);
    this.probe(run, { runId: run.id, kind: 'network', target: this.deps.echoExtension, durationMs: options.networkMs }, 'network', options.networkMs);
    this.probe(run, { runId: run.id, kind: 'headset', timeoutMs: options.headsetTimeoutMs }, 'headset', options.headsetTimeoutMs);
    this.deps.engine.probe({ runId: run.id, kind: 'tone', sink: 'speaker' });
    run.timers.push(
      this.scheduler.setTimer(options.ringerToneDelayMs, () => {
        if (this.run === run && !run.report) this.tryProbe({ runId: run.id, kind: 'tone', sink: 'ringer' });
      }),
    );
    void this.system
      .measure(options.systemWindowMs)
      .then((figures) => this.settle(run, gradeSystem(figures)))
      .catch((error: unknown) => {
        log.warn({ err: error }, 'could not measure CPU and memory');
        this.settle(run, { id: 'system', grade: 'amber', figures: {}, detail: String(error).slice(0, 300) });
      });
    this.changed();
    return { runId: run.id };
  }

  playTone(sink: 'speaker' | 'ringer'): void {
    const run = this.requireOpenRun();
    if (!this.deps.engine.isConnected()) throw new ServiceError('unavailable', 'The call engine is restarting; try again in a moment');
    this.deps.engine.probe({ runId: run.id, kind: 'tone', sink });
  }

  confirm(item: 'speaker' | 'ringer', heard: boolean): void {
    const run = this.requireOpenRun();
    run.heard[item] = heard;
    this.changed();
    this.finishIfComplete(run);
  }

  /** Finishes now; unanswered speaker/ringer questions count as amber "not confirmed". */
  finish(): void {
    const run = this.requireOpenRun();
    if (AUTOMATIC.some((id) => !run.results.has(id))) throw new ServiceError('conflict', 'The check is still measuring; wait a few seconds');
    this.finalise(run);
  }

  /** A probe's measurement from the engine. Late or stray results (another run, timed out) are ignored. */
  onProbeResult(result: ReadinessProbeResult): void {
    const run = this.run;
    if (!run || run.id !== result.runId || run.report) {
      this.deps.log.debug({ runId: result.runId, kind: result.kind }, 'readiness probe result for no open run ignored');
      return;
    }
    switch (result.kind) {
      case 'microphone':
        this.settle(run, gradeMicrophone(result.measurement));
        return;
      case 'network':
        this.deps.log.info({ runId: run.id, ...result.measurement }, 'readiness echo test call measured');
        this.settle(run, gradeNetwork(result.measurement));
        return;
      case 'headset':
        this.settle(run, gradeHeadset(result.measurement));
        return;
      case 'tone':
        run.tones[result.measurement.sink] = result.measurement;
        if (!result.measurement.played) this.deps.log.warn({ ...result.measurement }, 'readiness test tone could not be played');
        this.changed();
        return;
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.run) for (const cancel of this.run.timers.splice(0)) cancel();
  }

  /** When the latest stored (or this run's) passing check stops counting; undefined when none counts. */
  passedUntil(): number | undefined {
    const reports = [...this.memory, ...(this.deps.repository?.recent(1) ?? [])];
    return passedUntil(reports, this.scheduler.now(), this.deps.validHours() ?? DEFAULT_READINESS_VALID_HOURS);
  }

  private requireOpenRun(): Run {
    const run = this.run;
    if (!run || run.report) throw new ServiceError('conflict', 'No readiness check is running; start one first');
    return run;
  }

  private tryProbe(request: ReadinessProbeRequest): void {
    if (this.deps.engine.isConnected()) this.deps.engine.probe(request);
  }

  /** Sends one engine probe and arms its "never answered" fallback. */
  private probe(run: Run, request: ReadinessProbeRequest, item: AutomaticItem, expectedMs: number): void {
    this.tryProbe(request);
    run.timers.push(
      this.scheduler.setTimer(expectedMs + this.options.probeGraceMs, () => {
        if (this.run !== run || run.results.has(item)) return;
        this.deps.log.warn({ runId: run.id, item }, 'readiness probe not answered by the call engine');
        this.settle(run, gradeUnanswered(item));
      }),
    );
  }

  private settle(run: Run, result: ReadinessItemResult): void {
    if (this.disposed || this.run !== run || run.report || result.id === 'speaker' || result.id === 'ringer' || run.results.has(result.id)) return;
    run.results.set(result.id, result);
    this.changed();
    this.finishIfComplete(run);
  }

  private finishIfComplete(run: Run): void {
    if (run.report || AUTOMATIC.some((id) => !run.results.has(id))) return;
    if (run.heard.speaker === undefined || run.heard.ringer === undefined) return;
    this.finalise(run);
  }

  private finalise(run: Run): void {
    for (const cancel of run.timers.splice(0)) cancel();
    const finishedAt = this.scheduler.now();
    const items = ITEM_ORDER.map((id) => this.resultOf(run, id)).filter((item): item is ReadinessItemResult => item !== undefined);
    const report: ReadinessReport = {
      id: run.id,
      agent: this.deps.agent(),
      startedAt: run.startedAt,
      finishedAt,
      durationMs: Math.max(0, Math.round(finishedAt - run.startedAt)),
      verdict: verdictOf(items),
      items,
      platform: this.deps.platform,
      appVersion: this.deps.appVersion,
    };
    run.report = report;
    this.save(report);
    this.deps.log.info(
      { runId: run.id, verdict: report.verdict, durationMs: report.durationMs, items: Object.fromEntries(items.map((item) => [item.id, `${item.grade}${item.hint ? ` ${item.hint}` : ''}`])) },
      'readiness check finished',
    );
    this.changed();
  }

  private save(report: ReadinessReport): void {
    const summary = { id: report.id, finishedAt: report.finishedAt, verdict: report.verdict };
    const { repository, outbox, log } = this.deps;
    const payload = GatewayReadinessReportSchema.parse({
      ...report,
      startedAt: new Date(report.startedAt).toISOString(),
      finishedAt: new Date(report.finishedAt).toISOString(),
    });
    const record: OutboxEntry = { id: report.id, kind: 'readiness', about: { queue: 'readiness' }, payload: JSON.stringify(payload) };
    if (!repository) {
      this.memory.unshift(summary);
      this.memory.splice(1);
      try {
        outbox?.enqueue(record);
      } catch (error) {
        log.error({ err: error }, 'could not queue the readiness report for IT');
      }
      return;
    }
    try {
      repository.save(report, () => outbox?.enqueue(record));
    } catch (error) {
      // The check itself still counts for this run; the agent is not blocked by a storage fault.
      log.error({ err: error }, 'could not save the readiness report');
      this.memory.splice(0, this.memory.length, summary);
    }
  }

  private resultOf(run: Run, id: ReadinessItemId): ReadinessItemResult | undefined {
    if (id === 'speaker' || id === 'ringer') return gradeTone(id, run.tones[id], run.heard[id]);
    return run.results.get(id);
  }

  private itemView(run: Run, id: ReadinessItemId): ReadinessItemView {
    if (run.report) return { id, state: 'done', result: run.report.items.find((item) => item.id === id) };
    if (id === 'speaker' || id === 'ringer') {
      const tone = run.tones[id];
      if (run.heard[id] !== undefined || (tone && !tone.played)) return { id, state: 'done', result: gradeTone(id, tone, run.heard[id]) };
      return { id, state: 'waiting' };
    }
    const result = run.results.get(id);
    return result ? { id, state: 'done', result } : { id, state: 'running' };
  }

  private changed(): void {
    if (this.disposed) return;
    this.deps.onChange(this.view());
  }
}
