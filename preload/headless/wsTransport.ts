// The headless host's transport: the contract over a WebSocket to main on 127.0.0.1, authenticated
// with the per-run token from the page URL. Reconnects by itself if the host restarts.
import { encodeBinaryInvoke } from '../../common/contract/binaryInvoke';
import type { Role } from '../../common/contract/channels';
import { BRIDGE_MAX_FRAME_BYTES, BRIDGE_TOKEN_STORAGE_KEY, BridgeServerMessageSchema, type IpcResult } from '../../common/contract/wire';
import type { ClientTransport } from '../client';

const TOKEN_KEY = BRIDGE_TOKEN_STORAGE_KEY;
const RECONNECT_MS = 500;

/** Reads the token from #token=… once, then keeps it for reloads of this tab only. (The engine's token
 *  is put into sessionStorage by the host over the DevTools pipe instead: see main/host/cdpPipe.ts.) */
function takeToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createWebSocketTransport(role: Role): ClientTransport {
  const token = takeToken();
  const listeners = new Set<(channel: string, payload: unknown) => void>();
  const pending = new Map<number, (result: IpcResult) => void>();
  const queue: Array<string | Uint8Array> = [];
  let nextId = 1;
  let socket: WebSocket | undefined;
  let ready = false;

  function connect(): void {
    const ws = new WebSocket(`ws://${location.host}/bridge`);
    socket = ws;
    ready = false;
    ws.onopen = () => ws.send(JSON.stringify({ kind: 'hello', token, role }));
    ws.onmessage = (event) => {
      const parsed = BridgeServerMessageSchema.safeParse(JSON.parse(String(event.data)));
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.kind === 'welcome') {
        ready = true;
        for (const frame of queue.splice(0)) ws.send(frame);
      } else if (message.kind === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else {
        for (const listener of listeners) listener(message.channel, message.payload);
      }
    };
    ws.onclose = () => {
      ready = false;
      queue.length = 0; // their callers are told below; re-sending later could repeat an action
      for (const [id, resolve] of pending) {
        resolve({ ok: false, error: { code: 'unavailable', message: 'Lost the connection to Hearthline; retrying' } });
        pending.delete(id);
      }
      setTimeout(connect, RECONNECT_MS);
    };
  }
  connect();

  return {
    invoke(channel, payload) {
      const id = nextId++;
      // Bytes (audio frames) go as one binary message, not as JSON (common/contract/binaryInvoke.ts).
      const frame = payload instanceof Uint8Array ? encodeBinaryInvoke(id, channel, payload) : JSON.stringify({ kind: 'invoke', id, channel, payload });
      // The bridge closes the socket on a frame over its cap, which would drop the engine mid-call: refuse it here.
      if ((typeof frame === 'string' ? new TextEncoder().encode(frame).length : frame.length) > BRIDGE_MAX_FRAME_BYTES) {
        return Promise.resolve({ ok: false, error: { code: 'invalidPayload', message: `${channel} is too large to send` } });
      }
      return new Promise((resolve) => {
        pending.set(id, resolve);
        if (ready && socket?.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
