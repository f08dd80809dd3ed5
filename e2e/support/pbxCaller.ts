/**
 * A customer behind a PBX, B2BUA or carrier trunk, as a small SIP-over-UDP user agent with G.711 RTP of its
 * own (baresip 1.0 cannot do these): by default its INVITE has no SDP (late offer, RFC 3261 §13.2.1: the
 * agent's 200 carries the offer, this caller answers in its ACK); or it offers in the INVITE with
 * telephone-event at a payload type of its choosing. It sends a tone the agent hears and keeps what the
 * agent sends (audio and RFC 4733 key events), so both directions are checked by content.
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import type { WavData } from './audioCheck';

const SAMPLE_RATE = 8000;
const SAMPLES_PER_PACKET = 160; // 20 ms
const DEFAULT_FROM = '"PBX caller" <sip:+442071234567@pbx.example>';

export interface PbxCallerOptions {
  kamailioPort: number;
  /** The agent's SIP user and domain (the Request-URI and To). */
  to: string;
  domain: string;
  /** The tone the caller speaks, Hz. */
  toneHz: number;
  /** The whole From header value without the tag. */
  from?: string;
  /** Offer in the INVITE (PCMU, PCMA and telephone-event at this payload type) instead of a late offer. */
  offerWithTelephoneEventAt?: number;
}

/** What the agent's 200 offered, as far as this caller needs it. */
interface Offer {
  host: string;
  port: number;
  payloadType: 0 | 8;
}

export class PbxCaller {
  private readonly callId = `${randomBytes(8).toString('hex')}@pbx.example`;
  private readonly fromTag = randomBytes(4).toString('hex');
  private toHeader = '';
  private routeSet: string[] = [];
  private remoteTarget = '';
  private offer: Offer | undefined;
  private cseq = 1;
  private sdpVersion = 1;
  private readonly ssrc = randomBytes(4).readUInt32BE(0);
  private readonly keyTimestamps = new Set<number>();
  /** The keys the agent sent as RFC 4733 events at offerWithTelephoneEventAt, in order. */
  keysHeard = '';
  /** The codec of the last audio packet the agent's side sent. */
  lastHeardCodec: 'PCMU' | 'PCMA' | undefined;
  private rtpTimer: NodeJS.Timeout | undefined;
  private readonly heard: number[] = [];
  private readonly waiters = new Map<string, (response: string) => void>();
  private ackText = '';
  private closedByAgent: (() => void) | undefined;
  /** Resolves when the agent hangs up (its BYE). */
  readonly agentHungUp = new Promise<void>((resolve) => (this.closedByAgent = resolve));
  /** Every SDP body the agent sent (the 200's offer; re-INVITEs, if any). */
  readonly agentSdp: string[] = [];

  private constructor(
    private readonly sip: Socket,
    private readonly rtp: Socket,
    private readonly options: PbxCallerOptions,
  ) {
    sip.on('message', (message) => this.onSip(message.toString('utf8')));
    rtp.on('message', (packet) => this.onRtp(packet));
  }

  static async open(options: PbxCallerOptions): Promise<PbxCaller> {
    const bind = async () => {
      const socket = createSocket('udp4');
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      return socket;
    };
    return new PbxCaller(await bind(), await bind(), options);
  }

  private get sipPort(): number {
    return this.sip.address().port;
  }

