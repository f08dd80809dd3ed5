import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quitWarning } from './quitWarning';

describe('quitWarning', () => {
  it('says nothing when everything is synced', () => {
    assert.equal(quitWarning(0, 'en'), undefined);
  });
  it('tells the agent how many notes wait and that they are safe, in their language', () => {
    assert.match(quitWarning(3, 'en')!.body, /^3 notes have not reached the CRM yet\. They are safe/);
    assert.match(quitWarning(1, 'en')!.body, /^1 note has/);
    assert.match(quitWarning(2, 'zh-Hans')!.body, /^2 条笔记尚未同步/);
    assert.match(quitWarning(2, 'zh-Hant')!.body, /^2 條筆記尚未同步/);
  });
});
