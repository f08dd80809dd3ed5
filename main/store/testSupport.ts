// For the tests of every feature that keeps data: a real encrypted store in a temp folder. Not a test file itself.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../log/logger';
import { openEncryptedStore, type StoreHandle } from './store';

export function tempStore(): StoreHandle & { dir: string; key: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-store-'));
  const key = randomBytes(32);
  return Object.assign(openEncryptedStore({ file: path.join(dir, 'hearthline.db'), key, log: silentLogger() }), { dir, key });
}
