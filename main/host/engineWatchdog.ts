// The engine Chromium must not outlive the headless host. Node has no parent-death signal, so Chromium
// is started through a few lines of sh: a watcher runs in the background, then the shell execs Chromium
// (same pid, so exit codes and signals behave as before) as the leader of its own process group. When the
// host's pid is gone the watcher ends the whole group (browser and helpers): TERM, then KILL.
//
// A host killed with -9 leaves its profile behind, so the next host sweeps profiles whose owner is dead.
// A pid cannot tell: hosts in other PID namespaces (containers, parallel test runs sharing /tmp) have pids
// that mean nothing here, or name some unrelated live process. So each host holds a lock only a live owner
// can hold: it listens on a Unix socket inside its profile. The kernel closes that socket when the process
// dies, however it dies, and a path-bound socket is reachable from any namespace that sees the folder.
// Connection refused = owner dead; connected = alive; anything else (no socket yet, an older build's
// profile, no permission) = unsure, and an unsure profile is kept.
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const PROFILE_PREFIX = 'hearthline-engine-';
const OWNER_SOCKET = 'owner.sock';

/** mkdtemp prefix for a profile owned by this host (the pid is only there for people reading /tmp). */
export function profilePrefix(hostPid: number, dir = os.tmpdir()): string {
  return path.join(dir, `${PROFILE_PREFIX}${hostPid}-`);
}

/** Whether a folder name is one of this app's engine profiles (anything else is left alone). */
export function isEngineProfile(name: string): boolean {
  return /^hearthline-engine-\d+-[A-Za-z0-9]{6}$/.test(name);
}

export type OwnerState = 'alive' | 'dead' | 'unknown';

/** How a connection attempt to the owner socket ended, as an owner state. Pure. */
export function ownerStateFromConnect(outcome: 'connected' | 'timeout' | NodeJS.ErrnoException): OwnerState {
  if (outcome === 'connected') return 'alive';
  if (outcome === 'timeout') return 'unknown';
  return outcome.code === 'ECONNREFUSED' ? 'dead' : 'unknown';
}

/** The profile folders among `names` to remove: engine profiles whose owner is known to be dead. Pure. */
export function staleProfiles(names: readonly string[], ownerOf: (name: string) => OwnerState): string[] {
  return names.filter((name) => isEngineProfile(name) && ownerOf(name) === 'dead');
}

export interface ProfileLock {
  release(): Promise<void>;
}

/**
 * Holds `profileDir`'s owner lock for as long as this process lives (or until released). Resolves
 * undefined when the socket cannot be made (e.g. a TMPDIR path too long for a socket): the profile is
 * then kept by sweepers if this host is killed, never removed under a live host.
 */
export function holdProfileLock(profileDir: string): Promise<ProfileLock | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => socket.destroy());
    server.once('error', () => resolve(undefined));
    server.listen(path.join(profileDir, OWNER_SOCKET), () => {
      server.unref(); // the lock never keeps the host alive
      resolve({ release: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

/** Asks the profile's owner socket whether its owner lives. */
export function probeOwner(profileDir: string, timeoutMs = 2_000): Promise<OwnerState> {
  return new Promise((resolve) => {
    const socket = net.connect(path.join(profileDir, OWNER_SOCKET));
    const finish = (outcome: 'connected' | 'timeout' | NodeJS.ErrnoException): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ownerStateFromConnect(outcome));
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.once('connect', () => finish('connected'));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(error));
  });
}

/** Removes profiles left by hosts that died without cleaning up; returns the folders removed. Never throws. */
export async function sweepStaleProfiles(dir = os.tmpdir(), probe: (profileDir: string) => Promise<OwnerState> = probeOwner): Promise<string[]> {
  let names: string[];
  try {
    names = readdirSync(dir).filter(isEngineProfile).filter((name) => ownedByMe(path.join(dir, name)));
  } catch {
    return [];
  }
  const states = new Map(await Promise.all(names.map(async (name) => [name, await probe(path.join(dir, name))] as const)));
  const removed: string[] = [];
  for (const name of staleProfiles(names, (candidate) => states.get(candidate) ?? 'unknown')) {
    const folder = path.join(dir, name);
    try {
      rmSync(folder, { recursive: true, force: true });
      removed.push(folder);
    } catch {
      // Removed by its owner's sweep in another host meanwhile, or not ours to remove: the next start tries again.
    }
  }
  return removed;
}

/** Another user's profile is not ours to judge or remove (and could not be removed anyway). */
function ownedByMe(folder: string): boolean {
  const stat = lstatSync(folder, { throwIfNoEntry: false });
  return stat !== undefined && stat.isDirectory() && (process.getuid === undefined || stat.uid === process.getuid());
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
