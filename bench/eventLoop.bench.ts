// Does the store stall main's event loop? (node --import tsx bench/eventLoop.bench.ts; part of npm run bench)
// Main's SQL runs synchronously on its one thread (better-sqlite3 + SQLCipher): while a call runs, no IPC
// message, engine report or UI request is handled. Every call into SQLite is timed (bench/storeMeter.ts):
// its wall time is how long it held the event loop, its thread CPU time is what the store itself costs
// (decisive on a loaded machine, where wall time mostly measures waiting for a core). The goal: no single
// store call over 50 ms of CPU in a realistic shift or admin action. Measured while
//  1. 10 000 wrap-up notes are queued one by one and synced to the reference gateway (its own process)
//     by the outbox's SyncWorker, as after a day offline, WAL checkpoint after the big sync included;
//  2. 100 000 customers arrive from the CRM in pages of 500 and go into the customer-context cache:
//     once the old way (a page per transaction, on a fifth of them) and in slices (putInSlices);
//  3. a GDPR erase of one customer from that cache (secure delete + WAL truncate);
//  4. the retention purge of that whole cache (purgeOlderThan, in slices);
//  5. dataRetentionDays removing a backlog of sent notes and call history (pruneExpired, in slices);
//  6. reopening the notes database: key check, quick_check of the agent's tables, migrations; and the
//     first start after an upgrade whose migration rebuilds the outbox;
//  7. 200 articles from the knowledge change feed indexed and written: as one page before, and now in
//     pages of 25 indexed in slices;
//     then the re-index of the stored articles that follows an upgrade of the index format.
// monitorEventLoopDelay is printed beside it for the whole run of each.
// HEARTHLINE_BENCH_NOTES / HEARTHLINE_BENCH_CUSTOMERS / HEARTHLINE_BENCH_RETENTION_ROWS shrink it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { KnowledgeChange } from '../common/contract/knowledge';
import { demoArticles } from '../main/assist/kb/demoKb';
import { KnowledgeIndex } from '../main/assist/knowledgeIndex';
import { KNOWLEDGE_PAGE_SIZE } from '../main/assist/knowledgeSync';
import { ContextCacheRepository } from '../main/context/contextCache';
import { sampleCustomer } from '../main/context/sampleCustomers';
import type { CustomerRecord } from '../main/gateway/customers';
import { GatewayClient } from '../main/gateway/gatewayClient';
import { silentLogger } from '../main/log/logger';
import { OutboxRepository } from '../main/outbox/outboxRepository';
import { SyncWorker } from '../main/outbox/syncWorker';
import { pruneExpired } from '../main/store/retention';
import { yieldToLoop } from '../main/store/slices';
import { MIGRATIONS } from '../main/store/schema';
import { openEncryptedStore, type StoreHandle } from '../main/store/store';
import { systemScheduler } from '../main/time/scheduler';
import { benchNote } from './benchNotes';
import { StoreMeter, type StoreMeterReport } from './storeMeter';

const NOTES = Number(process.env.HEARTHLINE_BENCH_NOTES ?? 10_000);
const CUSTOMERS = Number(process.env.HEARTHLINE_BENCH_CUSTOMERS ?? 100_000);
const RETENTION_ROWS = Number(process.env.HEARTHLINE_BENCH_RETENTION_ROWS ?? 20_000);
/** Articles synced: one page of the feed before (200), eight now (KNOWLEDGE_PAGE_SIZE); help-centre articles run to a few thousand characters. */
const KNOWLEDGE_ARTICLES = Number(process.env.HEARTHLINE_BENCH_KNOWLEDGE_ARTICLES ?? 200);
const KNOWLEDGE_CHARS = 3_000;
const PAGE = 500;
const STALL_LIMIT_MS = 50;
const DAY_MS = 86_400_000;
const TOKEN = 'bench-token-0123456789abcdef';
const ROOT = path.resolve(__dirname, '..');
const log = silentLogger();
const work = mkdtempSync(path.join(tmpdir(), 'hl-bench-loop-'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Row {
  label: string;
  tookMs: number;
  /** Longest event-loop delay seen by monitorEventLoopDelay over the whole run, ms. */
  maxDelayMs: number;
  /**
   * The most thread CPU spent between two ticks of a 1 ms heartbeat, ms: an upper bound on the CPU of
   * any one stretch that held the loop (store calls, indexing, JSON — everything), whatever the load.
   */
  maxCpuBetweenTicksMs: number;
  store: StoreMeterReport;
}

const threadCpuMs = (): number => {
  const used = process.threadCpuUsage();
  return (used.user + used.system) / 1000;
};

/** Runs `job` while watching main's event loop and every store call on `meter`'s connection. */
async function watched(label: string, meter: StoreMeter, job: () => Promise<void>): Promise<Row> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  let lastCpu = threadCpuMs();
  let maxCpuBetweenTicksMs = 0;
  const heartbeat = setInterval(() => {
    const cpu = threadCpuMs();
    maxCpuBetweenTicksMs = Math.max(maxCpuBetweenTicksMs, cpu - lastCpu);
    lastCpu = cpu;
  }, 1);
  meter.take();
  histogram.enable();
  const started = performance.now();
  try {
    await job();
  } finally {
    histogram.disable();
    clearInterval(heartbeat);
  }
  maxCpuBetweenTicksMs = Math.max(maxCpuBetweenTicksMs, threadCpuMs() - lastCpu);
  return { label, tookMs: performance.now() - started, maxDelayMs: histogram.max / 1e6, maxCpuBetweenTicksMs, store: meter.take() };
}

function openStore(dir: string, key: Buffer = randomBytes(32)): StoreHandle & { key: Buffer } {
  return Object.assign(openEncryptedStore({ file: path.join(dir, 'hearthline.db'), key, log }), { key });
}

async function startGateway(dbFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'gateway/cli.ts'), '--port', '0', '--db', dbFile, '--token', TOKEN], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
  return { child, url: (JSON.parse(line) as { url: string }).url };
}

