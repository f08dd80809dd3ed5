// A small real HTTP server speaking the OpenAI chat-completions format, standing in for a llama.cpp
// server (none exists on this machine) in the summary tests. The test chooses its next answer.
import type { IncomingMessage } from 'node:http';
import { JsonApiServer, type JsonReply } from './jsonApiServer';

export interface Seen {
  path: string;
  auth: string;
  body: { model: string; messages: { role: string; content: string }[] };
}

/** A chat-completions server whose next answer the test chooses. */
export class ChatServer extends JsonApiServer {
  seen: Seen[] = [];
  answer: 'prose' | 'junk' | 'error' | 'never' = 'prose';
  prose = 'The customer returned a broken chair and was promised a refund. Card 4111 1111 1111 1111.';

  protected respond(req: IncomingMessage, body: unknown, reply: JsonReply): void {
    this.seen.push({ path: req.url ?? '', auth: req.headers.authorization ?? '', body: body as Seen['body'] });
    if (this.answer === 'prose') reply.json(200, { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: this.prose }, finish_reason: 'stop' }] });
    else if (this.answer === 'junk') reply.json(200, { choices: [{ text: 42 }] });
    else if (this.answer === 'error') reply.json(500, { error: { message: 'model not loaded' } });
    else reply.hold();
  }
}
