// Optional semantic re-ranking of knowledge suggestions by embeddings, behind one interface whatever
// makes the vectors:
//  - `WordVectorEmbeddings`: the shipped GloVe word vectors (semanticRerank.ts), offline;
//  - `OpenAiEmbeddings`: an OpenAI-compatible `POST {base}/embeddings` (llama.cpp, Ollama, vLLM, a cloud
//    API), configured by policy (embeddingServiceUrl, embeddingServiceModel, embeddingServiceToken);
//  - `LocalModelEmbeddings`: a sentence-embedding model folder an administrator installed, run with
//    transformers.js (`@huggingface/transformers`, remote models off) when that package is installed;
//    otherwise it says plainly that it is not available.
// `EmbeddingReranker` fuses the BM25 order of the candidates with their cosine order (reciprocal rank
// fusion). It is asynchronous: the service shows the BM25 suggestions at once and replaces them when the
// re-ranked order arrives. Only redacted text (what the suggestions already use) is sent.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../log/logger';
import type { SemanticReranker } from './semanticRerank';

export interface EmbeddingProvider {
  readonly name: string;
  /** One vector per text, in order. Rejects with a plain message when the provider cannot answer. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** The shipped word vectors as an embedding provider (texts with no known word get a zero vector). */
export class WordVectorEmbeddings implements EmbeddingProvider {
  readonly name = 'word-vectors';
  constructor(private readonly vectors: SemanticReranker) {}

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return Promise.resolve(texts.map((text) => this.vectors.embed(text) ?? new Float32Array(1)));
  }
}

const EmbeddingsAnswer = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()).min(1) })).min(1),
});

export interface OpenAiEmbeddingsOptions {
  /** API base ending in /v1. */
  baseUrl: string;
  model: string;
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class OpenAiEmbeddings implements EmbeddingProvider {
  readonly name = 'openai-compatible';
  constructor(private readonly options: OpenAiEmbeddingsOptions) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const doFetch = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(`${this.options.baseUrl.replace(/\/+$/, '')}/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}) },
        body: JSON.stringify({ model: this.options.model, input: texts }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new Error(`the embedding service did not answer (${error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'unreachable'})`);
    }
    if (!response.ok) throw new Error(`the embedding service answered HTTP ${response.status}`);
    const parsed = EmbeddingsAnswer.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new Error('the embedding service answered in an unexpected format');
    const out = new Array<Float32Array | undefined>(texts.length);
    for (const item of parsed.data.data) if (item.index < texts.length) out[item.index] = Float32Array.from(item.embedding);
    if (out.some((vector) => !vector) || new Set(out.map((vector) => vector!.length)).size !== 1) throw new Error('the embedding service answered in an unexpected format');
    return out as Float32Array[];
  }
}

type FeatureExtractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ tolist(): number[][] }>;

/** A local sentence-embedding model folder run by transformers.js, never downloading anything. */
export class LocalModelEmbeddings implements EmbeddingProvider {
  readonly name = 'local-model';
  private extractor: Promise<FeatureExtractor> | undefined;

  constructor(
    private readonly modelDir: string,
    /** Loads transformers.js (tests replace it); undefined when the package is not installed. */
    private readonly load: () => Promise<unknown> = () => import(/* webpackIgnore: true */ '@huggingface/transformers' as string),
  ) {}

  private pipeline(): Promise<FeatureExtractor> {
    this.extractor ??= (async () => {
      if (!existsSync(this.modelDir)) throw new Error(`no embedding model at ${this.modelDir}: ask IT to install one`);
      let module: { env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string }; pipeline: (task: string, model: string) => Promise<FeatureExtractor> };
      try {
        module = (await this.load()) as typeof module;
      } catch {
        throw new Error('local embedding models are not available in this build (transformers.js is not installed)');
      }
      module.env.allowRemoteModels = false;
      module.env.allowLocalModels = true;
      module.env.localModelPath = this.modelDir;
      return module.pipeline('feature-extraction', '.');
    })();
    return this.extractor;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const extract = await this.pipeline();
    const output = await extract([...texts], { pooling: 'mean', normalize: true });
    return output.tolist().map((row) => Float32Array.from(row));
  }
}

function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return -1;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i]! * b[i]!;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : -1;
}

export interface EmbeddingRerankerOptions {
  /** RRF constant. */
  k?: number;
  log?: Logger;
}

/** Re-orders BM25 candidates by embedding similarity (RRF with the BM25 order); article vectors cached. */
export class EmbeddingReranker {
  private readonly cache = new Map<string, Float32Array>();
  private readonly k: number;
  private failedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly provider: EmbeddingProvider,
    private readonly options: EmbeddingRerankerOptions = {},
  ) {
    this.k = options.k ?? 60;
  }

  /** Articles changed: their vectors must be made again. */
  forget(): void {
    this.cache.clear();
  }

  /**
   * The candidates (best first) in the fused order. A provider that fails leaves the BM25 order (and is
   * not asked again for a minute, so a dead service does not slow every query).
   */
  async rerank<T extends { articleId: string }>(query: string, ranked: readonly T[], article: (hit: T) => { id: string; title: string; body: string }, now = Date.now()): Promise<T[]> {
    if (ranked.length < 2 || now - this.failedAt < 60_000) return [...ranked];
    try {
      const missing = ranked.map(article).filter((a) => !this.cache.has(a.id));
      const vectors = await this.provider.embed([query, ...missing.map((a) => `${a.title}. ${a.body}`.slice(0, 2000))]);
      missing.forEach((a, i) => this.cache.set(a.id, vectors[i + 1]!));
      const queryVector = vectors[0]!;
      const similarity = ranked.map((hit) => cosine(queryVector, this.cache.get(article(hit).id)!));
      const byCosine = ranked.map((_, i) => i).sort((a, b) => similarity[b]! - similarity[a]!);
      const cosineRank = new Map(byCosine.map((index, rank) => [index, rank]));
      return ranked
        .map((hit, rank) => ({ hit, score: 1 / (this.k + rank + 1) + 1 / (this.k + cosineRank.get(rank)! + 1) }))
        .sort((a, b) => b.score - a.score)
        .map((entry) => entry.hit);
    } catch (error) {
      this.failedAt = now;
      this.options.log?.warn({ provider: this.provider.name, reason: error instanceof Error ? error.message : 'unknown' }, 'embedding re-ranking skipped');
      return [...ranked];
    }
  }
}
