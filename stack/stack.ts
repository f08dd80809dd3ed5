/**
 * LocalStack: the local contact centre for e2e tests, benchmarks and demos.
 *
 *   rtpengine  (media relay, WebRTC <-> plain RTP)       127.0.0.1:<rtpengineNg>
 *   Kamailio   (registrar/proxy, UDP + WebSocket)        udp 127.0.0.1:<sip>, ws://127.0.0.1:<ws>
 *   baresip xN (the "customer" phones, driven by ctrl_tcp)
 *
 * All daemons run from Debian packages in the foreground, write only into the
 * run directory (logs, configs, recordings) and bind 127.0.0.1 only. Start it
 * once per test file (or suite); see e2e/stack.e2e.ts for a complete example:
 *
 *   const stack = new LocalStack();
 *   await stack.start();
 *   const customer = stack.phone('1002');
 *   await customer.dial('1001');
 *   ...
 *   await stack.stop();
 *
 * Node built-ins only.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ManagedProcess, StackError } from './process';
import { assertPortsFree, waitForRtpenginePong, waitForSipOptions200, waitForTcpListener } from './probes';
import { Baresip, DEFAULT_AUDIO_CODECS, type AnswerMode, type OpusVariant } from './baresip';
import { ensureTestAudio, REPO_ROOT, type TestAudio } from './audio';
import { preciseNow } from './events';

export { Baresip } from './baresip';
export { EventLog, preciseNow } from './events';
export type { AnswerMode, BaresipEvent, BaresipEventType, BaresipResponse, WaitForOptions } from './baresip';
export { audioStats, ensureTestAudio, rms } from './audio';
export type { AudioStats, TestAudio } from './audio';
export { StackError } from './process';

const execFileAsync = promisify(execFile);

export const KAMAILIO_CFG = join(REPO_ROOT, 'stack', 'kamailio', 'kamailio.cfg');
export const DEFAULT_USERS_FILE = join(REPO_ROOT, 'stack', 'users.txt');
/** Parent of all run directories; gitignored through its own .gitignore. */
export const RUNS_DIR = join(REPO_ROOT, '.run');
/** The echo-test extension (answers and sends back what it hears). */
export const ECHO_TEST_USER = '9196';

/** Fixed ports. Safe inside e2e/run.sh's private network namespace; override for host runs. */
export interface StackPorts {
  /** Kamailio UDP (plain SIP phones). */
  sip: number;
  /** Kamailio SIP over WebSocket (ws://). */
  ws: number;
  /** rtpengine ng control protocol (UDP). */
  rtpengineNg: number;
  /** Where rtpengine sends its JSON DTMF log (UDP, we listen). */
  dtmfLog: number;
  /** rtpengine media port range. */
  rtpMin: number;
  rtpMax: number;
  /** baresip #i uses SIP port baresipSipBase + 10*i ... */
  baresipSipBase: number;
  /** ... ctrl_tcp port baresipCtrlBase + i ... */
  baresipCtrlBase: number;
  /** ... and RTP ports baresipRtpBase + 200*i .. +199. */
  baresipRtpBase: number;
}

export const DEFAULT_PORTS: Readonly<StackPorts> = {
  sip: 5060,
  ws: 8088,
  rtpengineNg: 2223,
  dtmfLog: 2225,
  rtpMin: 40000,
  rtpMax: 40199,
  baresipSipBase: 5070,
  baresipCtrlBase: 4444,
  baresipRtpBase: 41000,
};

export type UserRole = 'agent' | 'customer' | 'service';

export interface SipUser {
  user: string;
  password: string;
  role: UserRole;
}

/**
 * How the SIP server is set up. The default is this repo's own test proxy; ACCEPTANCE_SERVER is a
 * differently configured one (what an outside acceptance run may point the app at).
 */
