import type { ChangeRequestStatus, ChangeRequestValues } from '@siyi/contracts';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { retailerChangeRequests, retailers, users } from '../../db/schema';
import type { Tx } from '../../db/transaction';

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');

/** The retailer's fields a change request may touch, as they are now, with what scope and access need. */
const retailerColumns = {
  id: retailers.id,
  districtId: retailers.districtId,
  managerId: retailers.managerId,
  shopName: retailers.shopName,
  licenceNo: retailers.licenceNo,
  version: retailers.version,
  phone: retailers.phone,
  otherContacts: retailers.otherContacts,
  opensAt: retailers.opensAt,
  closesAt: retailers.closesAt,
  closedWeekdays: retailers.closedWeekdays,
  bestVisitFrom: retailers.bestVisitFrom,
  bestVisitTo: retailers.bestVisitTo,
};

export type RetailerForRequest = NonNullable<Awaited<ReturnType<typeof findRetailerInScope>>>;

export async function findRetailerInScope(db: Db | Tx, scope: SQL, retailerId: number) {
  const [row] = await db
    .select(retailerColumns)
    .from(retailers)
    .where(and(scope, eq(retailers.id, retailerId)))
    .limit(1);
  return row;
}

const requestColumns = {
  id: retailerChangeRequests.id,
  retailerId: retailerChangeRequests.retailerId,
  districtId: retailerChangeRequests.districtId,
  changes: retailerChangeRequests.changes,
  before: retailerChangeRequests.before,
  note: retailerChangeRequests.note,
  status: retailerChangeRequests.status,
  requestedByUserId: retailerChangeRequests.requestedByUserId,
  requestedByName: requester.displayName,
  decidedByUserId: retailerChangeRequests.decidedByUserId,
  decidedByName: decider.displayName,
  decidedAt: retailerChangeRequests.decidedAt,
  decisionReason: retailerChangeRequests.decisionReason,
  version: retailerChangeRequests.version,
  createdAt: retailerChangeRequests.createdAt,
  retailer: retailerColumns,
};

export type RequestRow = Awaited<ReturnType<typeof findRequestsOfRetailer>>[number];

function requestsQuery(db: Db | Tx) {
  return db
    .select(requestColumns)
    .from(retailerChangeRequests)
    .innerJoin(retailers, eq(retailers.id, retailerChangeRequests.retailerId))
    .innerJoin(requester, eq(requester.id, retailerChangeRequests.requestedByUserId))
    .leftJoin(decider, eq(decider.id, retailerChangeRequests.decidedByUserId));
}

/** A retailer's requests, newest first (the retailer's index); the last 50 are plenty for its page. */
export function findRequestsOfRetailer(db: Db, retailerId: number) {
  return requestsQuery(db)
    .where(eq(retailerChangeRequests.retailerId, retailerId))
    .orderBy(desc(retailerChangeRequests.createdAt), desc(retailerChangeRequests.id))
    .limit(50);
}

/** One request whose retailer is in scope. */
export async function findRequestInScope(db: Db | Tx, scope: SQL, requestId: number) {
  const [row] = await requestsQuery(db)
    .where(and(scope, eq(retailerChangeRequests.id, requestId)))
    .limit(1);
  return row;
}

/**
 * The requests in scope with one status: pending ones oldest first (who waited longest comes first), decided
 * ones newest first; with the number of all of them.
 */
export async function findRequestsInScope(
  db: Db,
  scope: SQL,
  status: ChangeRequestStatus,
  page: { offset: number; limit: number },
) {
  const where = and(scope, eq(retailerChangeRequests.status, status));
  const order =
    status === 'pending'
      ? [asc(retailerChangeRequests.createdAt), asc(retailerChangeRequests.id)]
      : [desc(retailerChangeRequests.createdAt), desc(retailerChangeRequests.id)];
  const [rows, counted] = await Promise.all([
    requestsQuery(db)
      .where(where)
      .orderBy(...order)
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(retailerChangeRequests)
      .innerJoin(retailers, eq(retailers.id, retailerChangeRequests.retailerId))
      .where(where),
  ]);
  return { rows, total: counted[0]?.n ?? 0 };
}

export async function hasPendingRequest(db: Db | Tx, retailerId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: retailerChangeRequests.id })
    .from(retailerChangeRequests)
    .where(and(eq(retailerChangeRequests.retailerId, retailerId), eq(retailerChangeRequests.status, 'pending')))
    .limit(1);
  return row !== undefined;
}

export async function insertRequest(tx: Tx, values: typeof retailerChangeRequests.$inferInsert) {
  const [row] = await tx.insert(retailerChangeRequests).values(values).returning({ id: retailerChangeRequests.id });
  if (!row) throw new Error('change request not inserted');
  return row;
}

/**
 * Closes a pending request at the version the decider read; false when it was decided, withdrawn or changed
 * meanwhile (the caller answers 409).
 */
export async function closeRequestAtVersion(
  tx: Tx,
  requestId: number,
  version: number,
  outcome: {
    status: Exclude<ChangeRequestStatus, 'pending'>;
    decidedByUserId: number;
    decidedAt: Date;
    decisionReason: string | null;
  },
): Promise<boolean> {
  const rows = await tx
    .update(retailerChangeRequests)
    .set({ ...outcome, version: sql`${retailerChangeRequests.version} + 1` })
    .where(
      and(
        eq(retailerChangeRequests.id, requestId),
        eq(retailerChangeRequests.version, version),
        eq(retailerChangeRequests.status, 'pending'),
      ),
    )
    .returning({ id: retailerChangeRequests.id });
  return rows.length > 0;
}

/** Writes the approved fields at the retailer's version and bumps it; false when someone saved first. */
export async function updateRetailerAtVersion(
  tx: Tx,
  retailerId: number,
  version: number,
  values: ChangeRequestValues,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .update(retailers)
    .set({
      ...(values.phone !== undefined ? { phone: values.phone } : {}),
      ...(values.otherContacts !== undefined ? { otherContacts: values.otherContacts } : {}),
      ...(values.opensAt !== undefined ? { opensAt: values.opensAt } : {}),
      ...(values.closesAt !== undefined ? { closesAt: values.closesAt } : {}),
      ...(values.closedWeekdays !== undefined ? { closedWeekdays: values.closedWeekdays } : {}),
      ...(values.bestVisitFrom !== undefined ? { bestVisitFrom: values.bestVisitFrom } : {}),
      ...(values.bestVisitTo !== undefined ? { bestVisitTo: values.bestVisitTo } : {}),
      version: sql`${retailers.version} + 1`,
      updatedAt: at,
    })
    .where(and(eq(retailers.id, retailerId), eq(retailers.version, version)))
    .returning({ id: retailers.id });
  return rows.length > 0;
}
