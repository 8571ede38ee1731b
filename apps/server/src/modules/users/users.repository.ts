import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { orgUnits, sessions, signInCounters, users } from '../../db/schema';
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
    })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, id))
    .limit(1);
  return row;
}
