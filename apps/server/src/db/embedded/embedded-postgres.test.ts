import { spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CLUSTER_HOMES, clusterHomeFor, POINTER_FILE, prepareClusterPlace } from './cluster-place';
import { DATABASE_OS_USER, DataDirUnreachableError, databaseOsUser, dataDirLayout, processIsAlive } from './data-dir';
import {
  DataDirLockedError,
  type EmbeddedPostgres,
  LegacyDataDirError,
  lockDataDir,
  startEmbeddedPostgres,
} from './embedded-postgres';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'siyi-embedded-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return lstatSync(path).isDirectory() ? [path, ...walk(path)] : [path];
  });
}

describe('the data directory lock', () => {
  it('refuses a directory held by a live process, naming it in Chinese and English', async () => {
    const dir = tempDir();
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, 'siyi.lock'), String(holder.pid));
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(
        new RegExp(`正被另一个 Siyi 进程（PID ${holder.pid}）.*in use by another`, 's'),
      );
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a dead process and releases its own', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'siyi.lock'), '999999');
    const unlock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'siyi.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid} \\d+$`));
    unlock();
    expect(readdirSync(dir)).not.toContain('siyi.lock');
  });

  it('takes over a lock whose PID now belongs to a later process', () => {
    const dir = tempDir();
    const later = spawn('sleep', ['30']);
    try {
      // The lock's writer started at another moment than the process that now has its PID.
      writeFileSync(join(dir, 'siyi.lock'), `${later.pid} 1`);
      const unlock = lockDataDir(dir);
      expect(readFileSync(join(dir, 'siyi.lock'), 'utf8').split(' ')[0]).toBe(String(process.pid));
      unlock();
    } finally {
      later.kill();
    }
  });
});

