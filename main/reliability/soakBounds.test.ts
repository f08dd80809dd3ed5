import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { soakTable, soakViolations, type SoakSample } from './soakBounds';

const warmUp: SoakSample = {
  calls: 10, mainRssMb: 150, mainHeapMb: 40, uiHeapMb: 8, engineHeapMb: 5, peerConnections: 0, liveTracks: 0, audioNodes: 0, runningAudioContexts: 0,
  engineTimers: 6, engineListeners: 12, engineWebSockets: 1, mainTimers: 10, mainListeners: 9, bridgeSockets: 2, openFds: 40, walKb: 900, engineIdleCpuPct: 0.5,
};

describe('soak bounds', () => {
  it('passes a shift that stays flat, with the usual wobble', () => {
    assert.deepEqual(soakViolations(warmUp, { ...warmUp, calls: 50, mainRssMb: 170, mainHeapMb: 44, engineHeapMb: 5.9, engineTimers: 9, openFds: 43, walKb: 4000, engineIdleCpuPct: 1.9 }), []);
  });

  it('fails on a peer connection, track, audio node or running AudioContext left between calls', () => {
    const problems = soakViolations(warmUp, { ...warmUp, calls: 50, peerConnections: 1, audioNodes: 2, runningAudioContexts: 1 });
    assert.equal(problems.length, 3);
    assert.match(problems[0]!, /peerConnections: 1 left after 50 calls/);
    assert.match(problems[1]!, /audioNodes: 2 left/);
    assert.match(problems[2]!, /runningAudioContexts: 1 left/);
  });

  it('fails on a timer or listener that grows with the calls and on heap growth beyond the bound; idle CPU is reported, not judged', () => {
    const problems = soakViolations(warmUp, { ...warmUp, calls: 50, engineTimers: 6 + 40, mainListeners: 10, engineHeapMb: 7, engineIdleCpuPct: 9.3 });
    assert.deepEqual(problems.map((problem) => problem.split(':')[0]), ['engineTimers', 'mainListeners', 'engineHeapMb']);
  });

  it('prints one table row per sample', () => {
    const table = soakTable([warmUp, { ...warmUp, calls: 20 }]).split('\n');
    assert.equal(table.length, 4);
    assert.match(table[0]!, /^\| calls \| main RSS MB/);
    assert.match(table[3]!, /^\| 20 \| 150 \|/);
  });
});
