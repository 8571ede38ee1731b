import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, startEmbeddedPostgres } from './embedded-postgres';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'siyi-lock-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the data directory lock', () => {
  it('refuses a directory held by a live process, naming it in Chinese and English', async () => {
    const dir = tempDir();
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, 'siyi.lock'), String(holder.pid));
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(
        new RegExp(`正被另一个 Siyi 进程 \\(PID ${holder.pid}\\).*in use by another`, 's'),
      );
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a dead process, with PGlite’s stale postmaster.pid', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'siyi.lock'), '999999');
    writeFileSync(join(dir, 'postmaster.pid'), '-42');
    const unlock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'siyi.lock'), 'utf8')).toBe(String(process.pid));
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    unlock();
    expect(existsSync(join(dir, 'siyi.lock'))).toBe(false);
  });
});

describe('the embedded database process', () => {
  it('keeps committed data across a clean stop and start, and locks the directory while running', async () => {
    const dir = tempDir();
    const first = await startEmbeddedPostgres({ dataDir: dir });
    const client = new pg.Client({ host: first.host, port: first.port, user: 'postgres', database: 'postgres' });
    await client.connect();
    await client.query('create table kept (v text)');
    await client.query(`insert into kept values ('四意')`);
    await client.end();
    await expect(startEmbeddedPostgres({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    expect(first.isRunning()).toBe(true);
    await first.stop();
    expect(first.isRunning()).toBe(false);
    expect(existsSync(join(dir, 'siyi.lock'))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir: dir });
    const again = new pg.Client({ host: second.host, port: second.port, user: 'postgres', database: 'postgres' });
    await again.connect();
    const { rows } = await again.query('select v from kept');
    await again.end();
    await second.stop();
    expect(rows).toEqual([{ v: '四意' }]);
  });
});
