// CPU and memory headroom for the readiness check: how busy the cores were over a short window (from
// os.cpus() tick counters, which unlike the load average is comparable across OSes) and free memory.
import os from 'node:os';
import type { SystemFigures } from './grading';

export interface SystemProbe {
  measure(windowMs: number): Promise<SystemFigures>;
}

interface CpuTimes {
  busy: number;
  total: number;
}

function cpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const { user, nice, sys, irq, idle } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  return { busy, total };
}

const MB = 1024 * 1024;

export const nodeSystemProbe: SystemProbe = {
  async measure(windowMs) {
    const before = cpuTimes();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = cpuTimes();
    const total = after.total - before.total;
    return {
      cpuBusyPercent: total > 0 ? ((after.busy - before.busy) / total) * 100 : 0,
      cpuCount: os.cpus().length,
      freeMemoryMb: os.freemem() / MB,
      totalMemoryMb: os.totalmem() / MB,
      appMemoryMb: process.memoryUsage().rss / MB,
    };
  },
};
