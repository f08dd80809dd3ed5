// How the headless host hands the engine page its bridge token: over Chromium's DevTools pipe
// (--remote-debugging-pipe, file descriptors 3 and 4 of the child), which only the parent holds.
// A token on the command line is readable by every local user through ps or /proc/<pid>/cmdline, and a
// file or a one-time URL would still need a secret on that same command line to find it; the pipe needs
// none. The host registers a script that runs before any page script in our origin only and puts the
// token where the bridge looks for it (sessionStorage, so reloads of the tab keep working), then
// navigates the tab to the engine page.
import type { Readable, Writable } from 'node:stream';
import { BRIDGE_TOKEN_STORAGE_KEY } from '../../common/contract/bridgeToken';

interface CdpReply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message?: string };
}

/** Minimal DevTools protocol client over the pipe: NUL-terminated JSON messages each way. */
export class CdpPipe {
  private nextId = 1;
  private buffered = '';
  private readonly pending = new Map<number, { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.receive(chunk.toString('utf8')));
    const fail = () => this.failAll(new Error('the DevTools pipe closed'));
    fromBrowser.once('close', fail);
    fromBrowser.once('error', fail);
    toBrowser.once('error', fail);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  private receive(text: string): void {
    this.buffered += text;
    for (let end = this.buffered.indexOf('\0'); end !== -1; end = this.buffered.indexOf('\0')) {
      const frame = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 1);
      let reply: CdpReply;
      try {
        reply = JSON.parse(frame) as CdpReply;
      } catch {
        continue;
      }
      const waiter = reply.id === undefined ? undefined : this.pending.get(reply.id);
      if (!waiter || reply.id === undefined) continue; // events: not needed here
      this.pending.delete(reply.id);
      if (reply.error) waiter.reject(new Error(`DevTools: ${reply.error.message ?? 'error'}`));
      else waiter.resolve(reply.result ?? {});
    }
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/** The script run before any page script: it stores the token only when the document is ours. */
export function tokenHandoffScript(origin: string, token: string): string {
  return `if (location.origin === ${JSON.stringify(origin)}) sessionStorage.setItem(${JSON.stringify(BRIDGE_TOKEN_STORAGE_KEY)}, ${JSON.stringify(token)});`;
}

/** Opens `url` in a new tab of the piped browser with the token handed over before the page runs. */
export async function openWithToken(pipe: CdpPipe, url: string, token: string): Promise<void> {
  const { targetId } = await pipe.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await pipe.send('Target.attachToTarget', { targetId, flatten: true });
  const session = String(sessionId);
  await pipe.send('Page.enable', {}, session);
  await pipe.send('Page.addScriptToEvaluateOnNewDocument', { source: tokenHandoffScript(new URL(url).origin, token) }, session);
  await pipe.send('Page.navigate', { url }, session);
}
