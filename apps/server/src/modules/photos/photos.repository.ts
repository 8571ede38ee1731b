import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { retailerPhotos, retailers, users } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The retailer a photo belongs to, as far as the access rule needs it — read with the caller's scope. */
export async function findRetailerInScope(db: Db, scope: SQL, retailerId: number) {
  const [row] = await db
    .select({ id: retailers.id, districtId: retailers.districtId, managerId: retailers.managerId })
    .from(retailers)
    .where(and(scope, eq(retailers.id, retailerId)));
  return row;
}

const photoColumns = {
  id: retailerPhotos.id,
  retailerId: retailerPhotos.retailerId,
  kind: retailerPhotos.kind,
  storageKey: retailerPhotos.storageKey,
  thumbnailKey: retailerPhotos.thumbnailKey,
  contentType: retailerPhotos.contentType,
  byteSize: retailerPhotos.byteSize,
  width: retailerPhotos.width,
  height: retailerPhotos.height,
  uploadedByUserId: retailerPhotos.uploadedByUserId,
  uploadedByName: users.displayName,
  createdAt: retailerPhotos.createdAt,
};

export type PhotoRow = Awaited<ReturnType<typeof findPhotos>>[number];

/** A retailer's photos that are not deleted, newest first (the index on retailer, created_at). */
export function findPhotos(db: Db, retailerId: number) {
  return db
    .select(photoColumns)
    .from(retailerPhotos)
    .leftJoin(users, eq(users.id, retailerPhotos.uploadedByUserId))
    .where(and(eq(retailerPhotos.retailerId, retailerId), isNull(retailerPhotos.deletedAt)))
    .orderBy(desc(retailerPhotos.createdAt), desc(retailerPhotos.id))
    .limit(200);
}

/** One photo that is not deleted, with its retailer's district and manager — only if the retailer is in scope. */
export async function findPhotoInScope(db: Db, scope: SQL, photoId: number) {
  const [row] = await db
    .select({ ...photoColumns, districtId: retailers.districtId, managerId: retailers.managerId })
    .from(retailerPhotos)
    .innerJoin(retailers, eq(retailers.id, retailerPhotos.retailerId))
    .leftJoin(users, eq(users.id, retailerPhotos.uploadedByUserId))
    .where(and(scope, eq(retailerPhotos.id, photoId), isNull(retailerPhotos.deletedAt)));
  return row;
}

export async function insertPhoto(tx: Tx, values: typeof retailerPhotos.$inferInsert) {
  const [row] = await tx.insert(retailerPhotos).values(values).returning({ id: retailerPhotos.id });
  if (!row) throw new Error('photo not inserted');
  return row;
}

/** Marks a photo deleted; false when it already was (someone deleted it first). */
export async function softDeletePhoto(tx: Tx, photoId: number, at: Date): Promise<boolean> {
  const rows = await tx
    .update(retailerPhotos)
    .set({ deletedAt: at })
    .where(and(eq(retailerPhotos.id, photoId), isNull(retailerPhotos.deletedAt)))
    .returning({ id: retailerPhotos.id });
  return rows.length > 0;
}
