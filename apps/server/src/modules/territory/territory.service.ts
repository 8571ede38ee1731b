import {
  REASSIGN_MAX_RETAILERS,
  type ReassignRetailersRequest,
  type ReassignRetailersResponse,
  type TerritoryManagersResponse,
  type TerritoryRetailersQuery,
  type TerritoryRetailersResponse,
} from '@siyi/contracts';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { districtScope, retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import type { Notify as ConcernNotify } from '../concerns/concern-notify';
import { moveConcernsWithRetailers } from '../concerns/concern-reassign.service';
import { appendTimelineEvent } from '../timeline/timeline.service';
import * as repo from './territory.repository';

export interface TerritoryDeps {
  db: Db;
  clock: Clock;
  /** The concerns module's notify: a moved retailer's open concerns tell their new owner. */
  concernNotify: ConcernNotify;
}

/** A district the actor may see (admins: any; a supervisor: their own), else 404; then may they reassign in it. */
async function visibleDistrict(deps: TerritoryDeps, actor: Actor, districtId: number) {
  const scope = districtScope(actor);
  if (scope !== null && !scope.includes(districtId)) throw notFound();
  const district = await repo.findDistrict(deps.db, districtId);
  if (!district) throw notFound();
  assertCan(actor, 'retailer.reassign', { districtId });
  return district;
}

export async function listDistrictManagers(
  deps: TerritoryDeps,
  actor: Actor,
  districtId: number,
): Promise<TerritoryManagersResponse> {
  await visibleDistrict(deps, actor, districtId);
  const { managers, unassigned } = await repo.findDistrictManagers(deps.db, districtId);
  return { items: managers, unassigned };
}

export async function listManagerRetailers(
  deps: TerritoryDeps,
  actor: Actor,
  query: TerritoryRetailersQuery,
): Promise<TerritoryRetailersResponse> {
  await visibleDistrict(deps, actor, query.districtId);
  const rows = await repo.findManagerRetailers(
    deps.db,
    retailerScope(actor),
    query.districtId,
    query.managerId,
    REASSIGN_MAX_RETAILERS + 1,
  );
  return { items: rows.slice(0, REASSIGN_MAX_RETAILERS), truncated: rows.length > REASSIGN_MAX_RETAILERS };
}

/**
 * Hands retailers to another customer manager, all or nothing: every retailer must be in the actor's scope
 * (else 404 — none is moved), the actor may reassign in each one's district (else 403), and the new manager must
 * be an active manager of that district (else 400 on `toManagerId`). Each moved retailer gets an audit entry
 * (manager before → after, with the reason) and an `assignment.changed` event on its timeline, and its open
 * concerns the old manager owned follow it to the new manager (concerns module) — all in one transaction.
 */
export async function reassignRetailers(
  deps: TerritoryDeps,
  actor: Actor,
  input: ReassignRetailersRequest,
  requestId: string,
): Promise<ReassignRetailersResponse> {
  const now = deps.clock.now();
  const reason = input.reason ? input.reason : null;
  return inTransaction(deps.db, async (tx) => {
    const rows = await repo.lockRetailers(tx, retailerScope(actor), input.retailerIds);
    if (rows.length !== input.retailerIds.length) throw notFound();
    for (const row of rows) assertCan(actor, 'retailer.reassign', { districtId: row.districtId });

    const manager = await repo.lockManager(tx, input.toManagerId);
    if (manager?.role !== 'manager' || !manager) {
      throw new AppError('VALIDATION_FAILED', { toManagerId: 'reassign.managerUnknown' });
    }
    if (manager.disabledAt !== null) {
      throw new AppError('VALIDATION_FAILED', { toManagerId: 'reassign.managerDisabled' });
    }
    const elsewhere = rows.find((row) => row.districtId !== manager.orgUnitId);
    if (elsewhere) {
      const district = await repo.findDistrict(tx, elsewhere.districtId);
      throw new AppError('VALIDATION_FAILED', {
        toManagerId: { key: 'reassign.managerOtherDistrict', params: { district: district?.name ?? '' } },
      });
    }

    const moving = rows.filter((row) => row.managerId !== manager.id);
    await repo.setManager(
      tx,
      moving.map((row) => row.id),
      manager.id,
      now,
    );
    for (const row of moving) {
      await recordAudit(
        tx,
        { actor, at: now, requestId },
        {
          entityType: 'retailer',
          entityId: row.id,
          action: 'reassigned',
          districtId: row.districtId,
          before: { managerId: row.managerId, managerName: row.managerName, reason: null },
          after: { managerId: manager.id, managerName: manager.name, reason },
        },
      );
      await appendTimelineEvent(tx, {
        retailerId: row.id,
        districtId: row.districtId,
        occurredAt: now,
        kind: 'assignment.changed',
        actorUserId: actor.id,
        sourceType: 'retailer',
        sourceId: row.id,
        data: {
          fromManagerId: row.managerId,
          fromManagerName: row.managerName,
          toManagerId: manager.id,
          toManagerName: manager.name,
          reason,
        },
      });
    }
    await moveConcernsWithRetailers(
      tx,
      deps.concernNotify,
      { actor, at: now, requestId },
      moving.map((row) => ({ retailerId: row.id, shopName: row.shopName, fromManagerId: row.managerId })),
      manager.id,
    );
    return {
      moved: moving.length,
      unchanged: rows.length - moving.length,
      toManager: { id: manager.id, name: manager.name },
    };
  });
}
