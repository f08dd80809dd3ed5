import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { speechToolsMissing, speechWav } from './speech';

describe('test speech', { skip: speechToolsMissing() }, () => {
  it('is the same audio every time it is made, so a recogniser test hears what it heard last time', async () => {
    const script = ['My card number is four one one one.', { pause: 0.3 }, 'Thanks.'];
    const dirs = [mkdtempSync(join(tmpdir(), 'speech-a-')), mkdtempSync(join(tmpdir(), 'speech-b-'))];
    try {
      const files = await Promise.all(dirs.map((dir) => speechWav(script, { dir, rate: 48000, totalSeconds: 4 })));
      const [first, second] = files.map((file) => readFileSync(file));
      assert.ok(first && second && first.equals(second), 'two makings of the same script differ (sox dithers at random unless run with -R)');
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
