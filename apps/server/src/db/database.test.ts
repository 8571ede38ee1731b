import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../testing/test-database';
import { EMBEDDED_DATABASE, openDatabase, POOL_SIZE, runMigrations } from './database';

const targets = await databaseTargets();
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.each(targets)('the connection pool on $kind', (target) => {
  it('gives web requests a statement timeout of 15 s, and cancels a statement that outlasts its limit', async () => {
    const database = await target.open();
    try {
      const shown = await database.pool.query<{ statement_timeout: string }>('show statement_timeout');
      expect(shown.rows[0]?.statement_timeout).toBe('15s');
      const client = await database.pool.connect();
      try {
        await client.query(`set statement_timeout = '100ms'`);
        await expect(client.query('select pg_sleep(5)')).rejects.toMatchObject({ code: '57014' });
      } finally {
        await client.query('reset statement_timeout');
        client.release();
      }
      // Migrations run with their own, longer limit and leave the pool's connections as they found them.
      await runMigrations(database);
      const after = await database.pool.query<{ statement_timeout: string }>('show statement_timeout');
      expect(after.rows[0]?.statement_timeout).toBe('15s');
    } finally {
      await database.close();
    }
  });
});

describe('openDatabase on the embedded PostgreSQL', () => {
  it('opens the app database `siyi` through a pool of 10 connections that serve queries side by side', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'siyi-open-test-'));
    dirs.push(dir);
    const database = await openDatabase({ dataDir: dir });
    try {
      expect(database.kind).toBe('embedded');
      expect(database.pool.options.max).toBe(POOL_SIZE);
      expect(POOL_SIZE).toBe(10);
      // Ten sleeping statements at once: each holds its own connection, none waits for another.
      const backends = await Promise.all(
        Array.from({ length: POOL_SIZE }, () =>
          database.pool.query<{ pid: number; db: string }>(
            'select pg_backend_pid() as pid, current_database() as db from pg_sleep(0.3)',
          ),
        ),
      );
      expect(new Set(backends.map((r) => r.rows[0]?.pid)).size).toBe(POOL_SIZE);
      expect(new Set(backends.map((r) => r.rows[0]?.db))).toEqual(new Set([EMBEDDED_DATABASE]));
      expect(await database.ping()).toBe(true);
    } finally {
      await database.close();
    }
    expect(database.isAvailable()).toBe(false);
  });
});
