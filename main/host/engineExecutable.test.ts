import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineExecutable } from './engineExecutable';

const installed = (...files: string[]) => (file: string) => files.includes(file);

describe('engineExecutable', () => {
  it('runs the engine in the headless shell installed beside the configured Chromium', () => {
    assert.deepEqual(engineExecutable('/usr/lib/chromium/chromium', undefined, installed('/usr/lib/chromium/chromium-headless-shell')), {
      executable: '/usr/lib/chromium/chromium-headless-shell',
      headlessShell: true,
    });
    assert.equal(engineExecutable('/usr/lib/chromium/chromium', 'auto', installed('/usr/lib/chromium/chromium-headless-shell')).executable, '/usr/lib/chromium/chromium-headless-shell');
  });

  it('keeps the configured Chromium when no shell is installed there', () => {
    assert.deepEqual(engineExecutable('/opt/chromium/chrome', undefined, installed('/usr/lib/chromium/chromium-headless-shell')), {
      executable: '/opt/chromium/chrome',
      headlessShell: false,
    });
  });

  it('follows an explicit choice: the full browser, or a given path', () => {
    const shellThere = installed('/usr/lib/chromium/chromium-headless-shell');
    assert.deepEqual(engineExecutable('/usr/lib/chromium/chromium', 'browser', shellThere), { executable: '/usr/lib/chromium/chromium', headlessShell: false });
    assert.deepEqual(engineExecutable('/usr/lib/chromium/chromium', '/opt/shell/chromium-headless-shell', shellThere), {
      executable: '/opt/shell/chromium-headless-shell',
      headlessShell: true,
    });
  });
});
