// Does the store stall main's event loop? (node --import tsx bench/eventLoop.bench.ts; part of npm run bench)
// Main's SQL runs synchronously on its one thread (better-sqlite3 + SQLCipher): while it runs, no IPC
// message, engine report or UI request is handled. Measured with perf_hooks.monitorEventLoopDelay and a
// 5 ms heartbeat (its longest gap) while
//  1. 10 000 wrap-up notes are queued and then synced to the reference gateway (its own process) by the
//     outbox's SyncWorker, as after a day offline;
//  2. 100 000 customers are written to the customer-context cache in pages of 500 (ContextCacheRepository.put),
//     as a bulk fill from the CRM would.
// If the longest stall is above 50 ms, SQL belongs in a worker behind the same repositories.
// HEARTHLINE_BENCH_NOTES / HEARTHLINE_BENCH_CUSTOMERS shrink it for a quick look.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { ContextCacheRepository } from '../main/context/contextCache';
import type { CustomerRecord } from '../main/gateway/customers';
import { GatewayClient } from '../main/gateway/gatewayClient';
import { silentLogger } from '../main/log/logger';
import { OutboxRepository } from '../main/outbox/outboxRepository';
import { SyncWorker } from '../main/outbox/syncWorker';
import { openEncryptedStore } from '../main/store/store';
import { systemScheduler } from '../main/time/scheduler';
import { benchNote } from './benchNotes';

const NOTES = Number(process.env.HEARTHLINE_BENCH_NOTES ?? 10_000);
const CUSTOMERS = Number(process.env.HEARTHLINE_BENCH_CUSTOMERS ?? 100_000);
const PAGE = 500;
const STALL_LIMIT_MS = 50;
const TOKEN = 'bench-token-0123456789abcdef';
const ROOT = path.resolve(__dirname, '..');
const log = silentLogger();
const work = mkdtempSync(path.join(tmpdir(), 'hl-bench-loop-'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Wraps every method of `target` to keep the longest CPU time one synchronous call took (process.cpuUsage:
 * the thread's own time, so a busy shared machine does not inflate it the way wall-clock stalls are).
 */
function longestCall(target: object): { longestMs: () => number } {
  let longest = 0;
  const proto = Object.getPrototypeOf(target) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method = proto[name];
    if (name === 'constructor' || typeof method !== 'function') continue;
    Object.defineProperty(target, name, {
      value: (...args: unknown[]) => {
        const before = process.cpuUsage();
        try {
          return (method as (...a: unknown[]) => unknown).apply(target, args);
        } finally {
          const used = process.cpuUsage(before);
          longest = Math.max(longest, (used.user + used.system) / 1000);
        }
      },
    });
  }
  return { longestMs: () => longest };
}

interface Stalls {
  /** CPU time of the longest single store call (a transaction), ms. */
  longestSqlCpuMs?: number;
  /** Longest event-loop delay seen by monitorEventLoopDelay, ms. */
  maxDelayMs: number;
  p99DelayMs: number;
  /** Longest gap between two ticks of a 5 ms heartbeat, minus its 5 ms, ms. */
  longestGapMs: number;
  tookMs: number;
}

/** Runs `work` while watching main's event loop. */
async function watched(work: () => Promise<void>): Promise<Stalls> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  let last = performance.now();
  let longestGap = 0;
  const heartbeat = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last - 5);
    last = now;
  }, 5);
  histogram.enable();
  const started = performance.now();
  try {
    await work();
  } finally {
    histogram.disable();
    clearInterval(heartbeat);
  }
  return { maxDelayMs: histogram.max / 1e6, p99DelayMs: histogram.percentile(99) / 1e6, longestGapMs: longestGap, tookMs: performance.now() - started };
}

async function startGateway(dbFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'gateway/cli.ts'), '--port', '0', '--db', dbFile, '--token', TOKEN], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
  return { child, url: (JSON.parse(line) as { url: string }).url };
}

