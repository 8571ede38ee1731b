/**
 * The postmaster's process: finding one left running by a Siyi that was killed (its child outlives it), and
 * stopping it cleanly.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { processIsAlive } from './data-dir';

export interface PostmasterPid {
  readonly pid: number;
  readonly dataDir: string;
  /** `ready`, `starting`, `stopping` or `standby` (PostgreSQL writes it on line 8). */
  readonly status: string;
}

export function readPostmasterPid(clusterDir: string): PostmasterPid | undefined {
  let text: string;
  try {
    text = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, dataDir: lines[1] ?? '', status: (lines[7] ?? '').trim() };
}

/** True only for a live postgres whose working directory (PostgreSQL changes into it) is `clusterDir`. */
export function isPostmasterOf(pid: number, clusterDir: string): boolean {
  if (!processIsAlive(pid)) return false;
  const wanted = realpathSync(clusterDir);
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return /postgres(\.exe)?$/.test(command[0] ?? '') && readlinkSync(`/proc/${pid}/cwd`) === wanted;
  } catch {
    // No /proc (macOS): the command line names the data directory we passed with -D.
    try {
      const command = execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
      return /postgres/.test(command) && (command.includes(wanted) || command.includes(clusterDir));
    } catch {
      return false;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (processIsAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

/**
 * Fast shutdown (SIGINT: running transactions roll back, then a checkpoint); immediate shutdown (SIGQUIT) if that
 * hangs, SIGKILL only as the last resort. Resolves once the process is gone.
 */
export async function stopPostmaster(pid: number, fastShutdownMs = 30_000): Promise<void> {
  const steps: [NodeJS.Signals, number][] = [
    ['SIGINT', fastShutdownMs],
    ['SIGQUIT', 10_000],
    ['SIGKILL', 10_000],
  ];
  for (const [signal, ms] of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitForExit(pid, ms)) return;
  }
  throw new Error(`the PostgreSQL server (PID ${pid}) did not stop`);
}

/**
 * A Siyi killed with `kill -9` leaves its PostgreSQL running. The caller holds the data directory's lock, so a
 * postmaster of this cluster is such an orphan: stop it cleanly before starting our own. A `postmaster.pid`
 * whose PID is dead or belongs to another program is stale and removed (PostgreSQL would refuse to start while
 * that PID is alive, even when it is not a postgres).
 */
export async function stopOrphanPostmaster(clusterDir: string): Promise<number | undefined> {
  const found = readPostmasterPid(clusterDir);
  if (!found) return undefined;
  const orphan = isPostmasterOf(found.pid, clusterDir);
  if (orphan) await stopPostmaster(found.pid);
  rmSync(join(clusterDir, 'postmaster.pid'), { force: true });
  return orphan ? found.pid : undefined;
}
