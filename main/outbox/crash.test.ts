// R1, outbox crash durability: 1000 wrap-up notes written by a writer process while a syncer process
// delivers them to the real reference gateway (a separate process on 127.0.0.1 that drops 10 % of its
// answers after committing). Both are killed with SIGKILL at random points, hundreds of times.
// Pass: every acked note is on the gateway, exactly once, each customer's notes in order; the local
// database passes integrity_check; nothing is parked.
// HEARTHLINE_CRASH_NOTES / HEARTHLINE_CRASH_KILLS change the size (defaults 1000 / 200).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { silentLogger } from '../log/logger';
import { openEncryptedStore } from '../store/store';
import { GATEWAY_TOKEN, testGateway } from '../gateway/testSupport';

const NOTES = Number(process.env.HEARTHLINE_CRASH_NOTES ?? 1000);
const TARGET_KILLS = Number(process.env.HEARTHLINE_CRASH_KILLS ?? 200);
const CUSTOMERS = 50;
const ROOT = path.resolve(__dirname, '..', '..');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number) => low + Math.random() * (high - low);

const children = new Set<ChildProcess>();

function run(script: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.once('close', () => log.end());
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

const readyOrExit = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line === 'ready' && resolve());
    void exited(child).then(() => resolve());
  });

/**
 * Lets a child live for a random while, then SIGKILLs it unless it finished. Most kills land at a random
 * point of the work (after the child said "ready"); some land while it is still starting and opening
 * the database.
 */
async function liveThenKill(child: ChildProcess, workMs: number): Promise<{ killed: boolean; code: number | null }> {
  const life = Math.random() < 0.15 ? sleep(between(0, 600)) : readyOrExit(child).then(() => sleep(workMs));
  const outcome = await Promise.race([exited(child).then((code) => ({ done: true as const, code })), life.then(() => ({ done: false as const, code: null }))]);
  if (outcome.done) return { killed: false, code: outcome.code };
  child.kill('SIGKILL');
  await exited(child);
  return { killed: true, code: null };
}

