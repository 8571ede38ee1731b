import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../modules/audit/audit.service';
import { appendTimelineEvent } from '../modules/timeline/timeline.service';
import { makeDistrict, makeRetailer } from '../testing/factories';
import { databaseTargets } from '../testing/test-database';
import type { Database } from './database';
import { auditLog, timelineEvents } from './schema';
import { inTransaction } from './transaction';

const targets = await databaseTargets();

describe.each(targets)('inTransaction on $kind', (target) => {
  let database: Database;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('commits the change, its audit row and its timeline event together, or none of them', async () => {
    const { db } = database;
    const district = await makeDistrict(db);
    const shop = await makeRetailer(db, { districtId: district.id });
    const context = { actor: null, at: new Date('2026-11-30T02:00:00Z') };
    const write = (tx: Parameters<typeof recordAudit>[0]) =>
      Promise.all([
        recordAudit(tx, context, { entityType: 'retailer', entityId: shop.id, action: 'probe' }),
        appendTimelineEvent(tx, {
          retailerId: shop.id,
          districtId: shop.districtId,
          occurredAt: context.at,
          kind: 'probe',
          sourceType: 'retailer',
          sourceId: shop.id,
        }),
      ]);
    await expect(
      inTransaction(db, async (tx) => {
        await write(tx);
        throw new Error('the command fails after writing');
      }),
    ).rejects.toThrow('the command fails');
    expect(await db.$count(timelineEvents)).toBe(0);
    expect(await db.$count(auditLog)).toBe(0);

    await inTransaction(db, write);
    expect(await db.$count(timelineEvents)).toBe(1);
    expect(await db.$count(auditLog)).toBe(1);
  });

  it('does not accept the plain database handle where a transaction is required', () => {
    const { db } = database;
    // Type-level: `npm run typecheck` fails if the plain handle ever becomes acceptable (the directive would be
    // unused). At run time the calls are never made.
    const misuse = () => {
      // @ts-expect-error a Db is not a Tx: audit rows are written inside the change's transaction only
      void recordAudit(db, { actor: null, at: new Date() }, { entityType: 'x', entityId: 1, action: 'x' });
      // @ts-expect-error a Db is not a Tx: timeline events likewise
      void appendTimelineEvent(db, {} as Parameters<typeof appendTimelineEvent>[1]);
    };
    expect(typeof misuse).toBe('function');
  });
});
