// The engine Chromium must not outlive the headless host. Node has no parent-death signal, so Chromium
// is started through a few lines of sh: a watcher runs in the background, then the shell execs Chromium
// (same pid, so exit codes and signals behave as before) as the leader of its own process group. When the
// host's pid is gone the watcher ends the whole group (browser and helpers): TERM, then KILL. Profiles
// carry their host's pid, so the next host can sweep those whose owner is dead.
import { readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PROFILE_PREFIX = 'hearthline-engine-';

/** mkdtemp prefix for a profile owned by this host. */
export function profilePrefix(hostPid: number, dir = os.tmpdir()): string {
  return path.join(dir, `${PROFILE_PREFIX}${hostPid}-`);
}

/** The owning host's pid, or undefined for names this build did not make (those are left alone). */
export function profileOwner(name: string): number | undefined {
  const match = /^hearthline-engine-(\d+)-[A-Za-z0-9]{6}$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Profile folder names whose owner is known and dead. Pure. */
export function staleProfiles(names: readonly string[], isAlive: (pid: number) => boolean): string[] {
  return names.filter((name) => {
    const owner = profileOwner(name);
    return owner !== undefined && !isAlive(owner);
  });
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes profiles left by hosts that died without cleaning up; returns the folders removed. */
export function sweepStaleProfiles(dir = os.tmpdir(), isAlive = pidAlive): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const stale = staleProfiles(names, isAlive).map((name) => path.join(dir, name));
  for (const folder of stale) rmSync(folder, { recursive: true, force: true });
  return stale;
}

/**
 * Command and arguments that run `executable args…` as its own process-group leader with a watcher that
 * ends the group once `hostPid` is gone (spawn it with detached: true). $$ is the shell, which becomes
 * Chromium after exec; the watcher also stops as soon as Chromium has exited.
 */
export function watchedCommand(executable: string, args: readonly string[], hostPid: number, pollSeconds = 1): { command: string; args: string[] } {
  const script = [
    'host=$1; shift',
    '(',
    "  trap '' TERM",
    `  while kill -0 "$host" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep ${pollSeconds}; done`,
    '  if kill -0 $$ 2>/dev/null; then kill -TERM -$$ 2>/dev/null; sleep 3; kill -KILL -$$ 2>/dev/null; fi',
    // The watcher holds none of Chromium's DevTools pipe (fds 3 and 4), so the host sees it close with Chromium.
    ') </dev/null >/dev/null 2>&1 3>&- 4>&- &',
    'exec "$@"',
  ].join('\n');
  return { command: '/bin/sh', args: ['-c', script, 'hearthline-engine', String(hostPid), executable, ...args] };
}
