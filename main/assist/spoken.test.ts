import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contrastFactor } from './contrast';
import { conceptTokens } from './lexicon';
import { cantoneseToMandarin, normaliseSpoken, stripFillers, toSimplified } from './spoken';
import { queryTerms } from './text';

describe('spoken questions', () => {
  it('drops English filler but keeps what the customer asks', () => {
    assert.equal(stripFillers('um so basically I was wondering if you know my parcel is like late'), 'so my parcel is like late');
    assert.deepEqual(queryTerms('uh hmm I mean, you know, the router'), ['router']);
  });

  it('drops Mandarin and Cantonese filler and particles', () => {
    assert.deepEqual(queryTerms('喂，嗯，那个，就是，我想问下退款呢'), ['退款']);
    assert.deepEqual(queryTerms('請問，唔該，係咪可以退款啊'), ['退款']);
  });

  it('bridges Traditional and Simplified both ways into one form', () => {
    assert.equal(toSimplified('寬頻斷線'), '宽频断线');
    assert.equal(toSimplified('退货'), '退货');
    assert.deepEqual(queryTerms('我想退貨'), queryTerms('我想退货'));
  });

  it('turns Cantonese into the Mandarin words articles use, keeping words whole', () => {
    assert.equal(cantoneseToMandarin('我冇收到'), '我没有收到');
    assert.equal(normaliseSpoken('寬頻斷咗線，幾時整得返'), '宽带断网，什么时候修好');
    const terms = queryTerms('我唔記得咗密碼，入唔到戶口');
    assert.ok(terms.includes('密码') && terms.includes('忘记'), terms.join('/'));
    assert.ok(!terms.some((term) => term.length === 1 && /[唔咗冇]/.test(term)), terms.join('/'));
  });

  it('maps paraphrases to the same intent concept in both languages', () => {
    assert.ok(conceptTokens('can I get reimbursed').includes('kxrefund'));
    assert.ok(conceptTokens('i want my money back').includes('kxrefund'));
    assert.ok(conceptTokens(normaliseSpoken('攞返啲錢，退钱')).includes('kxrefund'));
    assert.ok(!conceptTokens('send it to my new place').includes('kxabroad'));
  });
});

describe('contrast cues', () => {
  it('raises the side the customer speaks for and lowers the other', () => {
    assert.ok(contrastFactor('i just got back from turkey and my bill is huge', 'unexpected roaming charges after a trip') > 1);
    assert.ok(contrastFactor('i just got back from turkey and my bill is huge', 'using a mobile phone abroad roaming abroad travel') < 1);
    assert.ok(contrastFactor("i'm going to spain next week, will my data work", 'using a mobile phone abroad') > 1);
    assert.ok(contrastFactor('the legs were not in the box', 'item or parts missing from a delivery missing') > 1);
    assert.ok(contrastFactor('the legs were not in the box', 'item damaged or broken on arrival damaged broken') < 1);
  });

  it('ignores a negated cue and a question that speaks for both or neither side', () => {
    assert.ok(contrastFactor("it's shattered, not missing", 'item damaged or broken on arrival damaged') > 1);
    assert.equal(contrastFactor('不是断网，就是特别慢', '宽带故障 断网 故障') < 1, true);
    assert.equal(contrastFactor('hello', 'item damaged or broken on arrival'), 1);
    assert.equal(contrastFactor('it came broken and half of it is missing', 'item damaged or broken on arrival damaged'), 1);
  });
});
