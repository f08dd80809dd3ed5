// The Electron host itself, through Playwright's _electron. It needs the Electron binary, which this
// platform cannot download: the test then reports itself skipped, plainly, instead of passing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { _electron as electron } from 'playwright-core';
import { REPO_ROOT } from '../stack/audio';

function electronBinary(): string | undefined {
  try {
    const path = createRequire(join(REPO_ROOT, 'package.json'))('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined; // the package throws when its binary was never downloaded
  }
}

const binary = electronBinary();
const skip = binary ? false : 'no Electron binary installed (ELECTRON_SKIP_BINARY_DOWNLOAD); Electron-only checks not run';
if (skip) console.log(`electron.e2e: SKIPPED — ${skip}`);

describe('Electron host', () => {
  it('opens the UI with a locked-down renderer and the contract API', { skip }, async () => {
    const app = await electron.launch({ executablePath: binary!, args: [join(REPO_ROOT, 'dist', 'main', 'electron.js')], cwd: REPO_ROOT });
    try {
      const ui = await app.firstWindow();
      await ui.getByTestId('presence').waitFor();
      const prefs = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((window) => {
          // Undocumented but present at runtime; it is what Electron's own security guide tests against.
          const p = (window.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null }).getLastWebPreferences() ?? {};
          return { url: window.webContents.getURL(), contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity };
        }),
      );
      assert.ok(prefs.length >= 2, 'a UI window and a hidden call-engine window');
      for (const p of prefs) {
        assert.ok(/^app:\/\/(hearthline|engine)\//.test(String(p.url)), `served from app://, not file:// (${p.url})`);
        assert.deepEqual([p.contextIsolation, p.sandbox, p.nodeIntegration, p.webSecurity], [true, true, false, true]);
      }
      assert.equal(await ui.evaluate(() => typeof (window as unknown as { require?: unknown }).require), 'undefined');
      const opened = await ui.evaluate(() => window.open('https://example.com') === null);
      assert.ok(opened, 'window.open is denied');
    } finally {
      await app.close();
    }
  });
});
