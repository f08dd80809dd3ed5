import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callerLabel } from './callerLabel';

describe('callerLabel', () => {
  it('names a caller by name and number', () => {
    assert.equal(callerLabel({ remoteName: 'Margaret Chen', remoteNumber: '1002' }, 'Withheld number'), 'Margaret Chen · 1002');
    assert.equal(callerLabel({ remoteNumber: '+441632960002' }, 'Withheld number'), '+441632960002');
    assert.equal(callerLabel({ remoteName: 'Margaret Chen', remoteNumber: '1002' }, 'Withheld number', ' '), 'Margaret Chen 1002');
  });

  it('says the number was withheld instead of repeating the server’s “Anonymous · anonymous”', () => {
    assert.equal(callerLabel({ remoteName: 'Anonymous', remoteNumber: 'anonymous' }, 'Withheld number'), 'Withheld number');
    assert.equal(callerLabel({ remoteNumber: 'Restricted' }, '隐藏号码'), '隐藏号码');
    assert.equal(callerLabel({ remoteName: 'Reception desk', remoteNumber: 'anonymous' }, 'Withheld number'), 'Reception desk · Withheld number');
  });

  it('keeps a caller whose SIP user is a name, not a number', () => {
    assert.equal(callerLabel({ remoteName: 'Alice', remoteNumber: 'alice' }, 'Withheld number'), 'Alice · alice');
  });
});
