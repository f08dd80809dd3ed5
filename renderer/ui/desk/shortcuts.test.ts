import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ariaKeyShortcuts, SHORTCUT_ACTIONS, SHORTCUTS, comboLabel, shortcutFor, shortcutLabel, type KeyEventLike } from './shortcuts';

const key = (code: string, mods: Partial<Omit<KeyEventLike, 'code'>> = {}): KeyEventLike => ({ code, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });

describe('desk keyboard shortcuts', () => {
  it('maps each call control to its key, also from inside a text field', () => {
    assert.equal(shortcutFor(key('KeyA', { altKey: true }), false), 'answer');
    assert.equal(shortcutFor(key('KeyE', { altKey: true }), true), 'hangup');
    assert.equal(shortcutFor(key('KeyH', { altKey: true }), true), 'hold');
    assert.equal(shortcutFor(key('KeyM', { altKey: true }), false), 'mute');
    assert.equal(shortcutFor(key('KeyN', { altKey: true }), false), 'nextSuggestion');
    assert.equal(shortcutFor(key('Enter', { ctrlKey: true }), true), 'submitWrapUp');
    assert.equal(shortcutFor(key('Enter', { metaKey: true }), true), 'submitWrapUp', 'Cmd+Enter on macOS');
  });

  it('lets plain keys type in text fields and never fires on a bare letter', () => {
    assert.equal(shortcutFor(key('Slash', { shiftKey: true }), false), 'cheatSheet');
    assert.equal(shortcutFor(key('Slash', { shiftKey: true }), true), undefined, '"?" typed into the notes');
    assert.equal(shortcutFor(key('Slash'), false), 'search');
    assert.equal(shortcutFor(key('Slash'), true), undefined);
    assert.equal(shortcutFor(key('KeyA'), false), undefined);
    assert.equal(shortcutFor(key('Enter'), false), undefined);
    assert.equal(shortcutFor(key('KeyA', { altKey: true, ctrlKey: true }), false), undefined, 'AltGr (Ctrl+Alt) letters stay characters');
  });

  it('gives every action a key no other action uses', () => {
    const seen = new Map<string, string>();
    for (const action of SHORTCUT_ACTIONS) {
      assert.ok(SHORTCUTS[action].length > 0, action);
      for (const combo of SHORTCUTS[action]) {
        const id = JSON.stringify([combo.code, !!combo.alt, !!combo.ctrl, !!combo.shift]);
        assert.equal(seen.get(id), undefined, `${action} reuses ${id}`);
        seen.set(id, action);
      }
    }
  });

  it('writes keys for people and for assistive technology', () => {
    assert.equal(shortcutLabel('hold'), 'Alt+H');
    assert.equal(shortcutLabel('search'), 'Alt+S, /');
    assert.equal(shortcutLabel('submitWrapUp'), 'Ctrl+Enter');
    assert.equal(shortcutLabel('submitWrapUp', true), '⌘+Enter');
    assert.equal(comboLabel(SHORTCUTS.cheatSheet[0]!), '?');
    assert.equal(ariaKeyShortcuts('hold'), 'Alt+H');
    assert.equal(ariaKeyShortcuts('submitWrapUp'), 'Control+Enter');
  });
});
