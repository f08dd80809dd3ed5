// A short shift (CI variant of the soak, e2e/bench/soak.bench.ts runs 500): 50 calls back to back from a
// real phone, worked through the UI with a store and the CRM gateway, a hold or a transfer every 10th,
// a UI reload and an engine restart at the 50th. After every 10 calls the engine, main and both pages are
// counted; the run fails on a peer connection, track or audio node left between calls, a timer, listener or
// socket that grows with the calls, or heap/RSS/idle CPU beyond the bound (main/reliability/soakBounds.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { soakTable, soakViolations, type SoakSample } from '../main/reliability/soakBounds';
import { SoakRun } from './support/soak';
import { eventually } from './support/softphone';

const CALLS = Number(process.env.HEARTHLINE_SOAK_CALLS ?? 50);
let run: SoakRun;

before(async () => {
  run = await SoakRun.start({ talkMs: 1_000, log: (line) => console.log(line) });
});
after(async () => {
  await run?.stop();
});

describe('a short shift', () => {
  it(`leaves nothing behind after ${CALLS} calls: no peer connection, track, audio node, timer or listener, no growth beyond the bound`, async () => {
    const samples: SoakSample[] = [];
    for (let n = 1; n <= CALLS; n += 1) {
      await run.call(n);
      if (n % 10 === 0) samples.push(await run.sample(n));
    }
    console.log(soakTable(samples));
    const warmUp = samples[0]!;
    const problems = samples.slice(1).flatMap((sample) => soakViolations(warmUp, sample));
    assert.deepEqual(problems, [], `the shift grew:\n${problems.join('\n')}`);
    // The calls were real work: every wrap-up note reached the CRM.
    const notes = await eventually(async () => run.gateway.db.stats().distinctNoteIds, (count) => count >= CALLS, 'notes at the CRM', 30_000);
    assert.equal(notes, CALLS);
  });
});
