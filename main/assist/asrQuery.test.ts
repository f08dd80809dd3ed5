// Questions as a recogniser writes them (assets/eval/assist/dev/queries-asr.jsonl): words split in two
// ("pass word", "suit case") and contractions without the apostrophe ("didnt come").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadDriver } from '../store/driver';
import { demoArticles } from './kb/demoKb';
import { ArticleSchema, KnowledgeIndex } from './knowledgeIndex';
import { loadSounds } from './soundAlike';
import { restoreApostrophes } from './spoken';
import { joinedWordTerms } from './text';

const unseen = readFileSync(path.resolve(__dirname, '../../assets/eval/assist/unseen/articles.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => ArticleSchema.parse({ url: 'https://kb.example/unseen', ...(JSON.parse(line) as object) }));

function topFor(text: string): string | undefined {
  const db = new (loadDriver())(':memory:');
  const index = new KnowledgeIndex(db);
  index.replaceAll([...demoArticles(), ...unseen]);
  const top = index.suggest([text], { limit: 3 })[0]?.articleId;
  db.close();
  return top;
}

describe('queries in recogniser output', () => {
  before(() => loadSounds());

  it('contractions without the apostrophe are read as typed', () => {
    assert.equal(restoreApostrophes("my bag didnt come and i cant find it im waiting theres nothing"), "my bag didn't come and i can't find it i'm waiting there's nothing");
    // Words that only look like one stay.
    assert.equal(restoreApostrophes('the ants and the mint'), 'the ants and the mint');
  });

  it('two words a recogniser split are offered joined', () => {
    assert.ok(joinedWordTerms('my pass word').includes('password'));
    assert.ok(joinedWordTerms('need an in voice copy').includes('invoice'));
  });

  it('"pass word" finds the password article and "suit case didnt come off" the delayed bag', () => {
    assert.equal(topFor('how do i reset my pass word i cant log in'), 'password-reset');
    assert.equal(topFor('my suit case didnt come off the plain'), 'baggage-delayed');
  });
});
