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
  const rows = await db
    .select({
      ...summaryColumns,
      locked: sql<boolean>`exists (${lockedPairs(now)})`,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(and(...conditions))
    // Staff first (admin, supervisors, managers), then retailers.
    .orderBy(
      sql`case ${users.role} when 'admin' then 0 when 'supervisor' then 1 when 'manager' then 2 else 3 end`,
      users.id,
    )
    .limit(page.limit)
    .offset(page.offset);
  return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
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
