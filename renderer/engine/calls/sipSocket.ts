// The SIP WebSocket the engine gives JsSIP: JsSIP's own WebSocketInterface plus a short trace of what
// crossed it (start line, Call-ID, CSeq, whether it is in-dialog), for diagnostics, the benchmark
// and tests that must prove what did or did not go on the wire (e.g. no re-INVITE for mute).
import type { Socket } from 'jssip/lib/Socket';
import { tolerateSipIdentities } from './sipTolerance';

export interface SipTraceEntry {
  /** Epoch ms with sub-ms precision. */
  at: number;
  dir: 'in' | 'out';
  /** "INVITE sip:1002@127.0.0.1 SIP/2.0" or "SIP/2.0 200 OK". */
  startLine: string;
  method?: string;
  status?: number;
  callId?: string;
  cseq?: string;
  /** The To header carries a tag: an in-dialog request (re-INVITE, BYE, INFO…) or a reply in a dialog. */
  inDialog: boolean;
}

const TRACE_LIMIT = 400;

function header(lines: readonly string[], names: readonly string[]): string | undefined {
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (names.includes(name)) return line.slice(colon + 1).trim();
  }
  return undefined;
}

/** Pure: the trace entry of one SIP message (only its head is read). */
export function describeSipMessage(dir: 'in' | 'out', text: string, at: number): SipTraceEntry | undefined {
  if (text.trim().length === 0) return undefined; // CRLF keep-alive
  const headEnd = text.indexOf('\r\n\r\n');
  const lines = (headEnd >= 0 ? text.slice(0, headEnd) : text.slice(0, 8192)).split(/\r?\n/);
  const startLine = (lines[0] ?? '').slice(0, 300);
  const response = /^SIP\/2\.0 (\d{3})/.exec(startLine);
  const request = /^([A-Za-z]+) \S+ SIP\/2\.0$/.exec(startLine);
  const to = header(lines, ['to', 't']) ?? '';
  return {
    at,
    dir,
    startLine,
    method: request?.[1]?.toUpperCase(),
    status: response?.[1] ? Number(response[1]) : undefined,
    callId: header(lines, ['call-id', 'i'])?.slice(0, 200),
    cseq: header(lines, ['cseq'])?.slice(0, 64),
    inDialog: /;\s*tag=/i.test(to),
  };
}

export class SipTrace {
  private readonly items: SipTraceEntry[] = [];

  record(dir: 'in' | 'out', data: unknown): void {
    let text: string | undefined;
    if (typeof data === 'string') text = data;
    else if (data instanceof ArrayBuffer) text = new TextDecoder().decode(new Uint8Array(data, 0, Math.min(data.byteLength, 8192)));
    if (text === undefined) return;
    const entry = describeSipMessage(dir, text, performance.timeOrigin + performance.now());
    if (!entry) return;
    this.items.push(entry);
    if (this.items.length > TRACE_LIMIT) this.items.splice(0, this.items.length - TRACE_LIMIT);
  }

  entries(): SipTraceEntry[] {
    return [...this.items];
  }
}

/** JsSIP's Socket interface over the browser WebSocket (same behaviour as JsSIP's WebSocketInterface). */
export class TracedWebSocket {
  readonly via_transport: string;
  readonly sip_uri: string;
  onconnect: () => void = () => undefined;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => undefined;
  ondata: (data: unknown) => void = () => undefined;
  private ws: WebSocket | null = null;

  constructor(
    readonly url: string,
    private readonly trace: SipTrace,
  ) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') throw new TypeError(`not a WebSocket URL: ${url}`);
    this.via_transport = parsed.protocol === 'wss:' ? 'WSS' : 'WS';
    this.sip_uri = `sip:${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''};transport=ws`;
  }

  /** What JsSIP's UA configuration expects. */
  asJsSipSocket(): Socket {
    return this as unknown as Socket;
  }

  connect(): void {
    if (this.isConnected() || this.isConnecting()) return;
    if (this.ws) this.disconnect();
    const ws = new WebSocket(this.url, 'sip');
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => this.onconnect();
    ws.onclose = (event) => this.ondisconnect(!event.wasClean, event.code, event.reason);
    ws.onmessage = (event: MessageEvent) => {
      // JsSIP drops a message whose From or To it cannot parse; a tel: caller must still ring.
      const text = typeof event.data === 'string' ? event.data : event.data instanceof ArrayBuffer ? new TextDecoder().decode(event.data) : undefined;
      const data: unknown = text === undefined ? event.data : tolerateSipIdentities(text);
      this.trace.record('in', data);
      this.ondata(data);
    };
    ws.onerror = () => undefined; // onclose follows and carries the news
    this.ws = ws;
  }

  /** Forgets the socket at once, even a half-open one whose close handshake would never finish. */
  disconnect(): void {
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = null;
    ws.onclose = null;
    ws.onmessage = null;
    ws.onerror = null;
    ws.close();
  }

  send(message: string): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.trace.record('out', message);
    this.ws.send(message);
    return true;
  }

  isConnected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  isConnecting(): boolean {
    return this.ws?.readyState === WebSocket.CONNECTING;
  }
}
