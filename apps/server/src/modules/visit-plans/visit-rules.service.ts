/**
 * The coverage rules of visits, versioned: each save is a new version of its key (a district, or city-wide with a
 * null district), with who and when, audited. The rules in force for a district are its newest version, else the
 * newest city-wide one, else the defaults of packages/algorithms. Admins write; staff read their district's.
 */
import { type CoverageRules, coverageRuleProblems, DEFAULT_COVERAGE_RULES } from '@siyi/algorithms';
import {
  type UpdateVisitRulesBody,
  VisitCoverageRules,
  type VisitRulesHistory,
  type VisitRulesView,
  visitPlanMessages,
} from '@siyi/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { staleVersion } from '../../lib/versioned';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/audit.service';
import * as repo from './visit-plans.repository';

export interface RulesDeps {
  db: Db;
  clock: { now(): Date };
}

export interface EffectiveRules {
  rules: CoverageRules;
  /** The version in force (0: the defaults) and where it comes from. */
  version: number;
  source: 'district' | 'city' | 'default';
}

function parseStored(rules: unknown): CoverageRules | null {
  const parsed = VisitCoverageRules.safeParse(rules);
  return parsed.success ? parsed.data : null;
}

/** The rules in force for a district (null: city-wide). */
export async function effectiveRules(db: Db | Tx, districtId: number | null): Promise<EffectiveRules> {
  if (districtId !== null) {
    const own = await repo.findLatestRules(db, districtId);
    const rules = own && parseStored(own.rules);
    if (own && rules) return { rules, version: own.version, source: 'district' };
  }
  const city = await repo.findLatestRules(db, null);
  const rules = city && parseStored(city.rules);
  if (city && rules) return { rules, version: city.version, source: 'city' };
  return { rules: DEFAULT_COVERAGE_RULES, version: 0, source: 'default' };
}

type RuleRow = NonNullable<Awaited<ReturnType<typeof repo.findLatestRules>>>;

function toView(districtId: number | null, row: RuleRow | undefined, effective: EffectiveRules): VisitRulesView {
  return {
    districtId,
    version: row?.version ?? 0,
    rules: row ? (parseStored(row.rules) ?? effective.rules) : effective.rules,
    source: row ? (districtId === null ? 'city' : 'district') : effective.source,
    createdAt: row ? row.createdAt.toISOString() : null,
    createdBy: row?.createdById ? { id: row.createdById, name: row.createdByName ?? '' } : null,
  };
}

/** Which key the actor asks for: an admin any; other staff their own district or city-wide; else 404. */
function readableKey(actor: Actor, districtId: number | undefined): number | null {
  if (actor.role === 'retailer') throw forbidden();
  if (actor.role === 'admin') return districtId ?? null;
  if (districtId === undefined) return actor.orgUnitId;
  if (districtId !== actor.orgUnitId) throw notFound();
  return districtId;
}

export async function getRules(deps: RulesDeps, actor: Actor, districtId: number | undefined): Promise<VisitRulesView> {
  const key = readableKey(actor, districtId);
  if (key !== null && actor.role === 'admin' && !(await repo.districtExists(deps.db, key))) throw notFound();
  const row = await repo.findLatestRules(deps.db, key);
  return toView(key, row, await effectiveRules(deps.db, key));
}

export async function getRulesHistory(
  deps: RulesDeps,
  actor: Actor,
  districtId: number | undefined,
): Promise<VisitRulesHistory> {
  const key = readableKey(actor, districtId);
  const rows = await repo.findRuleVersions(deps.db, key);
  const fallback = await effectiveRules(deps.db, key);
  return { items: rows.map((r) => toView(key, r, fallback)) };
}

const PROBLEM_MESSAGE: Record<string, string> = {
  'tier-range': visitPlanMessages.bandRange,
  'tier-order': visitPlanMessages.bandRange,
  overlap: visitPlanMessages.bandOverlap,
  'every-weeks': visitPlanMessages.bandRange,
  'daily-cap': visitPlanMessages.dayHours,
  'work-days': visitPlanMessages.workDaysRepeat,
  'day-hours': visitPlanMessages.dayHours,
  'service-minutes': visitPlanMessages.dayHours,
  'day-too-short': visitPlanMessages.dayHours,
  radius: visitPlanMessages.dayHours,
};

/** An admin saves a new version of a key's rules; stale `version` 409; audited. */
export async function updateRules(
  deps: RulesDeps,
  context: { actor: Actor; requestId?: string },
  body: z.output<typeof UpdateVisitRulesBody>,
): Promise<VisitRulesView> {
  const { actor } = context;
  if (actor.role !== 'admin') throw forbidden();
  const rules = VisitCoverageRules.parse(body.rules);
  const problems = coverageRuleProblems(rules);
  if (problems.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      Object.fromEntries(
        problems.map((p) => [`rules.${p.path}`, PROBLEM_MESSAGE[p.code] ?? visitPlanMessages.dayHours]),
      ),
    );
  }
  if (body.districtId !== null && !(await repo.districtExists(deps.db, body.districtId))) {
    throw new AppError('VALIDATION_FAILED', { districtId: 'district.required' });
  }
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await repo.lockRulesKey(tx, body.districtId);
    const before = await repo.findLatestRules(tx, body.districtId);
    const current = before?.version ?? 0;
    if (body.version !== current) {
      throw staleVersion(toView(body.districtId, before, await effectiveRules(tx, body.districtId)) as never);
    }
    await repo.insertRuleVersion(tx, {
      districtId: body.districtId,
      version: current + 1,
      rules: rules as unknown as Record<string, unknown>,
      createdBy: actor.id,
      at,
    });
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'visit_rules',
        entityId: body.districtId ?? 0,
        action: 'visitRules.updated',
        districtId: body.districtId,
        before: before ? { version: before.version, rules: before.rules } : null,
        after: { version: current + 1, rules },
      },
    );
  });
  return getRules(deps, actor, body.districtId ?? undefined);
}
