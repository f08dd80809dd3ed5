/**
 * A UDP SIP endpoint that is not one of our users (From: mallory@evil.example), talking to Kamailio:
 * the stack's kamailio.cfg only challenges requests claiming our domain, so requests to sip:1001@…
 * from a foreign domain reach the agent's engine like a peer's would (lookup → its WebSocket).
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

export interface PendingInvite {
  callId: string;
  branch: string;
  fromTag: string;
  final: Promise<number>;
  /** What the INVITE was sent with (its CANCEL must carry the same Request-URI and From). */
  options?: RequestOptions;
}

export class HostileSip {
  private readonly waiters = new Map<string, (status: number) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly finals = new Map<string, number>();
  private port = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly kamailioPort: number,
  ) {
    socket.on('message', (message) => this.onMessage(message.toString('utf8')));
  }

  static async open(kamailioPort: number): Promise<HostileSip> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const endpoint = new HostileSip(socket, kamailioPort);
    endpoint.port = socket.address().port;
    return endpoint;
  }

  /** Stops waiting for answers that never came, and closes the socket. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.socket.close();
  }

  /** The final status an INVITE got so far, if any. */
  answered(invite: PendingInvite): number | undefined {
    return this.finals.get(`${invite.callId} INVITE`);
  }

  private onMessage(text: string): void {
    const status = /^SIP\/2\.0 (\d{3})/.exec(text);
    const callId = /^Call-ID:\s*(\S+)/im.exec(text)?.[1];
    const method = /^CSeq:\s*\d+\s+(\w+)/im.exec(text)?.[1];
    if (!status?.[1] || !callId || !method) return;
    const code = Number(status[1]);
    if (code < 200) return;
    if (method === 'INVITE') this.sendAck(text);
    this.finals.set(`${callId} ${method}`, code);
    this.waiters.get(`${callId} ${method}`)?.(code);
  }

  /** Kamailio is stateful: a final non-2xx answer to an INVITE is acknowledged hop by hop. */
  private sendAck(response: string): void {
    const header = (name: string) => new RegExp(`^${name}:.*$`, 'im').exec(response)?.[0] ?? '';
    const via = header('Via');
    const ack = [
      'ACK sip:1001@127.0.0.1 SIP/2.0',
      via,
      'Max-Forwards: 70',
      header('From'),
      header('To'),
      header('Call-ID'),
      `CSeq: ${/^CSeq:\s*(\d+)/im.exec(response)?.[1] ?? '1'} ACK`,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    this.socket.send(ack, this.kamailioPort, '127.0.0.1');
  }

  private build(method: string, ids: { callId: string; branch: string; fromTag: string }, options: RequestOptions, cseqMethod = method): string {
    const body = options.body ?? '';
    const lines = [
      `${method} sip:${options.to ?? '1001'}@${options.domain ?? '127.0.0.1'} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${this.port};branch=${ids.branch};rport`,
      'Max-Forwards: 70',
      `From: ${options.from ?? `"${options.fromName ?? 'Mallory'}" <sip:mallory@evil.example>`};tag=${ids.fromTag}`,
      `To: <sip:${options.to ?? '1001'}@${options.domain ?? '127.0.0.1'}>`,
      `Call-ID: ${ids.callId}`,
      `CSeq: 1 ${cseqMethod}`,
      `Contact: <sip:mallory@127.0.0.1:${this.port}>`,
      ...(options.headers ?? []),
      ...(body ? [`Content-Type: ${options.contentType ?? (method === 'INVITE' ? 'application/sdp' : 'text/plain')}`] : []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    return lines.join('\r\n');
  }

  private send(text: string, key: string, timeoutMs = 10_000): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        reject(new Error(`no final answer to ${key}`));
      }, timeoutMs);
      this.timers.add(timer);
      this.waiters.set(key, (status) => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.waiters.delete(key);
        resolve(status);
      });
      this.socket.send(text, this.kamailioPort, '127.0.0.1');
    });
  }

  private ids() {
    return { callId: `${randomBytes(8).toString('hex')}@evil.example`, branch: `z9hG4bK${randomBytes(8).toString('hex')}`, fromTag: randomBytes(4).toString('hex') };
  }

  /** Sends a request and resolves with the final status code it got. */
  request(method: string, options: RequestOptions = {}): Promise<number> {
    const ids = this.ids();
    return this.send(this.build(method, ids, options), `${ids.callId} ${method}`);
  }

  invite(options: RequestOptions): PendingInvite {
    const ids = this.ids();
    const final = this.send(this.build('INVITE', ids, options), `${ids.callId} INVITE`, 30_000);
    final.catch(() => undefined); // awaited (or deliberately not) by the caller
    return { ...ids, final, options };
  }

  /** CANCELs a pending INVITE; resolves with the INVITE's final status (487 when the cancel won). */
  async cancel(invite: PendingInvite): Promise<number> {
    const cancel = this.build('CANCEL', invite, { to: invite.options?.to, from: invite.options?.from, fromName: invite.options?.fromName, domain: invite.options?.domain }, 'CANCEL');
    await this.send(cancel, `${invite.callId} CANCEL`);
    return invite.final;
  }
}

export interface RequestOptions {
  /** The SIP user addressed (1001 when left out). */
  to?: string;
  body?: string;
  contentType?: string;
  headers?: string[];
  fromName?: string;
  /** The whole From header value (without the tag), e.g. a tel: URI or an unquoted name; replaces fromName. */
  from?: string;
  /** The domain of the Request-URI and To (default 127.0.0.1). */
  domain?: string;
}