  /**
   * Sends the INVITE (without a body unless offerWithTelephoneEventAt); resolves with the final status
   * (200 once the ACK went out, with the answer for a late offer).
   */
  async call(): Promise<number> {
    const eventType = this.options.offerWithTelephoneEventAt;
    const offer = eventType === undefined ? '' : this.sdp(0, [8, eventType]);
    const branch = `z9hG4bK${randomBytes(8).toString('hex')}`;
    const invite = [
      `INVITE sip:${this.options.to}@${this.options.domain} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${this.sipPort};branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: ${this.options.from ?? DEFAULT_FROM};tag=${this.fromTag}`,
      `To: <sip:${this.options.to}@${this.options.domain}>`,
      `Call-ID: ${this.callId}`,
      'CSeq: 1 INVITE',
      `Contact: <sip:pbx@127.0.0.1:${this.sipPort}>`,
      'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE',
      ...(offer ? ['Content-Type: application/sdp'] : []),
      `Content-Length: ${Buffer.byteLength(offer)}`,
      '',
      offer,
    ].join('\r\n');
    const response = await this.request(invite, '1 INVITE', 30_000);
    const status = Number(/^SIP\/2\.0 (\d{3})/.exec(response)?.[1] ?? 0);
    if (status === 200) this.acknowledge(response);
    return status;
  }

  /**
   * A re-INVITE that offers only `codec` (a PBX re-routing the call, or one that changes codec mid-call):
   * resolves with its status; on 200 the ACK goes out and the audio continues in the answered codec.
   */
  async changeCodec(codec: 'PCMU' | 'PCMA'): Promise<number> {
    const payloadType = codec === 'PCMU' ? 0 : 8;
    this.cseq += 1;
    const cseq = this.cseq;
    const offer = this.sdp(payloadType);
    const response = await this.request(this.inDialog('INVITE', cseq, offer, true), `${cseq} INVITE`, 15_000);
    const status = Number(/^SIP\/2\.0 (\d{3})/.exec(response)?.[1] ?? 0);
    if (status !== 200) return status;
    const body = response.split('\r\n\r\n')[1] ?? '';
    this.agentSdp.push(body);
    // Only `codec` was offered, so the answer can only name it (rtpengine may list the call's others too).
    const answered = parseOffer(body, payloadType);
    if (!answered) throw new Error(`the agent's answer to the re-INVITE has no G.711 audio:\n${body}`);
    this.offer = answered;
    this.ackText = this.inDialog('ACK', cseq);
    this.sip.send(this.ackText, this.options.kamailioPort, '127.0.0.1');
    return status;
  }

  /**
   * A re-INVITE without SDP (a B2BUA re-anchoring media asks for a fresh offer): the agent's 200 must carry
   * one, answered in the ACK with this caller's current codec if offered. Resolves with the status.
   */
  async reInviteWithoutSdp(): Promise<number> {
    this.cseq += 1;
    const cseq = this.cseq;
    const response = await this.request(this.inDialog('INVITE', cseq, '', true), `${cseq} INVITE`, 15_000);
    const status = Number(/^SIP\/2\.0 (\d{3})/.exec(response)?.[1] ?? 0);
    if (status !== 200) return status;
    const body = response.split('\r\n\r\n')[1] ?? '';
    this.agentSdp.push(body);
    const offered = parseOffer(body, this.offer?.payloadType);
    if (!offered) throw new Error(`the agent's 200 to a re-INVITE without SDP has no G.711 offer:\n${body}`);
    this.offer = offered;
    this.ackText = this.inDialog('ACK', cseq, this.answerSdp());
    this.sip.send(this.ackText, this.options.kamailioPort, '127.0.0.1');
    return status;
  }

  /** An UPDATE without SDP (a session refresh, RFC 4028 / RFC 3311): resolves with its status. */
  async refreshWithoutSdp(): Promise<number> {
    this.cseq += 1;
    const response = await this.request(this.inDialog('UPDATE', this.cseq, '', true), `${this.cseq} UPDATE`, 15_000);
    return Number(/^SIP\/2\.0 (\d{3})/.exec(response)?.[1] ?? 0);
  }

  /** Hangs up (BYE along the route set) and stops sending audio; resolves with the BYE's status. */
  async hangUp(): Promise<number> {
    this.stopAudio();
    this.cseq += 1;
    const response = await this.request(this.inDialog('BYE', this.cseq), `${this.cseq} BYE`, 10_000);
    return Number(/^SIP\/2\.0 (\d{3})/.exec(response)?.[1] ?? 0);
  }

