/**
 * Readiness probes: each asks the daemon itself whether it is serving, so the
 * stack never sleeps for a guessed duration.
 */
import { createSocket } from 'node:dgram';
import { connect, createServer, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { delay } from './process';

/** Interval between attempts while a daemon is still starting. */
const RETRY_MS = 50;

/** One UDP request/response exchange; resolves with the reply or undefined on timeout. */
function udpExchange(host: string, port: number, payload: Buffer, timeoutMs: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const finish = (reply: Buffer | undefined): void => {
      clearTimeout(timer);
      socket.close();
      resolve(reply);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    socket.on('message', (message) => finish(message));
    // ICMP port unreachable surfaces as an error on the connected socket.
    socket.on('error', () => finish(undefined));
    socket.connect(port, host, () => socket.send(payload));
  });
}

/** Sends an rtpengine ng `ping` until it answers `pong`. */
export async function waitForRtpenginePong(host: string, port: number, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const cookie = randomBytes(6).toString('hex');
    const reply = await udpExchange(host, port, Buffer.from(`${cookie} d7:command4:pinge`), 250);
    if (reply?.toString().startsWith(`${cookie} d6:result4:ponge`)) return;
    await delay(RETRY_MS, signal);
  }
}

/** Connects to host:port over TCP, retrying while nothing listens yet; rejects when `signal` aborts. */
export async function connectWithRetry(host: string, port: number, signal: AbortSignal): Promise<Socket> {
  for (;;) {
    const socket = await new Promise<Socket | undefined>((resolve) => {
      const candidate = connect({ host, port });
      candidate.once('connect', () => resolve(candidate));
      candidate.once('error', () => resolve(undefined));
    });
    if (socket) return socket;
    await delay(RETRY_MS, signal);
  }
}

/** Resolves once a TCP connection to host:port succeeds. */
export async function waitForTcpListener(host: string, port: number, signal: AbortSignal): Promise<void> {
  (await connectWithRetry(host, port, signal)).destroy();
}

/**
 * Sends SIP OPTIONS over UDP to the proxy until it replies 200: proves the
 * UDP listener is up and the routing script runs.
 */
export async function waitForSipOptions200(host: string, port: number, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const branch = `z9hG4bK-${randomBytes(6).toString('hex')}`;
    const callId = `${randomBytes(8).toString('hex')}@hearthline-probe`;
    // Via points at a port nobody listens on; the proxy answers to the source (rport).
    const request = [
      `OPTIONS sip:${host}:${port} SIP/2.0`,
      `Via: SIP/2.0/UDP ${host}:9;branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: <sip:probe@${host}>;tag=${randomBytes(4).toString('hex')}`,
      `To: <sip:${host}:${port}>`,
      `Call-ID: ${callId}`,
      'CSeq: 1 OPTIONS',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const reply = await udpExchange(host, port, Buffer.from(request), 250);
    if (reply?.toString().startsWith('SIP/2.0 200')) return;
    await delay(RETRY_MS, signal);
  }
}

/** True if nothing is bound to udp/tcp 127.0.0.1:port (checked by binding it briefly). */
export async function isPortFree(protocol: 'udp' | 'tcp', port: number): Promise<boolean> {
  if (protocol === 'udp') {
    return new Promise((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => {
        socket.close();
        resolve(false);
      });
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
  }
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Throws if any of the ports is taken. Readiness probes would otherwise be
 * answered by whatever already listens there (e.g. another stack).
 */
export async function assertPortsFree(what: string, ports: ReadonlyArray<{ protocol: 'udp' | 'tcp'; port: number }>): Promise<void> {
  const taken: string[] = [];
  for (const { protocol, port } of ports) {
    if (!(await isPortFree(protocol, port))) taken.push(`${protocol} 127.0.0.1:${port}`);
  }
  if (taken.length > 0) {
    throw new Error(
      `${what}: ${taken.join(', ')} already in use - another stack running? Run the e2e suite through e2e/run.sh ` +
        '(private network namespace) or choose other ports (StackOptions.ports / cli --port-offset).',
    );
  }
}
