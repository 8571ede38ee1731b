import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { orgUnits, users } from '../../db/schema';
import { containsPattern } from '../../lib/like-pattern';

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
      id: users.id,
      username: users.username,
      name: users.displayName,
      role: users.role,
      orgUnitId: users.orgUnitId,
      orgUnitName: orgUnits.name,
      phone: users.phone,
      disabled: sql<boolean>`${users.disabledAt} is not null`,
      locked: sql<boolean>`coalesce(${users.lockedUntil} > ${now.toISOString()}::timestamptz, false)`,
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