  /** What this caller heard (G.711 decoded) from sample `from` on, for audioCheck's tone measurements. */
  recording(from = 0): WavData {
    return { sampleRate: SAMPLE_RATE, samples: Int16Array.from(this.heard.slice(from)) };
  }

  /** How many samples this caller has heard so far (a mark for recording(from)). */
  get heardSamples(): number {
    return this.heard.length;
  }

  close(): void {
    this.stopAudio();
    this.sip.close();
    this.rtp.close();
  }

  private stopAudio(): void {
    if (this.rtpTimer) clearInterval(this.rtpTimer);
    this.rtpTimer = undefined;
  }

  private request(text: string, cseq: string, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no final answer to ${cseq}`)), timeoutMs);
      this.waiters.set(cseq, (response) => {
        clearTimeout(timer);
        this.waiters.delete(cseq);
        resolve(response);
      });
      this.sip.send(text, this.options.kamailioPort, '127.0.0.1');
    });
  }

  private onSip(text: string): void {
    const status = /^SIP\/2\.0 (\d{3})/.exec(text)?.[1];
    const cseq = /^CSeq:\s*(\d+\s+\w+)/im.exec(text)?.[1]?.replace(/\s+/, ' ');
    if (!cseq) return;
    if (status) {
      if (Number(status) < 200) return;
      // A retransmitted 200 means our ACK was lost: send it again.
      if (cseq.endsWith('INVITE') && Number(status) === 200 && this.ackText && !this.waiters.has(cseq)) {
        this.sip.send(this.ackText, this.options.kamailioPort, '127.0.0.1');
        return;
      }
      this.waiters.get(cseq)?.(text);
      return;
    }
    const method = /^(\w+) /.exec(text)?.[1];
    if (method === 'ACK') return;
    const body = text.split('\r\n\r\n')[1] ?? '';
    if (body.includes('m=audio')) this.agentSdp.push(body);
    // In-dialog requests from the agent: BYE ends the call; a re-INVITE or UPDATE keeps it (answered with
    // the same answer: the media address and codec stay).
    const answer = method === 'INVITE' && body.includes('m=audio') ? this.answerSdp() : '';
    this.sip.send(this.reply(text, answer), this.options.kamailioPort, '127.0.0.1');
    if (method === 'BYE') {
      this.stopAudio();
      this.closedByAgent?.();
    }
  }

  private reply(request: string, body: string): string {
    const headers = request.split('\r\n\r\n')[0]?.split('\r\n') ?? [];
    const copied = headers.filter((line) => /^(Via|From|To|Call-ID|CSeq|Record-Route):/i.test(line));
    return ['SIP/2.0 200 OK', ...copied, `Contact: <sip:pbx@127.0.0.1:${this.sipPort}>`, ...(body ? ['Content-Type: application/sdp'] : []), `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
  }

  /** ACK for the 200 along its route set, with the SDP answer; then the audio starts. */
  private acknowledge(response: string): void {
    const headers = response.split('\r\n\r\n')[0]?.split('\r\n') ?? [];
    const body = response.split('\r\n\r\n')[1] ?? '';
    this.agentSdp.push(body);
    this.toHeader = headers.find((line) => /^(To|t):/i.test(line))?.replace(/^t:/i, 'To:') ?? '';
    // The caller's route set is the 200's Record-Route in reverse order (RFC 3261 §12.1.2).
    this.routeSet = headers
      .filter((line) => /^Record-Route:/i.test(line))
      .flatMap((line) => line.replace(/^Record-Route:\s*/i, '').split(/,(?=\s*<)/))
      .map((entry) => entry.trim())
      .reverse();
    this.remoteTarget = /<([^>]+)>/.exec(headers.find((line) => /^(Contact|m):/i.test(line)) ?? '')?.[1] ?? '';
    this.offer = parseOffer(body);
    this.ackText = this.inDialog('ACK', 1, this.options.offerWithTelephoneEventAt === undefined ? this.answerSdp() : '');
    this.sip.send(this.ackText, this.options.kamailioPort, '127.0.0.1');
    this.startAudio();
  }

