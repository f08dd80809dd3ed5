// A small real HTTP server speaking the OpenAI embeddings format (`POST /v1/embeddings`), standing in
// for a llama.cpp or vLLM server (none exists on this machine) in the embedding tests. Its vectors are
// bags of words over a fixed vocabulary, so texts sharing words are close; the test can make it fail.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EmbeddingRequest {
  path: string;
  auth: string;
  body: { model: string; input: string[] };
}

export class EmbeddingServer {
  server: Server | undefined;
  url = '';
  seen: EmbeddingRequest[] = [];
  answer: 'vectors' | 'junk' | 'error' | 'never' = 'vectors';
  /** The words that make up the vector space (one dimension each). */
  vocabulary = ['money', 'refund', 'reimburse', 'back', 'password', 'login', 'parcel', 'broken'];
  private held: (() => void)[] = [];

  /** The vector of the `index`-th input of a request (tests may replace it). */
  vector = (text: string, _index: number): number[] => {
    const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
    return this.vocabulary.map((word) => words.filter((w) => w.startsWith(word)).length + 0.01);
  };

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        const body = JSON.parse(text) as EmbeddingRequest['body'];
        this.seen.push({ path: req.url ?? '', auth: req.headers.authorization ?? '', body });
        const json = (status: number, payload: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
        // Answered in reverse order on purpose: clients must use each item's index.
        const data = body.input.map((input, index) => ({ object: 'embedding', index, embedding: this.vector(input, index) })).reverse();
        if (this.answer === 'vectors') json(200, { object: 'list', model: body.model, data });
        else if (this.answer === 'junk') json(200, { data: [{ embedding: 'nope' }] });
        else if (this.answer === 'error') json(503, { error: { message: 'model loading' } });
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
