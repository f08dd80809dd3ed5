// A small real HTTP server speaking the OpenAI chat-completions format, standing in for a llama.cpp
// server (none exists on this machine) in the summary tests. The test chooses its next answer.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  path: string;
  auth: string;
  body: { model: string; messages: { role: string; content: string }[] };
}

/** A chat-completions server whose next answer the test chooses. */
export class ChatServer {
  server: Server | undefined;
  url = '';
  seen: Seen[] = [];
  answer: 'prose' | 'junk' | 'error' | 'never' = 'prose';
  prose = 'The customer returned a broken chair and was promised a refund. Card 4111 1111 1111 1111.';
  private held: (() => void)[] = [];

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        this.seen.push({ path: req.url ?? '', auth: req.headers.authorization ?? '', body: JSON.parse(text) as Seen['body'] });
        const json = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (this.answer === 'prose') json(200, { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: this.prose }, finish_reason: 'stop' }] });
        else if (this.answer === 'junk') json(200, { choices: [{ text: 42 }] });
        else if (this.answer === 'error') json(500, { error: { message: 'model not loaded' } });
        else this.held.push(() => res.destroy());
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

