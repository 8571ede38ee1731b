/**
 * The concerns' background work, as service functions of `now` (the app clock): SLA escalation, reminders before
 * the due time, and the auto-close of resolutions the retailer leaves unanswered. Each is idempotent — the
 * condition that selects a concern is re-checked under its row lock, and the write clears it — and handles one
 * concern per short transaction, so a long backlog never holds a lock for long and two servers never double up.
 * `registerConcernJobs` puts them on the job queue (jobs/job-queue.ts).
 */
import { activeConcernStatuses } from '@siyi/contracts';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import type { JobQueue } from '../../jobs/job-queue';
import type { ConcernNotification, Notify } from './concern-notify';
import { concernLink } from './concern-notify';
import { apply } from './concern-state';
import * as repo from './concerns.repository';
import { recordConcernEvent } from './concerns.service';

export interface ConcernJobDeps {
  db: Db;
  notify: Notify;
}

/** Candidates read per round; rounds repeat until none are left (bounded, so a stuck row cannot loop forever). */
const BATCH = 100;
const MAX_ROUNDS = 50;

const isActive = (status: string) => (activeConcernStatuses as readonly string[]).includes(status);

function message(
  userId: number,
  kind: ConcernNotification['kind'],
  concern: { id: number; category: ConcernNotification['params']['category'] },
  shopName: string,
  hours?: number,
): ConcernNotification {
  return {
    userId,
    kind,
    params: { concernId: concern.id, shopName, category: concern.category, ...(hours !== undefined ? { hours } : {}) },
    link: concernLink(concern.id),
  };
}

/** Runs `handle` over the candidates `find` yields, round after round, until a round changes nothing. */
async function drain(find: () => Promise<number[]>, handle: (id: number) => Promise<boolean>): Promise<number> {
  let done = 0;
  const seen = new Set<number>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const ids = (await find()).filter((id) => !seen.has(id));
    if (ids.length === 0) break;
    for (const id of ids) {
      seen.add(id);
      if (await handle(id)) done += 1;
    }
  }
  return done;
}

/**
 * SLA escalation: every concern past due that is still the owner's move, and not yet escalated for this due time,
 * goes to the district supervisor (the reassignment recorded as its own event when the owner changes), is marked
 * escalated, and the supervisor and the previous owner are notified. Returns how many were escalated.
 */
export async function escalateOverdue(deps: ConcernJobDeps, now: Date): Promise<number> {
  return drain(
    () => repo.findEscalationCandidates(deps.db, now, BATCH),
    async (id) => {
      const shopName = await shopNameOfConcern(deps.db, id);
      return inTransaction(deps.db, async (tx) => {
        const c = await repo.lockConcern(tx, id);
        if (!c || !isActive(c.status) || c.escalatedAt !== null || c.dueAt.getTime() > now.getTime()) return false;
        const supervisor = await repo.findDistrictSupervisor(tx, c.districtId);
        const newOwner = supervisor ?? c.ownerUserId;
        await repo.updateConcern(tx, id, { escalatedAt: now, ownerUserId: newOwner }, now);
        const context = { actor: null, at: now };
        const base = {
          concernId: id,
          retailerId: c.retailerId,
          districtId: c.districtId,
          sensitive: c.sensitive,
          category: c.category,
        };
        await recordConcernEvent(tx, context, {
          ...base,
          kind: 'escalated',
          data: { fromOwnerUserId: c.ownerUserId, toOwnerUserId: newOwner, dueAt: c.dueAt.toISOString() },
          before: { ownerUserId: c.ownerUserId, escalatedAt: null },
          after: { ownerUserId: newOwner, escalatedAt: now.toISOString() },
        });
        if (newOwner !== c.ownerUserId) {
          await recordConcernEvent(tx, context, {
            ...base,
            kind: 'reassigned',
            data: { fromOwnerUserId: c.ownerUserId, toOwnerUserId: newOwner, reason: 'sla' },
            before: { ownerUserId: c.ownerUserId },
            after: { ownerUserId: newOwner },
          });
        }
        const recipients = new Set([newOwner, c.ownerUserId].filter((u): u is number => u !== null));
        for (const userId of recipients) {
          await deps.notify(tx, message(userId, 'concern.escalated', c, shopName));
        }
        return true;
      });
    },
  );
}

async function shopNameOfConcern(db: Db, concernId: number): Promise<string> {
  const row = await repo.findConcernInScope(db, repo.everyConcern, concernId);
  return row?.shopName ?? '';
}

/**
 * Reminders: every concern due within the reminder lead (settings) that is still the owner's move and has not
 * been reminded for this due time: the owner is notified once, the reminder recorded. Returns how many.
 */
