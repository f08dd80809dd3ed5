import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AudioBatchSchema, decodeAudioBatch, encodeAudioBatch, type PcmFrame } from './audioEnvelope';
import { decodeBinaryInvoke, encodeBinaryInvoke } from './binaryInvoke';

const frame = (over: Partial<PcmFrame> = {}): PcmFrame => ({
  callId: 'call-7',
  leg: 'customer',
  seq: 41,
  sampleRate: 16000,
  pcm: Int16Array.from({ length: 1600 }, (_, i) => ((i * 977) % 65536) - 32768),
  ...over,
});

function reasonFor(bytes: Uint8Array): string {
  const decoded = decodeAudioBatch(bytes);
  assert.equal(decoded.ok, false, 'refused');
  return decoded.ok ? '' : decoded.reason;
}

describe('binary audio envelope', () => {
  it('carries a batch of both legs byte for byte, extreme samples included, with no base64', () => {
    const frames = [frame(), frame({ leg: 'agent', seq: 0, pcm: Int16Array.from([32767, -32768, 0, -1, 1]) })];
    const bytes = encodeAudioBatch(frames);
    // 2 × 16-bit samples per frame plus a small header: a third smaller than base64 JSON.
    assert.ok(bytes.length < 1600 * 2 + 5 * 2 + 60, `size ${bytes.length}`);
    const decoded = decodeAudioBatch(bytes);
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.frames.map(({ pcm, ...header }) => ({ ...header, pcm: [...pcm] })), frames.map(({ pcm, ...header }) => ({ ...header, pcm: [...pcm] })));
  });

  it('decodes from any offset inside a larger buffer (as a WebSocket message arrives)', () => {
    const bytes = encodeAudioBatch([frame()]);
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    const decoded = decodeAudioBatch(padded.subarray(3));
    assert.ok(decoded.ok);
    assert.deepEqual([...decoded.frames[0]!.pcm], [...frame().pcm]);
  });

  it('refuses malformed envelopes with a reason, and never throws', () => {
    const good = encodeAudioBatch([frame()]);
    assert.match(reasonFor(new Uint8Array([1, 2, 3])), /magic/);
    assert.match(reasonFor(good.subarray(0, good.length - 1)), /truncated samples/);
    assert.match(reasonFor(good.subarray(0, 12)), /truncated header/);
    assert.match(reasonFor(Uint8Array.from([...good, 0])), /1 bytes after the last frame/);
    const noFrames = good.slice(0, 5);
    noFrames[4] = 0;
    assert.match(reasonFor(noFrames), /1 to 16 frames, not 0/);
    // Header fields break the contract's own frame header schema.
    const badRate = encodeAudioBatch([frame({ sampleRate: 8000 as 16000 })]);
    assert.match(reasonFor(badRate), /frame 0: sampleRate/);
    const badLeg = good.slice();
    badLeg[5 + 1 + 'call-7'.length] = 9;
    assert.match(reasonFor(badLeg), /frame 0: leg/);
    const hugeFrame = encodeAudioBatch([frame({ pcm: new Int16Array(4001) })]);
    assert.match(reasonFor(hugeFrame), /4001 samples/);
    const badId = good.slice();
    badId[6] = 0xff;
    assert.match(reasonFor(badId), /call id is not printable ASCII/);
    for (let cut = 0; cut < 40; cut += 1) decodeAudioBatch(good.subarray(0, cut));
  });

  it('is the request schema main validates: bytes in, frames out, issues naming what is wrong', () => {
    const parsed = AudioBatchSchema.safeParse(encodeAudioBatch([frame()]));
    assert.ok(parsed.success);
    assert.equal(parsed.data[0]!.callId, 'call-7');
    const refused = AudioBatchSchema.safeParse(new Uint8Array([0x48, 0x4c, 0x41, 0x02, 1]));
    assert.equal(refused.success, false);
    assert.match(refused.error!.issues[0]!.message, /magic or version/);
    const json = AudioBatchSchema.safeParse({ callId: 'call-7', pcm: 'AAAA' });
    assert.equal(json.success, false);
    assert.match(json.error!.issues[0]!.message, /binary/);
  });

  it('refuses to build what it could not read back', () => {
    assert.throws(() => encodeAudioBatch([]), /1 to 16 frames/);
    assert.throws(() => encodeAudioBatch(Array.from({ length: 17 }, () => frame())), /1 to 16 frames/);
    assert.throws(() => encodeAudioBatch([frame({ callId: 'appel-é' })]), /printable ASCII/);
  });
});

describe('binary invoke on the headless bridge', () => {
  it('carries request id, channel and payload', () => {
    const payload = encodeAudioBatch([frame()]);
    const decoded = decodeBinaryInvoke(encodeBinaryInvoke(70_000, 'engine.audioFrames', payload));
    assert.equal(decoded?.id, 70_000);
    assert.equal(decoded?.channel, 'engine.audioFrames');
    assert.deepEqual(decoded?.payload, payload);
  });

  it('gives nothing for a message too short or with a channel name that is not ASCII', () => {
    assert.equal(decodeBinaryInvoke(new Uint8Array([1, 0, 0, 0])), undefined);
    assert.equal(decodeBinaryInvoke(new Uint8Array([1, 0, 0, 0, 9, 0x61])), undefined);
    assert.equal(decodeBinaryInvoke(new Uint8Array([1, 0, 0, 0, 1, 0x07])), undefined);
    assert.throws(() => encodeBinaryInvoke(1, '', new Uint8Array()), /channel names/);
  });
});
