// Builds the pocketsphinx streaming helper (native/psstream.c) with gcc against Debian's libpocketsphinx
// on first use, into the agent's own 0700 cache folder (never the working directory), keyed by the
// source's hash. A binary found there runs only if it is ours and nobody else can have written it;
// otherwise it is rebuilt. Packaged apps ship the binary instead (HEARTHLINE_PSSTREAM points at it).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
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
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error('the pocketsphinx helper source (psstream.c) is missing from this build');
  return found;
}

const building = new Map<string, Promise<string>>();

/** The agent's own cache folder for the helper ($XDG_CACHE_HOME or ~/.cache, then hearthline/psstream). */
export function psstreamCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'hearthline', 'psstream');
}

/** Ours, a plain file or folder, and writable by nobody else. */
function trustworthy(target: string, kind: 'file' | 'folder'): boolean {
  const stat = lstatSync(target);
  const ours = process.getuid === undefined || stat.uid === process.getuid();
  return ours && (kind === 'file' ? stat.isFile() : stat.isDirectory()) && (stat.mode & 0o022) === 0;
}

/** The cache folder, created 0700; a folder of ours that others could write is tightened, anyone else's refused. */
function privateCacheDir(cacheDir: string): void {
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  if (trustworthy(cacheDir, 'folder')) return;
  const stat = lstatSync(cacheDir);
  if (!stat.isDirectory() || (process.getuid !== undefined && stat.uid !== process.getuid())) {
    throw new Error(`the pocketsphinx helper folder ${cacheDir} is not ours and may be writable by others; not using it`);
  }
  chmodSync(cacheDir, 0o700);
}

/** Path of a built helper, compiling it if needed. Rejects with a plain-words reason. */
export async function ensurePsstream(cacheDir = psstreamCacheDir()): Promise<string> {
  const prebuilt = process.env.HEARTHLINE_PSSTREAM;
  if (prebuilt) {
    if (!existsSync(prebuilt)) throw new Error(`HEARTHLINE_PSSTREAM points at ${prebuilt}, which does not exist`);
    return prebuilt;
  }
  const source = psstreamSource();
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const binary = join(cacheDir, `psstream-${hash}`);
  privateCacheDir(cacheDir);
  if (existsSync(binary)) {
    if (trustworthy(binary, 'file')) return binary;
    rmSync(binary, { force: true, recursive: true }); // someone else could have written it: build our own
  }
  let pending = building.get(binary);
  if (!pending) {
    pending = (async () => {
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
        chmodSync(tmp, 0o700);
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
