import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { orgUnits, retailers, sessions, signInCounters, users } from '../../db/schema';
import { containsPattern } from '../../lib/like-pattern';
import { countMemo, listVersion, versionedCount } from '../../lib/list-count-cache';

/** Sign-in locks of the row's user still running, from any address (the throttle is keyed by user name). */
function lockedPairs(now: Date) {
  return sql`select 1 from ${signInCounters} where ${signInCounters.kind} = 'pair_failures'
    and ${signInCounters.username} = ${users.username} and ${signInCounters.lockedUntil} > ${now.toISOString()}::timestamptz`;
}

/** The columns of a user as the list shows it (the lock state is added per query). */
const summaryColumns = {
  id: users.id,
  username: users.username,
  name: users.displayName,
  role: users.role,
  orgUnitId: users.orgUnitId,
  orgUnitName: orgUnits.name,
  phone: users.phone,
  disabled: sql<boolean>`${users.disabledAt} is not null`,
};

/** Staff first (admin, supervisors, managers), then retailers: the expression index users_list_order_role_ix (0007) holds it, with role, so the page reads the index alone. */
const listRank = sql<number>`case ${users.role} when 'admin' then 0 when 'supervisor' then 1 when 'manager' then 2 else 3 end`;

type UserFilters = { q?: string | undefined; role?: (typeof users.role.enumValues)[number] | undefined };

/**
 * The list's conditions on `table` (the users table itself, or an alias of it for the count). A column read here
 * must be one of those whose update moves the users' list version (migration 0022's trigger), or a cached
 * count would miss the change.
 */
function userMatch(
  table: Record<'username' | 'displayName' | 'phone' | 'role', AnyPgColumn>,
  filters: UserFilters,
): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    const match = or(ilike(table.username, pattern), ilike(table.displayName, pattern), ilike(table.phone, pattern));
    if (match) conditions.push(match);
  }
  if (filters.role) conditions.push(eq(table.role, filters.role));
  return and(...conditions);
}

/** The count's own name for the users table, so its conditions never bind to the page's rows. */
const counted = alias(users, 'counted');

/**
 * One page in the list's order and the number of matches, in one statement: a `count(*) over ()` would read, join
 * and sort every user to answer 20, so the count is a scalar subquery of its own, evaluated once; and one statement
 * instead of two parallel ones holds one pool connection per request, not two (with 10 users at once and a pool of
 * 10 the second query queued). The page's ids come from the order index (`offset + limit` entries); the
 * organisation unit and the lock state are looked up for those rows only. A page past the end has no row to carry
 * the count: then it is counted alone. Without a search the count runs only when the users changed since the
 * last count of the same filters (lib/list-count-cache.ts); a search is counted every time.
 */
export async function findUsers(db: Db, filters: UserFilters, page: { offset: number; limit: number }, now: Date) {
  const where = userMatch(users, filters);
  const countWhere = userMatch(counted, filters) ?? sql`true`;
  const count = sql<number>`(select count(*) from ${users} as ${sql.identifier('counted')} where ${countWhere})`;
  const memo = countMemo(db, 'users', filters.q ? null : countWhere);
  const countSql = memo.cacheable ? versionedCount(listVersion('users'), count, memo.cached) : count;
  const pageIds = db
    .select({ id: users.id, rank: listRank.as('rank') })
    .from(users)
    .where(where)
    .orderBy(listRank, users.id)
    .limit(page.limit)
    .offset(page.offset)
    .as('page');
  const rows = await db
    .select({
      ...summaryColumns,
      locked: sql<boolean>`exists (${lockedPairs(now)})`,
      total: countSql.mapWith(Number),
      // Null (drizzle decodes no null) for a search, and inside a transaction that wrote.
      version: (memo.cacheable ? listVersion('users') : sql<null>`null`).mapWith((v): number | null => Number(v)),
    })
    .from(pageIds)
    .innerJoin(users, eq(users.id, pageIds.id))
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .orderBy(pageIds.rank, pageIds.id);
  if (rows.length === 0) {
    if (page.offset === 0) return { rows: [], total: 0 };
    const [alone] = await db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(users)
      .where(where);
    return { rows: [], total: alone?.total ?? 0 };
  }
  const [first] = rows;
  if (first) memo.remember(first.version, first.total);
  return { rows: rows.map(({ total: _total, version: _version, ...row }) => row), total: first?.total ?? 0 };
}