describe('outbox crash durability (R1)', { timeout: 300_000 }, () => {
  it(`${NOTES} notes, writer and syncer SIGKILLed at random, 10 % of answers lost after commit: 0 lost, 0 duplicated`, async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-crash-'));
    const dbFile = path.join(dir, 'hearthline.db');
    const ackFile = path.join(dir, 'ack.log');
    const key = randomBytes(32);
    const env = { HEARTHLINE_DB_KEY: key.toString('hex') };
    openEncryptedStore({ file: dbFile, key, log: silentLogger() }).close(); // created once, before the processes race

    const gateway = await testGateway({ dropAfterCommitPercent: 10 });
    children.add(gateway.child);

    let failed = false;
    t.after(() => {
      for (const child of children) child.kill('SIGKILL');
    });
    let writerDone = false;
    let writerKills = 0;
    let syncerKills = 0;
    const started = Date.now();

    const writerLoop = async () => {
      while (!writerDone && !failed) {
        const child = run('main/outbox/crash/writer.ts', ['--db', dbFile, '--ack', ackFile, '--count', String(NOTES), '--customers', String(CUSTOMERS), '--pace-ms', '30'], env, path.join(dir, 'writer.log'));
        const { killed, code } = await liveThenKill(child, between(0, 700));
        if (killed) writerKills += 1;
        else if (code === 0) writerDone = true;
        else throw new Error(`writer failed with ${code}; see ${dir}/writer.log`);
      }
    };
    const syncerLoop = async () => {
      while ((!writerDone || writerKills + syncerKills < TARGET_KILLS) && !failed) {
        const child = run('main/outbox/crash/syncer.ts', ['--db', dbFile, '--gateway', gateway.url, '--token', GATEWAY_TOKEN], env, path.join(dir, 'syncer.log'));
        const { killed, code } = await liveThenKill(child, between(0, 700));
        if (killed) syncerKills += 1;
        else throw new Error(`syncer exited on its own with ${code}; see ${dir}/syncer.log`);
      }
    };
    await Promise.all(
      [writerLoop(), syncerLoop()].map((loop) =>
        loop.catch((error: unknown) => {
          failed = true;
          throw error;
        }),
      ),
    );

    // Last, an uninterrupted syncer drains what is left.
    const drain = run('main/outbox/crash/syncer.ts', ['--db', dbFile, '--gateway', gateway.url, '--token', GATEWAY_TOKEN, '--until-drained'], env, path.join(dir, 'syncer.log'));
    let deadline: NodeJS.Timeout | undefined;
    const { killed, code } = await Promise.race([
      exited(drain).then((exitCode) => ({ killed: false, code: exitCode })),
      new Promise<{ killed: true; code: null }>((resolve) => {
        deadline = setTimeout(() => (drain.kill('SIGKILL'), resolve({ killed: true, code: null })), 120_000);
      }),
    ]);
    clearTimeout(deadline);
    assert.equal(killed, false, 'the final syncer drained the outbox in time');
    assert.equal(code, 0, 'nothing was parked');

    const onServer = await gateway.notes();
    const { dropped, replayed } = (await gateway.close()) ?? {};

    // What the writer acknowledged (after commit): index → note id; a re-ack must name the same note.
    const acked = new Map<number, string>();
    for (const line of readFileSync(ackFile, 'utf8').split('\n').filter(Boolean)) {
      const [index, noteId] = line.split(' ');
      const previous = acked.get(Number(index));
      assert.ok(previous === undefined || previous === noteId, `note ${index} acked as two different notes`);
      acked.set(Number(index), noteId!);
    }
    assert.equal(acked.size, NOTES);

    const serverIds = new Set(onServer.map((note) => note.id));
    const lost = [...acked.values()].filter((id) => !serverIds.has(id));
    const perCall = new Map<string, number>();
    for (const note of onServer) perCall.set(note.callId, (perCall.get(note.callId) ?? 0) + 1);

    const local = openEncryptedStore({ file: dbFile, key, log: silentLogger() });
    const integrity = local.db.pragma('integrity_check') as { integrity_check: string }[];
    const localRows = local.db.prepare('SELECT id, customer_key, state FROM outbox ORDER BY seq').all() as { id: string; customer_key: string; state: string }[];
    local.close();

    t.diagnostic(
      `kills: ${writerKills} writer + ${syncerKills} syncer; answers dropped after commit: ${dropped}; resends absorbed by Idempotency-Key: ${replayed}; ${Math.round((Date.now() - started) / 1000)} s`,
    );
    assert.ok(writerKills + syncerKills >= TARGET_KILLS, 'hundreds of kills');
    assert.ok((dropped ?? 0) > 0, 'the gateway really dropped answers');
    assert.deepEqual(lost, [], 'acked notes missing on the gateway');
    assert.equal(onServer.length, NOTES, 'rows on the gateway');
    assert.equal(serverIds.size, NOTES, 'distinct notes on the gateway');
    assert.deepEqual([...perCall.entries()].filter(([, n]) => n !== 1), [], 'calls with more than one note');
    assert.deepEqual(integrity, [{ integrity_check: 'ok' }]);
    assert.equal(localRows.length, NOTES);
    assert.deepEqual(localRows.filter((row) => row.state !== 'sent'), []);

    // Each customer's notes reached the gateway in the order they were written.
    for (let c = 0; c < CUSTOMERS; c += 1) {
      const customer = `+4420700${String(c).padStart(3, '0')}`;
      const written = localRows.filter((row) => row.customer_key === `tel:${customer}`).map((row) => row.id);
      const arrived = onServer.filter((note) => note.customerNumber === customer).map((note) => note.id);
      assert.deepEqual(arrived, written, `order for ${customer}`);
    }
    assert.ok(existsSync(dbFile));
  });
});
