// IT management as an agent meets it: the headless host started with a machine policy file (the Linux
// source, read through the real file), the Settings panel in a real browser, and a diagnostics export.
// No SIP stack is needed: the policy refuses the agent's insecure ws:// account before it is used.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { ensureTestAudio } from '../stack/audio';
import { HeadlessApp } from './support/hearthline';
import { saveScreenshot } from './support/screenshots';

const TOKEN = 'e2e-upload-token-0b9c4d';
let app: HeadlessApp;
let logDir: string;

before(async () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'hl-e2e-settings-'));
  chmodSync(dir, 0o755);
  const policyFile = join(dir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({ sipTransport: 'wss', autoAnswer: false, updateMode: 'notify', gatewayUrl: 'https://gateway.contact.example.com', diagnosticsUploadToken: TOKEN }),
    { mode: 0o644 },
  );
  logDir = join(dir, 'logs');
  mkdirSync(logDir);
  const audio = await ensureTestAudio();
  app = await HeadlessApp.start({
    name: 'settings',
    runDir: join(dir, 'run'),
    fakeMicWav: audio.agentTone,
    // A plain ws:// server on another machine, which the agent opted into but IT's wss policy refuses.
    config: { sip: { wsUri: 'ws://sip.contact.example.com:5999', sipUri: 'sip:1001@contact.example.com', password: 'secret1001', displayName: 'Ada (1001)' }, allowInsecureTransport: true },
    extraArgs: ['--policy-file', policyFile, '--log-dir', logDir],
  });
});
after(async () => {
  await app?.stop();
});

describe('IT management in the app', () => {
  it('tells the agent their insecure phone account was refused by policy', async () => {
    const notice = app.ui.getByTestId('notice').filter({ hasText: 'Your phone account was not used' });
    await notice.waitFor({ timeout: 15_000 });
    assert.match(await notice.innerText(), /not a secure \(wss:\/\/\) server/);
  });

  it('shows policy-set settings read-only as managed by the organisation, and saves the agent’s own', async () => {
    await app.ui.getByTestId('settings-open').click();
    const autoAnswer = app.ui.getByTestId('setting-autoAnswer');
    await autoAnswer.waitFor();
    assert.match(await autoAnswer.innerText(), /Managed by your organisation/);
    assert.equal(await autoAnswer.getByRole('switch').isDisabled(), true);
    assert.match(await app.ui.getByTestId('setting-updateMode').innerText(), /Managed by your organisation/);
    assert.match(await app.ui.getByTestId('setting-gatewayUrl').innerText(), /gateway\.contact\.example\.com/);
    assert.doesNotMatch(await app.ui.getByTestId('settings-panel').innerText(), new RegExp(TOKEN));

    const wrapUp = app.ui.getByTestId('setting-wrapUpSeconds');
    assert.doesNotMatch(await wrapUp.innerText(), /Managed/);
    await wrapUp.getByRole('textbox').fill('45');
    await wrapUp.getByRole('textbox').press('Enter');
    await app.ui.getByTestId('update-status').filter({ hasText: 'does not update itself' }).waitFor();
    await saveScreenshot(app.ui, 'settings-managed');

    await app.ui.getByRole('button', { name: 'Close settings' }).click();
    await app.ui.getByTestId('settings-open').click();
    await app.ui.getByTestId('setting-wrapUpSeconds').getByRole('textbox').and(app.ui.locator('[value="45"]')).waitFor({ timeout: 5_000 });
  });

  it('exports a diagnostics bundle without the upload token', async () => {
    await app.ui.getByTestId('export-diagnostics').click();
    const result = app.ui.getByTestId('diagnostics-result');
    await result.waitFor({ timeout: 15_000 });
    const file = /Saved to (.+\.zip)\./.exec(await result.innerText())?.[1] ?? '';
    assert.ok(existsSync(file), `bundle at ${file}`);
    const entries = Object.entries(unzipSync(readFileSync(file))).map(([name, data]) => [name, strFromU8(data)] as const);
    assert.ok(entries.some(([name]) => name === 'logs/hearthline.log'), 'the host log is in the bundle');
    for (const [name, text] of entries) assert.doesNotMatch(text, new RegExp(TOKEN), name);
    assert.match(entries.find(([name]) => name === 'policy.json')?.[1] ?? '', /"sipTransport": "wss"/);
  });
});
