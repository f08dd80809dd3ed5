// The headless host as an operator runs it (`npm run host`): configured by HEARTHLINE_CONFIG alone,
// like the Electron app, and stopped again and again without a crash or anything left in the temp
// folder (the engine's Chromium profile is removed only once all its helper processes are gone).
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LocalStack } from '../stack/stack';
import { HeadlessApp } from './support/hearthline';

let stack: LocalStack;

before(async () => {
  stack = new LocalStack();
  await stack.start();
});
after(async () => {
  await stack?.stop();
});

describe('headless host', () => {
  it('reads its settings from HEARTHLINE_CONFIG without --config, and registers', async () => {
    const app = await HeadlessApp.startAgent(stack, { name: 'env-config', configVia: 'env' });
    try {
      assert.match((await app.ui.getByTestId('presence').textContent()) ?? '', /^Ready$/);
    } finally {
      await app.stop();
    }
  });

  it('stops cleanly every time: exit code 0 and no hearthline-engine-* folder left behind', async () => {
    // A temp folder for the host alone, so other programs' engine profiles do not count.
    const tmp = join(stack.runDir, 'host-tmp');
    mkdirSync(tmp, { recursive: true });
    const leftovers = () => readdirSync(tmp).filter((name) => name.startsWith('hearthline-engine-'));
    for (let round = 1; round <= 6; round += 1) {
      // Registered and Ready: the engine's Chromium (and its helpers) are busy with the profile.
      const app = await HeadlessApp.startAgent(stack, { name: `stop-${round}`, env: { TMPDIR: tmp } });
      assert.equal(leftovers().length, 1, `round ${round}: the running engine has one profile`);
      const exitCode = await app.stop();
      assert.equal(exitCode, 0, `round ${round}: the host exited with ${exitCode}; see ${app.logFile}`);
      assert.deepEqual(leftovers(), [], `round ${round}: the engine profile was removed`);
    }
  });
});
