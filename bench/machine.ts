import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface MachineFacts {
  node: string;
  platform: string;
  kernel: string;
  arch: string;
  cpuModel: string;
  /** Logical CPUs the OS reports, and how many this process may use (cgroups, affinity). */
  cores: number;
  availableParallelism: number;
  totalMemoryBytes: number;
  /** 1-, 5- and 15-minute load averages when the run started: other work on the machine skews every figure. */
  loadAverageAtStart: number[];
}

export function machineFacts(): MachineFacts {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: platform(),
    kernel: release(),
    arch: arch(),
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    availableParallelism: availableParallelism(),
    totalMemoryBytes: totalmem(),
    loadAverageAtStart: loadavg().map(round2),
  };
}

export function currentLoadAverage(): number[] {
  return loadavg().map(round2);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function cpuTimes(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    // idle and iowait are the not-busy columns.
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/**
 * The share of all cores busy over `ms`, sampled while the bench itself is idle: what other work on the machine
 * takes. (The load average can't tell: during a measurement the bench's own three busy processes raise it.)
 * null where /proc/stat does not exist.
 */
export async function machineBusyShare(ms = 1_000): Promise<number | null> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuTimes();
  if (!before || !after || after.total === before.total) return null;
  return Math.round(((after.busy - before.busy) / (after.total - before.total)) * 100) / 100;
}

/** The commit the bench ran on, and whether the working tree had changes (then the figures are of that state). */
export function gitState(): { commit: string; dirty: boolean } | null {
  try {
    const run = (args: string[]) =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { commit: run(['rev-parse', 'HEAD']).trim(), dirty: run(['status', '--porcelain']).trim() !== '' };
  } catch {
    return null;
  }
}
