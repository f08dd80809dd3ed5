// For the tests of every feature that talks to the CRM: the real reference gateway (gateway/cli.ts) as
// its own process on 127.0.0.1, seen only through its HTTP API, as the app sees it. Not a test file itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { GatewayCallback, GatewayCounters, GatewayNote } from '../../common/contract/gateway';

export const GATEWAY_TOKEN = 'outbox-test-token-0123456789';
const ROOT = path.resolve(__dirname, '..', '..');

export interface GatewayFaults {
  dropAfterCommitPercent?: number;
  rejectMarker?: string;
}

export interface TestGateway {
  url: string;
  port: number;
  dbFile: string;
  child: ChildProcess;
  /** Every stored note, oldest first (as GET /v1/notes pages through them). */
  notes(query?: { customer?: string }): Promise<GatewayNote[]>;
  callbacks(): Promise<GatewayCallback[]>;
  /** Stops it (SIGTERM); resolves with the counters it prints on the way out. */
  close(): Promise<GatewayCounters | undefined>;
}

export async function testGateway(faults: GatewayFaults = {}, port = 0, dbFile?: string): Promise<TestGateway> {
  const file = dbFile ?? path.join(mkdtempSync(path.join(tmpdir(), 'hl-gateway-')), 'gateway.db');
  const args = ['--port', String(port), '--db', file, '--token', GATEWAY_TOKEN, '--drop-after-commit', String(faults.dropAfterCommitPercent ?? 0)];
  if (faults.rejectMarker) args.push('--reject-marker', faults.rejectMarker);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'gateway/cli.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { url: string; port: number }));
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${stderr}`)));
  });
  const get = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${ready.url}${route}`, { headers: { authorization: `Bearer ${GATEWAY_TOKEN}` } });
    if (!response.ok) throw new Error(`GET ${route}: ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    ...ready,
    dbFile: file,
    child,
    async notes(query = {}) {
      const all: GatewayNote[] = [];
      let after: number | undefined = 0;
      while (after !== undefined) {
        const customer: string = query.customer ? `&customer=${encodeURIComponent(query.customer)}` : '';
        const page: { notes: GatewayNote[]; next?: number } = await get(`/v1/notes?limit=1000&after=${after}${customer}`);
        all.push(...page.notes.map(({ receivedAt: _receivedAt, ...note }: GatewayNote & { receivedAt?: string }) => note));
        after = page.next;
      }
      return all;
    },
    async callbacks() {
      return (await get<{ callbacks: GatewayCallback[] }>('/v1/callbacks?limit=1000')).callbacks;
    },
    close: () =>
      new Promise<GatewayCounters | undefined>((resolve) => {
        const counters = () => {
          const json = /gateway stopping: (\{.*\})/.exec(stderr)?.[1];
          return json ? (JSON.parse(json) as GatewayCounters) : undefined;
        };
        if (child.exitCode !== null || child.signalCode !== null) return resolve(counters());
        child.once('exit', () => resolve(counters()));
        child.kill('SIGTERM');
      }),
  };
}
