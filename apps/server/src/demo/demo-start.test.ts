import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/database';
import { databaseTargets } from '../testing/test-database';
import { DEMO_CITY_TABLES, loadDemoCityWithProgress } from './demo-start';

const targets = await databaseTargets();

describe.each(targets)('the first start’s demo load on $kind', (target) => {
  let database: Database;

  beforeAll(async () => {
    database = await target.open();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await loadDemoCityWithProgress(database, 60);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await database?.close();
  });

  it('vacuums and analyzes every loaded table once the load has committed', async () => {
    // A manual VACUUM (not autovacuum's) of each table, which sets the visibility map so counts and deep pages can
    // read their indexes alone. (How many pages it marks all-visible depends on what else holds a snapshot then:
    // with autovacuum on, an autoanalyze of the fresh rows may.)
    const { rows } = await database.pool.query<{ table: string; vacuums: number; analyzes: number }>(
      `select relname as table, vacuum_count::int as vacuums, analyze_count::int as analyzes
       from pg_stat_user_tables where relid = any($1::regclass[]) order by 1`,
      [DEMO_CITY_TABLES],
    );
    expect(rows).toEqual(
      [...DEMO_CITY_TABLES].sort().map((table) => ({ table, vacuums: 1, analyzes: expect.any(Number) })),
    );
    // The loader analyzes inside its transaction; VACUUM (ANALYZE) once more after the commit.
    for (const row of rows) expect(row.analyzes, row.table).toBeGreaterThanOrEqual(2);
  });
});
