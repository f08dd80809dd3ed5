import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuTicksOfGroup, parseStat, sharesBetween, tree, type ProcessInfo } from './processes';

/** A /proc/<pid>/stat line with the given parent and utime/stime (the other fields as Linux prints them). */
const statLine = (pid: number, comm: string, ppid: number, utime: number, stime: number) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 1234 0 0 0 ${utime} ${stime} 0 0 20 0 12 0 5000 123456789 4567 18446744073709551615`;

const table = (...infos: ProcessInfo[]) => new Map(infos.map((info) => [info.pid, info]));
const proc = (pid: number, ppid: number, cpuTicks: number, pgrp = pid): ProcessInfo => ({ pid, ppid, pgrp, comm: 'x', cpuTicks });

describe('process CPU from /proc', () => {
  it('reads parent and CPU ticks (utime + stime) from a stat line', () => {
    assert.deepEqual(parseStat(statLine(4242, 'node', 1, 150, 50)), { pid: 4242, ppid: 1, pgrp: 4242, comm: 'node', cpuTicks: 200 });
  });

  it('reads a command name holding spaces and parentheses', () => {
    assert.deepEqual(parseStat(statLine(77, 'chromium (gpu) x)', 12, 3, 4)), { pid: 77, ppid: 12, pgrp: 77, comm: 'chromium (gpu) x)', cpuTicks: 7 });
  });

  it('adds up the CPU of one process group, not of others', () => {
    const processes = table(proc(10, 1, 5, 10), proc(11, 10, 7, 10), proc(12, 10, 100, 12), proc(20, 1, 50, 20));
    assert.equal(cpuTicksOfGroup(processes, 10), 12);
    assert.equal(cpuTicksOfGroup(processes, 99), 0);
  });

  it('refuses a line that is not a stat line', () => {
    assert.equal(parseStat(''), undefined);
    assert.equal(parseStat('not a stat line'), undefined);
  });

  it('finds a process and every descendant, not its siblings', () => {
    const processes = table(proc(1, 0, 0), proc(10, 1, 0), proc(11, 10, 0), proc(12, 11, 0), proc(20, 1, 0));
    assert.deepEqual(tree(processes, 10).sort(), [10, 11, 12]);
    assert.deepEqual(tree(processes, 99), []);
  });

  it('gives each group its share of one core, the excluded subtree (the engine under main) apart', () => {
    // main 10 with a helper 11 and the engine browser 12 (renderer 13); the UI's browser 20.
    const before = table(proc(10, 1, 100), proc(11, 10, 0), proc(12, 10, 500), proc(13, 12, 1000), proc(20, 1, 0));
    // Two seconds later; the engine started a utility process 14 meanwhile.
    const after = table(proc(10, 1, 120), proc(11, 10, 30), proc(12, 10, 510), proc(13, 12, 1090), proc(14, 12, 20), proc(20, 1, 40));
    const shares = sharesBetween(before, after, { main: { roots: [10], exclude: [12] }, engine: { roots: [12] }, ui: { roots: [20] } }, 2);
    // 100 ticks a second: main (20 + 30) / 2 s = 25 %, engine (10 + 90 + 20) / 2 s = 60 %, UI 20 %.
    assert.deepEqual(shares, { main: 25, engine: 60, ui: 20 });
  });
});
