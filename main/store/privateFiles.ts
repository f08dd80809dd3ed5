// What Hearthline keeps on disk (databases and their SQLite side files, keys, device choices, logs) is
// for the agent's account only: files 0600 in folders 0700, whatever the umask, and files an older
// version left readable by others are tightened when next opened.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';

const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;
/** SQLite creates these next to a database with the database's own mode, so that must be 0600 first. */
const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];

/** Creates a missing folder (and missing parents) 0700. An existing folder is left as it is: it may be
 *  the agent's own (e.g. a --db path in their home), and the files in it are protected by their own mode. */
export function ensurePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: FOLDER_MODE });
}

/** Makes `file` exist with mode 0600 (creating its folder 0700), tightening it if it was looser. */
export function ensurePrivateFile(file: string): void {
  ensurePrivateFolder(path.dirname(file));
  try {
    closeSync(openSync(file, 'wx', FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  tighten(file);
}

/** A SQLite database file and whichever of its side files exist, all 0600 (created if missing). */
export function ensurePrivateDatabase(file: string): void {
  ensurePrivateFile(file);
  for (const suffix of SQLITE_SIDE_FILES) tighten(file + suffix);
}

function tighten(file: string): void {
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    return; // not there: nothing to tighten
  }
  if ((mode & 0o077) !== 0) chmodSync(file, mode & FILE_MODE);
}
