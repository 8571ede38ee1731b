import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { heardConcerns, users } from '../../db/schema';
import type { Tx } from '../../db/transaction';

const concernColumns = {
  id: heardConcerns.id,
  retailerId: heardConcerns.retailerId,
  heardOn: heardConcerns.heardOn,
  topic: heardConcerns.topic,
  body: heardConcerns.body,
  heardByUserId: heardConcerns.heardByUserId,
  heardByName: users.displayName,
  createdAt: heardConcerns.createdAt,
  concernId: heardConcerns.concernId,
};

/** The retailer's concerns heard, latest heard first (the caller has checked scope). */
export async function findHeardConcerns(db: Db, retailerId: number, limit: number) {
  return db
    .select(concernColumns)
    .from(heardConcerns)
    .innerJoin(users, eq(users.id, heardConcerns.heardByUserId))
    .where(eq(heardConcerns.retailerId, retailerId))
    .orderBy(desc(heardConcerns.heardOn), desc(heardConcerns.id))
    .limit(limit);
}

export async function insertHeardConcern(tx: Tx, values: typeof heardConcerns.$inferInsert) {
  const [row] = await tx.insert(heardConcerns).values(values).returning({ id: heardConcerns.id });
  if (!row) throw new Error('heard concern not inserted');
  return row;
}

export async function findHeardConcern(db: Db, id: number) {
  const [row] = await db
    .select(concernColumns)
    .from(heardConcerns)
    .innerJoin(users, eq(users.id, heardConcerns.heardByUserId))
    .where(eq(heardConcerns.id, id))
    .limit(1);
  return row;
}
