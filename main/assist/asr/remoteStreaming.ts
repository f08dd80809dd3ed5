// A self-hosted or cloud recogniser reached over WebSocket (configured by IT). Protocol, kept deliberately
// small so an adapter can sit in front of any vendor: the client sends a JSON
// {"type":"start","sampleRate":16000,"encoding":"pcm_s16le","language":…} text message, then binary PCM
// frames, {"type":"endUtterance"} at each turn end and {"type":"stop"} at the end; the server sends
// {"type":"partial"|"final","text":…} and {"type":"error","message":…}. Audio leaves the laptop only
// with this provider, and only when policy chooses it.
import WebSocket from 'ws';
import type { AsrStatus } from '../../../common/contract/assist';
import type { Transcriber, TranscriberStream, TranscriberStreamHandlers } from './transcriber';

export interface RemoteStreamingOptions {
  url: string;
  /** Sent as a Bearer token when set. */
  token?: string;
  language?: string;
  languages?: string[];
}

export class RemoteStreamingTranscriber implements Transcriber {
  readonly provider = 'remote' as const;

  constructor(private readonly options: RemoteStreamingOptions) {}

  async status(): Promise<AsrStatus> {
    const base = { provider: this.provider, languages: this.options.languages ?? [this.options.language ?? 'en'] };
    if (!this.options.url) {
      return { ...base, state: 'unavailable', message: 'No transcription service is configured for cloud transcription; ask IT to set one up, or switch to local.' };
    }
    if (!/^wss:\/\/|^ws:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(this.options.url)) {
      return { ...base, state: 'unavailable', message: `The transcription service URL must be wss:// (ws:// only to this computer): ${this.options.url}` };
    }
    return { ...base, state: 'ready' };
  }

  open(handlers: TranscriberStreamHandlers): TranscriberStream {
    const socket = new WebSocket(this.options.url, {
      headers: this.options.token ? { Authorization: `Bearer ${this.options.token}` } : {},
      maxPayload: 1 << 20,
    });
    const queue: Array<string | Buffer> = [];
    let closed = false;
    const send = (message: string | Buffer) => {
      if (closed) return;
      if (socket.readyState === WebSocket.OPEN) socket.send(message);
      else if (socket.readyState === WebSocket.CONNECTING && queue.length < 200) queue.push(message);
    };
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'start', sampleRate: 16000, encoding: 'pcm_s16le', language: this.options.language ?? 'en' }));
      for (const message of queue.splice(0)) socket.send(message);
    });
    socket.on('message', (data, isBinary) => {
      if (closed || isBinary) return;
      let message: { type?: string; text?: string; message?: string };
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      if (message.type === 'partial' || message.type === 'final') handlers.onResult({ kind: message.type, text: String(message.text ?? '') });
      else if (message.type === 'error') handlers.onError(new Error(`transcription service: ${message.message ?? 'error'}`));
    });
    socket.on('error', (error) => {
      if (!closed) handlers.onError(new Error(`transcription service unreachable: ${error.message}`));
    });
    socket.on('close', () => {
      if (!closed) handlers.onError(new Error('the transcription service closed the connection'));
    });
    return {
      write(pcm) {
        send(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
      },
      endUtterance() {
        send(JSON.stringify({ type: 'endUtterance' }));
      },
      async close() {
        if (closed) return;
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'stop' }));
        closed = true;
        socket.close();
      },
    };
  }
}
