import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EmbeddingReranker, LocalModelEmbeddings, OpenAiEmbeddings } from './embeddings';
import { chooseEmbeddings } from './module';
import { EmbeddingServer } from './testing/embeddingServer';

const articles = {
  password: { id: 'password', title: 'Reset a password', body: 'Send a login reset link.' },
  refund: { id: 'refund', title: 'Refunds', body: 'We reimburse the money back to the card.' },
  parcel: { id: 'parcel', title: 'Missing parcel', body: 'Open a parcel claim.' },
};
type Hit = { articleId: keyof typeof articles };
const bm25Order: Hit[] = [{ articleId: 'parcel' }, { articleId: 'refund' }, { articleId: 'password' }];
const articleOf = (hit: Hit) => articles[hit.articleId];

describe('embedding re-ranking', () => {
  const server = new EmbeddingServer();
  before(() => server.start());
  after(() => server.stop());

  it('asks an OpenAI-compatible /v1/embeddings with the model and token, and reads the vectors by index', async () => {
    server.seen = [];
    server.answer = 'vectors';
    const provider = new OpenAiEmbeddings({ baseUrl: server.url, model: 'kb-embed', token: 'secret-token-1' });
    const vectors = await provider.embed(['my money back please', 'password login']);
    assert.equal(server.seen[0]?.path, '/v1/embeddings');
    assert.equal(server.seen[0]?.auth, 'Bearer secret-token-1');
    assert.equal(server.seen[0]?.body.model, 'kb-embed');
    assert.deepEqual(server.seen[0]?.body.input, ['my money back please', 'password login']);
    // The server answers in reverse order: the first vector must still be the first text's.
    assert.ok(vectors[0]![0]! > 1 && vectors[1]![4]! > 1);
  });

  it('puts the article that means what the customer said first, fused with the BM25 order', async () => {
    server.answer = 'vectors';
    const reranker = new EmbeddingReranker(new OpenAiEmbeddings({ baseUrl: server.url, model: 'kb-embed' }), { k: 1 });
    const ordered = await reranker.rerank("I just want my money back, and I can't login", bm25Order, articleOf);
    assert.equal(ordered[0]?.articleId, 'refund', ordered.map((hit) => hit.articleId).join());
    // Article vectors are kept: the next query sends only its own text.
    server.seen = [];
    await reranker.rerank('refund please', bm25Order, articleOf);
    assert.deepEqual(server.seen[0]?.body.input, ['refund please']);
  });

  it('keeps the BM25 order when the service fails, with a plain reason, and does not ask again for a minute', async () => {
    for (const answer of ['error', 'junk'] as const) {
      server.answer = answer;
      const provider = new OpenAiEmbeddings({ baseUrl: server.url, model: 'kb-embed' });
      await assert.rejects(provider.embed(['x']), answer === 'error' ? /answered HTTP 503/ : /unexpected format/);
      const warnings: unknown[] = [];
      const reranker = new EmbeddingReranker(provider, { log: { warn: (...args: unknown[]) => warnings.push(args) } as never });
      assert.deepEqual(await reranker.rerank('my money back', bm25Order, articleOf, 1_000), bm25Order);
      server.seen = [];
      assert.deepEqual(await reranker.rerank('my money back', bm25Order, articleOf, 30_000), bm25Order);
      assert.equal(server.seen.length, 0, 'not asked again within a minute');
      assert.equal(warnings.length, 1);
    }
    server.answer = 'never';
    await assert.rejects(new OpenAiEmbeddings({ baseUrl: server.url, model: 'kb-embed', timeoutMs: 200 }).embed(['x']), /timed out/);
  });

  it('a local model folder: says plainly when there is no model or no transformers.js, and never downloads', async () => {
    await assert.rejects(new LocalModelEmbeddings('/nonexistent/model').embed(['x']), /no embedding model at \/nonexistent\/model/);
    const dir = mkdtempSync(join(tmpdir(), 'hl-embed-'));
    await assert.rejects(new LocalModelEmbeddings(dir, () => Promise.reject(new Error('Cannot find module'))).embed(['x']), /not available in this build/);
    const env = { allowRemoteModels: true, allowLocalModels: false, localModelPath: '' };
    const fake = {
      env,
      pipeline: (task: string, model: string) => {
        assert.equal(task, 'feature-extraction');
        assert.equal(model, '.');
        return Promise.resolve(() => Promise.resolve({ tolist: () => [[1, 0], [0, 1]] }));
      },
    };
    const vectors = await new LocalModelEmbeddings(dir, () => Promise.resolve(fake)).embed(['a', 'b']);
    assert.deepEqual(vectors.map((v) => [...v]), [[1, 0], [0, 1]]);
    assert.equal(env.allowRemoteModels, false);
    assert.equal(env.localModelPath, dir);
  });

  it('is chosen by policy: a service (URL and model) wins over a model folder; neither keeps ranking offline', () => {
    assert.equal(chooseEmbeddings({}), undefined);
    assert.equal(chooseEmbeddings({ embeddingServiceUrl: 'https://llm.example.com/v1' }), undefined);
    assert.equal(chooseEmbeddings({ embeddingServiceUrl: 'https://llm.example.com/v1', embeddingServiceModel: 'm', embeddingModelDir: '/m' })?.name, 'openai-compatible');
    assert.equal(chooseEmbeddings({ embeddingModelDir: '/m' })?.name, 'local-model');
  });
});
