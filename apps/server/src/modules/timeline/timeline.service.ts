import { timelineEvents } from '../../db/schema';
import type { Tx } from '../../db/transaction';

export interface TimelineEvent {
  retailerId: number;
  districtId: number;
  occurredAt: Date;
  /** e.g. 'visit.checked_in', 'concern.raised', 'order.submitted', 'tier.changed'. */
  kind: string;
  actorUserId?: number | null;
  /** The record behind the event, so the retailer's timeline links to evidence. */
  sourceType: string;
  sourceId: string | number;
  data?: Record<string, unknown>;
}

/** The one way any module adds to a retailer's timeline; call it inside the transaction of the change. */
export async function appendTimelineEvent(tx: Tx, event: TimelineEvent): Promise<void> {
  await tx.insert(timelineEvents).values({
    retailerId: event.retailerId,
    districtId: event.districtId,
    occurredAt: event.occurredAt,
    kind: event.kind,
    actorUserId: event.actorUserId ?? null,
    sourceType: event.sourceType,
    sourceId: String(event.sourceId),
    data: event.data ?? {},
  });
}