export async function remindDueSoon(deps: ConcernJobDeps, now: Date): Promise<number> {
  const settings = await repo.findSettings(deps.db);
  const lead = settings.reminderLeadHours;
  return drain(
    () => repo.findReminderCandidates(deps.db, now, lead, BATCH),
    async (id) => {
      const shopName = await shopNameOfConcern(deps.db, id);
      return inTransaction(deps.db, async (tx) => {
        const c = await repo.lockConcern(tx, id);
        const dueIn = c ? c.dueAt.getTime() - now.getTime() : -1;
        if (!c || !isActive(c.status) || c.remindedAt !== null || dueIn <= 0 || dueIn > lead * 3_600_000) return false;
        await repo.updateConcern(tx, id, { remindedAt: now }, now);
        await recordConcernEvent(
          tx,
          { actor: null, at: now },
          {
            concernId: id,
            retailerId: c.retailerId,
            districtId: c.districtId,
            sensitive: c.sensitive,
            category: c.category,
            kind: 'reminded',
            data: { ownerUserId: c.ownerUserId, dueAt: c.dueAt.toISOString() },
            after: { remindedAt: now.toISOString() },
          },
        );
        if (c.ownerUserId !== null) {
          const hours = Math.max(1, Math.ceil(dueIn / 3_600_000));
          await deps.notify(tx, message(c.ownerUserId, 'concern.dueSoon', c, shopName, hours));
        }
        return true;
      });
    },
  );
}

/**
 * Auto-close: a resolution neither confirmed nor reopened within the auto-close days (settings) closes by itself
 * (closedBy `auto`, counted apart from confirmations); the retailer and the owner are told. Returns how many.
 */
export async function autoCloseResolved(deps: ConcernJobDeps, now: Date): Promise<number> {
  const settings = await repo.findSettings(deps.db);
  const before = new Date(now.getTime() - settings.autoCloseDays * 86_400_000);
  return drain(
    () => repo.findAutoCloseCandidates(deps.db, before, BATCH),
    async (id) => {
      const shopName = await shopNameOfConcern(deps.db, id);
      return inTransaction(deps.db, async (tx) => {
        const c = await repo.lockConcern(tx, id);
        if (c?.status !== 'resolved' || c.resolvedAt === null || c.resolvedAt.getTime() > before.getTime()) {
          return false;
        }
        const state = {
          status: c.status,
          dueAt: c.dueAt,
          remindedAt: c.remindedAt,
          escalatedAt: c.escalatedAt,
          firstResolvedAt: c.firstResolvedAt,
          resolvedAt: c.resolvedAt,
          resolution: c.resolution,
          closedAt: c.closedAt,
          closedBy: c.closedBy,
          reopenCount: c.reopenCount,
        };
        const after = apply(state, 'closed', 'system', '', now, 0);
        await repo.updateConcern(tx, id, after, now);
        await recordConcernEvent(
          tx,
          { actor: null, at: now },
          {
            concernId: id,
            retailerId: c.retailerId,
            districtId: c.districtId,
            sensitive: c.sensitive,
            category: c.category,
            kind: 'transition',
            from: 'resolved',
            to: 'closed',
            data: { closedBy: 'auto', days: settings.autoCloseDays },
            before: { status: 'resolved' },
            after: { status: 'closed', closedBy: 'auto' },
          },
        );
        const retailerUser = await repo.findRetailerUser(tx, c.retailerId);
        const recipients = new Set([retailerUser, c.ownerUserId].filter((u): u is number => u !== null));
        for (const userId of recipients) {
          await deps.notify(tx, message(userId, 'concern.autoClosed', c, shopName));
        }
        return true;
      });
    },
  );
}

/** Job names on the queue. */
export const concernJobNames = {
  escalate: 'concerns.escalate-overdue',
  remind: 'concerns.remind-due-soon',
  autoClose: 'concerns.auto-close',
} as const;

/**
 * Registers the three on the job queue: escalation and reminders every 5 minutes, auto-close hourly (cron in
 * Asia/Shanghai; one run per tick across all app servers). Each reads `now` from the job's clock.
 */
export function registerConcernJobs(jobs: JobQueue, deps: { notify: Notify }): void {
  jobs.every(concernJobNames.escalate, '*/5 * * * *', async (ctx) => {
    const n = await escalateOverdue({ db: ctx.db, notify: deps.notify }, ctx.clock.now());
    if (n > 0) ctx.log.info({ escalated: n }, 'concerns escalated');
  });
  jobs.every(concernJobNames.remind, '*/5 * * * *', async (ctx) => {
    const n = await remindDueSoon({ db: ctx.db, notify: deps.notify }, ctx.clock.now());
    if (n > 0) ctx.log.info({ reminded: n }, 'concern reminders sent');
  });
  jobs.every(concernJobNames.autoClose, '7 * * * *', async (ctx) => {
    const n = await autoCloseResolved({ db: ctx.db, notify: deps.notify }, ctx.clock.now());
    if (n > 0) ctx.log.info({ autoClosed: n }, 'concerns closed by themselves');
  });
}
