// The Electron guards' decisions, without Electron: who may speak IPC, who gets the microphone and the
// headset, where links go, and which file an app:// URL may read.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  deviceAllowed,
  ENGINE_ORIGIN,
  ENGINE_URL,
  externalOpenAllowed,
  ipcSenderRole,
  isOwnOrigin,
  navigationAllowed,
  permissionAllowed,
  resolveAppRequest,
  roleForUrl,
  UI_ORIGIN,
  UI_URL,
  windowOpenDecision,
} from './guards';

describe('Electron guards', () => {
  it('knows our two origins and nothing else', () => {
    assert.equal(roleForUrl(UI_URL), 'ui');
    assert.equal(roleForUrl(`${ENGINE_URL}?x#y`), 'engine');
    for (const url of [undefined, null, '', 'not a url', 'app://hearthline.evil/ui.html', 'app://evil/ui.html', 'https://hearthline/ui.html', 'file:///ui.html', 'app://hearthline:80/ui.html', 'http://app/hearthline']) {
      assert.equal(isOwnOrigin(url), false, String(url));
    }
  });

  it('accepts IPC only from the registered window’s top frame on that role’s origin', () => {
    assert.equal(ipcSenderRole('ui', { url: UI_URL, isTopFrame: true }), 'ui');
    assert.equal(ipcSenderRole('engine', { url: ENGINE_URL, isTopFrame: true }), 'engine');
    assert.equal(ipcSenderRole(undefined, { url: UI_URL, isTopFrame: true }), undefined, 'unknown window');
    assert.equal(ipcSenderRole('ui', { url: UI_URL, isTopFrame: false }), undefined, 'an iframe');
    assert.equal(ipcSenderRole('ui', { url: ENGINE_URL, isTopFrame: true }), undefined, 'the UI window showing the engine page cannot speak as the engine');
    assert.equal(ipcSenderRole('engine', { url: UI_URL, isTopFrame: true }), undefined);
    assert.equal(ipcSenderRole('ui', { url: 'https://evil.example/', isTopFrame: true }), undefined);
    assert.equal(ipcSenderRole('ui', null), undefined);
  });

  it('gives media, HID and speaker choice to the engine window only', () => {
    for (const permission of ['media', 'hid', 'speaker-selection']) {
      assert.equal(permissionAllowed(permission, ENGINE_URL, 'engine'), true, permission);
      assert.equal(permissionAllowed(permission, UI_URL, 'ui'), false, `${permission} for the UI`);
      assert.equal(permissionAllowed(permission, ENGINE_URL, 'ui'), false, `${permission} in the UI window`);
      assert.equal(permissionAllowed(permission, 'https://evil.example/', 'engine'), false, `${permission} for another origin`);
    }
    for (const permission of ['geolocation', 'clipboard-read', 'notifications', 'openExternal', 'midi', 'pointerLock']) {
      assert.equal(permissionAllowed(permission, ENGINE_URL, 'engine'), false, permission);
    }
    assert.equal(deviceAllowed('hid', ENGINE_ORIGIN), true);
    assert.equal(deviceAllowed('hid', UI_ORIGIN), false);
    assert.equal(deviceAllowed('usb', ENGINE_ORIGIN), false);
    assert.equal(deviceAllowed('serial', ENGINE_ORIGIN), false);
    assert.equal(deviceAllowed('hid', 'https://evil.example'), false);
  });

  it('never navigates or opens windows; https links go to the system browser', () => {
    assert.equal(navigationAllowed(UI_URL), false);
    assert.equal(navigationAllowed('https://kb.example.com/a'), false);
    assert.deepEqual(windowOpenDecision('https://kb.example.com/a'), { action: 'deny', openExternally: 'https://kb.example.com/a' });
    for (const url of ['http://kb.example.com/a', 'javascript:alert(1)', 'file:///etc/passwd', 'app://hearthline/ui.html', 'smb://x/y', '']) {
      assert.deepEqual(windowOpenDecision(url), { action: 'deny' }, url);
      assert.equal(externalOpenAllowed(url), false, url);
    }
  });

  it('resolves app:// requests to files in the renderer folder, totally', () => {
    const root = path.resolve('/opt/hearthline/renderer');
    assert.deepEqual(resolveAppRequest(root, UI_URL), { file: path.join(root, 'ui.html'), page: 'ui' });
    assert.deepEqual(resolveAppRequest(root, ENGINE_URL), { file: path.join(root, 'engine.html'), page: 'engine' });
    assert.deepEqual(resolveAppRequest(root, 'app://hearthline/ui.js?v=1'), { file: path.join(root, 'ui.js'), page: 'asset' });
    assert.deepEqual(resolveAppRequest(root, 'app://hearthline/%E0%A4%A'), { status: 400 });
    assert.deepEqual(resolveAppRequest(root, 'app://hearthline/a%00b'), { status: 400 });
    assert.deepEqual(resolveAppRequest(root, 'app://hearthline/engine.html'), { status: 404 }, 'the engine page is not served on the UI origin');
    assert.deepEqual(resolveAppRequest(root, 'app://engine/ui.html'), { status: 404 });
    assert.deepEqual(resolveAppRequest(root, 'app://evil/ui.html'), { status: 404 });
    assert.deepEqual(resolveAppRequest(root, 'not a url'), { status: 400 });
    for (const sneaky of ['app://hearthline/..%2f..%2fetc/passwd', 'app://hearthline/%2e%2e/%2e%2e/etc/passwd', 'app://hearthline/a/..%5c..%5cx']) {
      const result = resolveAppRequest(root, sneaky);
      assert.ok('status' in result || result.file.startsWith(root + path.sep), sneaky);
    }
  });

  it('never throws on random app:// URLs (bounded fuzz)', () => {
    const alphabet = ['/', '.', '..', '%', '%2e', '%2f', '%5c', '%00', '%E0', '%A4', 'ui.html', 'engine.html', '?', '#', 'é', '\\'];
    for (let i = 0; i < 3_000; i++) {
      let tail = '';
      for (let p = 0; p < 1 + (i % 7); p++) tail += alphabet[Math.floor(Math.random() * alphabet.length)];
      const result = resolveAppRequest('/opt/r', `app://${i % 2 ? 'hearthline' : 'engine'}/${tail}`);
      assert.ok('status' in result || result.file.startsWith('/opt/r/'), tail);
    }
  });
});
