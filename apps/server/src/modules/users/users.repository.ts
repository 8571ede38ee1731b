import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { orgUnits, retailers, sessions, signInCounters, users } from '../../db/schema';
import { containsPattern } from '../../lib/like-pattern';

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

/** Staff first (admin, supervisors, managers), then retailers: the expression index users_list_order_ix holds it. */
const listRank = sql<number>`case ${users.role} when 'admin' then 0 when 'supervisor' then 1 when 'manager' then 2 else 3 end`;

/**
 * One page in the list's order and the number of matches, counted apart: a `count(*) over ()` would read, join
 * and sort every user to answer 20. The page's ids come from the order index alone (`offset + limit` entries,
 * index-only once vacuumed); the organisation unit and the lock state are looked up for those rows only.
 */
export async function findUsers(
  db: Db,
  filters: { q?: string | undefined; role?: (typeof users.role.enumValues)[number] | undefined },
  page: { offset: number; limit: number },
  now: Date,
) {
  const conditions: SQL[] = [];
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    const match = or(ilike(users.username, pattern), ilike(users.displayName, pattern), ilike(users.phone, pattern));
    if (match) conditions.push(match);
  }
  if (filters.role) conditions.push(eq(users.role, filters.role));
  const where = and(...conditions);
  const pageIds = db
    .select({ id: users.id, rank: listRank.as('rank') })
    .from(users)
    .where(where)
    .orderBy(listRank, users.id)
    .limit(page.limit)
    .offset(page.offset)
    .as('page');
  const [rows, counted] = await Promise.all([
    db
      .select({ ...summaryColumns, locked: sql<boolean>`exists (${lockedPairs(now)})` })
      .from(pageIds)
      .innerJoin(users, eq(users.id, pageIds.id))
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .orderBy(pageIds.rank, pageIds.id),
    db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(users)
      .where(where),
  ]);
  return { rows, total: counted[0]?.total ?? 0 };
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
