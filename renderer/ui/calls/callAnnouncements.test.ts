import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call } from '../../../common/contract/model';
import { callAnnouncements, callStates } from './callAnnouncements';

const call = (id: string, state: Call['state'], extra: Partial<Call> = {}): Call => ({ id, direction: 'inbound', state, remoteNumber: '1002', startedAt: 0, onHold: false, muted: false, ...extra });

describe('call-state announcements', () => {
  it('announces ringing, connected and ended once each, with who it is', () => {
    const ringing = [call('a', 'ringing', { remoteName: 'Margaret Chen' })];
    assert.deepEqual(callAnnouncements(new Map(), ringing, 'Withheld number'), [{ state: 'ringing', caller: 'Margaret Chen 1002' }]);
    const connected = [call('a', 'connected')];
    assert.deepEqual(callAnnouncements(callStates(ringing), connected, 'Withheld number'), [{ state: 'connected', caller: '1002' }]);
    assert.deepEqual(callAnnouncements(callStates(connected), connected, 'Withheld number'), [], 'no change, nothing said');
    assert.deepEqual(callAnnouncements(callStates(connected), [call('a', 'ended')], 'Withheld number'), [{ state: 'ended', caller: '1002' }]);
  });

  it('says nothing for what was already on screen when the UI opened, nor for an ended call it never saw', () => {
    assert.deepEqual(callAnnouncements(undefined, [call('a', 'connected')], 'Withheld number'), []);
    assert.deepEqual(callAnnouncements(new Map(), [call('old', 'ended')], 'Withheld number'), []);
  });
});
