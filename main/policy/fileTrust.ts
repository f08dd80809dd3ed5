// Policy files count only when nobody but the trusted owner (root) can have written them: the file and
// the folder it sits in must be owned by that user and not writable by group or others.
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** Why the file cannot be trusted, or undefined when it can. Throws only if the file cannot be stat'ed. */
export async function untrustedBecause(file: string, trustedUid: number): Promise<string | undefined> {
  return describe(await stat(file), trustedUid, 'it') ?? describe(await stat(path.dirname(file)), trustedUid, 'its folder');
}

function describe(info: { uid: number; mode: number }, trustedUid: number, what: string): string | undefined {
  if (info.uid !== trustedUid) return `${what} is owned by uid ${info.uid}, not ${trustedUid === 0 ? 'root' : `uid ${trustedUid}`}`;
  if (info.mode & 0o022) return `${what} is writable by users other than its owner (mode ${(info.mode & 0o777).toString(8)})`;
  return undefined;
}
