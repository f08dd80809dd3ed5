/**
 * baresip 1.0 as a scriptable "customer" phone: renders its config from
 * stack/baresip/*.template, runs it, and drives it over ctrl_tcp (netstring
 * JSON: {"command","params","token"} in; responses and events out).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, openSync, readSync, closeSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ManagedProcess, StackError, delay } from './process';
import { assertPortsFree, connectWithRetry } from './probes';
import { EventLog, preciseNow, type WaitForOptions as EventWaitOptions } from './events';
import { REPO_ROOT } from './audio';

// ESC [ … m colour codes in baresip's console output.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Event types baresip 1.0 emits over ctrl_tcp (the ones tests care about). */
export type BaresipEventType =
  | 'REGISTERING'
  | 'REGISTER_OK'
  | 'REGISTER_FAIL'
  | 'UNREGISTERING'
  | 'CALL_INCOMING'
  | 'CALL_RINGING'
  | 'CALL_PROGRESS'
  | 'CALL_ESTABLISHED'
  | 'CALL_CLOSED'
  | 'TRANSFER'
  | 'TRANSFER_FAILED'
  | 'CALL_DTMF_START'
  | 'CALL_DTMF_END'
  | 'CALL_RTCP'
  | 'AUDIO_ERROR'
  /**
   * Synthesised by this driver, not baresip: the first event of a call id not
   * seen before (its `direction` says incoming/outgoing). baresip 1.0 sends no
   * CALL_INCOMING in answer mode auto, so this is the portable "a call arrived".
   */
  | 'CALL_NEW'
  | (string & {});

/** One event from baresip, stamped with the time it was received here. */
export interface BaresipEvent {
  type: BaresipEventType;
  /** "call", "register", "application", ... */
  class: string;
  /** Arrival time at the driver: epoch milliseconds with sub-ms precision (same clock as Date.now()). */
  at: number;
  accountaor?: string;
  direction?: 'incoming' | 'outgoing';
  peeruri?: string;
  /** SIP Call-ID of the call the event belongs to. */
  id?: string;
  /** Event detail, e.g. the close reason or the DTMF key. */
  param?: string;
  /** The event as received. */
  raw: Readonly<Record<string, unknown>>;
}

/** Reply to a ctrl_tcp command. */
export interface BaresipResponse {
  ok: boolean;
  /** The text the command printed. */
  data: string;
}

/** early: answers with 183 Session Progress and its audio (early media), the 200 only on answer(). */
export type AnswerMode = 'auto' | 'manual' | 'early';

/** timeoutMs (default 10 s), since (epoch ms), predicate, signal: see EventLog. */
export type WaitForOptions = EventWaitOptions<BaresipEvent>;

/** Everything needed to run one baresip instance (chosen by LocalStack). */
export interface BaresipConfig {
  user: string;
  password: string;
  /** SIP domain of the account, e.g. "127.0.0.1". */
  domain: string;
  /** Kamailio's UDP port (used as outbound proxy). */
  proxyPort: number;
  sipPort: number;
  ctrlPort: number;
  rtpPortMin: number;
  rtpPortMax: number;
  answerMode: AnswerMode;
  /** 48 kHz mono WAV played as the microphone. Ignored for echo phones. */
  micWav: string;
  /** baresip audio_codecs list, in preference order. */
  audioCodecs: string;
  /** Instance directory: config, accounts, log, recordings. */
  dir: string;
  /** Echo-test phone: answers every call and sends back what it hears (modules echo + aubridge). */
  echo?: boolean;
  /** REGISTER interval in seconds. */
  registerIntervalSeconds?: number;
  /** Hang up after this many seconds without incoming RTP (a carrier's media timeout). Default 0: never. */
  rtpTimeoutSeconds?: number;
  /** Digest user name when it is not the extension (a server that names credentials differently). */
  authUser?: string;
  /** Packet time in ms (default 20). */
  ptime?: number;
  /** Opus as some customers' phones and gateways send it (fmtp stereo=1, useinbandfec=1, usedtx=1). */
  opus?: OpusVariant;
}

/** baresip's opus_* settings, which become the fmtp of its Opus offer. */
export interface OpusVariant {
  stereo?: boolean;
  inbandFec?: boolean;
  dtx?: boolean;
}

