// Regional and spoken forms a blind question set uses: Taiwan words, 帐/账, 额 inside a word, a
// customer's inflections of lexicon words, what the customer says the question is not about, a negation
// two words before a contrast cue, and concept matches counted above single words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contrastFactor } from './contrast';
import { conceptTokens, spokenConceptTokens } from './lexicon';
import { buildQuery } from './queryBuilder';
import { normaliseArticle, normaliseSpoken } from './spoken';
import { retrievalTerms } from './text';

describe('regional Chinese words', () => {
  it('reads Taiwan words as the words a Hong Kong or mainland article uses', () => {
    assert.equal(normaliseSpoken('網路'), normaliseArticle('網絡'));
    assert.equal(normaliseSpoken('網路'), '网络');
    assert.equal(normaliseSpoken('簡訊'), '短信');
    assert.match(normaliseSpoken('手機沒有訊號'), /信号/);
  });

  it('writes 帐 as 账 when it means an account, not in 帐篷', () => {
    assert.equal(normaliseSpoken('帳單'), '账单');
    assert.equal(normaliseArticle('帳戶'), normaliseArticle('账户'));
    assert.equal(normaliseSpoken('帐篷'), '帐篷');
  });

  it('keeps 额 inside a word and drops it as a hesitation', () => {
    assert.match(normaliseSpoken('帳戶餘額不足'), /余额不足/);
    assert.doesNotMatch(normaliseSpoken('额，我想查账单'), /额/);
  });

  it('reads Cantonese words for a death in the family', () => {
    assert.ok(spokenConceptTokens(normaliseSpoken('我老豆上個月過咗身')).includes('kxbereavement'));
  });
});

describe('spoken English forms', () => {
  it("counts a customer's past tenses and plurals of a lexicon word", () => {
    assert.ok(spokenConceptTokens("I've complained three times").includes('kxcomplaint'));
    assert.ok(!conceptTokens("I've complained three times").includes('kxcomplaint'), 'articles keep their curated concepts');
  });

  it('leaves a form the lexicon lists to its own group', () => {
    const concepts = spokenConceptTokens('can I spend the points I collected');
    assert.ok(concepts.includes('kxloyalty'));
    assert.ok(!concepts.includes('kxcollect'));
  });

  it('leaves out what the customer says the question is not about, and keeps a negated verb', () => {
    const power = retrievalTerms("it's not the internet, the electric is off in the whole house");
    assert.ok(!power.includes('internet'), power.join(' '));
    assert.ok(power.includes('electric'), power.join(' '));
    assert.ok(!retrievalTerms("I don't need a new password, it says I'm blocked").includes('password'));
    assert.ok(retrievalTerms("my parcel didn't arrive").includes('arrive'));
  });

  it('reads a negation two words before a contrast cue', () => {
    const said = normaliseSpoken("I don't need a new password, it says I'm blocked after five attempts");
    assert.ok(contrastFactor(said, normaliseArticle('Online account locked after repeated sign-in attempts login')) > 1);
    assert.ok(contrastFactor(said, normaliseArticle('Reset an account password login locked out')) < 1);
  });
});

describe('concept weight', () => {
  it('runs the concepts of a turn as their own group, weighted above its words', () => {
    const query = buildQuery(['my mum passed away'], { df: () => 1, total: 10, conceptWeight: 1.3 });
    const concepts = query.groups!.find((group) => group.terms.every((term) => term.startsWith('kx')));
    const words = query.groups!.find((group) => group.terms.every((term) => !term.startsWith('kx')));
    assert.ok(concepts && words);
    assert.ok(concepts.terms.includes('kxbereavement'));
    assert.equal(concepts.weight, 1.3 * words.weight);
  });
});
