import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TapGate, type TapPort } from './tapGate';

class RecordingTap implements TapPort {
  readonly attached: string[] = [];
  readonly detached: string[] = [];
  attachPeerConnection(callId: string): Promise<void> {
    this.attached.push(callId);
    return Promise.resolve();
  }
  detach(callId: string): void {
    this.detached.push(callId);
  }
}

const pc = {} as RTCPeerConnection;

describe('TapGate', () => {
  it('taps nothing while main does not want audio (transcription off)', () => {
    const tap = new RecordingTap();
    const gate = new TapGate(tap);
    gate.mediaStarted('c1', pc);
    gate.mediaEnded('c1');
    assert.deepEqual(tap.attached, []);
    assert.deepEqual(tap.detached, []);
    assert.equal(gate.tapped, 0);
  });

  it('taps each call while audio is wanted and lets it go when the call ends', () => {
    const tap = new RecordingTap();
    const gate = new TapGate(tap);
    gate.setWanted(true);
    gate.mediaStarted('c1', pc);
    gate.mediaEnded('c1');
    assert.deepEqual(tap.attached, ['c1']);
    assert.deepEqual(tap.detached, ['c1']);
  });

  it('taps calls already up when transcription is switched on, and lets all of them go when switched off', () => {
    const tap = new RecordingTap();
    const gate = new TapGate(tap);
    gate.mediaStarted('c1', pc);
    gate.mediaStarted('c2', pc);
    gate.mediaEnded('c2');
    gate.setWanted(true);
    assert.deepEqual(tap.attached, ['c1']);
    gate.setWanted(true); // told again: nothing doubles
    assert.deepEqual(tap.attached, ['c1']);
    gate.setWanted(false);
    assert.deepEqual(tap.detached, ['c1']);
    gate.mediaEnded('c1');
    assert.deepEqual(tap.detached, ['c1'], 'an untapped call is not detached twice');
  });
});
