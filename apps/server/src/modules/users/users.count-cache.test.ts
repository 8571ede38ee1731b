import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/database';
import * as schema from '../../db/schema';
import { users } from '../../db/schema';
import { listVersion } from '../../lib/list-count-cache';
import { databaseTargets, makeDistrict, makeUser } from '../../testing';
import { findUsers } from './users.repository';

const targets = await databaseTargets();
const NOW = new Date('2026-11-30T02:00:00Z');

describe.each(targets)('users list: the count cached by the users’ version on $kind', (target) => {
  let database: Database;
  let db: Db;
  let writerClient: pg.PoolClient;
  /** Writes from a connection of its own, as another request would. */
  let writer: Db;
  let districtId: number;

  beforeAll(async () => {
    database = await target.open();
    db = database.db;
    districtId = (await makeDistrict(db)).id;
    for (let i = 0; i < 12; i++)
      await makeUser(db, { role: i % 4 === 0 ? 'supervisor' : 'manager', orgUnitId: districtId });
    writerClient = await database.pool.connect();
    writer = drizzle(writerClient, { schema });
  });
  afterAll(async () => {
    writerClient?.release();
    await database?.close();
  });

  type Role = 'admin' | 'supervisor' | 'manager' | 'retailer';
  const list = (role?: Role, on: Db = db, offset = 0) => findUsers(on, { role }, { offset, limit: 5 }, NOW);
  const truth = async (role?: Role) => {
    const [row] = await writer
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(users)
      .where(role ? eq(users.role, role) : undefined);
    return row?.n ?? 0;
  };
  const version = async () => {
    const result = await writer.execute<{ version: string }>(sql`select ${listVersion('users')} as "version"`);
    return Number(result.rows[0]?.version);
  };
  const check = async (when: string) => {
    for (const role of [undefined, 'supervisor', 'manager', 'admin'] as const) {
      expect((await list(role)).total, `${when} ${role ?? 'all'}`).toBe(await truth(role));
      expect((await list(role, db, 5)).total, `${when} ${role ?? 'all'} page 2`).toBe(await truth(role));
    }
  };

  it('keeps every total exact while another connection adds, changes and removes users', async () => {
    await check('at first');
    const added = await makeUser(writer, { role: 'manager', orgUnitId: districtId });
    await check('after an insert');
    await writer.update(users).set({ role: 'supervisor' }).where(eq(users.id, added.id));
    await check('after a role change');
    await writer.delete(users).where(eq(users.id, added.id));
    await check('after a delete');
  });

  it('leaves the version alone on a sign-in, a preference or a password change, and moves it on a list column', async () => {
    const [someone] = await writer.select({ id: users.id }).from(users).limit(1);
    if (!someone) throw new Error('no user');
    const at = await version();
    await writer.update(users).set({ lastSignInAt: NOW }).where(eq(users.id, someone.id));
    await writer.update(users).set({ locale: 'en', fontScale: 2, updatedAt: NOW }).where(eq(users.id, someone.id));
    await writer
      .update(users)
      .set({ passwordHash: 'x', mustChangePassword: true, version: sql`${users.version} + 1` })
      .where(eq(users.id, someone.id));
    expect(await version()).toBe(at);
    for (const change of [{ displayName: '改名' }, { phone: '13900000000' }, { username: `renamed-${someone.id}` }]) {
      const before = await version();
      await writer.update(users).set(change).where(eq(users.id, someone.id));
      expect(await version(), JSON.stringify(change)).not.toBe(before);
    }
  });

  it('never makes a sign-in or another change to the list wait for a transaction that changed the list', async () => {
    const [a, b] = await writer.select({ id: users.id }).from(users).orderBy(users.id).limit(2);
    if (!a || !b) throw new Error('two users needed');
    const other = await database.pool.connect();
    try {
      await writer.execute(sql`begin`);
      // Appends its change to the log (migration 0022); no row every writer shares is held.
      await writer.update(users).set({ displayName: '改名中' }).where(eq(users.id, a.id));
      await other.query(`set lock_timeout = '300ms'`);
      // A sign-in of another user: last_sign_in_at only, it logs no change at all.
      await other.query('update users set last_sign_in_at = now() where id = $1', [b.id]);
      // A change to the list's columns of another user does not queue either (0021's version row made it wait).
      await other.query('update users set display_name = $1 where id = $2', ['并发', b.id]);
    } finally {
      await writer.execute(sql`rollback`);
      await other.query('reset lock_timeout');
      other.release();
    }
    expect((await list()).total).toBe(await truth());
  });

  it('does not run the count on a hit, and counts a search every time', async () => {
    const statements: { sql: string; params: unknown[] }[] = [];
    const logged = drizzle(database.pool, {
      schema,
      logger: { logQuery: (query, params) => statements.push({ sql: query, params }) },
    }) as unknown as Db;
    const plan = async () => {
      const last = statements.at(-1);
      if (!last) throw new Error('no statement');
      const result = await database.pool.query(`explain (analyze, costs off, timing off) ${last.sql}`, last.params);
      return result.rows.map((row: Record<string, string>) => Object.values(row)[0]).join('\n');
    };
    const aggregates = (text: string) => text.split('\n').filter((line) => /Aggregate/.test(line));
    await list('manager', logged);
    const miss = aggregates(await plan());
    expect(miss.length).toBeGreaterThan(0);
    expect(miss.join('\n')).not.toMatch(/never executed/);
    expect((await list('manager', logged)).total).toBe(await truth('manager'));
    const hit = aggregates(await plan());
    expect(hit.length).toBeGreaterThan(0);
    for (const line of hit) expect(line).toMatch(/never executed/);
    // A search: counted in every statement.
    await findUsers(logged, { q: 'f-manager' }, { offset: 0, limit: 5 }, NOW);
    await findUsers(logged, { q: 'f-manager' }, { offset: 0, limit: 5 }, NOW);
    expect(aggregates(await plan()).join('\n')).not.toMatch(/never executed/);
  });
});