/** The config lines for an Opus variant (baresip 1.0's opus module reads them at start). */
export function opusConfigLines(opus: OpusVariant | undefined): string {
  if (!opus) return '# Opus with baresip\'s defaults';
  const yesNo = (on: boolean | undefined) => (on ? 'yes' : 'no');
  return [`opus_stereo\t\t${yesNo(opus.stereo)}`, `opus_sprop_stereo\t${yesNo(opus.stereo)}`, `opus_inbandfec\t\t${yesNo(opus.inbandFec)}`, `opus_dtx\t\t${yesNo(opus.dtx)}`].join('\n');
}

export const BARESIP_TEMPLATE_DIR = join(REPO_ROOT, 'stack', 'baresip');
export const DEFAULT_AUDIO_CODECS = 'PCMU/8000/1,PCMA/8000/1,opus/48000/2';

function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template placeholder ${placeholder} has no value`);
    return value;
  });
}

/** Writes config + accounts for one instance from the templates. */
export function writeBaresipConfig(config: BaresipConfig): void {
  mkdirSync(join(config.dir, 'recordings'), { recursive: true });
  const values: Record<string, string> = {
    SIP_PORT: String(config.sipPort),
    CTRL_PORT: String(config.ctrlPort),
    RTP_PORT_MIN: String(config.rtpPortMin),
    RTP_PORT_MAX: String(config.rtpPortMax),
    RECORD_DIR: join(config.dir, 'recordings'),
    USER: config.user,
    PASSWORD: config.password,
    DOMAIN: config.domain,
    PROXY_PORT: String(config.proxyPort),
    ANSWER_MODE: config.answerMode,
    AUDIO_CODECS: config.audioCodecs,
    REGINT: String(config.registerIntervalSeconds ?? 600),
    RTP_TIMEOUT: String(config.rtpTimeoutSeconds ?? 0),
    AUTH_USER: config.authUser ?? config.user,
    PTIME: String(config.ptime ?? 20),
    OPUS_SETTINGS: opusConfigLines(config.opus),
    ...(config.echo
      ? {
          // aubridge connects the echo module's player to its source.
          AUDIO_SOURCE: 'aubridge,nil',
          // aubridge needs identical source and player formats.
          AUDIO_PLAYER_LINE: 'audio_player\t\taubridge,nil\nauplay_srate\t\t48000\nauplay_channels\t\t1',
          EXTRA_MODULES: 'module\t\t\taubridge.so',
          EXTRA_APP_MODULES: 'module_app\t\techo.so',
        }
      : {
          AUDIO_SOURCE: `aufile,${config.micWav}`,
          AUDIO_PLAYER_LINE: '# no audio_player: the sndfile filter records what the phone hears',
          EXTRA_MODULES: 'module\t\t\tsndfile.so',
          EXTRA_APP_MODULES: '',
        }),
  };
  for (const file of ['config', 'accounts']) {
    const template = readFileSync(join(BARESIP_TEMPLATE_DIR, `${file}.template`), 'utf8');
    writeFileSync(join(config.dir, file), renderTemplate(template, values));
  }
  // baresip creates a contacts template otherwise; keep it empty and quiet.
  writeFileSync(join(config.dir, 'contacts'), '');
}

interface PendingCommand {
  resolve: (response: BaresipResponse) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A running baresip phone. Created by LocalStack; tests use the call-control
 * methods, the event helpers and the recordings.
 */
export class Baresip {
  /** User part of the account, e.g. "1002". */
  readonly user: string;
  /** Address-of-record, e.g. "sip:1002@127.0.0.1". */
  readonly aor: string;
  readonly config: Readonly<BaresipConfig>;
  /** Directory where the sndfile filter writes dump-<time>-dec.wav / -enc.wav. */
  readonly recordDir: string;
  readonly logPath: string;

  private process: ManagedProcess | undefined;
  private socket: Socket | undefined;
  private receiveBuffer = Buffer.alloc(0);
  private readonly pending = new Map<string, PendingCommand>();
  private readonly log: EventLog<BaresipEvent>;
  private readonly calls = new Set<string>();
  private readonly seenCallIds = new Set<string>();

  constructor(config: BaresipConfig) {
    this.config = { ...config };
    this.user = config.user;
    this.aor = `sip:${config.user}@${config.domain}`;
    this.recordDir = join(config.dir, 'recordings');
    this.logPath = join(config.dir, 'baresip.log');
    this.log = new EventLog(`baresip ${config.user}`);
  }

  /** PID of the running baresip, or undefined when stopped. */
  get pid(): number | undefined {
    return this.process?.isRunning ? this.process.pid : undefined;
  }

  get isRunning(): boolean {
    return this.process?.isRunning ?? false;
  }

  /** The current baresip process (undefined before the first start). */
  get managedProcess(): ManagedProcess | undefined {
    return this.process;
  }

  /** Calls baresip currently has (by SIP Call-ID), tracked from events. */
  get activeCallIds(): readonly string[] {
    return [...this.calls];
  }

  /** Every event received since start (or clearEvents()), oldest first. */
  get events(): readonly BaresipEvent[] {
    return this.log.events;
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Writes the config, starts baresip and waits until its ctrl_tcp port answers
   * and its REGISTER got 200 OK. Used by LocalStack.
   */
  async start(timeoutMs = 10_000): Promise<void> {
    if (this.isRunning) throw new Error(`baresip ${this.user} is already running`);
    await assertPortsFree(`baresip ${this.user}`, [
      { protocol: 'udp', port: this.config.sipPort },
      { protocol: 'tcp', port: this.config.sipPort },
      { protocol: 'tcp', port: this.config.ctrlPort },
    ]);
    writeBaresipConfig(this.config);
    this.calls.clear();
    this.process = await ManagedProcess.start({
      name: `baresip ${this.user}`,
      command: 'baresip',
      args: ['-f', this.config.dir],
      logPath: this.logPath,
      cwd: this.config.dir,
    });
    const proc = this.process;
    proc.whenExited().then(() => this.onProcessExit(proc));
    await proc.waitUntilReady(
      'ctrl_tcp and REGISTER 200 OK',
      async (signal) => {
        await this.connectControl(signal);
        await this.waitUntilRegistered(signal);
      },
      timeoutMs,
    );
  }

  /** Stops baresip (SIGTERM, then SIGKILL) and waits for it to exit; its SIP/ctrl ports are free afterwards. */
  async stop(): Promise<void> {
    this.socket?.destroy();
    this.socket = undefined;
    await this.process?.stop({ graceMs: 3000 });
  }

  private onProcessExit(proc: ManagedProcess): void {
    if (proc !== this.process) return;
    this.socket?.destroy();
    this.socket = undefined;
    for (const [token, command] of this.pending) {
      command.reject(new StackError(`baresip ${this.user} ${proc.describeExit()}`, this.logPath));
      this.pending.delete(token);
    }
  }

  /** Connects to ctrl_tcp (baresip allows one client; events only reach a connected one). */
  private async connectControl(signal: AbortSignal): Promise<void> {
    const socket = await connectWithRetry('127.0.0.1', this.config.ctrlPort, signal);
    this.socket = socket;
    this.receiveBuffer = Buffer.alloc(0);
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
    });
  }

  private async waitUntilRegistered(signal: AbortSignal): Promise<void> {
    const since = preciseNow();
    // Registration may have finished before we connected (events are only sent
    // to a connected client), so ask first, then wait for the event.
    if (await this.isRegistered()) return;
    // Whichever comes first; the other wait is cancelled (no timer left behind).
    const done = new AbortController();
    const stop = AbortSignal.any([signal, done.signal]);
    try {
      const result = await Promise.race([
        this.waitFor('REGISTER_OK', { since, timeoutMs: 60_000, signal: stop }).then(() => 'ok' as const),
        this.waitFor('REGISTER_FAIL', { since, timeoutMs: 60_000, signal: stop }),
      ]);
      if (result !== 'ok') throw new Error(`REGISTER failed: ${result.param ?? '(no reason)'}`);
    } finally {
      done.abort();
    }
  }

  // ---------------------------------------------------------------- protocol

  private onData(chunk: Buffer): void {
    this.receiveBuffer = Buffer.concat([this.receiveBuffer, chunk]);
    // Netstrings: <length>:<payload>,
    for (;;) {
      const colon = this.receiveBuffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.receiveBuffer.subarray(0, colon).toString());
      if (!Number.isInteger(length)) {
        this.receiveBuffer = Buffer.alloc(0);
        return;
      }
      const end = colon + 1 + length;
      if (this.receiveBuffer.length < end + 1) return;
      const payload = this.receiveBuffer.subarray(colon + 1, end).toString('utf8');
      this.receiveBuffer = this.receiveBuffer.subarray(end + 1);
      this.onMessage(payload);
    }
  }

  private onMessage(payload: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(payload) as Record<string, unknown>;
    } catch {
      return;
    }
    if (message.response === true) {
      const token = typeof message.token === 'string' ? message.token : '';
      const command = this.pending.get(token);
      if (!command) return;
      this.pending.delete(token);
      clearTimeout(command.timer);
      command.resolve({ ok: message.ok === true, data: typeof message.data === 'string' ? message.data : '' });
      return;
    }
    if (message.event === true || message.event === 'true') this.handleEvent(message);
  }

  private handleEvent(raw: Record<string, unknown>): void {
    const text = (key: string): string | undefined => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
    const direction = text('direction');
    const event: BaresipEvent = {
      type: text('type') ?? 'UNKNOWN',
      class: text('class') ?? '',
      at: preciseNow(),
      accountaor: text('accountaor'),
      direction: direction === 'incoming' || direction === 'outgoing' ? direction : undefined,
      peeruri: text('peeruri'),
      id: text('id'),
      param: text('param'),
      raw,
    };
    if (event.id && !this.seenCallIds.has(event.id)) {
      this.seenCallIds.add(event.id);
      this.log.record({ ...event, type: 'CALL_NEW', class: 'call', param: undefined });
    }
    if (event.id && event.class === 'call') {
      if (event.type === 'CALL_CLOSED') this.calls.delete(event.id);
      else if (['CALL_INCOMING', 'CALL_RINGING', 'CALL_PROGRESS', 'CALL_ESTABLISHED'].includes(event.type)) this.calls.add(event.id);
    }
    this.log.record(event);
  }

  /**
   * Sends one ctrl_tcp command (e.g. command('dial', 'sip:1001@127.0.0.1'))
   * and resolves with baresip's response. Rejects if baresip reports failure.
   */
  async command(command: string, params?: string, timeoutMs = 5000): Promise<BaresipResponse> {
    const socket = this.socket;
    if (!socket) throw new StackError(`baresip ${this.user}: not connected (is it running?)`, this.logPath);
    const token = randomBytes(6).toString('hex');
    const json = JSON.stringify(params === undefined ? { command, token } : { command, params, token });
    const body = Buffer.from(json, 'utf8');
    const response = await new Promise<BaresipResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(new StackError(`baresip ${this.user}: no response to "${command}" within ${timeoutMs} ms`, this.logPath));
      }, timeoutMs);
      this.pending.set(token, { resolve, reject, timer });
      socket.write(Buffer.concat([Buffer.from(`${body.length}:`), body, Buffer.from(',')]));
    });
    if (!response.ok) {
      throw new StackError(`baresip ${this.user}: "${command}${params ? ` ${params}` : ''}" failed: ${response.data}`, this.logPath);
    }
    return response;
  }

  // ---------------------------------------------------------------- call control

  /**
   * Places a call. `target` is a full SIP URI or just a user ("1001"), which
   * becomes sip:1001@<domain>. Wait for progress with waitFor('CALL_ESTABLISHED').
   */
  async dial(target: string): Promise<void> {
    await this.command('dial', this.toUri(target));
  }

  /** Answers the ringing incoming call (answer mode manual). */
  async answer(): Promise<void> {
    await this.command('accept');
  }

  /** Hangs up the current call. */
  async hangup(): Promise<void> {
    await this.command('hangup');
  }

  /** Puts the current call on hold (re-INVITE a=sendonly). */
  async hold(): Promise<void> {
    await this.command('hold');
  }

  /** Resumes the current call (re-INVITE a=sendrecv). */
  async resume(): Promise<void> {
    await this.command('resume');
  }

  /** Sends DTMF as RFC 4733 telephone-events, one key after the other (0-9, *, #, A-D). */
  async sendDtmf(digits: string): Promise<void> {
    for (const digit of digits) {
      // One key per command: baresip ends the key itself, so events never overlap.
      await this.command('sndcode', digit);
    }
  }

  /**
   * Hangs up every call baresip still has (test clean-up) and waits until
   * each is closed.
   */
  async hangupAll(timeoutMs = 5000): Promise<void> {
    const since = preciseNow();
    const open = new Set(this.calls);
    for (let i = 0; i < open.size; i++) await this.command('hangup').catch(() => undefined);
    // Consumes each call's CALL_CLOSED, so none is left over for a later waitFor().
    await Promise.all(
      [...open].map((id) =>
        this.waitFor('CALL_CLOSED', { since, timeoutMs, predicate: (event) => event.id === id }).catch(() => undefined),
      ),
    );
  }

  /** Blind-transfers the current call with REFER to `target` (user or URI). */
  async transfer(target: string): Promise<void> {
    await this.command('transfer', this.toUri(target));
  }

  /** Changes the answer mode at run time. */
  async setAnswerMode(mode: AnswerMode): Promise<void> {
    await this.command('answermode', mode);
  }

  /** True if baresip's registration currently stands at 200 OK (asks `reginfo`). */
  async isRegistered(): Promise<boolean> {
    const { data } = await this.command('reginfo');
    // baresip prints "<aor> OK Kamailio..." (with colour codes) per registration.
    return /\bOK\b/.test(data.replace(ANSI_COLOUR, ''));
  }

  private toUri(target: string): string {
    return /^sips?:/.test(target) ? target : `sip:${target}@${this.config.domain}`;
  }

  // ---------------------------------------------------------------- events

  /**
   * Resolves with the oldest not-yet-consumed event of `type` (received after
   * `since`, matching `predicate`), waiting for it if necessary. Each event is
   * handed out once, so two successive waitFor('CALL_INCOMING') return two calls.
   * Call clearEvents() between tests to drop leftovers.
   */
  async waitFor(type: BaresipEventType, options: WaitForOptions = {}): Promise<BaresipEvent> {
    try {
      return await this.log.waitFor(type, options, (event) => `${event.type}${event.param ? `(${event.param})` : ''}`);
    } catch (error) {
      // Quote baresip's own log: it usually says why (SIP error, audio error).
      throw options.signal?.aborted ? error : new StackError((error as Error).message, this.logPath);
    }
  }

  /**
   * Waits for the next new incoming call (any answer mode) and returns its
   * first event: `at` is when the INVITE reached baresip, `id` the Call-ID,
   * `peeruri` the caller.
   */
  waitForIncomingCall(options: Omit<WaitForOptions, 'predicate'> = {}): Promise<BaresipEvent> {
    return this.waitFor('CALL_NEW', { ...options, predicate: (event) => event.direction === 'incoming' });
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: (event: BaresipEvent) => void): () => void {
    return this.log.onEvent(listener);
  }

  /** Forgets all received events (pending waitFor calls keep waiting). */
  clearEvents(): void {
    this.log.clear();
  }

  // ---------------------------------------------------------------- recordings

  /**
   * Path of the newest recording of what the phone heard (dump-<time>-dec.wav),
   * or of what it sent with kind 'enc'. Undefined if there is none yet.
   * Note: names have 1-second resolution, so two calls starting within the same
   * second on one phone share a file.
   */
  lastRecording(kind: 'dec' | 'enc' = 'dec'): string | undefined {
    let newest: { path: string; mtimeMs: number } | undefined;
    for (const name of readdirSync(this.recordDir)) {
      if (!name.endsWith(`-${kind}.wav`)) continue;
      const path = join(this.recordDir, name);
      const { mtimeMs } = statSync(path);
      if (!newest || mtimeMs > newest.mtimeMs || (mtimeMs === newest.mtimeMs && path > newest.path)) newest = { path, mtimeMs };
    }
    return newest?.path;
  }

  /**
   * Waits until the newest recording is complete and returns its path. The WAV
   * header is only finalised when the call closes, so call this after hangup.
   */
  async waitForRecording(kind: 'dec' | 'enc' = 'dec', timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const path = this.lastRecording(kind);
      if (path && isFinalisedWav(path)) return path;
      if (Date.now() > deadline) {
        const empty = path !== undefined && statSync(path).size <= 44 ? ' - it has no samples: did the phone receive any audio?' : '';
        throw new StackError(
          `baresip ${this.user}: no finalised -${kind}.wav in ${this.recordDir} after ${timeoutMs} ms (last: ${path ?? 'none'}${empty})`,
          this.logPath,
        );
      }
      await delay(25);
    }
  }
}

/** True if a RIFF/WAVE file's header sizes match its length (libsndfile writes them on close). */
function isFinalisedWav(path: string): boolean {
  const size = statSync(path).size;
  if (size <= 44) return false;
  const header = Buffer.alloc(12);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 12, 0);
  } finally {
    closeSync(fd);
  }
  return header.toString('ascii', 0, 4) === 'RIFF' && header.readUInt32LE(4) === size - 8;
}
