// The binary envelope the call engine sends assist audio in (engine.audioFrames): a batch of PCM frames
// as raw bytes, so no base64 and no JSON on the hot path. Each frame's header fields are checked against
// AudioFrameHeaderSchema, the one definition of what a frame may claim; assist.ts builds on it.
//
//   "HLA" 0x01                     magic and format version
//   u8   frame count (1 … AUDIO_BATCH_MAX_FRAMES)
//   per frame:
//     u8   call id length, then the call id (ASCII)
//     u8   leg (0 customer, 1 agent)
//     u32  seq
//     u32  sample rate
//     u16  sample count, then the samples: little-endian signed 16-bit PCM
//
// Every integer is little-endian. Runtime-neutral (no Buffer, no TextEncoder): the engine page builds
// it, main decodes it.
import { z } from 'zod';
import { CallIdSchema } from './model';

export const AssistLegSchema = z.enum(['customer', 'agent']);
export type AssistLeg = z.infer<typeof AssistLegSchema>;

export const ASSIST_SAMPLE_RATE = 16_000;
/** At most 250 ms of 16 kHz 16-bit mono per frame. */
export const ASSIST_MAX_FRAME_BYTES = 8_000;
/** Frames in one envelope: both legs of a few calls, a few frames each. */
export const AUDIO_BATCH_MAX_FRAMES = 16;

export const AudioFrameHeaderSchema = z
  .object({
    callId: CallIdSchema,
    leg: AssistLegSchema,
    /** Per call and leg, from 0; a gap means the engine dropped frames under back-pressure. */
    seq: z.number().int().nonnegative(),
    sampleRate: z.literal(ASSIST_SAMPLE_RATE),
  })
  .strict();
export type AudioFrameHeader = z.infer<typeof AudioFrameHeaderSchema>;

/** A frame as the engine sends it and main receives it. */
export interface PcmFrame extends AudioFrameHeader {
  pcm: Int16Array;
}

const MAGIC = [0x48, 0x4c, 0x41, 0x01] as const;
const LEGS: readonly AssistLeg[] = ['customer', 'agent'];

export function encodeAudioBatch(frames: readonly PcmFrame[]): Uint8Array {
  if (frames.length === 0 || frames.length > AUDIO_BATCH_MAX_FRAMES) throw new RangeError(`an audio batch holds 1 to ${AUDIO_BATCH_MAX_FRAMES} frames, not ${frames.length}`);
  let size = MAGIC.length + 1;
  for (const frame of frames) {
    if (!/^[\x20-\x7e]*$/.test(frame.callId)) throw new RangeError('call ids in audio frames are printable ASCII');
    size += 1 + frame.callId.length + 1 + 4 + 4 + 2 + frame.pcm.byteLength;
  }
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC);
  let at = MAGIC.length;
  view.setUint8(at, frames.length);
  at += 1;
  for (const frame of frames) {
    view.setUint8(at, frame.callId.length);
    at += 1;
    for (let i = 0; i < frame.callId.length; i += 1) bytes[at + i] = frame.callId.charCodeAt(i);
    at += frame.callId.length;
    view.setUint8(at, LEGS.indexOf(frame.leg));
    view.setUint32(at + 1, frame.seq, true);
    view.setUint32(at + 5, frame.sampleRate, true);
    view.setUint16(at + 9, frame.pcm.length, true);
    at += 11;
    for (let i = 0; i < frame.pcm.length; i += 1) view.setInt16(at + i * 2, frame.pcm[i]!, true);
    at += frame.pcm.byteLength;
  }
  return bytes;
}

export type DecodedAudioBatch = { ok: true; frames: PcmFrame[] } | { ok: false; reason: string };

/** Never throws: a malformed envelope comes back as a reason to log and refuse. */
export function decodeAudioBatch(bytes: Uint8Array): DecodedAudioBatch {
  const fail = (reason: string): DecodedAudioBatch => ({ ok: false, reason });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < MAGIC.length + 1 || MAGIC.some((byte, i) => bytes[i] !== byte)) return fail('not an audio batch (wrong magic or version)');
  const count = bytes[MAGIC.length]!;
  if (count === 0 || count > AUDIO_BATCH_MAX_FRAMES) return fail(`an audio batch holds 1 to ${AUDIO_BATCH_MAX_FRAMES} frames, not ${count}`);
  let at = MAGIC.length + 1;
  const frames: PcmFrame[] = [];
  for (let index = 0; index < count; index += 1) {
    if (at + 1 > bytes.length) return fail(`frame ${index}: truncated before its call id`);
    const idLength = bytes[at]!;
    at += 1;
    if (at + idLength + 11 > bytes.length) return fail(`frame ${index}: truncated header`);
    const idBytes = bytes.subarray(at, at + idLength);
    if (idBytes.some((byte) => byte < 0x20 || byte > 0x7e)) return fail(`frame ${index}: call id is not printable ASCII`);
    const callId = String.fromCharCode(...idBytes);
    at += idLength;
    const legCode = bytes[at]!;
    const header = AudioFrameHeaderSchema.safeParse({
      callId,
      leg: LEGS[legCode] ?? `leg code ${legCode}`,
      seq: view.getUint32(at + 1, true),
      sampleRate: view.getUint32(at + 5, true),
    });
    const samples = view.getUint16(at + 9, true);
    at += 11;
    if (!header.success) return fail(`frame ${index}: ${header.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    if (samples === 0 || samples * 2 > ASSIST_MAX_FRAME_BYTES) return fail(`frame ${index}: ${samples} samples (1 to ${ASSIST_MAX_FRAME_BYTES / 2} allowed)`);
    if (at + samples * 2 > bytes.length) return fail(`frame ${index}: truncated samples`);
    const pcm = new Int16Array(samples);
    for (let i = 0; i < samples; i += 1) pcm[i] = view.getInt16(at + i * 2, true);
    at += samples * 2;
    frames.push({ ...header.data, pcm });
  }
  if (at !== bytes.length) return fail(`${bytes.length - at} bytes after the last frame`);
  return { ok: true, frames };
}

/** The request schema of engine.audioFrames: binary in, validated frames out (issues say why not). */
export const AudioBatchSchema = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'audio frames must arrive as binary')
  .transform((bytes, ctx) => {
    const decoded = decodeAudioBatch(bytes);
    if (decoded.ok) return decoded.frames;
    ctx.addIssue({ code: 'custom', message: decoded.reason });
    return z.NEVER;
  });

/** main's answer, one per frame in order; false asks the engine to pause that leg (assist off, payment mode). */
export const AudioBatchAckSchema = z.object({ accept: z.array(z.boolean()).max(AUDIO_BATCH_MAX_FRAMES) });
export type AudioBatchAck = z.infer<typeof AudioBatchAckSchema>;
