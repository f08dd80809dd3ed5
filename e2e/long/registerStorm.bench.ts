// REGISTER storm: `npm run storm`. 200 agents registered over WebSocket to one Kamailio in the test
// namespace; Kamailio is stopped (every socket drops at the same instant), stays down a few seconds and
// comes back. Each agent reconnects on its own schedule:
//  - fixed: the old policy, an attempt every 3 s for ten attempts, then every 10 s;
//  - jittered: the engine's (renderer/engine/calls/sipAgent.ts): the first attempt at once, then each
//    next one after the connect timeout plus a full-jitter delay (renderer/engine/calls/reconnectBackoff.ts).
// Printed: how long after Kamailio is back until all 200 are registered again, and the peak number of
// connection attempts and REGISTERs Kamailio met in any one second. The agents are a minimal SIP-over-
// WebSocket registrar client (digest auth, qop=auth), not browsers: 200 Chromiums do not fit this machine.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CONNECT_TIMEOUT_MS, reconnectDelayMs } from '../../renderer/engine/calls/reconnectBackoff';
import { LocalStack, RUNS_DIR } from '../../stack/stack';

const AGENTS = Number(process.env.HEARTHLINE_STORM_AGENTS ?? 200);
const DOWN_MS = Number(process.env.HEARTHLINE_STORM_DOWN_MS ?? 5_000);
const FIRST_USER = 3000;

type Policy = 'fixed' | 'jittered';

/** Delay before attempt `attempt` (1 = the first after the drop), measured from the previous attempt's start. */
function delayBefore(policy: Policy, attempt: number): number {
  if (policy === 'fixed') return attempt <= 10 ? 3_000 : 10_000;
  return attempt === 1 ? 0 : CONNECT_TIMEOUT_MS + reconnectDelayMs(attempt, Math.random);
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

interface Counters {
  attempts: number[];
  registers: number[];
}

class RegisteringAgent {
  registered = false;
  registeredAt = 0;
  private socket: WebSocket | undefined;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private cseq = 1;
  private readonly callId = randomBytes(8).toString('hex');
  private readonly tag = randomBytes(4).toString('hex');
  stopped = false;

  constructor(
    private readonly user: string,
    private readonly password: string,
    private readonly url: string,
    private readonly domain: string,
    private readonly policy: Policy,
    private readonly counters: Counters,
    private readonly t0: () => number,
  ) {}

  connect(): void {
    if (this.stopped) return;
    this.counters.attempts.push(performance.now() - this.t0());
    const socket = new WebSocket(this.url, 'sip');
    this.socket = socket;
    socket.on('open', () => this.register());
    socket.on('message', (data) => this.onMessage(data.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.socket !== socket) return;
      const wasRegistered = this.registered;
      this.registered = false;
      if (wasRegistered) this.attempt = 0;
      this.scheduleNext();
    });
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    this.attempt += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delayBefore(this.policy, this.attempt));
  }

  private register(authorization?: string): void {
    this.counters.registers.push(performance.now() - this.t0());
    const lines = [
      `REGISTER sip:${this.domain} SIP/2.0`,
      `Via: SIP/2.0/WSS ${this.user}.invalid;branch=z9hG4bK${randomBytes(6).toString('hex')}`,
      'Max-Forwards: 70',
      `To: <sip:${this.user}@${this.domain}>`,
      `From: <sip:${this.user}@${this.domain}>;tag=${this.tag}`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${this.cseq++} REGISTER`,
      `Contact: <sip:${this.user}@${this.user}.invalid;transport=ws>;expires=600`,
      'Expires: 600',
      ...(authorization ? [`Authorization: ${authorization}`] : []),
      'Content-Length: 0',
      '',
      '',
    ];
    this.socket?.send(lines.join('\r\n'));
  }

  private onMessage(message: string): void {
    const status = Number(/^SIP\/2\.0 (\d{3})/.exec(message)?.[1]);
    if (status === 401) {
      const challenge = /WWW-Authenticate:\s*Digest (.*)/i.exec(message)?.[1] ?? '';
      const param = (name: string) => new RegExp(`${name}="?([^",\\r]+)"?`, 'i').exec(challenge)?.[1] ?? '';
      const realm = param('realm');
      const nonce = param('nonce');
      const uri = `sip:${this.domain}`;
      const cnonce = randomBytes(4).toString('hex');
      const nc = '00000001';
      const response = md5(`${md5(`${this.user}:${realm}:${this.password}`)}:${nonce}:${nc}:${cnonce}:auth:${md5(`REGISTER:${uri}`)}`);
      this.register(`Digest username="${this.user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}", algorithm=MD5`);
    } else if (status === 200) {
      this.registered = true;
      this.registeredAt = performance.now();
      this.attempt = 0;
    } else if (status >= 300) {
      this.socket?.close(); // refused or overloaded: the next attempt follows the policy
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.terminate();
  }
}

