// A small real HTTP server for tests that stand in for an OpenAI-compatible API (none exists on this
// machine): it reads each JSON request and lets the subclass answer it, or hold it unanswered.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonReply {
  json(status: number, payload: unknown): void;
  /** Never answer (the connection is dropped when the server stops): for timeouts. */
  hold(): void;
}

export abstract class JsonApiServer {
  server: Server | undefined;
  /** The API base, ending in /v1. */
  url = '';
  private held: (() => void)[] = [];

  protected abstract respond(req: IncomingMessage, body: unknown, reply: JsonReply): void;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        this.respond(req, JSON.parse(text) as unknown, {
          json: (status, payload) => {
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(payload));
          },
          hold: () => this.held.push(() => res.destroy()),
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    for (const release of this.held.splice(0)) release();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
