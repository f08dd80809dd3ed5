// Builds the pocketsphinx streaming helper (native/psstream.c) with gcc against Debian's libpocketsphinx
// on first use, into a cache folder keyed by the source's hash. Packaged apps ship the binary instead
// (HEARTHLINE_PSSTREAM points at it).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const POCKETSPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

export interface PocketsphinxModel {
  hmm: string;
  lm: string;
  dict: string;
}

export function defaultModel(dir = POCKETSPHINX_MODEL_DIR): PocketsphinxModel {
  return { hmm: join(dir, 'en-us'), lm: join(dir, 'en-us.lm.bin'), dict: join(dir, 'cmudict-en-us.dict') };
}

/** The C source; found next to this file in the repo, or under the app's resources when bundled. */
export function psstreamSource(): string {
  const candidates = [
    resolve(__dirname, 'native', 'psstream.c'),
    resolve(__dirname, '..', '..', 'main', 'assist', 'asr', 'native', 'psstream.c'),
    resolve(process.cwd(), 'main', 'assist', 'asr', 'native', 'psstream.c'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error('the pocketsphinx helper source (psstream.c) is missing from this build');
  return found;
}

const building = new Map<string, Promise<string>>();

/** Path of a built helper, compiling it if needed. Rejects with a plain-words reason. */
export async function ensurePsstream(cacheDir = resolve(process.cwd(), '.cache', 'psstream')): Promise<string> {
  const prebuilt = process.env.HEARTHLINE_PSSTREAM;
  if (prebuilt) {
    if (!existsSync(prebuilt)) throw new Error(`HEARTHLINE_PSSTREAM points at ${prebuilt}, which does not exist`);
    return prebuilt;
  }
  const source = psstreamSource();
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const binary = join(cacheDir, `psstream-${hash}`);
  if (existsSync(binary)) return binary;
  let pending = building.get(binary);
  if (!pending) {
    pending = (async () => {
      mkdirSync(cacheDir, { recursive: true });
      let flags: string[];
      try {
        const { stdout } = await run('pkg-config', ['--cflags', '--libs', 'pocketsphinx', 'sphinxbase']);
        flags = stdout.trim().split(/\s+/);
      } catch {
        throw new Error('pocketsphinx development files are not installed (Debian: libpocketsphinx-dev libsphinxbase-dev)');
      }
      const tmp = `${binary}.${process.pid}.tmp`;
      try {
        await run('gcc', ['-O2', '-o', tmp, source, ...flags]);
      } catch (error) {
        throw new Error(`could not compile the pocketsphinx helper: ${(error as { stderr?: string }).stderr ?? String(error)}`);
      }
      renameSync(tmp, binary);
      return binary;
    })().finally(() => building.delete(binary));
    building.set(binary, pending);
  }
  return pending;
}
