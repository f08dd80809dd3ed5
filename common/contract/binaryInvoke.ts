// A request whose payload is raw bytes (engine.audioFrames) travels on the headless bridge's WebSocket as
// one binary message instead of JSON: u32 little-endian request id, u8 channel-name length, the channel
// name (ASCII), then the payload. The answer is the ordinary JSON result message. (Electron IPC carries a
// Uint8Array payload as it is, by structured clone.)

const PREFIX_BYTES = 5;

export function encodeBinaryInvoke(id: number, channel: string, payload: Uint8Array): Uint8Array {
  if (!/^[\x20-\x7e]{1,64}$/.test(channel)) throw new RangeError('channel names are 1 to 64 printable ASCII characters');
  const bytes = new Uint8Array(PREFIX_BYTES + channel.length + payload.length);
  new DataView(bytes.buffer).setUint32(0, id, true);
  bytes[4] = channel.length;
  for (let i = 0; i < channel.length; i += 1) bytes[PREFIX_BYTES + i] = channel.charCodeAt(i);
  bytes.set(payload, PREFIX_BYTES + channel.length);
  return bytes;
}

/** undefined when the message is too short or its channel name is not printable ASCII. */
export function decodeBinaryInvoke(bytes: Uint8Array): { id: number; channel: string; payload: Uint8Array } | undefined {
  if (bytes.length < PREFIX_BYTES) return undefined;
  const length = bytes[4]!;
  if (length === 0 || length > 64 || bytes.length < PREFIX_BYTES + length) return undefined;
  const name = bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + length);
  if (name.some((byte) => byte < 0x20 || byte > 0x7e)) return undefined;
  return {
    id: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true),
    channel: String.fromCharCode(...name),
    payload: bytes.subarray(PREFIX_BYTES + length),
  };
}
