// The evaluation command reads sets written by other people and tools: other field names, one id or a
// list, numeric ids, locale tags, a JSON array instead of JSON Lines. What it cannot read it refuses,
// naming the file, the place and the field, before anything runs.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError, normaliseLang, readArticles, readQueries } from './formats';

const dir = mkdtempSync(join(tmpdir(), 'assist-eval-formats-'));
const file = (name: string, text: string) => {
  const at = join(dir, name);
  writeFileSync(at, text);
  return at;
};

describe('assist:eval input formats', () => {
  it('reads articles under other field names, numeric ids, a JSON array, {data: [...]}, a BOM and no body', () => {
    const lines = file('a.jsonl', '\uFEFF' + [JSON.stringify({ article_id: 7, language: 'zh_TW', name: '行李損壞', content: '輪子斷了', keywords: ['行李'] }), JSON.stringify({ id: 'meter', lang: 'en-GB', title: 'Meter readings' })].join('\r\n'));
    const articles = readArticles(lines);
    assert.deepEqual(
      articles.map((a) => [a.id, a.lang, a.title, a.body]),
      [
        ['7', 'zh-Hant', '行李損壞', '輪子斷了'],
        ['meter', 'en', 'Meter readings', ''],
      ],
    );
    assert.equal(readArticles(file('a.json', JSON.stringify([{ id: 'x', title: 'T', body: 'B' }])))[0]!.id, 'x');
    assert.equal(readArticles(file('b.json', JSON.stringify({ version: 2, data: [{ id: 'y', title: 'T', text: 'B' }] })))[0]!.body, 'B');
  });

  it('reads queries with query/question text, one relevant id or a list, zh-CN/zh-HK and "true"', () => {
    const articles = readArticles(file('k.jsonl', ['a1', 'a2', '3'].map((id) => JSON.stringify({ id, title: id, body: id })).join('\n')));
    const queries = readQueries(
      file('q.jsonl', [JSON.stringify({ qid: 1, query: '行李没到', relevant_id: 'a1', language: 'zh-CN', hard: 'true' }), JSON.stringify({ id: 'q2', question: '件行李爛咗', answers: ['a2', 3], locale: 'zh-HK' }), JSON.stringify({ id: 'q3', text: 'bag', relevant: 'a1, a2' })].join('\n')),
      articles,
    );
    assert.deepEqual(
      queries.map((q) => [q.id, q.text, q.relevant, q.lang, q.hard]),
      [
        ['1', '行李没到', ['a1'], 'zh-Hans', true],
        ['q2', '件行李爛咗', ['a2', '3'], 'zh-Hant', undefined],
        ['q3', 'bag', ['a1', 'a2'], undefined, undefined],
      ],
    );
    assert.equal(readQueries(file('q.json', JSON.stringify({ queries: [{ id: 'z', text: 't' }] })), articles)[0]!.id, 'z');
  });

  it('refuses labels that name no article, repeated ids and lines without text, naming each', () => {
    const articles = readArticles(file('k2.jsonl', JSON.stringify({ id: 'a1', title: 't', body: 'b' })));
    assert.throws(
      () => readQueries(file('bad.jsonl', [JSON.stringify({ id: 'q1', text: 'x', relevant: ['nope'] }), JSON.stringify({ id: 'q1', text: 'y' }), JSON.stringify({ id: 'q3' }), '{oops'].join('\n')), articles),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /bad\.jsonl:3: text/);
        assert.match(error.message, /bad\.jsonl:4: not valid JSON/);
        return true;
      },
    );
    assert.throws(
      () => readQueries(file('bad2.jsonl', [JSON.stringify({ id: 'q1', text: 'x', relevant: ['nope'] }), JSON.stringify({ id: 'q1', text: 'y' })].join('\n')), articles),
      /query q1 names articles not in the article file: nope[\s\S]*query id q1 used twice/,
    );
    assert.throws(() => readArticles(file('empty.jsonl', '\n')), /no articles/);
  });

  it('maps language tags to the slices the tables use', () => {
    assert.deepEqual(['zh', 'zh-CN', 'zh_Hans', 'cmn', 'zh-TW', 'zh-Hant-HK', 'yue-HK', 'zh-yue', 'en-US', 'mixed', 'fr'].map(normaliseLang), ['zh-Hans', 'zh-Hans', 'zh-Hans', 'zh-Hans', 'zh-Hant', 'zh-Hant', 'yue', 'yue', 'en', 'mixed', 'fr']);
  });
});