async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

function peakPerSecond(times: number[], from: number): number {
  const buckets = new Map<number, number>();
  for (const at of times) if (at >= from) buckets.set(Math.floor(at / 1000), (buckets.get(Math.floor(at / 1000)) ?? 0) + 1);
  return Math.max(0, ...buckets.values());
}

async function storm(stack: LocalStack, policy: Policy): Promise<Record<string, number | string>> {
  let t0 = performance.now();
  const counters: Counters = { attempts: [], registers: [] };
  const agents = Array.from({ length: AGENTS }, (_, i) => {
    const user = String(FIRST_USER + i);
    return new RegisteringAgent(user, `secret${user}`, stack.wsUrl, stack.domain, policy, counters, () => t0);
  });
  try {
    for (const agent of agents) agent.connect();
    if (!(await until(() => agents.every((agent) => agent.registered), 60_000))) throw new Error(`${policy}: not all ${AGENTS} agents registered at the start`);
    await new Promise((resolve) => setTimeout(resolve, 1_000 + Math.random() * 2_000)); // the outage comes at no particular moment
    counters.attempts.length = 0;
    counters.registers.length = 0;
    t0 = performance.now();
    await stack.stopKamailio();
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    await stack.startKamailio({ reregisterPhones: false });
    const back = performance.now() - t0;
    const all = await until(() => agents.every((agent) => agent.registered), 180_000);
    const last = Math.max(...agents.map((agent) => agent.registeredAt - t0));
    const registeredTimes = agents.map((agent) => agent.registeredAt - t0 - back).sort((a, b) => a - b);
    return {
      policy,
      agents: AGENTS,
      downMs: Math.round(back),
      allRegisteredAfterBackMs: all ? Math.round(last - back) : 'not within 180 s',
      medianAfterBackMs: Math.round(registeredTimes[Math.floor(registeredTimes.length / 2)]!),
      connectAttempts: counters.attempts.length,
      peakAttemptsPerSecondAfterBack: peakPerSecond(counters.attempts, back),
      peakRegistersPerSecond: peakPerSecond(counters.registers, 0),
    };
  } finally {
    for (const agent of agents) agent.stop();
  }
}

async function main(): Promise<void> {
  const dir = join(RUNS_DIR, `storm-users-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const usersFile = join(dir, 'users.txt');
  writeFileSync(usersFile, Array.from({ length: AGENTS }, (_, i) => `${FIRST_USER + i} agent`).join('\n') + '\n');
  const stack = new LocalStack({ usersFile, phones: [] });
  await stack.start();
  const results: Array<Record<string, number | string>> = [];
  try {
    for (const policy of ['fixed', 'jittered'] as const) {
      const result = await storm(stack, policy);
      console.log(JSON.stringify(result));
      results.push(result);
    }
  } finally {
    await stack.stop();
  }
  const keys = Object.keys(results[0]!);
  const table = [`| ${keys.join(' | ')} |`, `|${keys.map(() => '---').join('|')}|`, ...results.map((row) => `| ${keys.map((key) => row[key]).join(' | ')} |`)].join('\n');
  console.log(table);
  writeFileSync(join(RUNS_DIR, 'storm-table.md'), `${table}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