/** Notes queued and synced; then the same database reopened (what every start does). */
async function notes(rows: Row[]): Promise<void> {
  const dir = mkdtempSync(path.join(work, 'notes-'));
  const store = openStore(dir);
  const meter = new StoreMeter(store.db, STALL_LIMIT_MS);
  const repo = new OutboxRepository(store.db, () => Date.now());
  const gateway = await startGateway(path.join(dir, 'gateway.db'));
  try {
    rows.push(
      await watched(`${NOTES.toLocaleString('en')} notes queued one by one, then synced (8 in flight), WAL emptied after`, meter, async () => {
        for (let i = 0; i < NOTES; i += 1) {
          repo.enqueue([benchNote(i)]);
          await yieldToLoop(); // one submission per turn of the loop, as agents submit them
        }
        const worker = new SyncWorker({ repo, client: new GatewayClient({ baseUrl: gateway.url, token: TOKEN }), scheduler: systemScheduler, log, concurrency: 8, probeIntervalMs: 1_000 });
        worker.start();
        while (repo.counts().pending > 0) await sleep(50);
        await worker.stop();
      }),
    );
  } finally {
    gateway.child.kill('SIGTERM');
    await new Promise((resolve) => gateway.child.once('exit', resolve));
    store.close();
  }
  // Reopening: one synchronous call (key check, quick_check of the agent's tables, migrations).
  rows.push(
    oneCall(`reopen the database holding those ${NOTES.toLocaleString('en')} notes (every start)`, 'openEncryptedStore (key check, quick_check, migrations) and close (optimize)', () =>
      openStore(dir, store.key).close(),
    ),
  );
}

/** A row for work that is one synchronous call by nature (opening the store at start). */
function oneCall(label: string, what: string, call: () => void): Row {
  const cpu = threadCpuMs();
  const wall = performance.now();
  call();
  const cpuMs = threadCpuMs() - cpu;
  const wallMs = performance.now() - wall;
  const measured = { cpuMs, wallMs, what };
  return { label, tookMs: wallMs, maxDelayMs: Number.NaN, maxCpuBetweenTicksMs: cpuMs, store: { calls: 1, totalCpuMs: cpuMs, longestCpu: measured, longestWall: measured, overLimit: cpuMs > STALL_LIMIT_MS ? 1 : 0 } };
}

