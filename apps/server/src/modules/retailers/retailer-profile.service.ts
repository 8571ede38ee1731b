import {
  type CursorQuery,
  type FieldChange,
  type HistoryPage,
  licenceDaysLeft,
  licenceState,
  type ProfileField,
  type ProfileValues,
  profileCrossFieldIssues,
  profileFields,
  profileMessages,
  type RetailerProfile,
  type RetailerProfilePatch,
} from '@siyi/contracts';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { isUniqueViolation } from '../../lib/pg-errors';
import { staleVersion } from '../../lib/versioned';
import { countyNames } from '../../reference/divisions';
import type { Actor } from '../access/actor';
import { type AccessTarget, assertCan, can } from '../access/can';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import { appendTimelineEvent } from '../timeline/timeline.service';
import { decodeCursor, encodeCursor } from '../timeline/timeline-cursor';
import { retailerSearchPinyin } from './retailer-pinyin';
import * as repo from './retailer-profile.repository';
import { findTierHistory } from './retailers.repository';

export interface ProfileDeps {
  db: Db;
  clock: Clock;
}

const knownCounties: ReadonlySet<string> = new Set(Object.keys(countyNames));

/** The calendar day in Asia/Shanghai (UTC+8 all year), where licence dates and concern dates live. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

const targetOf = (row: { id: number; districtId: number; managerId: number | null }): AccessTarget => ({
  districtId: row.districtId,
  managerId: row.managerId,
  retailerId: row.id,
});

/** The editable fields as they are stored now, in the shape an edit sends them. */
function editableValues(row: repo.ProfileRow): ProfileValues {
  return {
    shopName: row.shopName,
    ownerName: row.ownerName,
    phone: row.phone,
    address: row.address,
    countyCode: row.countyCode,
    townCode: row.townCode,
    lat: row.lat,
    lng: row.lng,
    businessFormat: row.businessFormat,
    businessScope: row.businessScope,
    status: row.status,
    orderMethod: row.orderMethod,
    orderWeekday: row.orderWeekday,
    orderFrequency: row.orderFrequency,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    closedWeekdays: row.closedWeekdays,
    visitBatch: row.visitBatch,
    licenceNo: row.licenceNo,
    licenceType: row.licenceType,
    licenceValidFrom: row.licenceValidFrom,
    licenceValidTo: row.licenceValidTo,
    creditGrade: row.creditGrade,
    isModelShop: row.isModelShop,
    minorsNoticePosted: row.minorsNoticePosted,
    nearSchool: row.nearSchool,
    otherContacts: row.otherContacts.map((c) => ({ name: c.name, phone: c.phone, role: c.role ?? '' })),
    bestVisitFrom: row.bestVisitFrom,
    bestVisitTo: row.bestVisitTo,
    notes: row.notes,
  };
}

async function loadProfile(deps: ProfileDeps, actor: Actor, id: number): Promise<RetailerProfile | undefined> {
  const row = await repo.findProfileInScope(deps.db, retailerScope(actor), id);
  if (!row) return undefined;
  const tierHistory = await findTierHistory(deps.db, id);
  const daysLeft = licenceDaysLeft(row.licenceValidTo, shanghaiDate(deps.clock.now()));
  const { updatedAt, otherContacts, notes, ...rest } = row;
  return {
    ...rest,
    countyName: countyNames[row.countyCode] ?? null,
    otherContacts: otherContacts.map((c) => ({ name: c.name, phone: c.phone, role: c.role ?? '' })),
    // The staff's working notes are theirs: the retailer reads its profile without them.
    notes: actor.role === 'retailer' ? null : notes,
    licenceDaysLeft: daysLeft,
    licenceState: licenceState(daysLeft),
    updatedAt: updatedAt.toISOString(),
    tierHistory,
    canEdit: can(actor, 'retailer.update', targetOf(row)),
  };
}

