// A small real HTTP server speaking the OpenAI embeddings format (`POST /v1/embeddings`), standing in
// for a llama.cpp or vLLM server (none exists on this machine) in the embedding tests. Its vectors are
// bags of words over a fixed vocabulary, so texts sharing words are close; the test can make it fail.
import type { IncomingMessage } from 'node:http';
import { JsonApiServer, type JsonReply } from './jsonApiServer';

export interface EmbeddingRequest {
  path: string;
  auth: string;
  body: { model: string; input: string[] };
}

export class EmbeddingServer extends JsonApiServer {
  seen: EmbeddingRequest[] = [];
  answer: 'vectors' | 'junk' | 'error' | 'never' = 'vectors';
  /** The words that make up the vector space (one dimension each). */
  vocabulary = ['money', 'refund', 'reimburse', 'back', 'password', 'login', 'parcel', 'broken'];

  /** The vector of the `index`-th input of a request (tests may replace it). */
  vector = (text: string, _index: number): number[] => {
    const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
    return this.vocabulary.map((word) => words.filter((w) => w.startsWith(word)).length + 0.01);
  };

  protected respond(req: IncomingMessage, payload: unknown, reply: JsonReply): void {
    const body = payload as EmbeddingRequest['body'];
    this.seen.push({ path: req.url ?? '', auth: req.headers.authorization ?? '', body });
    // Answered in reverse order on purpose: clients must use each item's index.
    const data = body.input.map((input, index) => ({ object: 'embedding', index, embedding: this.vector(input, index) })).reverse();
    if (this.answer === 'vectors') reply.json(200, { object: 'list', model: body.model, data });
    else if (this.answer === 'junk') reply.json(200, { data: [{ embedding: 'nope' }] });
    else if (this.answer === 'error') reply.json(503, { error: { message: 'model loading' } });
    else reply.hold();
  }
}