/** Pages of customers as the CRM would send them; `write` stores one page. */
async function fill(cache: ContextCacheRepository, count: number, write: (page: CustomerRecord[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += PAGE) {
    await write(Array.from({ length: Math.min(PAGE, count - start) }, (_, k) => sampleCustomer(start + k)));
    await sleep(0); // the next page arrives from the network: the loop turns between pages
  }
  if (cache.count() !== count) throw new Error(`cache holds ${cache.count()} customers, expected ${count}`);
}

async function customerCache(rows: Row[]): Promise<void> {
  // Before: a page of 500 per transaction (ContextCacheRepository.put), on a fifth of the customers.
  const before = Math.max(PAGE, Math.round(CUSTOMERS / 5));
  {
    const store = openStore(mkdtempSync(path.join(work, 'cache-before-')));
    const meter = new StoreMeter(store.db, STALL_LIMIT_MS);
    const cache = new ContextCacheRepository(store.db);
    try {
      rows.push(await watched(`${before.toLocaleString('en')} customers into the context cache, a page of ${PAGE} per transaction (as before)`, meter, () => fill(cache, before, async (page) => cache.put(page, Date.now()))));
    } finally {
      store.close();
    }
  }
  const store = openStore(mkdtempSync(path.join(work, 'cache-')));
  const meter = new StoreMeter(store.db, STALL_LIMIT_MS);
  const cache = new ContextCacheRepository(store.db);
  try {
    rows.push(await watched(`${CUSTOMERS.toLocaleString('en')} customers into the context cache, pages of ${PAGE} in slices (putInSlices)`, meter, () => fill(cache, CUSTOMERS, (page) => cache.putInSlices(page, Date.now()))));
    rows.push(
      await watched(`GDPR erase of one customer from the ${CUSTOMERS.toLocaleString('en')}-customer cache`, meter, async () => {
        if (!cache.erase(`c${Math.floor(CUSTOMERS / 2)}`)) throw new Error('the customer to erase was not cached');
      }),
    );
    rows.push(
      await watched(`retention purge of the whole cache (${(CUSTOMERS - 1).toLocaleString('en')} customers, in slices)`, meter, async () => {
        const purged = await cache.purgeOlderThan(Date.now() + DAY_MS);
        if (purged !== CUSTOMERS - 1 || cache.count() !== 0) throw new Error(`purged ${purged}, ${cache.count()} left`);
      }),
    );
  } finally {
    store.close();
  }
}

async function retention(rows: Row[]): Promise<void> {
  const store = openStore(mkdtempSync(path.join(work, 'retention-')));
  const old = Date.now() - 90 * DAY_MS;
  // Seeded directly (not measured): sent notes and call history, all past a 30-day retention.
  store.db.transaction(() => {
    const note = store.db.prepare(
      `INSERT INTO outbox (id, idempotency_key, kind, customer_key, payload, state, attempts, next_attempt_at, created_at, updated_at, sent_at)
       VALUES (?, ?, 'note', ?, ?, 'sent', 1, 0, ?, ?, ?)`,
    );
    const call = store.db.prepare("INSERT INTO call_history (call_id, direction, state, remote_number, started_at, updated_at) VALUES (?, 'inbound', 'ended', ?, ?, ?)");
    for (let i = 0; i < RETENTION_ROWS; i += 1) {
      const record = benchNote(i);
      note.run(record.id, `key-${i}`, record.customerKey, record.payload, old + i, old + i, old + i);
      call.run(`call-${i}`, `+4420${String(i % 500).padStart(6, '0')}`, old + i, old + i);
    }
  })();
  const meter = new StoreMeter(store.db, STALL_LIMIT_MS);
  try {
    rows.push(
      await watched(`dataRetentionDays removes ${RETENTION_ROWS.toLocaleString('en')} sent notes + ${RETENTION_ROWS.toLocaleString('en')} calls of history (in slices)`, meter, async () => {
        const counts = await pruneExpired(store.db, Date.now() - 30 * DAY_MS);
        if (counts.sentNotes !== RETENTION_ROWS || counts.callHistory !== RETENTION_ROWS) throw new Error(`removed ${JSON.stringify(counts)}`);
      }),
    );
  } finally {
    store.close();
  }
}

/** `count` articles of about `chars` characters, English and Chinese, made from the shipped demo articles. */
function knowledgePage(count: number, chars: number): KnowledgeChange[] {
  const demo = demoArticles();
  return Array.from({ length: count }, (_, i) => {
    const base = demo[i % demo.length]!;
    const sameLanguage = demo.filter((article) => article.lang === base.lang);
    let body = base.body;
    for (let k = 1; body.length < chars; k += 1) body += `\n\n${sameLanguage[(i + k) % sameLanguage.length]!.body}`;
    return { ...base, id: `bench-${i}`, body: body.slice(0, chars), updatedAt: new Date().toISOString() } as KnowledgeChange;
  });
}

async function knowledge(rows: Row[]): Promise<void> {
  const store = openStore(mkdtempSync(path.join(work, 'knowledge-')));
  const meter = new StoreMeter(store.db, STALL_LIMIT_MS);
  const index = new KnowledgeIndex(store.db);
  try {
    index.applyChanges(knowledgePage(3, 500), '0', { replace: true }); // segmenter dictionaries loaded (once per process, not measured)
    const articles = knowledgePage(KNOWLEDGE_ARTICLES, KNOWLEDGE_CHARS);
    const label = `knowledge sync of ${KNOWLEDGE_ARTICLES} articles of ${KNOWLEDGE_CHARS.toLocaleString('en')} characters (en + zh)`;
    rows.push(await watched(`${label}: a page of 200, one applyChanges call (as before)`, meter, async () => void index.applyChanges(articles, '1')));
    rows.push(
      await watched(`${label}: pages of ${KNOWLEDGE_PAGE_SIZE}, applyChangesInSlices`, meter, async () => {
        for (let start = 0; start < articles.length; start += KNOWLEDGE_PAGE_SIZE) {
          await index.applyChangesInSlices(articles.slice(start, start + KNOWLEDGE_PAGE_SIZE), `2.${start}`);
          await sleep(0); // the next page comes from the network
        }
      }),
    );
    // After an upgrade that changes the index format, every stored article is indexed again.
    store.db.prepare("UPDATE kb_sync SET value = 'older' WHERE key = 'indexFormat'").run();
    rows.push(
      await watched(`re-index of those ${(index.count()).toLocaleString('en')} articles after an upgrade (rebuildInSlices; before: one transaction in the constructor)`, meter, async () => {
        const reopened = new KnowledgeIndex(store.db);
        await reopened.whenRebuilt();
        if (reopened.search('refund').length === 0) throw new Error('the re-indexed knowledge base finds nothing');
      }),
    );
  } finally {
    store.close();
  }
}

/** The last outbox rebuild (schema version 7) over a full outbox, as the first start after that upgrade runs it. */
async function migration(rows: Row[]): Promise<void> {
  const dir = mkdtempSync(path.join(work, 'migration-'));
  const key = randomBytes(32);
  const file = path.join(dir, 'hearthline.db');
  const before = openEncryptedStore({ file, key, log, migrations: MIGRATIONS.slice(0, 6) });
  before.db.transaction(() => {
    const insert = before.db.prepare(
      `INSERT INTO outbox (id, idempotency_key, kind, customer_key, payload, state, attempts, next_attempt_at, created_at, updated_at, sent_at)
       VALUES (?, ?, 'note', ?, ?, 'sent', 1, 0, ?, ?, ?)`,
    );
    for (let i = 0; i < NOTES; i += 1) {
      const record = benchNote(i);
      insert.run(record.id, `key-${i}`, record.customerKey, record.payload, i, i, i);
    }
  })();
  before.close();
  rows.push(
    oneCall(`first start after an upgrade: migration 7 rebuilds an outbox of ${NOTES.toLocaleString('en')} notes`, 'openEncryptedStore: migration 7 in its transaction', () =>
      openEncryptedStore({ file, key, log }).close(),
    ),
  );
}

const ms = (value: number) => (Number.isNaN(value) ? '—' : `${value.toFixed(1)} ms`);

async function main(): Promise<void> {
  const loadAtStart = loadavg().map((value) => value.toFixed(2)).join(' ');
  const rows: Row[] = [];
  await notes(rows);
  await migration(rows);
  await customerCache(rows);
  await retention(rows);
  await knowledge(rows);
  const loadAtEnd = loadavg().map((value) => value.toFixed(2)).join(' ');
  console.log(`\n### Main event loop under store work (load average 1/5/15 min: ${loadAtStart} at the start, ${loadAtEnd} at the end)\n`);
  console.log(
    '| work | took | store calls | store CPU, all calls | longest store call: CPU (its wall) | which | longest hold of the loop by one store call: wall (its CPU) | store calls over 50 ms CPU | most CPU between two 1 ms ticks | longest loop delay (monitorEventLoopDelay) |',
  );
  console.log('|---|---:|---:|---:|---:|---|---:|---:|---:|---:|');
  for (const row of rows) {
    const { store } = row;
    const cpu = store.longestCpu;
    const wall = store.longestWall;
    console.log(
      `| ${row.label} | ${(row.tookMs / 1000).toFixed(1)} s | ${store.calls.toLocaleString('en')} | ${Math.round(store.totalCpuMs).toLocaleString('en')} ms | ${cpu ? `${ms(cpu.cpuMs)} (${ms(cpu.wallMs)})` : '—'} | ${cpu ? `\`${cpu.what.replace(/\|/g, '/')}\`` : '—'} | ${wall ? `${ms(wall.wallMs)} (${ms(wall.cpuMs)})` : '—'} | ${store.overLimit} | ${ms(row.maxCpuBetweenTicksMs)} | ${ms(row.maxDelayMs)} |`,
    );
  }
  console.log(
    '\n"Most CPU between two 1 ms ticks" bounds the CPU of any one stretch that held the loop, store or not (indexing, JSON, the heartbeat itself included).',
  );
  console.log('CPU is this thread\'s own time (process.threadCpuUsage), so the load on a shared machine does not inflate it; wall times include the time the machine did not give the process.');
  rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