export interface ServerProfile {
  /** SIP domain of every account (the host part of sip:1001@domain); need not be the server's address. */
  domain: string;
  /** Digest realm; default: the From domain. */
  realm?: string;
  /** Credentials are named `<prefix><extension>` instead of the extension. */
  authUserPrefix?: string;
  /** The WebSocket answers only at this path (e.g. /sip-ws); default: any path. */
  wsPath?: string;
  /** The registrar answers 423 Interval Too Brief below this; default 10. */
  minExpiresSeconds?: number;
  /** Initial INVITEs carry Session-Expires/Min-SE of this many seconds (RFC 4028), as a session-timer B2BUA's would. */
  sessionExpiresSeconds?: number;
  /** Codecs of the customer phones when a phone names none (baresip audio_codecs). */
  customerCodecs?: string;
  /** Port overrides of this profile (e.g. another WebSocket port). */
  ports?: Partial<StackPorts>;
  /** Requests From this domain (a carrier trunk) keep the P-Asserted-Identity they carry; others' is replaced. */
  trustedPeerDomain?: string;
}

export const DEFAULT_SERVER: Readonly<ServerProfile> = { domain: '127.0.0.1' };

/** Other domain and realm, credentials not named by the extension, another WS port and path, a 423
 *  above the app's default expiry, session timers on, Opus-only customers, a trusted carrier trunk. */
export const ACCEPTANCE_SERVER: Readonly<ServerProfile> = {
  domain: 'contact.example',
  realm: 'voice.example',
  authUserPrefix: 'hl-',
  wsPath: '/sip-ws',
  minExpiresSeconds: 600,
  sessionExpiresSeconds: 90,
  customerCodecs: 'opus/48000/2',
  ports: { ws: 7443 },
  trustedPeerDomain: 'trunk.example',
};

/** A baresip phone to start. */
export interface PhoneOptions {
  user: string;
  /** Default 'auto'. */
  answerMode?: AnswerMode;
  /** 48 kHz mono WAV used as the microphone. Default: the 440 Hz customer tone. */
  micWav?: string;
  /** baresip audio_codecs, preference order. Default PCMU, PCMA, opus (or the server profile's customerCodecs). */
  audioCodecs?: string;
  /** Hang up after this many seconds without media, like a carrier's RTP timeout. Default: never. */
  rtpTimeoutSeconds?: number;
  /** Packet time in ms (default 20). */
  ptime?: number;
  /** Opus fmtp variants this phone offers (stereo, in-band FEC, DTX); default baresip's. */
  opus?: OpusVariant;
}

export interface StackOptions {
  /** Default: <repo>/.run/stack-<pid>-<time> (the newest 20 are kept for post-mortems). */
  runDir?: string;
  ports?: Partial<StackPorts>;
  /** Users file (see stack/users.txt). */
  usersFile?: string;
  /** baresip phones to start. Default: every "customer" in the users file, answer mode auto. */
  phones?: ReadonlyArray<string | PhoneOptions>;
  /** Also start the echo-test phone 9196. Default false. */
  echoTest?: boolean;
  /** Kamailio debug=3 (-A WITH_DEBUG). */
  kamailioDebug?: boolean;
  /** Write every SIP message Kamailio sends/receives to <runDir>/sipdump/ (-A WITH_SIPDUMP). */
  sipTrace?: boolean;
  /** Per-daemon readiness timeout. Default 15 s. */
  readyTimeoutMs?: number;
  /** How the SIP server is set up (DEFAULT_SERVER, ACCEPTANCE_SERVER or your own). */
  server?: ServerProfile;
}

/** One DTMF event relayed by rtpengine (from --dtmf-log-dest JSON). */
export interface DtmfLogEvent {
  /** Arrival time here, epoch ms. */
  at: number;
  /** The key: 0-9, *, #, A-D (from the RFC 4733 event code). */
  digit: string;
  callId?: string;
  /** The JSON as received. */
  raw: Readonly<Record<string, unknown>>;
}

const DTMF_DIGITS = '0123456789*#ABCD';

