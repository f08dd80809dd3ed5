import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from '../i18n/en';
import { zh } from '../i18n/zh';
import { listenerLines, sessionStatusKey } from './monitoringText';

function lookup(catalogue: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalogue);
}

describe('joining a call on screen', () => {
  it('says what the supervisor’s join is doing, in both languages', () => {
    const keys = [
      sessionStatusKey({ agent: '1001', mode: 'monitor', state: 'joining' }),
      ...(['monitor', 'whisper', 'barge'] as const).map((mode) => sessionStatusKey({ agent: '1001', mode, state: 'joined' })),
      ...(['notAllowed', 'noCall', 'busy', 'unreachable', 'failed', 'callEnded', 'left'] as const).map((reason) =>
        sessionStatusKey({ agent: '1001', mode: 'monitor', state: 'ended', reason }),
      ),
    ];
    assert.equal(new Set(keys).size, keys.length, 'every state has its own sentence');
    for (const key of keys) {
      assert.equal(typeof lookup(en, key), 'string', `en ${key}`);
      assert.equal(typeof lookup(zh, key), 'string', `zh ${key}`);
    }
    assert.equal(sessionStatusKey({ agent: '1001', mode: 'whisper', state: 'ended' }), 'monitoring.ended.failed');
  });

  it('shows the agent each listener by the verified SIP user, whatever display name they sent', () => {
    const lines = listenerLines([
      { supervisor: '1003', displayName: 'Sam (1003)', mode: 'monitor', since: 1 },
      { supervisor: '2001', displayName: 'Your manager', mode: 'whisper', since: 2 },
      { supervisor: '2002', mode: 'barge', since: 3 },
    ]);
    assert.deepEqual(lines, [
      { key: 'monitoring.listener.monitor', name: 'Sam (1003)' },
      { key: 'monitoring.listener.whisper', name: 'Your manager (2001)' },
      { key: 'monitoring.listener.barge', name: '2002' },
    ]);
    for (const { key } of lines) assert.match(String(lookup(zh, key)), /\{\{name\}\}/);
  });
});
