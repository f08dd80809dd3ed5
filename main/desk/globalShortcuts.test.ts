import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call } from '../../common/contract/model';
import { DEFAULT_GLOBAL_SHORTCUTS, globalShortcutTarget, isGlobalAccelerator, planGlobalShortcuts } from './globalShortcuts';

const call = (id: string, patch: Partial<Call>): Call => ({ id, direction: 'inbound', state: 'connected', remoteNumber: '1002', startedAt: 0, onHold: false, muted: false, ...patch });

describe('global answer / hang-up keys', () => {
  it('registers both defaults when nothing is configured and policy is silent', () => {
    assert.deepEqual(planGlobalShortcuts({ policyAllows: undefined, configured: undefined }), {
      register: [
        { action: 'answer', accelerator: DEFAULT_GLOBAL_SHORTCUTS.answer },
        { action: 'hangup', accelerator: DEFAULT_GLOBAL_SHORTCUTS.hangup },
      ],
      problems: [],
    });
  });

  it('registers nothing when policy turns them off, whatever the agent configured', () => {
    assert.deepEqual(planGlobalShortcuts({ policyAllows: false, configured: { answer: 'F9' } }), { register: [], problems: [] });
  });

  it('takes the agent’s keys, leaves out one set to null, and refuses bad or clashing keys', () => {
    assert.deepEqual(planGlobalShortcuts({ policyAllows: true, configured: { answer: 'Ctrl+Shift+F9', hangup: null } }).register, [{ action: 'answer', accelerator: 'Ctrl+Shift+F9' }]);
    const bad = planGlobalShortcuts({ policyAllows: true, configured: { answer: 'A', hangup: 'Ctrl+Alt+A' } });
    assert.deepEqual(bad.register, [{ action: 'hangup', accelerator: 'Ctrl+Alt+A' }]);
    assert.match(bad.problems[0] ?? '', /globalShortcuts\.answer: "A"/);
    const clash = planGlobalShortcuts({ policyAllows: undefined, configured: { answer: 'Ctrl+Alt+K', hangup: 'ctrl+alt+k' } });
    assert.equal(clash.register.length, 1);
    assert.match(clash.problems[0] ?? '', /already the answer key/);
  });

  it('knows an accelerator from typing', () => {
    for (const good of ['CommandOrControl+Alt+Shift+A', 'Ctrl+F9', 'Alt+Space', 'Super+Return']) assert.ok(isGlobalAccelerator(good), good);
    for (const bad of ['A', 'Shift+A', 'Ctrl+', 'Ctrl+Ctrl+A', 'Hyper+A', 'Ctrl+AA', '']) assert.equal(isGlobalAccelerator(bad), false, bad);
  });

  it('answers the call that rang first and hangs up the one the agent is talking on', () => {
    const calls = [call('late', { state: 'ringing', startedAt: 20 }), call('early', { state: 'ringing', startedAt: 10 }), call('held', { onHold: true }), call('talking', {})];
    assert.equal(globalShortcutTarget('answer', calls), 'early');
    assert.equal(globalShortcutTarget('hangup', calls), 'talking');
    assert.equal(globalShortcutTarget('hangup', [call('held', { onHold: true })]), undefined, 'never hangs up a held customer unseen');
    assert.equal(globalShortcutTarget('hangup', [call('out', { state: 'dialing', direction: 'outbound' })]), 'out');
    assert.equal(globalShortcutTarget('answer', [call('out', { state: 'ringing', direction: 'outbound' })]), undefined);
  });
});
