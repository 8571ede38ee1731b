import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_OS_USER, databaseOsUser } from './data-dir';
import { DataDirLockedError, LegacyDataDirError, lockDataDir, startEmbeddedPostgres } from './embedded-postgres';

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