/**
 * Collects rtpengine's JSON DTMF log: proof that RFC 4733 events crossed the
 * media relay (browsers do not expose received telephone-events).
 */
export class DtmfLog {
  private socket: UdpSocket | undefined;
  private readonly received: DtmfLogEvent[] = [];
  private waiters: Array<() => void> = [];

  constructor(readonly port: number) {}

  async listen(): Promise<void> {
    const socket = createSocket('udp4');
    socket.on('message', (message) => {
      let raw: Record<string, unknown>;
      try {
        raw = JSON.parse(message.toString('utf8')) as Record<string, unknown>;
      } catch {
        return;
      }
      const code = typeof raw.event === 'number' ? raw.event : Number(raw.event);
      this.received.push({
        at: preciseNow(),
        digit: DTMF_DIGITS[code] ?? `?${String(raw.event)}`,
        callId: typeof raw.callid === 'string' ? raw.callid : undefined,
        raw,
      });
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    });
    await new Promise<void>((resolveBind, rejectBind) => {
      socket.once('error', (error) => {
        socket.close();
        rejectBind(new StackError(`DTMF log: cannot listen on udp 127.0.0.1:${this.port} (${error.message}); is another stack running?`));
      });
      socket.bind(this.port, '127.0.0.1', () => {
        socket.removeAllListeners('error');
        resolveBind();
      });
    });
    this.socket = socket;
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }

  /** All events so far, oldest first. */
  get events(): readonly DtmfLogEvent[] {
    return this.received;
  }

  /** The keys seen so far (optionally only since `since`), e.g. "123#". */
  digits(since = 0): string {
    return this.received
      .filter((event) => event.at >= since)
      .map((event) => event.digit)
      .join('');
  }

  clear(): void {
    this.received.length = 0;
  }

