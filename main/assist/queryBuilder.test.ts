import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildQuery, matchExpression } from './queryBuilder';

const DF: Record<string, number> = { chair: 3, broken: 5, refund: 40, order: 900, week: 300, arriv: 80 };
const df = (term: string) => DF[term] ?? 0;

describe('query building', () => {
  it('keeps the rarest known terms and drops words the index does not have or that are everywhere', () => {
    const built = buildQuery(['hello I bought a chair last week', 'it arrived broken I want a refund for my order'], { df, total: 1000, maxTerms: 3 });
    assert.deepEqual(built.terms, ['chair', 'broken', 'refund']);
    assert.ok(built.idf.chair! > built.idf.refund!);
  });

  it('stems, so "refunds" and "chairs" find the indexed words', () => {
    assert.deepEqual(buildQuery(['refunds for chairs'], { df, total: 1000 }).terms.sort(), ['chair', 'refund']);
  });

  it('segments Chinese and drops Chinese stop words', () => {
    const built = buildQuery(['我想退货'], { df: (t) => (t === '退货' ? 2 : 0), total: 50 });
    assert.deepEqual(built.terms, ['退货']);
  });

  it('quotes terms so none is read as an FTS operator', () => {
    assert.equal(matchExpression(['near', 'or', 'a"b']), '"near" OR "or" OR "a""b"');
  });
});

describe('query building over a conversation', () => {
  const known = (term: string) => ({ chair: 3, broken: 5, refund: 40, password: 4, kxdamaged: 6, kxpassword: 5, kxrefund: 7 })[term as 'chair'] ?? 0;

  it('counts the newest customer turn fully and earlier turns less (decay per turn)', () => {
    const built = buildQuery(['the chair arrived broken', 'and now I cannot reset my password'], { df: known, total: 1000, decay: 0.5, minWeight: 0.2 });
    const newest = built.groups!.find((group) => group.terms.includes('password'))!;
    const older = built.groups!.find((group) => group.terms.includes('chair'))!;
    assert.equal(newest.weight, 1);
    assert.equal(older.weight, 0.5);
    assert.ok(!older.terms.includes('password'));
    const long = buildQuery(['the chair arrived broken', 'a', 'b', 'c', 'd', 'my password'], { df: known, total: 1000, decay: 0.5, minWeight: 0.2 });
    assert.equal(long.groups!.find((group) => group.terms.includes('chair'))!.weight, 0.2, 'never below the floor');
  });

  it('a word said again in the newest turn counts as new', () => {
    const built = buildQuery(['the chair is broken', 'yes the chair'], { df: known, total: 1000 });
    assert.ok(built.groups![0]!.terms.includes('chair'));
    assert.equal(built.groups![0]!.weight, 1);
  });

  it('adds the intent concepts of the words, so a paraphrase reaches the article', () => {
    assert.ok(buildQuery(['I just want my money back'], { df: known, total: 1000 }).terms.includes('kxrefund'));
    assert.ok(buildQuery(['唔該，我想退錢'], { df: known, total: 1000 }).terms.includes('kxrefund'));
  });
});
