/**
 * The embedded database's data directory (`SIYI_DATA_DIR`): its layout, the app's lock, the OS user that owns it,
 * and the checks that turn a directory we cannot use into a plain message in Chinese and English.
 *
 *   <dataDir>/            0700, owned by the database user
 *     siyi.lock           the PID of the Siyi process using the directory
 *     postgresql/         the PostgreSQL cluster (initdb)
 *     run/                the Unix socket directory (falls back to a private temporary directory for long paths)
 *     postgresql.log      the server's log
 *
 * Started as root on a directory the database user cannot reach, `postgresql/` and `run/` live elsewhere and the
 * data directory holds a pointer to them (cluster-place.ts).
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

const LOCK_FILE = 'siyi.lock';
/** The OS user the embedded PostgreSQL runs as when Siyi is started as root (PostgreSQL refuses root). */
export const DATABASE_OS_USER = 'siyi-db';

export interface DataDirLayout {
  readonly dataDir: string;
  readonly lockFile: string;
  readonly clusterDir: string;
  readonly socketDir: string;
  readonly logFile: string;
}

export function dataDirLayout(dataDir: string): DataDirLayout {
  return {
    dataDir,
    lockFile: join(dataDir, LOCK_FILE),
    clusterDir: join(dataDir, 'postgresql'),
    socketDir: join(dataDir, 'run'),
    logFile: join(dataDir, 'postgresql.log'),
  };
}

/** Linux keeps a Unix socket path under 108 bytes with its terminating NUL; macOS under 104. */
export const MAX_SOCKET_PATH = 103;

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被另一个 Siyi 进程（PID ${pid}）使用。请先停止它，或用 SIYI_DATA_DIR 指定另一个目录。\n` +
        `The data directory ${dataDir} is in use by another Siyi process (PID ${pid}). Stop it first, or set SIYI_DATA_DIR to another directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** A data directory written by the previous embedded engine (PGlite): a bare cluster at the top level. */
export class LegacyDataDirError extends Error {
  constructor(readonly dataDir: string) {
    const aside = `${dataDir}.pglite-old`;
    super(
      `数据目录 ${dataDir} 是旧版本（PGlite 嵌入式数据库）留下的，新版本使用真正的 PostgreSQL，无法打开它。\n` +
        '其中只有演示数据，没有需要保留的真实数据。请把它移开，再启动，演示城市会自动重新载入：\n' +
        `    mv "${dataDir}" "${aside}" && npm start\n` +
        '确认不再需要后可以删除旧目录。\n' +
        `The data directory ${dataDir} was written by the previous version (the PGlite embedded database); this version runs real PostgreSQL and cannot open it.\n` +
        'It holds demo data only, nothing real. Move it aside and start again; the demo city is loaded afresh:\n' +
        `    mv "${dataDir}" "${aside}" && npm start\n` +
        'Delete the old directory once you no longer need it.',
    );
    this.name = 'LegacyDataDirError';
  }
}

export class DataDirUnreachableError extends Error {
  constructor(
    readonly path: string,
    readonly blockedAt: string,
    readonly user: string,
  ) {
    super(
      `以 root 身份启动时，嵌入式 PostgreSQL 以系统用户 ${user} 运行，但该用户无法进入目录 ${blockedAt}（需要访问 ${path}）。\n` +
        `请用 SIYI_DATA_DIR 指定一个 ${user} 可以到达的目录，或以普通用户身份启动，或运行：chmod o+x "${blockedAt}"\n` +
        `Started as root, the embedded PostgreSQL runs as the system user ${user}, which cannot enter ${blockedAt} (needed for ${path}).\n` +
        `Set SIYI_DATA_DIR to a directory ${user} can reach, start Siyi as an ordinary user, or run: chmod o+x "${blockedAt}"`,
    );
    this.name = 'DataDirUnreachableError';
  }
}

/** PGlite kept its cluster directly in the data directory; this version keeps it in `postgresql/`. */
export function assertNotLegacy(dataDir: string): void {
  if (existsSync(join(dataDir, 'PG_VERSION'))) throw new LegacyDataDirError(dataDir);
}

/** Alive and not a zombie: a reparented child that nobody reaped still answers kill(pid, 0). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** When a process started (/proc/<pid>/stat field 22): tells a recycled PID apart, e.g. after a reboot. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** The lock's holder: alive, and the same process that wrote the lock (not a later one given its PID). */
function holdsLock(lock: string): number | undefined {
  const [pidText, startTime] = lock.trim().split(' ');
  const pid = Number.parseInt(pidText ?? '', 10);
  if (!Number.isInteger(pid) || pid === process.pid || !processIsAlive(pid)) return undefined;
  const now = processStartTime(pid);
  return startTime && now && startTime !== now ? undefined : pid;
}

const lockedHere = new Set<string>();

/**
 * Takes the data directory for this process: one Siyi per directory. A lock left by a dead process (or naming a
 * PID that now belongs to a later process) is taken over. The lock is released by the returned function or, at the latest, when this process exits — never
 * earlier, so a second server cannot start while this one still answers.
 */
export function lockDataDir(dataDir: string, owner?: OsUser): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = join(dataDir, LOCK_FILE);
  // This process may hold it already: the PID in the file cannot tell that apart from a recycled PID.
  if (lockedHere.has(lockPath)) throw new DataDirLockedError(dataDir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim());
      closeSync(fd);
      if (owner) chownSync(lockPath, owner.uid, owner.gid);
      lockedHere.add(lockPath);
      const release = () => {
        if (!lockedHere.delete(lockPath)) return;
        process.off('exit', release);
        try {
          const [holder] = readFileSync(lockPath, 'utf8').trim().split(' ');
          if (holder === String(process.pid)) rmSync(lockPath, { force: true });
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holdsLock(readFileSync(lockPath, 'utf8'));
      if (holder !== undefined) throw new DataDirLockedError(dataDir, holder);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

export interface OsUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

function findUser(name: string): OsUser | undefined {
  const id = (flag: '-u' | '-g') =>
    Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    return { name, uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/**
 * The user PostgreSQL runs as: ourselves, or — when started as root, which PostgreSQL refuses — the dedicated
 * system user `siyi-db`, created on first use without a home or a login shell.
 */
export function databaseOsUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = findUser(DATABASE_OS_USER);
  if (existing) return existing;
  execFileSync(
    'useradd',
    ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', DATABASE_OS_USER],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const created = findUser(DATABASE_OS_USER);
  if (!created) throw new Error(`could not create the system user ${DATABASE_OS_USER}`);
  return created;
}

/** The first directory on the way to `path` that `user` may not enter, if any (mode bits; ACLs are not read). */
export function blockedAncestor(path: string, user: OsUser): string | undefined {
  const ancestors: string[] = [];
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    ancestors.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of ancestors) {
    const stat = statSync(dir);
    const bit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return dir;
  }
  return undefined;
}

export function assertReachable(paths: string[], user: OsUser | undefined): void {
  if (!user) return;
  for (const path of paths) {
    const blocked = blockedAncestor(path, user);
    if (blocked) throw new DataDirUnreachableError(path, blocked, user.name);
  }
}

/** Makes `dir` a private directory of `user` (or of this process): 0700, and owned by the user. */
export function makePrivateDir(dir: string, user: OsUser | undefined): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (user) chownSync(dir, user.uid, user.gid);
}
