import { and, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { auditLog, orgUnits, retailers, users } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { archiveColumns } from './retailer-columns';

const manager = alias(users, 'manager');
const actor = alias(users, 'actor');

/** Every column the 360 page shows, with the district's name and the manager's name and phone. */
const profileColumns = {
  ...archiveColumns,
  id: retailers.id,
  licenceNo: retailers.licenceNo,
  shopName: retailers.shopName,
  ownerName: retailers.ownerName,
  phone: retailers.phone,
  address: retailers.address,
  businessFormat: retailers.businessFormat,
  tier: retailers.tier,
  status: retailers.status,
  districtId: retailers.districtId,
  managerId: retailers.managerId,
  managerName: manager.displayName,
  managerPhone: manager.phone,
  districtName: orgUnits.name,
  orderWeekday: retailers.orderWeekday,
  countyCode: retailers.countyCode,
  otherContacts: retailers.otherContacts,
  version: retailers.version,
  updatedAt: retailers.updatedAt,
};

export type ProfileRow = NonNullable<Awaited<ReturnType<typeof findProfileInScope>>>;

/** The retailer's whole record, only when `scope` (the actor's SQL scope) holds it. */
export async function findProfileInScope(db: Db | Tx, scope: SQL, id: number) {
  const [row] = await db
    .select(profileColumns)
    .from(retailers)
    .innerJoin(orgUnits, eq(orgUnits.id, retailers.districtId))
    .leftJoin(manager, eq(manager.id, retailers.managerId))
    .where(and(scope, eq(retailers.id, id)))
    .limit(1);
  return row;
}

export type ProfileUpdate = Partial<typeof retailers.$inferInsert>;

/**
 * The versioned write: changes the row only while it still has the `version` the editor read, and bumps it.
 * Undefined means someone saved in between (or the row left the scope).
 */
export async function updateProfileAtVersion(
  tx: Tx,
  scope: SQL,
  id: number,
  version: number,
  values: ProfileUpdate,
  at: Date,
) {
  const [row] = await tx
    .update(retailers)
    .set({ ...values, version: sql`${retailers.version} + 1`, updatedAt: at })
    .where(and(scope, eq(retailers.id, id), eq(retailers.version, version)))
    .returning({ id: retailers.id, version: retailers.version });
  return row;
}

/** Another retailer holding this licence number, or a user whose sign-in name it already is. */
export async function licenceNoTaken(tx: Tx, licenceNo: string, exceptRetailerId: number): Promise<boolean> {
  const [row] = await tx
    .select({ one: sql<number>`1` })
    .from(retailers)
    .where(and(eq(retailers.licenceNo, licenceNo), ne(retailers.id, exceptRetailerId)))
    .union(
      tx
        .select({ one: sql<number>`1` })
        .from(users)
        .where(and(eq(users.username, licenceNo), sql`${users.retailerId} is distinct from ${exceptRetailerId}`)),
    )
    .limit(1);
  return row !== undefined;
}

/** A retailer signs in with its licence number: when the number changes, its account's user name follows. */
export async function renameRetailerAccount(tx: Tx, retailerId: number, licenceNo: string, at: Date) {
  return tx
    .update(users)
    .set({ username: licenceNo, version: sql`${users.version} + 1`, updatedAt: at })
    .where(and(eq(users.retailerId, retailerId), eq(users.role, 'retailer')))
    .returning({ id: users.id, username: users.username });
}

/** One page of the retailer's audit entries, newest first, with the actor's name; keyset on (occurred_at, id). */
export async function findHistoryPage(
  db: Db,
  retailerId: number,
  after: { at: string; id: number } | null,
  limit: number,
) {
  return db
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      cursorAt: sql<string>`to_char(${auditLog.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      action: auditLog.action,
      actorName: actor.displayName,
      actorRole: auditLog.actorRole,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.entityType, 'retailer'),
        eq(auditLog.entityId, String(retailerId)),
        after ? sql`(${auditLog.occurredAt}, ${auditLog.id}) < (${after.at}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
    .limit(limit);
}

/** Just what scope and access need: the retailer, if the scope holds it. */
export async function findTargetInScope(db: Db | Tx, scope: SQL, id: number) {
  const [row] = await db
    .select({ id: retailers.id, districtId: retailers.districtId, managerId: retailers.managerId })
    .from(retailers)
    .where(and(scope, eq(retailers.id, id)))
    .limit(1);
  return row;
}
