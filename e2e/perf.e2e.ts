// What a start and a call cost when IT has switched live transcription off: the agent sees "Starting…"
// and then Ready, never "Reconnecting…" (nothing was lost on a normal start), and the call engine opens
// no audio tap, worklet or cloned track for a call nobody transcribes. Speed itself is for `npm run bench`.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LocalStack } from '../stack/stack';
import { HeadlessApp } from './support/hearthline';
import { enginePage, finishWrapUp, waitForInboundAudio } from './support/softphone';

/**
 * Runs in the UI page before its own scripts: records every distinct text the page's status regions and
 * banners show, from the first paint on (window.hearthlineStatusTexts).
 */
const RECORD_STATUS_TEXTS = `(() => {
  const seen = [];
  window.hearthlineStatusTexts = seen;
  const record = () => {
    for (const element of document.querySelectorAll('[role="status"], [role="alert"], [data-testid="presence"], [data-testid="connection-banner"]')) {
      const text = (element.textContent || '').trim();
      if (text && seen[seen.length - 1] !== text && !seen.includes(text)) seen.push(text);
    }
  };
  new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

interface EngineTap {
  wanted: boolean;
  tapsOpened: number;
  legs: number;
  /** Messages of audio frames sent to main. */
  batchesSent: number;
}
interface EngineResources {
  workletNodes: number;
  liveTracks: number;
}

let stack: LocalStack;
let app: HeadlessApp;

before(async () => {
  stack = new LocalStack();
  await stack.start();
  const policyDir = mkdtempSync(join(os.tmpdir(), 'hl-e2e-perf-'));
  chmodSync(policyDir, 0o755);
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ asrProvider: 'off' }), { mode: 0o644 });
  app = await HeadlessApp.startAgent(stack, { extraArgs: ['--policy-file', policyFile], uiInitScript: RECORD_STATUS_TEXTS });
});
after(async () => {
  await app?.stop();
  await stack?.stop();
});

describe('a start and a call with transcription off by policy', () => {
  it('shows Starting… first and never Reconnecting… on a normal start', async () => {
    const shown = await app.ui.evaluate(() => (window as unknown as { hearthlineStatusTexts: string[] }).hearthlineStatusTexts);
    console.log(`status texts during start: ${JSON.stringify(shown)}`);
    assert.equal(shown[0], 'Starting…', 'the first thing shown says the app is starting');
    assert.ok(shown.includes('Ready'), 'the start ends Ready');
    assert.deepEqual(shown.filter((text) => /reconnect/i.test(text)), [], 'a normal start is not a reconnection');
  });

  it('opens no audio tap, worklet or cloned track for a call, and the call still has audio', async () => {
    const engine = await enginePage(app);
    const tap = () => engine.evaluate(() => (window as unknown as { hearthlineEngineDebug: { assistTap: () => EngineTap } }).hearthlineEngineDebug.assistTap());
    const resources = () => engine.evaluate(() => (window as unknown as { hearthlineEngineDebug: { resources: () => EngineResources } }).hearthlineEngineDebug.resources());
    const customer = stack.phone('1002');
    await app.answerCallFrom(customer, '1001');
    await waitForInboundAudio(app);
    assert.deepEqual(await tap(), { wanted: false, tapsOpened: 0, legs: 0, batchesSent: 0 });
    assert.equal((await resources()).workletNodes, 0, 'no worklet runs for the call');
    await app.ui.getByRole('button', { name: 'Hang up' }).click();
    await customer.waitFor('CALL_CLOSED');
    if (await app.ui.getByTestId('end-wrapup').isVisible()) await finishWrapUp(app);
    assert.equal((await tap()).tapsOpened, 0);
  });
});
