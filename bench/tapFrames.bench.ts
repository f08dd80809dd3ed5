// CPU of carrying the assist tap's audio from the engine to main, per second of a two-leg call: the
// base64 JSON frame per leg and 100 ms it used to be (encoded, parsed, validated by AudioFrameSchema,
// decoded) against the binary batch it is now (encodeAudioBatch, the bridge's binary request framing,
// AudioBatchSchema's decode and header check). Transport only: the WebSocket and the ASR are left out.
// (The old engine encoded base64 with a JavaScript loop; Buffer's encoder here flatters the old path.)
//   node --import tsx bench/tapFrames.bench.ts
import { AudioFrameSchema } from '../common/contract/assist';
import { AudioBatchSchema, encodeAudioBatch, type PcmFrame } from '../common/contract/audioEnvelope';
import { decodeBinaryInvoke, encodeBinaryInvoke } from '../common/contract/binaryInvoke';

const SECONDS = Number(process.env.HEARTHLINE_BENCH_TAP_SECONDS ?? 600);
const pcm = Int16Array.from({ length: 1600 }, (_, i) => Math.round(8000 * Math.sin(i / 5)));
const frame = (leg: 'customer' | 'agent', seq: number): PcmFrame => ({ callId: 'in-1796558862955-1', leg, seq, sampleRate: 16000, pcm });

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function base64Json(): void {
  for (let seq = 0; seq < SECONDS * 10; seq += 1) {
    for (const leg of ['customer', 'agent'] as const) {
      const text = JSON.stringify({ kind: 'invoke', id: seq, channel: 'engine.audio', payload: { ...frame(leg, seq), pcm: Buffer.from(pcm.buffer).toString('base64') } });
      const parsed = AudioFrameSchema.parse((JSON.parse(text) as { payload: unknown }).payload);
      const bytes = Buffer.from(parsed.pcm, 'base64');
      if (new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)).length !== 1600) throw new Error('lost samples');
    }
  }
}

/** Both legs' frames of 100 ms in one batch (what the batcher sends on an idle machine; busier, it sends fewer and bigger). */
function binaryBatches(): void {
  for (let seq = 0; seq < SECONDS * 10; seq += 1) {
    const message = encodeBinaryInvoke(seq, 'engine.audioFrames', encodeAudioBatch([frame('customer', seq), frame('agent', seq)]));
    const frames = AudioBatchSchema.parse(decodeBinaryInvoke(message)!.payload);
    if (frames.length !== 2 || frames[1]!.pcm.length !== 1600) throw new Error('lost samples');
  }
}

base64Json();
binaryBatches(); // warm both up
const rounds = [0, 1, 2].map(() => ({ json: cpuMs(base64Json), binary: cpuMs(binaryBatches) }));
const median = (values: number[]) => values.sort((a, b) => a - b)[1]!;
const json = median(rounds.map((round) => round.json)) / SECONDS;
const binary = median(rounds.map((round) => round.binary)) / SECONDS;
console.log('| tap audio transport, per second of a two-leg call (CPU, engine + main together) | ms |');
console.log('|---|---:|');
console.log(`| base64 JSON, one message per leg and 100 ms (20/s) | ${json.toFixed(2)} |`);
console.log(`| binary batch, both legs per message (10/s) | ${binary.toFixed(2)} |`);
console.log(`| ratio | ${(binary / json).toFixed(2)}× |`);
