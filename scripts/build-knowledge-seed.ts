// Build step (scripts/build.mjs): indexes the shipped knowledge seed once, into dist/main, so the app
// loads its columns instead of segmenting and stemming the articles on every start.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoArticles } from '../main/assist/kb/demoKb';
import { buildSeed, KNOWLEDGE_SEED_FILE } from '../main/assist/kb/prebuiltSeed';

const outDir = process.argv[2] ?? join('dist', 'main');
const seed = buildSeed(demoArticles());
writeFileSync(join(outDir, KNOWLEDGE_SEED_FILE), JSON.stringify(seed));
console.log(`knowledge seed: ${seed.articles.length} articles indexed into ${join(outDir, KNOWLEDGE_SEED_FILE)}`);
