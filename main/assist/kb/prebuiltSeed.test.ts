// The shipped seed is indexed at build time: what the app loads must rank exactly as indexing the
// articles live would, and a stale, missing or broken file must never be used.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createApp } from '../../app/createApp';
import type { EngineHost } from '../../calls/engineHost';
import { defaultConfig } from '../../config/appConfig';
import { silentLogger } from '../../log/logger';
import { loadDriver } from '../../store/driver';
import { KnowledgeIndex } from '../knowledgeIndex';
import { demoArticles } from './demoKb';
import { buildSeed, KNOWLEDGE_SEED_FILE, loadPrebuiltSeed } from './prebuiltSeed';

const QUESTIONS = [['my chair arrived broken and I want my money back'], ['where is my parcel, it has not come'], ['我想退货']];

function freshIndex(): KnowledgeIndex {
  const Driver = loadDriver();
  return new KnowledgeIndex(new Driver(':memory:'));
}

function seedFileFor(articles: ReturnType<typeof demoArticles>): string {
  const file = join(mkdtempSync(join(os.tmpdir(), 'hl-seed-')), KNOWLEDGE_SEED_FILE);
  writeFileSync(file, JSON.stringify(buildSeed(articles)));
  return file;
}

describe('prebuilt knowledge seed', () => {
  const articles = demoArticles().slice(0, 12);

  it('suggests exactly what the articles indexed live suggest', () => {
    const prebuilt = loadPrebuiltSeed(seedFileFor(articles), articles);
    assert.ok(prebuilt, 'the seed built for these articles is used');
    const loaded = freshIndex();
    loaded.replaceAllIndexed(prebuilt);
    const live = freshIndex();
    live.replaceAll(articles);
    assert.equal(loaded.count(), articles.length);
    assert.ok(live.suggest(QUESTIONS[0]!).length > 0, 'the comparison is between real suggestions');
    for (const question of QUESTIONS) {
      assert.deepEqual(
        loaded.suggest(question).map((hit) => [hit.articleId, hit.score]),
        live.suggest(question).map((hit) => [hit.articleId, hit.score]),
        question[0],
      );
    }
  });

  it('is ignored when the articles changed, the file is missing or it is broken', () => {
    const file = seedFileFor(articles);
    const edited = articles.map((article, index) => (index === 0 ? { ...article, body: `${article.body} Updated.` } : article));
    assert.equal(loadPrebuiltSeed(file, edited), undefined);
    assert.equal(loadPrebuiltSeed(join(os.tmpdir(), 'no-such-dir', KNOWLEDGE_SEED_FILE), articles), undefined);
    writeFileSync(file, '{"fingerprint": 1');
    assert.equal(loadPrebuiltSeed(file, articles), undefined);
  });

  it('without a prebuilt seed, createApp does not index it; the seed is there just after start', async () => {
    const host: EngineHost = { launch: async () => undefined, dispose: async () => undefined, onGone: () => undefined };
    const app = createApp({ log: silentLogger(), engineHost: host, config: { config: defaultConfig() }, assist: { seedFile: join(os.tmpdir(), 'no-such-dir', KNOWLEDGE_SEED_FILE) } });
    try {
      assert.equal(app.assist?.index.count(), 0, 'nothing segmented while the app is built');
      await app.start();
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(app.assist?.index.count(), demoArticles().length);
    } finally {
      await app.dispose();
    }
  });
});
