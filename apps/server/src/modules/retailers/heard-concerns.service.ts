import { type HeardConcern, type HeardConcernInput, type HeardConcernList, profileMessages } from '@siyi/contracts';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import type { Notify } from '../concerns/concern-notify';
import { findRetailerInScope as findConcernRetailer } from '../concerns/concerns.repository';
import { raiseConcernInTx } from '../concerns/concerns.service';
import { appendTimelineEvent } from '../timeline/timeline.service';
import * as repo from './heard-concerns.repository';
import { findTargetInScope } from './retailer-profile.repository';
import { shanghaiDate } from './retailer-profile.service';

export interface HeardConcernDeps {
  db: Db;
  clock: Clock;
  /** The concerns module's notify: the concern raised from what was heard tells its owner (the supervisor, say). */
  notify: Notify;
}

/** How many concerns the 360 page lists: a retailer's are few; older ones stay on the timeline. */
export const HEARD_CONCERNS_SHOWN = 100;

type ConcernRow = NonNullable<Awaited<ReturnType<typeof repo.findHeardConcern>>>;
const toConcern = (row: ConcernRow): HeardConcern => ({ ...row, createdAt: row.createdAt.toISOString() });

export async function listHeardConcerns(
  deps: HeardConcernDeps,
  actor: Actor,
  retailerId: number,
): Promise<HeardConcernList> {
  const target = await findTargetInScope(deps.db, retailerScope(actor), retailerId);
  if (!target) throw notFound();
  assertCan(actor, 'retailer.readInternal', target);
  const rows = await repo.findHeardConcerns(deps.db, retailerId, HEARD_CONCERNS_SHOWN);
  return { items: rows.map(toConcern) };
}

/**
 * Records a concern heard (关注点) by the signed-in staff member — the one who heard it — and appends
 * `concern.heard` to the retailer's timeline in the same transaction, so the page shows it at once.
 */
export async function recordHeardConcern(
  deps: HeardConcernDeps,
  actor: Actor,
  requestId: string | undefined,
  retailerId: number,
  input: HeardConcernInput,
): Promise<HeardConcern> {
  const target = await findTargetInScope(deps.db, retailerScope(actor), retailerId);
  if (!target) throw notFound();
  assertCan(actor, 'retailer.note', target);
  const at = deps.clock.now();
  if (input.heardOn > shanghaiDate(at)) {
    throw new AppError('VALIDATION_FAILED', { heardOn: profileMessages.heardInFuture });
  }
  const shop = await findConcernRetailer(deps.db, retailerScope(actor), retailerId);
  if (!shop) throw notFound();
  const id = await inTransaction(deps.db, async (tx) => {
    // What was heard on the visit becomes a tracked concern (source `visit`), in the same transaction.
    const concernId = await raiseConcernInTx(tx, deps, { actor, at, requestId }, shop, {
      category: input.category ?? 'other',
      text: `${input.topic}\n${input.body}`,
      priority: 'normal',
      source: 'visit',
      // One entry on the timeline for one thing heard: `concern.heard` below, with the concern's id.
      skipTimeline: true,
    });
    const { id } = await repo.insertHeardConcern(tx, {
      retailerId,
      districtId: target.districtId,
      heardOn: input.heardOn,
      topic: input.topic,
      body: input.body,
      heardByUserId: actor.id,
      concernId,
      createdAt: at,
    });
    await recordAudit(
      tx,
      { actor, at, requestId },
      {
        entityType: 'heard_concern',
        entityId: id,
        action: 'concern.heard',
        after: { retailerId, heardOn: input.heardOn, topic: input.topic, body: input.body, concernId },
        districtId: target.districtId,
      },
    );
    await appendTimelineEvent(tx, {
      retailerId,
      districtId: target.districtId,
      occurredAt: at,
      kind: 'concern.heard',
      actorUserId: actor.id,
      sourceType: 'heard_concern',
      sourceId: id,
      data: { heardOn: input.heardOn, topic: input.topic, body: input.body, concernId },
    });
    return id;
  });
  const saved = await repo.findHeardConcern(deps.db, id);
  if (!saved) throw notFound();
  return toConcern(saved);
}
