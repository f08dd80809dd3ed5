// The headless host's stand-in for Electron IPC: a WebSocket on loopback carrying the same contract.
// A connection must come from our own origin and host and present a per-run token before anything
// else. Each role has its own token and the token alone decides the role: the UI's token can never make
// a connection the engine (which is told the SIP password).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeBinaryInvoke } from '../../common/contract/binaryInvoke';
import type { Role } from '../../common/contract/channels';
import { BRIDGE_MAX_FRAME_BYTES, BridgeClientMessageSchema, type BridgeServerMessage } from '../../common/contract/wire';
import type { EventHub } from '../ipc/hub';
import type { IpcRouter } from '../ipc/router';
import type { Logger } from '../log/logger';
import { isOwnHost } from './requestGuards';

export interface BridgeOptions {
  server: Server;
  /** One secret per role; whoever presents the engine's may be the engine, and only they. */
  tokens: Readonly<Record<Role, string>>;
  /** The only origin allowed to connect (our own static server). */
  origin: () => string;
  router: IpcRouter;
  hub: EventHub;
  log: Logger;
  /** Large frames are refused: nothing in the contract comes close. */
  maxPayloadBytes?: number;
}

const HELLO_TIMEOUT_MS = 5_000;

/** The role a presented token grants, compared in constant time; undefined for any other string. */
export function roleForToken(presented: string, tokens: Readonly<Record<Role, string>>): Role | undefined {
  const given = Buffer.from(presented);
  for (const role of ['ui', 'engine'] as const) {
    const expected = Buffer.from(tokens[role]);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return role;
  }
  return undefined;
}

export function attachBridge({ server, tokens, origin, router, hub, log, maxPayloadBytes = BRIDGE_MAX_FRAME_BYTES }: BridgeOptions): WebSocketServer {
  if (tokens.ui === tokens.engine || tokens.ui.length < 16 || tokens.engine.length < 16) throw new Error('the bridge needs two distinct tokens of at least 16 characters');
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxPayloadBytes });
  let nextConnectionId = 1;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const port = (server.address() as AddressInfo | null)?.port ?? 0;
    if (request.url !== '/bridge' || request.headers.origin !== origin() || !isOwnHost(request.headers.host, port)) {
      log.warn({ origin: request.headers.origin, host: request.headers.host }, 'bridge connection refused: wrong path, origin or host');
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serve(ws, `bridge-${nextConnectionId++}`));
  });

  function send(ws: WebSocket, message: BridgeServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  function serve(ws: WebSocket, id: string): void {
    let role: Role | undefined;
    let detach: (() => void) | undefined;
    const helloTimer = setTimeout(() => ws.close(4401, 'no hello'), HELLO_TIMEOUT_MS);

    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        // Binary requests (audio frames) only from an attached client; the router validates the bytes.
        const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;
        const request = role ? decodeBinaryInvoke(bytes) : undefined;
        if (!role) {
          log.warn({ id }, 'bridge binary message before hello refused');
          ws.close(4400, 'bad hello');
        } else if (!request) log.warn({ id, bytes: bytes.length }, 'bridge binary message malformed: no request id or channel');
        else {
          const sender = { role, id };
          void router.dispatch(sender, request.channel, request.payload).then((result) => send(ws, { kind: 'result', id: request.id, result }));
        }
        return;
      }
      let message;
      try {
        message = BridgeClientMessageSchema.safeParse(JSON.parse(data.toString()));
      } catch {
        message = undefined;
      }
      if (!message?.success) {
        log.warn({ id }, 'bridge message is not valid JSON for the contract');
        if (!role) ws.close(4400, 'bad hello');
        return;
      }
      const msg = message.data;
      if (!role) {
        const granted = msg.kind === 'hello' ? roleForToken(msg.token, tokens) : undefined;
        if (msg.kind !== 'hello' || granted !== msg.role) {
          log.warn({ id }, 'bridge connection refused: bad token for the role');
          ws.close(4401, 'unauthorised');
          return;
        }
        if (msg.role === 'engine' && hub.count('engine') > 0) {
          log.warn({ id }, 'second call engine refused');
          ws.close(4409, 'engine already connected');
          return;
        }
        clearTimeout(helloTimer);
        role = granted;
        send(ws, { kind: 'welcome' });
        detach = hub.attach(role, (channel, payload) => send(ws, { kind: 'event', channel, payload }));
        log.info({ id, role }, 'bridge client attached');
        return;
      }
      if (msg.kind !== 'invoke') return;
      const sender = { role, id };
      void router.dispatch(sender, msg.channel, msg.payload).then((result) => send(ws, { kind: 'result', id: msg.id, result }));
    });

    ws.on('close', () => {
      clearTimeout(helloTimer);
      detach?.();
      if (role) log.info({ id, role }, 'bridge client detached');
    });
    ws.on('error', (error) => log.warn({ err: error, id }, 'bridge socket error'));
  }

  return wss;
}
