import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadDriver } from '../store/driver';
import { demoArticles } from './kb/demoKb';
import { KnowledgeIndex } from './knowledgeIndex';
import { loadSounds, SoundIndex, soundAlikeTerms, soundOf, soundsLoaded } from './soundAlike';

describe('the pinyin reader', () => {
  it('is not loaded until a Chinese query needs it, and a query starts loading it', async () => {
    assert.equal(soundsLoaded(), false);
    const db = new (loadDriver())(':memory:');
    const index = new KnowledgeIndex(db);
    index.replaceAll(demoArticles());
    index.suggest(['家里的款待断了']);
    await loadSounds();
    assert.equal(soundsLoaded(), true);
    db.close();
  });
});

describe('sound-alike Chinese words (recogniser errors)', () => {
  before(() => loadSounds());

  it('reads toneless pinyin', () => {
    assert.equal(soundOf('宽带'), 'kuandai');
    assert.equal(soundOf('款待'), soundOf('宽带'));
  });

  it('finds the indexed word for a misheard one, and for two single characters that were one word', () => {
    const sounds = new SoundIndex([
      { word: '宽带', df: 3 },
      { word: '发票', df: 2 },
      { word: '扣款', df: 2 },
    ]);
    const known = (term: string) => ['宽带', '发票', '扣款', '扣', '家里'].includes(term);
    assert.deepEqual(soundAlikeTerms(['家里', '款待', '断'], known, sounds), ['宽带']);
    assert.deepEqual(soundAlikeTerms(['重复', '扣', '宽', '两次'], known, sounds), ['扣款']);
    // A word the index knows is what was meant; nothing is added.
    assert.deepEqual(soundAlikeTerms(['宽带'], known, sounds), []);
  });

  it('a misheard question finds its article: 款待 for 宽带, 发飘 for 发票', () => {
    const db = new (loadDriver())(':memory:');
    const index = new KnowledgeIndex(db);
    index.replaceAll(demoArticles());
    const top = (text: string) => index.suggest([text], { limit: 3 }).map((hit) => hit.articleId);
    assert.match(top('家里的款待断了一直连不上网')[0] ?? '', /broadband/);
    assert.deepEqual(top('帮我开一张发飘').slice(0, 1), ['zh-invoice']);
    db.close();
  });
});