/** `GET /api/retailers/:id`: the whole record and its `version`; outside the actor's scope, 404. */
export async function getRetailerProfile(deps: ProfileDeps, actor: Actor, id: number): Promise<RetailerProfile> {
  const profile = await loadProfile(deps, actor, id);
  if (!profile) throw notFound();
  assertCan(actor, 'retailer.read', targetOf(profile));
  return profile;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `PATCH /api/retailers/:id` — the reference write (docs/ARCHITECTURE.md "The write path"): scoped read (404),
 * `retailer.update` (403), the version the editor read (409 with the record as it is now), every rule on the
 * record as it would be, then one transaction: the row at its version, the audit entry with the changed fields
 * only (before → after), the timeline's `profile.updated`. Nothing changed is no write at all.
 */
export async function updateRetailerProfile(
  deps: ProfileDeps,
  actor: Actor,
  requestId: string | undefined,
  id: number,
  patch: RetailerProfilePatch,
): Promise<RetailerProfile> {
  const scope = retailerScope(actor);
  const row = await repo.findProfileInScope(deps.db, scope, id);
  if (!row) throw notFound();
  assertCan(actor, 'retailer.update', targetOf(row));
  const stale = async () => staleVersion((await loadProfile(deps, actor, id)) ?? {});
  if (row.version !== patch.version) throw await stale();

  const { version, ...edits } = patch;
  // Closed days are a set: one order, so [7, 6] and [6, 7] are the same value.
  if (edits.closedWeekdays) edits.closedWeekdays = [...edits.closedWeekdays].sort((a, b) => a - b);
  const before = editableValues(row);
  const after: ProfileValues = { ...before, ...edits } as ProfileValues;

  const issues = profileCrossFieldIssues(after, knownCounties);
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', Object.fromEntries(issues.map((i) => [i.field, i.message])));
  }

  const changed = profileFields.filter((field) => edits[field] !== undefined && !same(before[field], after[field]));
  if (changed.length === 0) return (await loadProfile(deps, actor, id)) ?? Promise.reject(notFound());

  const values: repo.ProfileUpdate = Object.fromEntries(changed.map((f) => [f, after[f]]));
  if (changed.some((f) => f === 'shopName' || f === 'ownerName' || f === 'address')) {
    values.searchPinyin = retailerSearchPinyin(after);
  }
  const pick = (source: ProfileValues) =>
    Object.fromEntries(changed.map((f: ProfileField) => [f, source[f]])) as Record<string, unknown>;
  const at = deps.clock.now();
  const context = { actor, at, requestId };
  const licenceTaken = () => new AppError('VALIDATION_FAILED', { licenceNo: profileMessages.licenceNoTaken });

  try {
    await inTransaction(deps.db, async (tx) => {
      if (changed.includes('licenceNo') && (await repo.licenceNoTaken(tx, after.licenceNo, id))) throw licenceTaken();
      const saved = await repo.updateProfileAtVersion(tx, scope, id, version, values, at);
      if (!saved) throw await stale();
      await recordAudit(tx, context, {
        entityType: 'retailer',
        entityId: id,
        action: 'profile.updated',
        before: pick(before),
        after: pick(after),
        districtId: row.districtId,
      });
      if (changed.includes('licenceNo')) {
        // The retailer signs in with its licence number: its account follows, audited as the user's change.
        for (const account of await repo.renameRetailerAccount(tx, id, after.licenceNo, at)) {
          await recordAudit(tx, context, {
            entityType: 'user',
            entityId: account.id,
            action: 'user.username_changed',
            before: { username: before.licenceNo },
            after: { username: account.username },
            districtId: row.districtId,
          });
        }
      }
      await appendTimelineEvent(tx, {
        retailerId: id,
        districtId: row.districtId,
        occurredAt: at,
        kind: 'profile.updated',
        actorUserId: actor.id,
        sourceType: 'retailer',
        sourceId: id,
        data: { fields: changed },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw licenceTaken();
    throw error;
  }
  const saved = await loadProfile(deps, actor, id);
  if (!saved) throw notFound();
  return saved;
}

/** Bookkeeping other modules keep in their audit entries: no one reads "version 7 → 8" as a change. */
const NOT_A_CHANGE = new Set(['version', 'runId']);

/** An audit entry's before and after as one change per field (entries of other modules included). */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(before) && !isObject(after)) {
    return before === null && after === null ? [] : [{ field: '', before: before ?? null, after: after ?? null }];
  }
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((field) => !NOT_A_CHANGE.has(field) && !same(b[field], a[field]))
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }));
}

/** `GET /api/retailers/:id/history`: who changed what and when, from the audit trail, newest first. */
export async function getRetailerHistory(
  deps: ProfileDeps,
  actor: Actor,
  id: number,
  query: CursorQuery,
): Promise<HistoryPage> {
  const after = decodeCursor(query.cursor);
  const target = await repo.findTargetInScope(deps.db, retailerScope(actor), id);
  if (!target) throw notFound();
  assertCan(actor, 'retailer.readInternal', targetOf(target));
  const rows = await repo.findHistoryPage(deps.db, id, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      id: row.id,
      occurredAt: row.occurredAt.toISOString(),
      action: row.action,
      actorName: row.actorName,
      actorRole: row.actorRole,
      changes: fieldChanges(row.before, row.after),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.cursorAt, last.id) : null,
  };
}