  private inDialog(method: string, cseq: number, body = '', withContact = false): string {
    const firstRoute = /<([^>]+)>/.exec(this.routeSet[0] ?? '')?.[1] ?? '';
    // A strict (not ;lr) first route would take the Request-URI's place; Kamailio's record-routes are loose.
    if (firstRoute && !/;lr/.test(firstRoute)) throw new Error(`strict routing is not handled: ${firstRoute}`);
    return [
      `${method} ${this.remoteTarget} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${this.sipPort};branch=z9hG4bK${randomBytes(8).toString('hex')};rport`,
      'Max-Forwards: 70',
      ...this.routeSet.map((route) => `Route: ${route}`),
      `From: ${this.options.from ?? DEFAULT_FROM};tag=${this.fromTag}`,
      this.toHeader,
      `Call-ID: ${this.callId}`,
      `CSeq: ${cseq} ${method}`,
      ...(withContact ? [`Contact: <sip:pbx@127.0.0.1:${this.sipPort}>`] : []),
      ...(body ? ['Content-Type: application/sdp'] : []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n');
  }

  private answerSdp(): string {
    return this.sdp(this.offer?.payloadType ?? 0);
  }

  /** This caller's SDP: one G.711 codec on its RTP socket (o='s version grows with each one sent). */
  private sdp(payloadType: 0 | 8, more: number[] = []): string {
    this.sdpVersion += 1;
    const rtpmap = (type: number) => (type === 0 ? 'a=rtpmap:0 PCMU/8000' : type === 8 ? 'a=rtpmap:8 PCMA/8000' : `a=rtpmap:${type} telephone-event/8000\r\na=fmtp:${type} 0-16`);
    return [
      'v=0',
      `o=pbx 2 ${this.sdpVersion} IN IP4 127.0.0.1`,
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${this.rtp.address().port} RTP/AVP ${[payloadType, ...more].join(' ')}`,
      ...[payloadType, ...more].map(rtpmap),
      'a=ptime:20',
      'a=sendrecv',
      '',
    ].join('\r\n');
  }

  /** 20 ms G.711 packets of the caller's tone, to where the offer said. */
  private startAudio(): void {
    const offer = this.offer;
    if (!offer) throw new Error(`the agent's 200 carried no usable audio offer:\n${this.agentSdp.at(-1) ?? ''}`);
    let sequence = 0;
    let sample = 0;
    const startedAt = performance.now();
    // Paced by the clock, not by the timer: on a loaded machine a 20 ms interval fires late, and a caller
    // sending half its packets would sound broken.
    const sendDue = () => {
      const due = Math.floor((performance.now() - startedAt) / 20) + 1;
      for (; sequence < due; ) sendPacket();
    };
    const sendPacket = () => {
      // The offer of the moment: a re-INVITE may have changed the codec or the address.
      const target = this.offer ?? offer;
      const packet = Buffer.alloc(12 + SAMPLES_PER_PACKET);
      packet[0] = 0x80;
      packet[1] = target.payloadType;
      packet.writeUInt16BE(sequence++ & 0xffff, 2);
      packet.writeUInt32BE((sample >>> 0) & 0xffffffff, 4);
      packet.writeUInt32BE(this.ssrc, 8);
      for (let i = 0; i < SAMPLES_PER_PACKET; i += 1, sample += 1) {
        const value = Math.round(0.3 * 32767 * Math.sin((2 * Math.PI * this.options.toneHz * sample) / SAMPLE_RATE));
        packet[12 + i] = target.payloadType === 0 ? linearToUlaw(value) : linearToAlaw(value);
      }
      this.rtp.send(packet, target.port, target.host);
    };
    this.rtpTimer = setInterval(sendDue, 20);
  }

  /** An RFC 4733 key event: one key per RTP timestamp (its packets repeat, the end is sent three times). */
  private onKeyEvent(packet: Buffer): void {
    const timestamp = packet.readUInt32BE(4);
    const key = KEY_EVENTS[packet[payloadOffset(packet)] ?? 255];
    if (!key || this.keyTimestamps.has(timestamp)) return;
    this.keyTimestamps.add(timestamp);
    this.keysHeard += key;
  }

  private onRtp(packet: Buffer): void {
    if (packet.length <= 12 || (packet[0]! & 0xc0) !== 0x80) return;
    const payloadType = packet[1]! & 0x7f;
    if (payloadType === this.options.offerWithTelephoneEventAt) {
      this.onKeyEvent(packet);
      return;
    }
    if (payloadType !== 0 && payloadType !== 8) return; // comfort noise, other events
    this.lastHeardCodec = payloadType === 0 ? 'PCMU' : 'PCMA';
    for (let i = payloadOffset(packet); i < packet.length; i += 1) this.heard.push(payloadType === 0 ? ulawToLinear(packet[i]!) : alawToLinear(packet[i]!));
  }
}

const KEY_EVENTS = '0123456789*#ABCD';

/** Where an RTP packet's payload starts: after the fixed header, its CSRCs and a header extension if any. */
function payloadOffset(packet: Buffer): number {
  const csrcEnd = 12 + 4 * (packet[0]! & 0x0f);
  return packet[0]! & 0x10 ? csrcEnd + 4 + 4 * packet.readUInt16BE(csrcEnd + 2) : csrcEnd;
}

/** The audio address of an SDP offer and a G.711 payload type in it (PCMU preferred). */
export function parseOffer(sdp: string, preferred: 0 | 8 = 0): Offer | undefined {
  const media = /^m=audio (\d+) [^ ]+ ([\d ]+)/m.exec(sdp);
  if (!media?.[1] || !media[2]) return undefined;
  const mediaSection = sdp.slice(sdp.indexOf(media[0]));
  const host = /^c=IN IP4 (\S+)/m.exec(mediaSection)?.[1] ?? /^c=IN IP4 (\S+)/m.exec(sdp)?.[1];
  const types = media[2].trim().split(/\s+/).map(Number);
  const payloadType = types.includes(preferred) ? preferred : types.find((type): type is 0 | 8 => type === 0 || type === 8);
  if (!host || payloadType === undefined) return undefined;
  return { host, port: Number(media[1]), payloadType };
}

// G.711 (ITU-T G.711) companding, as every PBX speaks it.
export function linearToUlaw(sample: number): number {
  const BIAS = 0x84;
  let value = Math.max(-32635, Math.min(32635, sample));
  const sign = value < 0 ? 0x80 : 0;
  if (sign) value = -value;
  value += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (value & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (value >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export function ulawToLinear(byte: number): number {
  const value = ~byte & 0xff;
  const sign = value & 0x80;
  const exponent = (value >> 4) & 0x07;
  const mantissa = value & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return sign ? -magnitude : magnitude;
}

export function linearToAlaw(sample: number): number {
  let value = Math.max(-32767, Math.min(32767, sample));
  const sign = value >= 0 ? 0x80 : 0;
  if (!sign) value = -value - 1;
  let exponent = 7;
  for (let mask = 0x4000; (value & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = exponent === 0 ? (value >> 4) & 0x0f : (value >> (exponent + 3)) & 0x0f;
  return ((sign | (exponent << 4) | mantissa) ^ 0x55) & 0xff;
}

export function alawToLinear(byte: number): number {
  const value = byte ^ 0x55;
  const exponent = (value >> 4) & 0x07;
  const mantissa = value & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return value & 0x80 ? magnitude : -magnitude;
}
