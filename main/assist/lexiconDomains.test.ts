// The lexicon groups and contrasts for insurance, energy and travel questions (lexicon.ts, contrast.ts):
// spoken words meet the articles' words across English, Mandarin and Cantonese.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contrastFactor } from './contrast';
import { conceptTokens } from './lexicon';
import { normaliseArticle, normaliseSpoken } from './spoken';

const concepts = (text: string) => conceptTokens(normaliseSpoken(text));

describe('lexicon: insurance, energy and travel', () => {
  it('a spoken question and the article it needs share a concept in every language', () => {
    const pairs: Array<[string, string, string]> = [
      ['someone went into the back of me at the lights', 'Making a motor insurance claim after an accident', 'kxcollision'],
      ['我的车被别人刮了，要走保险', 'Making a motor insurance claim after an accident', 'kxinsclaim'],
      ['我屋企爆水喉，成個廳浸晒', 'Home insurance claim for escape of water', 'kxwaterleak'],
      ['I want to give you the numbers off my gas meter', '提交燃气或电表读数', 'kxmeter'],
      ['呢期電費貴到離譜，係咪你哋估錶', 'Bill higher than expected because it was estimated', 'kxestimate'],
      ['can I bring my bike on the plane', 'Extra and overweight baggage allowance', 'kxallowance'],
      ['我個喼爛咗個轆', 'Damaged checked baggage', 'kxluggage'],
    ];
    for (const [question, article, concept] of pairs) {
      assert.ok(concepts(question).includes(concept), `${question}: ${concepts(question).join(' ')}`);
      assert.ok(conceptTokens(normaliseArticle(article)).includes(concept), article);
    }
  });

  it('does not find these concepts in unrelated questions', () => {
    for (const concept of ['kxcollision', 'kxwaterleak', 'kxmeter', 'kxallowance']) assert.ok(!concepts('my parcel says delivered but it never came').includes(concept), concept);
  });

  it('giving a reading and an estimated bill pull apart; so do a bag that never came and a damaged one', () => {
    const reading = 'meter reading 读数';
    const estimated = 'estimated bill 估算';
    assert.ok(contrastFactor(normaliseSpoken('I want to give you my readings'), reading) > 1);
    assert.ok(contrastFactor(normaliseSpoken('the bill is way more than I used'), reading) < 1);
    assert.ok(contrastFactor(normaliseSpoken('账单上写的是估算的，多了一倍'), estimated) > 1);
    const delayed = 'baggage delayed lost';
    const damaged = 'baggage damaged';
    assert.ok(contrastFactor(normaliseSpoken('my suitcase never came out'), delayed) > 1);
    assert.ok(contrastFactor(normaliseSpoken('my suitcase never came out'), damaged) < 1);
    assert.ok(contrastFactor(normaliseSpoken('行李箱的拉桿斷掉了'), damaged) > 1);
  });
});
