import { type ChildProcess, fork } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST_SCRIPT = fileURLToPath(new URL('./pglite-host.mjs', import.meta.url));
const LOCK_FILE = 'siyi.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被另一个 Siyi 进程 (PID ${pid}) 使用。请先停止它,或用 SIYI_DATA_DIR 指定另一个目录。\n` +
        `The data directory ${dataDir} is in use by another Siyi process (PID ${pid}). Stop it first, or set SIYI_DATA_DIR to another directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory for this process: one process per PGlite directory, or it corrupts.
 * A lock left by a dead process is taken over, together with PGlite's own stale postmaster.pid.
 */
const lockedHere = new Set<string>();

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_FILE);
  // This process may hold it already: the PID in the file cannot tell that apart from a recycled PID.
  if (lockedHere.has(lockPath)) throw new DataDirLockedError(dataDir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      rmSync(join(dataDir, 'postmaster.pid'), { force: true });
      lockedHere.add(lockPath);
      return () => {
        lockedHere.delete(lockPath);
        try {
          if (readFileSync(lockPath, 'utf8').trim() === String(process.pid)) rmSync(lockPath, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

export interface EmbeddedPostgres {
  /** node-postgres connection settings for the Unix socket. */
  readonly host: string;
  readonly port: number;
  /** Answers from this process, without a query: the health check must not wait behind a slow query. */
  isRunning(): boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** A directory, or `memory://` for a throw-away database (tests). */
  dataDir: string;
  startTimeoutMs?: number;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const inMemory = options.dataDir === 'memory://';
  const unlock = inMemory ? () => {} : lockDataDir(options.dataDir);
  // Unix socket paths are limited to about 100 bytes, so the socket lives in a short private directory.
  const socketDir = mkdtempSync(join(tmpdir(), 'siyi-pg-'));
  const port = 5432;
  const socketPath = join(socketDir, `.s.PGSQL.${port}`);
  let child: ChildProcess;
  try {
    child = fork(HOST_SCRIPT, [options.dataDir, socketPath], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [],
    });
  } catch (error) {
    unlock();
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      unlock();
      rmSync(socketDir, { recursive: true, force: true });
      resolve();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the embedded database did not start in time'));
    }, options.startTimeoutMs ?? 120_000);
    child.on('message', (message: { type?: string; message?: string }) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (message?.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`the embedded database could not start: ${message.message ?? ''}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the embedded database exited during start-up (code ${code})`));
    });
  });

  return {
    host: socketDir,
    port,
    isRunning: () => !exited,
    async stop() {
      if (exited) return;
      child.send({ type: 'shutdown' });
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitedPromise;
      clearTimeout(killTimer);
    },
  };
}
