import { auditLog } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import type { Actor } from '../access/actor';

export interface AuditEntry {
  entityType: string;
  entityId: string | number;
  action: string;
  before?: unknown;
  after?: unknown;
  districtId?: number | null;
}

/**
 * Appends to the audit trail. Call it with the transaction that makes the change, so the change and its
 * record commit or fail together. The table refuses UPDATE and DELETE (migration 0001).
 */
export async function recordAudit(
  tx: Tx,
  context: { actor: Actor | null; at: Date; requestId?: string | undefined },
  entry: AuditEntry,
): Promise<void> {
  await tx.insert(auditLog).values({
    occurredAt: context.at,
    actorUserId: context.actor?.id ?? null,
    actorRole: context.actor?.role ?? null,
    districtId: entry.districtId ?? null,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: context.requestId ?? null,
  });
}
