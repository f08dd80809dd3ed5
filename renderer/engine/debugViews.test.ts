import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { debugViewsWanted } from './debugViews';

describe('engine debug views', () => {
  it('are always there in a development build', () => {
    assert.equal(debugViewsWanted('', 'development'), true);
    assert.equal(debugViewsWanted('', undefined), true);
  });
  it('are left out of a production build unless the page was opened with ?debug', () => {
    assert.equal(debugViewsWanted('', 'production'), false);
    assert.equal(debugViewsWanted('?census', 'production'), false);
    assert.equal(debugViewsWanted('?debug', 'production'), true);
    assert.equal(debugViewsWanted('?census&debug', 'production'), true);
  });
});