export async function findOrgUnits(db: Db, onlyId: number | null) {
  return db
    .select({
      id: orgUnits.id,
      parentId: orgUnits.parentId,
      kind: orgUnits.kind,
      code: orgUnits.code,
      name: orgUnits.name,
    })
    .from(orgUnits)
    .where(onlyId === null ? undefined : eq(orgUnits.id, onlyId))
    .orderBy(orgUnits.id);
}

/** One user with the facts an admin needs to help them: last sign-in and live sessions. */
export async function findUserDetail(db: Db, id: number, now: Date, idleFloor: Date) {
  const [row] = await db
    .select({
      ...summaryColumns,
      lastSignInAt: users.lastSignInAt,
      activeSessions: sql<number>`(select count(*) from ${sessions} where ${sessions.userId} = ${users.id}
        and ${sessions.expiresAt} > ${now.toISOString()}::timestamptz
        and ${sessions.lastSeenAt} > ${idleFloor.toISOString()}::timestamptz)`.mapWith(Number),
      mustChangePassword: users.mustChangePassword,
      retailerCount:
        sql<number>`(select count(*) from ${retailers} where ${retailers.managerId} = ${users.id})`.mapWith(Number),
      version: users.version,
    })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

/** The row a command works on, locked until its transaction ends (a reassignment to this user waits for it). */
export async function lockUser(tx: Db, id: number) {
  const [row] = await tx
    .select({
      id: users.id,
      username: users.username,
      name: users.displayName,
      phone: users.phone,
      role: users.role,
      orgUnitId: users.orgUnitId,
      orgUnitName: orgUnits.name,
      disabledAt: users.disabledAt,
      mustChangePassword: users.mustChangePassword,
      version: users.version,
    })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, id))
    .for('update', { of: users })
    .limit(1);
  return row;
}
export type LockedUser = NonNullable<Awaited<ReturnType<typeof lockUser>>>;

export async function findOrgUnit(db: Db, id: number) {
  const [row] = await db
    .select({ id: orgUnits.id, kind: orgUnits.kind, name: orgUnits.name })
    .from(orgUnits)
    .where(eq(orgUnits.id, id))
    .limit(1);
  return row;
}

/** Whether a user name is taken, ignoring case: `Manager1` next to `manager1` would only confuse. */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`)
    .limit(1);
  return rows.length > 0;
}

export async function insertUser(tx: Db, values: typeof users.$inferInsert): Promise<number> {
  const [row] = await tx.insert(users).values(values).returning({ id: users.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/**
 * The versioned update: changes the row only if it still has `version` (when given), and bumps it. False means
 * someone saved first.
 */
export async function updateUserRow(
  tx: Db,
  id: number,
  version: number | undefined,
  changes: Partial<
    Pick<
      typeof users.$inferInsert,
      'displayName' | 'phone' | 'orgUnitId' | 'disabledAt' | 'passwordHash' | 'mustChangePassword' | 'isDemo'
    >
  >,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ ...changes, version: sql`${users.version} + 1`, updatedAt: at })
    .where(version === undefined ? eq(users.id, id) : and(eq(users.id, id), eq(users.version, version)))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function countManagedRetailers(db: Db, managerId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(retailers)
    .where(eq(retailers.managerId, managerId));
  return row?.n ?? 0;
}

/** Ends every session of a user; answers how many there were. */
export async function endSessions(tx: Db, userId: number): Promise<number> {
  const rows = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return rows.length;
}
