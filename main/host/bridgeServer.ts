// The headless host's stand-in for Electron IPC: a WebSocket on loopback carrying the same contract.
// A connection must come from our own origin and present the per-run token before anything else.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Role } from '../../common/contract/channels';
import { BRIDGE_MAX_FRAME_BYTES, BridgeClientMessageSchema, type BridgeServerMessage } from '../../common/contract/wire';
import type { EventHub } from '../ipc/hub';
import type { IpcRouter } from '../ipc/router';
import type { Logger } from '../log/logger';

export interface BridgeOptions {
  server: Server;
  token: string;
  /** The only origin allowed to connect (our own static server). */
  origin: () => string;
  router: IpcRouter;
  hub: EventHub;
  log: Logger;
  /** Large frames are refused: nothing in the contract comes close. */
  maxPayloadBytes?: number;
}

const HELLO_TIMEOUT_MS = 5_000;

export function attachBridge({ server, token, origin, router, hub, log, maxPayloadBytes = BRIDGE_MAX_FRAME_BYTES }: BridgeOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxPayloadBytes });
  const expected = Buffer.from(token);
  let nextConnectionId = 1;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/bridge' || request.headers.origin !== origin()) {
      log.warn({ path: url.pathname, origin: request.headers.origin }, 'bridge connection refused: wrong path or origin');
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
      let message;
      try {
        message = BridgeClientMessageSchema.safeParse(isBinary ? undefined : JSON.parse(data.toString()));
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
        const presented = Buffer.from(msg.kind === 'hello' ? msg.token : '');
        if (msg.kind !== 'hello' || presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
          log.warn({ id }, 'bridge connection refused: bad token');
          ws.close(4401, 'unauthorised');
          return;
        }
        if (msg.role === 'engine' && hub.count('engine') > 0) {
          log.warn({ id }, 'second call engine refused');
          ws.close(4409, 'engine already connected');
          return;
        }
        clearTimeout(helloTimer);
        role = msg.role;
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