describe('the embedded PostgreSQL', () => {
  it('keeps committed data across a clean stop and start, and locks the directory while running', async () => {
    const dir = tempDir();
    const first = await startEmbeddedPostgres({ dataDir: dir });
    const client = new pg.Client({ host: first.host, port: first.port, user: first.user, database: 'postgres' });
    await client.connect();
    await client.query('create table kept (v text)');
    await client.query(`insert into kept values ('四意')`);
    await client.end();
    await expect(startEmbeddedPostgres({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    expect(first.isRunning()).toBe(true);
    await first.stop();
    expect(first.isRunning()).toBe(false);
    expect(readdirSync(dir)).not.toContain('siyi.lock');

    const second = await startEmbeddedPostgres({ dataDir: dir });
    const again = new pg.Client({ host: second.host, port: second.port, user: second.user, database: 'postgres' });
    await again.connect();
    const { rows } = await again.query('select v from kept');
    await again.end();
    await second.stop();
    expect(rows).toEqual([{ v: '四意' }]);
  });

  it('listens on a private Unix socket only, and every file is its user’s alone', async () => {
    const dir = tempDir();
    const server = await startEmbeddedPostgres({ dataDir: dir });
    try {
      const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
      await client.connect();
      const settings = await client.query(
        `select current_setting('listen_addresses') as listen, inet_server_addr() as addr, current_user as role`,
      );
      await client.end();
      expect(settings.rows).toEqual([{ listen: '', addr: null, role: 'postgres' }]);
      expect(server.host.startsWith(dir)).toBe(true);

      const owner = databaseOsUser();
      // PostgreSQL refuses to run as root: as root it runs as the dedicated system user.
      if (process.getuid?.() === 0) expect(owner?.name).toBe(DATABASE_OS_USER);
      const uid = owner?.uid ?? process.getuid?.();
      const entries = [dir, ...walk(dir)];
      expect(entries.length).toBeGreaterThan(900);
      const exposed = entries.filter((path) => (lstatSync(path).mode & 0o077) !== 0);
      const foreign = entries.filter((path) => lstatSync(path).uid !== uid);
      expect(exposed).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('keeps its socket in a private temporary directory when the data directory’s path is too long for one', async () => {
    const dir = mkdtempSync(join(tmpdir(), `siyi-${'long-path-'.repeat(9)}`));
    dirs.push(dir);
    const server = await startEmbeddedPostgres({ dataDir: dir });
    const socketDir = server.host;
    try {
      expect(socketDir.startsWith(join(tmpdir(), 'siyi-pg-'))).toBe(true);
      expect(lstatSync(socketDir).mode & 0o777).toBe(0o700);
      const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
      await client.connect();
      await client.end();
    } finally {
      await server.stop();
    }
    expect(existsSync(socketDir)).toBe(false);
  });

  it('starts over a stale postmaster.pid whose PID now belongs to another program', async () => {
    const dir = tempDir();
    const first = await startEmbeddedPostgres({ dataDir: dir });
    await first.stop();
    const impostor = spawn('sleep', ['30']);
    try {
      writeFileSync(join(first.clusterDir, 'postmaster.pid'), `${impostor.pid}\n${first.clusterDir}\n`);
      const second = await startEmbeddedPostgres({ dataDir: dir });
      expect(second.pid).not.toBe(impostor.pid);
      expect(impostor.exitCode).toBeNull();
      await second.stop();
    } finally {
      impostor.kill();
    }
  });

  it('starts afresh over the leftovers of a first start killed during initdb', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'postgresql.initdb', 'base'), { recursive: true });
    writeFileSync(join(dir, 'postgresql.initdb', 'PG_VERSION'), '18\n');
    const server = await startEmbeddedPostgres({ dataDir: dir });
    try {
      expect(readdirSync(dir)).not.toContain('postgresql.initdb');
      expect(readFileSync(join(server.clusterDir, 'PG_VERSION'), 'utf8').trim()).toBe('18');
    } finally {
      await server.stop();
    }
  });

  it('recognises a data directory of the previous version (PGlite) and says what to do, in both languages', async () => {
    const dir = tempDir();
    // PGlite kept a bare PostgreSQL 18 cluster at the top of the data directory.
    writeFileSync(join(dir, 'PG_VERSION'), '18\n');
    mkdirSync(join(dir, 'base'));
    writeFileSync(join(dir, 'postgresql.conf'), '');
    const attempt = startEmbeddedPostgres({ dataDir: dir });
    await expect(attempt).rejects.toBeInstanceOf(LegacyDataDirError);
    await expect(attempt).rejects.toThrow(/旧版本（PGlite.*只有演示数据.*previous version.*demo data only/s);
    await expect(attempt).rejects.toThrow(`mv "${dir}" "${dir}.pglite-old" && npm start`);
    expect(readdirSync(dir).sort()).toEqual(['PG_VERSION', 'base', 'postgresql.conf']);
  });
});

/** The rows of `kept` (undefined when the table does not exist). */
async function keptRows(server: EmbeddedPostgres, insert?: string): Promise<string[] | undefined> {
  const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
  await client.connect();
  try {
    if (insert !== undefined) {
      await client.query('create table if not exists kept (v text)');
      await client.query('insert into kept values ($1)', [insert]);
    }
    const exists = await client.query(`select to_regclass('kept') is not null as exists`);
    if (!exists.rows[0].exists) return undefined;
    return (await client.query('select v from kept order by v')).rows.map((row) => row.v);
  } finally {
    await client.end();
  }
}

/**
 * A Siyi process on `dataDir` killed with `kill -9`: its PostgreSQL, in its own process group, outlives it.
 * Returns that orphaned postmaster's PID.
 */
async function orphanOf(dataDir: string): Promise<number> {
  const moduleUrl = new URL('./embedded-postgres.ts', import.meta.url).href;
  const app = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { startEmbeddedPostgres } = await import(${JSON.stringify(moduleUrl)});
       const server = await startEmbeddedPostgres({ dataDir: process.argv[1], durable: false });
       console.log('postmaster ' + server.pid);
       setInterval(() => {}, 1000);`,
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const pid = await new Promise<number>((resolvePid, reject) => {
    let out = '';
    app.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /postmaster (\d+)/.exec(out);
      if (found) resolvePid(Number(found[1]));
    });
    app.once('exit', (code) => reject(new Error(`the app exited (${code}) before its PostgreSQL was ready:\n${out}`)));
  });
  const exited = new Promise((resolveExit) => app.once('exit', resolveExit));
  app.kill('SIGKILL');
  await exited;
  expect(processIsAlive(pid)).toBe(true);
  return pid;
}

describe('a data directory out of the database user’s reach (as root: a checkout under /root)', () => {
  const homes: string[] = [];
  afterAll(() => {
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** `<private>/data`, where `<private>` is a fresh 0700 directory of this user, like /root. */
  function unreachableDataDir(): string {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir);
    homes.push(clusterHomeFor(dataDir));
    return dataDir;
  }
  const asRoot = process.getuid?.() === 0;

  it('starts, keeps its cluster in a private place of the database user and its data across restarts', async () => {
    const info = vi.spyOn(console, 'info');
    const dataDir = unreachableDataDir();
    const first = await startEmbeddedPostgres({ dataDir, durable: false });
    const home = clusterHomeFor(dataDir);
    try {
      expect(await keptRows(first, '四意')).toEqual(['四意']);
    } finally {
      await first.stop();
    }
    if (!asRoot) {
      // PostgreSQL runs as this very user, who can enter its own private directories: the cluster stays inside.
      expect(first.clusterDir).toBe(join(dataDir, 'postgresql'));
      return;
    }
    expect(first.clusterDir).toBe(join(home, 'postgresql'));
    expect(home.startsWith(`${CLUSTER_HOMES}/`)).toBe(true);
    expect(readFileSync(join(dataDir, POINTER_FILE), 'utf8').trim()).toBe(home);
    expect(info).toHaveBeenCalledWith(
      expect.stringContaining(`的数据库集群存放在 ${home}（siyi-db 可以进入的位置）。`),
    );
    expect(info).toHaveBeenCalledWith(expect.stringContaining(`lives in ${home}, where siyi-db can reach it.`));

    // The cluster's place: the database user's alone; the data directory: root's alone, holding no cluster.
    const user = databaseOsUser();
    const clusterFiles = [home, ...walk(home)];
    expect(clusterFiles.length).toBeGreaterThan(900);
    expect(clusterFiles.filter((path) => (lstatSync(path).mode & 0o077) !== 0)).toEqual([]);
    expect(clusterFiles.filter((path) => lstatSync(path).uid !== user?.uid)).toEqual([]);
    expect(readdirSync(dataDir).sort()).toEqual([POINTER_FILE, 'postgresql.log']);
    for (const path of [dataDir, ...walk(dataDir)]) {
      expect(lstatSync(path).uid).toBe(0);
      expect(lstatSync(path).mode & 0o077).toBe(0);
    }
    expect(lstatSync(CLUSTER_HOMES).mode & 0o777).toBe(0o711);
    expect(lstatSync(join(CLUSTER_HOMES, '..')).mode & 0o777).toBe(0o755);

    const second = await startEmbeddedPostgres({ dataDir, durable: false });
    try {
      expect(second.clusterDir).toBe(first.clusterDir);
      expect(second.host).toBe(join(home, 'run'));
      expect(await keptRows(second)).toEqual(['四意']);
    } finally {
      await second.stop();
    }
  });

  it('recovers the orphaned PostgreSQL after a kill -9 of its app, keeping the data', async () => {
    const warn = vi.spyOn(console, 'warn');
    const dataDir = unreachableDataDir();
    const first = await startEmbeddedPostgres({ dataDir, durable: false });
    await keptRows(first, 'before the kill');
    await first.stop();

    const orphan = await orphanOf(dataDir);
    const server = await startEmbeddedPostgres({ dataDir, durable: false });
    try {
      expect(warn).toHaveBeenCalledWith(
        `[siyi] stopped the embedded PostgreSQL (PID ${orphan}) left by a previous run`,
      );
      expect(processIsAlive(orphan)).toBe(false);
      expect(server.clusterDir).toBe(first.clusterDir);
      expect(await keptRows(server)).toEqual(['before the kill']);
    } finally {
      await server.stop();
    }
  });

  it('starts afresh once the data directory is removed, stopping a server the removed one left running', async () => {
    const dataDir = unreachableDataDir();
    const first = await startEmbeddedPostgres({ dataDir, durable: false });
    await keptRows(first, 'gone with the directory');
    await first.stop();
    const orphan = await orphanOf(dataDir);

    rmSync(dataDir, { recursive: true });
    mkdirSync(dataDir);
    const fresh = await startEmbeddedPostgres({ dataDir, durable: false });
    try {
      expect(processIsAlive(orphan)).toBe(false);
      expect(fresh.clusterDir).toBe(first.clusterDir);
      expect(await keptRows(fresh)).toBeUndefined();
    } finally {
      await fresh.stop();
    }
  });

  it('leaves the cluster of a moved data directory alone and starts the moved one afresh', async () => {
    const warn = vi.spyOn(console, 'warn');
    const dataDir = unreachableDataDir();
    const first = await startEmbeddedPostgres({ dataDir, durable: false });
    await keptRows(first, 'stays with the old path');
    await first.stop();
    const moved = `${dataDir}-moved`;
    renameSync(dataDir, moved);
    homes.push(clusterHomeFor(moved));

    const second = await startEmbeddedPostgres({ dataDir: moved, durable: false });
    try {
      if (!asRoot) {
        // Not root: the cluster is inside the data directory and moved with it.
        expect(await keptRows(second)).toEqual(['stays with the old path']);
        return;
      }
      expect(await keptRows(second)).toBeUndefined();
      expect(second.clusterDir).not.toBe(first.clusterDir);
      expect(existsSync(join(first.clusterDir, 'PG_VERSION'))).toBe(true);
      const former = dirname(first.clusterDir);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`原来的数据库集群 ${former} 保持不动`));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`its former cluster ${former} is left untouched`));
    } finally {
      await second.stop();
    }
  });

  it('never moves a cluster already inside a data directory that went out of reach: it says how to reach it', async () => {
    const dataDir = unreachableDataDir();
    mkdirSync(join(dataDir, 'postgresql'));
    writeFileSync(join(dataDir, 'postgresql', 'PG_VERSION'), '18\n');
    const attempt = prepareClusterPlace(dataDirLayout(dataDir), databaseOsUser());
    if (!asRoot) {
      expect((await attempt).clusterDir).toBe(join(dataDir, 'postgresql'));
      return;
    }
    await expect(attempt).rejects.toBeInstanceOf(DataDirUnreachableError);
    await expect(attempt).rejects.toThrow(/无法进入目录 .*cannot enter .*chmod o\+x/s);
    expect(existsSync(clusterHomeFor(dataDir))).toBe(false);
  });

  it('keeps clusters only in directories of root’s that no one else can write to or redirect', async () => {
    const user = databaseOsUser();
    const dataDir = unreachableDataDir();
    if (!user) {
      expect((await prepareClusterPlace(dataDirLayout(dataDir), user)).elsewhere).toBe(false);
      return;
    }
    // A /var/lib/siyi someone else made (here: the database user) is refused, not used.
    const foreign = join(tempDir(), 'var-lib-siyi');
    mkdirSync(foreign);
    chownSync(foreign, user.uid, user.gid);
    const homes = join(foreign, 'clusters');
    await expect(prepareClusterPlace(dataDirLayout(dataDir), user, homes)).rejects.toThrow(
      `${foreign} must be a directory owned by root`,
    );
    expect(existsSync(homes)).toBe(false);
    expect(existsSync(join(dataDir, POINTER_FILE))).toBe(false);
  });
});