  /** Waits until digits(since) ends with `expected`. */
  async waitForDigits(expected: string, options: { since?: number; timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    while (!this.digits(options.since).endsWith(expected)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new StackError(`DTMF log: expected "${expected}", got "${this.digits(options.since)}"`);
      }
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }
}

/** Reads stack/users.txt: "<user> <role> [password]" per line, # comments. */
export function readUsers(path: string = DEFAULT_USERS_FILE): SipUser[] {
  const users: SipUser[] = [];
  for (const [index, line] of readFileSync(path, 'utf8').split('\n').entries()) {
    const text = line.replace(/#.*/, '').trim();
    if (!text) continue;
    const [user, role, password] = text.split(/\s+/);
    if (!user || !/^[A-Za-z0-9_.-]+$/.test(user) || (role !== 'agent' && role !== 'customer' && role !== 'service')) {
      throw new Error(`${path}:${index + 1}: expected "<user> agent|customer|service [password]", got "${line}"`);
    }
    users.push({ user, role, password: password ?? `secret${user}` });
  }
  return users;
}

/** Marker file present while a stack uses its run directory. */
const IN_USE_MARKER = 'in-use';
/** A marker older than this belongs to a crashed run, not a live one. */
const IN_USE_MAX_AGE_MS = 24 * 3600 * 1000;

/**
 * Removes old run directories, keeping the newest `keep` (their logs help
 * post-mortems) and any that a running stack (e.g. `npm run stack`) still uses.
 */
function pruneOldRuns(keep: number): void {
  if (!existsSync(RUNS_DIR)) return;
  const runs = readdirSync(RUNS_DIR)
    .filter((name) => name.startsWith('stack-'))
    .map((name) => ({ path: join(RUNS_DIR, name), mtimeMs: statSync(join(RUNS_DIR, name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const run of runs.slice(keep)) {
    const marker = join(run.path, IN_USE_MARKER);
    if (existsSync(marker) && Date.now() - statSync(marker).mtimeMs < IN_USE_MAX_AGE_MS) continue;
    rmSync(run.path, { recursive: true, force: true });
  }
}

export interface StackPids {
  rtpengine?: number;
  kamailio?: number;
  /** user -> baresip PID */
  phones: Record<string, number | undefined>;
}

export class LocalStack {
  readonly runDir: string;
  readonly ports: Readonly<StackPorts>;
  /** SIP domain of every account. */
  readonly domain: string;
  /** How the SIP server is set up. */
  readonly server: Readonly<ServerProfile>;
  /** Everyone in the users file, agents included. */
  readonly users: readonly SipUser[];
  /** rtpengine's DTMF log (listening once start() resolved). */
  readonly dtmfLog: DtmfLog;

  private readonly options: StackOptions;
  private readonly phoneList: Baresip[] = [];
  private readonly exitListeners = new Set<(name: string, description: string, logPath: string) => void>();
  private rtpengine: ManagedProcess | undefined;
  private kamailio: ManagedProcess | undefined;
  private audioFiles: TestAudio | undefined;

  constructor(options: StackOptions = {}) {
    this.options = options;
    this.server = options.server ?? DEFAULT_SERVER;
    this.domain = this.server.domain;
    this.ports = { ...DEFAULT_PORTS, ...this.server.ports, ...options.ports };
    // Parallel e2e shards run in separate PID namespaces, where the same pid can start a stack in the same ms.
    const shard = process.env.HEARTHLINE_E2E_SHARD ? `-shard${process.env.HEARTHLINE_E2E_SHARD}` : '';
    this.runDir = resolve(options.runDir ?? join(RUNS_DIR, `stack-${process.pid}-${Date.now()}${shard}`));
    this.users = readUsers(options.usersFile);
    this.dtmfLog = new DtmfLog(this.ports.dtmfLog);
  }

  /** ws://127.0.0.1:<ws>[path], the SIP-over-WebSocket URL for JsSIP / the softphone. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.ports.ws}${this.server.wsPath ?? ''}`;
  }

  /** The digest user name of a SIP user (the extension itself unless the server names credentials otherwise). */
  authUser(user: string): string {
    return `${this.server.authUserPrefix ?? ''}${user}`;
  }

  /** Path of a daemon's log in the run dir: 'kamailio', 'rtpengine', or a phone's user. */
  logPath(name: string): string {
    const phone = this.phoneList.find((candidate) => candidate.user === name);
    return phone ? phone.logPath : join(this.runDir, `${name}.log`);
  }

  /** The generated test audio (available after start()). */
  get audio(): TestAudio {
    if (!this.audioFiles) throw new Error('LocalStack.audio is available after start()');
    return this.audioFiles;
  }

  /** Password of a user from the users file. */
  password(user: string): string {
    const found = this.users.find((candidate) => candidate.user === user);
    if (!found) throw new Error(`unknown SIP user ${user} (see ${this.options.usersFile ?? DEFAULT_USERS_FILE})`);
    return found.password;
  }

  /** sip:<user>@127.0.0.1 */
  uri(user: string): string {
    return `sip:${user}@${this.domain}`;
  }

  /** The baresip phone registered as `user`. */
  phone(user: string): Baresip {
    const phone = this.phoneList.find((candidate) => candidate.user === user);
    if (!phone) throw new Error(`no baresip phone for ${user}; phones: ${this.phoneList.map((p) => p.user).join(', ')}`);
    return phone;
  }

  /** All baresip phones of this stack. */
  get phones(): readonly Baresip[] {
    return this.phoneList;
  }

  pids(): StackPids {
    return {
      rtpengine: this.rtpengine?.isRunning ? this.rtpengine.pid : undefined,
      kamailio: this.kamailio?.isRunning ? this.kamailio.pid : undefined,
      phones: Object.fromEntries(this.phoneList.map((phone) => [phone.user, phone.pid])),
    };
  }

  /**
   * Starts rtpengine, Kamailio and the phones, each after the previous one is
   * ready. On failure everything already started is stopped again and the
   * error quotes the failing daemon's log.
   */
  async start(): Promise<void> {
    mkdirSync(RUNS_DIR, { recursive: true });
    writeFileSync(join(RUNS_DIR, '.gitignore'), '*\n');
    pruneOldRuns(20);
    mkdirSync(this.runDir, { recursive: true });
    writeFileSync(join(this.runDir, IN_USE_MARKER), `${process.pid}\n`);
    try {
      this.writeUsersTable();
      this.audioFiles = await ensureTestAudio();
      this.createPhones();
      await this.dtmfLog.listen();
      await this.startRtpengine();
      await this.startKamailio({ reregisterPhones: false });
      await Promise.all(this.phoneList.map((phone) => this.startPhone(phone)));
    } catch (error) {
      await this.stop().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Calls `listener` when a daemon of this stack exits without having been
   * asked to (a crash): name ('rtpengine', 'kamailio', 'baresip 1002'), how it
   * ended, and its log. Returns the unsubscribe function.
   */
  onUnexpectedExit(listener: (name: string, description: string, logPath: string) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  private watchForCrash(daemon: ManagedProcess): void {
    void daemon.whenExited().then(() => {
      if (daemon.isStopping) return;
      for (const listener of this.exitListeners) listener(daemon.name, daemon.describeExit(), daemon.logPath);
    });
  }

  /** Stops every process this stack started (phones, Kamailio, rtpengine) and waits for them to exit. */
  async stop(): Promise<void> {
    await Promise.all(this.phoneList.map((phone) => phone.stop()));
    await this.stopKamailio();
    await this.rtpengine?.stop();
    this.dtmfLog.close();
    rmSync(join(this.runDir, IN_USE_MARKER), { force: true });
  }

  private get readyTimeoutMs(): number {
    return this.options.readyTimeoutMs ?? 15_000;
  }

  /** db_text table read by Kamailio's htable at start-up (user -> password). */
  private writeUsersTable(): void {
    const dbDir = join(this.runDir, 'db');
    mkdirSync(dbDir, { recursive: true });
    const rows = this.users.map(({ user, password }) => `${this.authUser(user)}:${password.replace(/([:\\])/g, '\\$1')}`);
    writeFileSync(join(dbDir, 'subscriber'), ['username(str) password(str)', ...rows, ''].join('\n'));
    // Service-number routing tables (route[SERVICE_ROUTING] in kamailio.cfg).
    for (const table of ['service_numbers', 'skill_agents']) copyFileSync(join(REPO_ROOT, 'stack', 'kamailio', 'routing', table), join(dbDir, table));
  }

  private createPhones(): void {
    if (this.phoneList.length > 0) return;
    const audio = this.audio;
    const requested: PhoneOptions[] = (
      this.options.phones ?? this.users.filter((user) => user.role === 'customer').map((user) => user.user)
    ).map((phone) => (typeof phone === 'string' ? { user: phone } : phone));
    const entries: Array<PhoneOptions & { echo?: boolean }> = [...requested];
    if (this.options.echoTest) entries.push({ user: ECHO_TEST_USER, echo: true });
    entries.forEach((phone, index) => {
      this.phoneList.push(
        new Baresip({
          user: phone.user,
          password: this.password(phone.user),
          domain: this.domain,
          proxyPort: this.ports.sip,
          sipPort: this.ports.baresipSipBase + 10 * index,
          ctrlPort: this.ports.baresipCtrlBase + index,
          rtpPortMin: this.ports.baresipRtpBase + 200 * index,
          rtpPortMax: this.ports.baresipRtpBase + 200 * index + 199,
          answerMode: phone.answerMode ?? 'auto',
          micWav: phone.micWav ?? audio.customerTone,
          audioCodecs: phone.audioCodecs ?? this.server.customerCodecs ?? DEFAULT_AUDIO_CODECS,
          authUser: this.authUser(phone.user),
          ptime: phone.ptime,
          opus: phone.opus,
          dir: join(this.runDir, `baresip-${phone.user}`),
          echo: phone.echo ?? false,
          rtpTimeoutSeconds: phone.rtpTimeoutSeconds,
        }),
      );
    });
  }

  /**
   * Stops rtpengine only: calls lose their media relay (and the relay its state) until they are
   * re-offered through a new one (startRtpengine).
   */
  async stopRtpengine(): Promise<void> {
    await this.rtpengine?.stop();
  }

  /** Starts rtpengine (again, after stopRtpengine) and waits until it answers ng pings. */
  async startRtpengine(): Promise<void> {
    const { rtpengineNg, dtmfLog, rtpMin, rtpMax } = this.ports;
    await assertPortsFree('rtpengine', [{ protocol: 'udp', port: rtpengineNg }]);
    this.rtpengine = await ManagedProcess.start({
      name: 'rtpengine',
      command: 'rtpengine',
      args: [
        // Ignore /etc/rtpengine/rtpengine.conf (table=0, interface=any); userspace only.
        '--config-file=none',
        '--table=-1',
        '--interface=127.0.0.1',
        `--listen-ng=127.0.0.1:${rtpengineNg}`,
        '--foreground',
        '--log-stderr',
        '--log-level=6',
        `--port-min=${rtpMin}`,
        `--port-max=${rtpMax}`,
        '--delete-delay=0',
        '--timeout=60',
        `--dtmf-log-dest=127.0.0.1:${dtmfLog}`,
      ],
      logPath: this.logPath('rtpengine'),
      cwd: this.runDir,
    });
    this.watchForCrash(this.rtpengine);
    await this.rtpengine.waitUntilReady('ng ping -> pong', (signal) => waitForRtpenginePong('127.0.0.1', rtpengineNg, signal), this.readyTimeoutMs);
  }

  /** Kamailio's binrpc control socket (for kamcmd). */
  get kamailioCtlSocket(): string {
    return `unix:${join(this.runDir, 'kamailio_ctl')}`;
  }

  /**
   * Starts Kamailio (again) and waits until its WebSocket port accepts
   * connections and it answers OPTIONS on UDP.
   *
   * usrloc lives in memory, so after a restart the baresip phones are no longer
   * registered (baresip 1.0 only re-registers on its timer). With
   * reregisterPhones (default true) every phone without an active call is
   * restarted so it registers at once; returns the users that were restarted.
   */
  async startKamailio(options: { reregisterPhones?: boolean } = {}): Promise<string[]> {
    if (this.kamailio?.isRunning) throw new Error('Kamailio is already running');
    await assertPortsFree('kamailio', [
      { protocol: 'udp', port: this.ports.sip },
      { protocol: 'tcp', port: this.ports.ws },
    ]);
    const defines: Record<string, string> = {
      RUN_DIR: JSON.stringify(this.runDir),
      CTL_SOCKET: JSON.stringify(this.kamailioCtlSocket),
      USERS_DB_URL: JSON.stringify(`text://${join(this.runDir, 'db')}`),
      SIPDUMP_DIR: JSON.stringify(join(this.runDir, 'sipdump')),
      SIP_DOMAIN: JSON.stringify(this.domain),
      SIP_PORT: String(this.ports.sip),
      WS_PORT: String(this.ports.ws),
      RTPENGINE_SOCK: JSON.stringify(`udp:127.0.0.1:${this.ports.rtpengineNg}`),
    };
    const { realm, authUserPrefix, wsPath, minExpiresSeconds, sessionExpiresSeconds, trustedPeerDomain } = this.server;
    if (realm) defines.AUTH_REALM = JSON.stringify(realm);
    if (authUserPrefix) defines.AUTH_USER_PREFIX = JSON.stringify(authUserPrefix);
    if (wsPath) defines.WS_PATH = JSON.stringify(wsPath);
    if (minExpiresSeconds) defines.MIN_EXPIRES = String(minExpiresSeconds);
    if (sessionExpiresSeconds) defines.SESSION_EXPIRES = JSON.stringify(String(sessionExpiresSeconds));
    if (trustedPeerDomain) defines.TRUSTED_PEER_DOMAIN = JSON.stringify(trustedPeerDomain);
    const args = ['-f', KAMAILIO_CFG, '-DD', '-E', '-w', this.runDir, '-P', join(this.runDir, 'kamailio.pid')];
    for (const [name, value] of Object.entries(defines)) args.push('-A', `${name}=${value}`);
    if (this.options.kamailioDebug) args.push('-A', 'WITH_DEBUG');
    if (this.options.sipTrace) {
      mkdirSync(join(this.runDir, 'sipdump'), { recursive: true });
      args.push('-A', 'WITH_SIPDUMP');
    }
    this.kamailio = await ManagedProcess.start({
      name: 'kamailio',
      command: 'kamailio',
      args,
      logPath: this.logPath('kamailio'),
      cwd: this.runDir,
    });
    this.watchForCrash(this.kamailio);
    await this.kamailio.waitUntilReady(
      `ws port ${this.ports.ws} and OPTIONS 200 on udp ${this.ports.sip}`,
      async (signal) => {
        await waitForTcpListener('127.0.0.1', this.ports.ws, signal);
        await waitForSipOptions200('127.0.0.1', this.ports.sip, signal);
      },
      this.readyTimeoutMs,
    );
    if (options.reregisterPhones === false) return [];
    const idle = this.phoneList.filter((phone) => phone.isRunning && phone.activeCallIds.length === 0);
    for (const phone of idle) await phone.stop();
    await Promise.all(idle.map((phone) => this.startPhone(phone)));
    return idle.map((phone) => phone.user);
  }

  /**
   * Stops Kamailio only (rtpengine and phones keep running): WebSocket clients
   * see their connection drop. SIGTERM by default; SIGKILL simulates a crash.
   */
  async stopKamailio(options: { signal?: 'SIGTERM' | 'SIGKILL' } = {}): Promise<void> {
    await this.kamailio?.stop({ signal: options.signal ?? 'SIGTERM' });
  }

  /** Restarts one phone (e.g. after a test changed its state); resolves when it is registered again. */
  async restartPhone(user: string): Promise<Baresip> {
    const phone = this.phone(user);
    await phone.stop();
    await this.startPhone(phone);
    return phone;
  }

  private async startPhone(phone: Baresip): Promise<void> {
    await phone.start(this.readyTimeoutMs);
    const daemon = phone.managedProcess;
    if (daemon) this.watchForCrash(daemon);
  }

  /** Runs kamcmd against this Kamailio, e.g. kamcmd('ul.dump') or kamcmd('htable.dump', 'users'). */
  async kamcmd(...args: string[]): Promise<string> {
    const { stdout } = await execFileAsync('kamcmd', ['-s', this.kamailioCtlSocket, ...args]);
    return stdout;
  }

  /**
   * The registrar answers `user`'s next `times` REGISTERs with `status` (403, 404 or 503), with a
   * Retry-After when given, instead of registering them (kamailio.cfg route[REGISTRAR]).
   */
  async refuseRegistrations(user: string, status: 403 | 404 | 503, times: number, retryAfterSeconds?: number): Promise<void> {
    // "s:": kamcmd would otherwise send a numeric-looking user as an integer.
    await this.kamcmd('htable.sets', 'regrefuse', `s:${user}`, `s:${status},${retryAfterSeconds ?? ''},${times}`);
  }

  /** How many REGISTERs `user` has sent since Kamailio started (retries and refreshes included). */
  async registerCount(user: string): Promise<number> {
    const out = await this.kamcmd('htable.get', 'registers', `s:${user}`).catch(() => '');
    return Number(/value:\s*(\d+)/.exec(out)?.[1] ?? 0);
  }
}
