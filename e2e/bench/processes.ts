// CPU time of process trees, read from /proc (the bench runs in e2e/run.sh's PID namespace, so every
// process it sees is the stack's, the bench's or the app's). Linux only, like the rest of the stack.
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: /proc reports CPU time in these ticks (100 on every Linux this runs on). */
const TICKS_PER_SECOND = 100;

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Process group (a browser the host launched leads its own, helpers included). */
  pgrp: number;
  comm: string;
  /** utime + stime, in ticks. */
  cpuTicks: number;
}

/** One /proc/<pid>/stat line; undefined when it is not one. */
export function parseStat(stat: string): ProcessInfo | undefined {
  // comm is in parentheses and may hold spaces and parentheses: split after the last ')'.
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  // After "pid (comm) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
  const fields = stat.slice(close + 2).split(' ');
  const info = { pid: Number(stat.slice(0, open).trim()), ppid: Number(fields[1]), pgrp: Number(fields[2]), comm: stat.slice(open + 1, close), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  return Number.isInteger(info.pid) && Number.isInteger(info.ppid) && Number.isFinite(info.cpuTicks) ? info : undefined;
}

function readProcesses(): Map<number, ProcessInfo> {
  const out = new Map<number, ProcessInfo>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const info = parseStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (info) out.set(info.pid, info);
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** utime + stime of every process in process group `group`, in ticks. */
export function cpuTicksOfGroup(processes: ReadonlyMap<number, ProcessInfo>, group: number): number {
  let total = 0;
  for (const info of processes.values()) if (info.pgrp === group) total += info.cpuTicks;
  return total;
}

/** utime + stime of every process now in process group `group` (the engine browser and its helpers), in ticks. */
export const groupCpuTicks = (group: number): number => cpuTicksOfGroup(readProcesses(), group);

/** The pid and every descendant of it. */
export function tree(processes: Map<number, ProcessInfo>, root: number): number[] {
  const children = new Map<number, number[]>();
  for (const info of processes.values()) children.set(info.ppid, [...(children.get(info.ppid) ?? []), info.pid]);
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (!processes.has(pid)) continue;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Direct children of `parent` whose command name matches (e.g. the browsers this process launched). */
export function childPids(parent: number, comm: RegExp): number[] {
  return [...readProcesses().values()].filter((info) => info.ppid === parent && comm.test(info.comm)).map((info) => info.pid);
}

/**
 * Share of one core each named group of process trees used over `windowMs` (100 = one core busy).
 * A group's trees are given by their root pids; `exclude` roots are subtracted (the engine's browser is
 * a child of the host's Node process but reported apart).
 */
export async function cpuShares(groups: Record<string, { roots: number[]; exclude?: number[] }>, windowMs: number): Promise<Record<string, number>> {
  const before = readProcesses();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  return sharesBetween(before, readProcesses(), groups, (performance.now() - started) / 1000);
}

/**
 * The shares of `cpuShares` from two readings `seconds` apart. A group's processes are those alive at the
 * second reading; one born in between counts from zero (a helper the app started meanwhile is its cost).
 */
export function sharesBetween(
  before: Map<number, ProcessInfo>,
  after: Map<number, ProcessInfo>,
  groups: Record<string, { roots: number[]; exclude?: number[] }>,
  seconds: number,
): Record<string, number> {
  const pidsOf = (group: { roots: number[]; exclude?: number[] }) => {
    const excluded = new Set((group.exclude ?? []).flatMap((root) => tree(after, root)));
    return [...new Set(group.roots.flatMap((root) => tree(after, root)))].filter((pid) => !excluded.has(pid));
  };
  const out: Record<string, number> = {};
  for (const [name, group] of Object.entries(groups)) {
    let ticks = 0;
    for (const pid of pidsOf(group)) ticks += after.get(pid)!.cpuTicks - (before.get(pid)?.cpuTicks ?? 0);
    out[name] = (ticks / TICKS_PER_SECOND / seconds) * 100;
  }
  return out;
}

/** The load average over the last minute (the machine is shared: figures are read against it). */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** What a Chromium process is for (--type, and a utility's --utility-sub-type), "browser" without one; else its command name. */
function processKind(info: ProcessInfo): string {
  if (!/chrom/i.test(info.comm)) return info.comm;
  let command: string;
  try {
    // Chromium rewrites its helpers' command lines as one space-separated string.
    command = readFileSync(`/proc/${info.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return info.comm;
  }
  const type = /--type=(\S+)/.exec(command)?.[1];
  if (!type) return 'browser';
  const sub = /--utility-sub-type=(\S+)/.exec(command)?.[1];
  const extension = /--extension-process/.test(command) ? ' (extension)' : '';
  return `${type}${sub ? ` ${sub.split('.')[0]}` : ''}${extension}`;
}

/**
 * CPU time (ms) the live processes of these trees have used since they started, `exclude` trees left out,
 * by kind of process (processKind) and in total (`total`).
 */
export function treeCpuMs(roots: readonly number[], exclude: readonly number[] = []): Record<string, number> {
  const processes = readProcesses();
  const excluded = new Set(exclude.flatMap((root) => tree(processes, root)));
  const out: Record<string, number> = { total: 0 };
  for (const pid of roots.flatMap((root) => tree(processes, root)).filter((candidate) => !excluded.has(candidate))) {
    const info = processes.get(pid)!;
    const ms = (info.cpuTicks / TICKS_PER_SECOND) * 1000;
    const kind = processKind(info);
    out[kind] = (out[kind] ?? 0) + ms;
    out.total! += ms;
  }
  return out;
}
