// A knowledge article's link is opened by the agent with one click, so only an https page may get there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHttpsUrl, KnowledgeArticleSchema } from '../../common/contract/knowledge';

const article = (url: string) => ({ id: 'a1', lang: 'en', title: 'Boiler reset', url, body: 'Hold the reset button.', updatedAt: '2026-01-05T09:00:00Z' });

describe('knowledge article links', () => {
  it('accepts https links', () => {
    assert.equal(KnowledgeArticleSchema.safeParse(article('https://kb.example.com/boiler?x=1#steps')).success, true);
  });

  it('refuses every other scheme with a clear message', () => {
    for (const url of ['javascript:alert(1)', 'http://kb.example.com/boiler', 'file:///etc/passwd', 'data:text/html,hi', 'smb://share/x', 'HTTPS//missing-colon', '', 'kb.example.com/boiler']) {
      const parsed = KnowledgeArticleSchema.safeParse(article(url));
      assert.equal(parsed.success, false, url);
      assert.match(parsed.error?.issues[0]?.message ?? '', /https/, url);
      assert.equal(isHttpsUrl(url), false, url);
    }
  });
});
