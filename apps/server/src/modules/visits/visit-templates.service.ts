import {
  defaultVisitTemplateItems,
  type UpdateVisitTemplateBody,
  type VisitTemplate,
  type VisitTemplateItem,
} from '@siyi/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { staleVersion } from '../../lib/versioned';
import { recordAudit } from '../audit/audit.service';
import * as repo from './visits.repository';
import type { RequestContext } from './visits.service';

/** The current checklist's items (the migration writes version 1; the contract's default if it is missing). */
export async function findCurrentTemplateItems(db: Db | Tx): Promise<VisitTemplateItem[]> {
  return (await repo.findCurrentTemplate(db))?.items ?? defaultVisitTemplateItems;
}

function toTemplate(row: repo.TemplateRow): VisitTemplate {
  return {
    version: row.version,
    items: row.items,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByUserId === null ? null : { id: row.createdByUserId, name: row.createdByName ?? '' },
  };
}

/** The current checklist template (staff read it to fill a record). */
export async function getTemplate(deps: { db: Db }): Promise<VisitTemplate> {
  const row = await repo.findCurrentTemplate(deps.db);
  if (!row) {
    return { version: 0, items: defaultVisitTemplateItems, createdAt: new Date(0).toISOString(), createdBy: null };
  }
  return toTemplate(row);
}

/**
 * An admin saves the checklist: a new version each time (visits checked in keep the version they answered), with
 * the version read (stale: 409 CONFLICT). Audited.
 */
export async function updateTemplate(
  deps: { db: Db; clock: Clock },
  context: RequestContext,
  body: z.output<typeof UpdateVisitTemplateBody>,
): Promise<VisitTemplate> {
  const { actor } = context;
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const current = await repo.findCurrentTemplate(tx);
    const currentVersion = current?.version ?? 0;
    if (body.version !== currentVersion) {
      throw staleVersion({ version: currentVersion, items: current?.items ?? defaultVisitTemplateItems });
    }
    const version = currentVersion + 1;
    if (!(await repo.insertTemplate(tx, { version, items: body.items, createdByUserId: actor.id, createdAt: at }))) {
      throw staleVersion({ version: currentVersion });
    }
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'visit_template',
        entityId: version,
        action: 'visitTemplate.saved',
        before: current ? { version: current.version, items: current.items } : null,
        after: { version, items: body.items },
      },
    );
  });
  return getTemplate(deps);
}