async function notesSync(): Promise<Stalls> {
  const dir = mkdtempSync(path.join(work, 'notes-'));
  const store = openEncryptedStore({ file: path.join(dir, 'hearthline.db'), key: randomBytes(32), log });
  const repo = new OutboxRepository(store.db, () => Date.now());
  const sql = longestCall(repo);
  const gateway = await startGateway(path.join(dir, 'gateway.db'));
  try {
    return await watched(async () => {
      // Queued one wrap-up at a time, as agents submit them, then synced.
      for (let i = 0; i < NOTES; i += 1) {
        repo.enqueue([benchNote(i)]);
        if (i % 100 === 0) await sleep(0); // let the heartbeat see the loop between submissions
      }
      const worker = new SyncWorker({ repo, client: new GatewayClient({ baseUrl: gateway.url, token: TOKEN }), scheduler: systemScheduler, log, concurrency: 8, probeIntervalMs: 1_000 });
      worker.start();
      while (repo.counts().pending > 0) await sleep(50);
      await worker.stop();
    }).then((stalls) => ({ ...stalls, longestSqlCpuMs: sql.longestMs() }));
  } finally {
    gateway.child.kill('SIGTERM');
    await new Promise((resolve) => gateway.child.once('exit', resolve));
    store.close();
  }
}

function customer(i: number): CustomerRecord {
  const number = `+44${String(7_000_000_000 + i * 7)}`;
  return {
    customer: {
      id: `c${i}`,
      name: `Customer ${i}`,
      phones: [{ number, verified: true }],
      emails: [{ address: `customer${i}@example.com`, verified: i % 2 === 0 }],
      segment: i % 3 === 0 ? 'Gold' : 'Standard',
      lifetimeValue: i % 5000,
      currency: 'GBP',
      language: 'en',
      preferredChannel: 'voice',
      orderNumbers: [`ORD-${100000 + i}`],
    },
    timeline: [],
    cases: [],
  };
}

async function cacheFill(): Promise<Stalls> {
  const dir = mkdtempSync(path.join(work, 'cache-'));
  const store = openEncryptedStore({ file: path.join(dir, 'hearthline.db'), key: randomBytes(32), log });
  const cache = new ContextCacheRepository(store.db);
  const sql = longestCall(cache);
  try {
    return await watched(async () => {
      for (let start = 0; start < CUSTOMERS; start += PAGE) {
        const page = Array.from({ length: Math.min(PAGE, CUSTOMERS - start) }, (_, k) => customer(start + k));
        cache.put(page, Date.now());
        await sleep(0); // the next page arrives from the network: the loop turns between pages
      }
      if (cache.count() !== CUSTOMERS) throw new Error(`cache holds ${cache.count()} customers, expected ${CUSTOMERS}`);
    }).then((stalls) => ({ ...stalls, longestSqlCpuMs: sql.longestMs() }));
  } finally {
    store.close();
  }
}

async function main(): Promise<void> {
  const load = loadavg().map((value) => value.toFixed(2)).join(' ');
  const rows: Array<[string, Stalls]> = [];
  rows.push([`${NOTES.toLocaleString('en')} notes queued one by one, then synced (8 in flight)`, await notesSync()]);
  rows.push([`${CUSTOMERS.toLocaleString('en')} customers into the context cache, pages of ${PAGE}`, await cacheFill()]);
  console.log(`\n### Main event loop under store work (load average ${load})\n`);
  console.log('| work | took | longest loop delay (monitorEventLoopDelay) | p99 delay | longest 5 ms heartbeat gap | CPU of the longest store call | store call over 50 ms? |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const [label, stalls] of rows) {
    const sqlMs = stalls.longestSqlCpuMs ?? Number.NaN;
    console.log(`| ${label} | ${(stalls.tookMs / 1000).toFixed(1)} s | ${stalls.maxDelayMs.toFixed(1)} ms | ${stalls.p99DelayMs.toFixed(1)} ms | ${stalls.longestGapMs.toFixed(1)} ms | ${sqlMs.toFixed(1)} ms | ${sqlMs > STALL_LIMIT_MS ? 'yes' : 'no'} |`);
  }
  console.log('\nWall-clock delays include time the shared machine did not give this process; the CPU time of a store call does not.');
  rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
