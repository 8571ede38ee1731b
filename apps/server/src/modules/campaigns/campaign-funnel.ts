import { addWeeks, dateOfDay, dayNumber, mondayOfDay, weekEndInstant, weekOf } from '@siyi/algorithms';
import type { FunnelCounts, FunnelStage, InterestSource, WouldReorder } from '@siyi/contracts';

/**
 * The funnel of one campaign, per retailer, from the records that prove each step — pure, so the rules are
 * tested without a database:
 * - introduced: the retailer's first introduction of a campaign product;
 * - interested: the first of an introduction with the reaction `interested`, a feedback that does not say it
 *   would not reorder, and the first order (ordering it is interest shown);
 * - first order: for a product introduced in week W, the first week ≥ W in which a counted order holds a line
 *   of it (the earliest such week over the campaign's products);
 * - reorder: a second order week of the same product within `reorderWeeks` weeks after that first order week.
 * A step counts only once the step before it was reached (a retailer that ordered without an introduction is
 * not a campaign first order: nothing shows the campaign had a part in it).
 */

export interface FunnelIntroduction {
  id: number;
  retailerId: number;
  productId: number;
  visitId: number | null;
  reaction: 'interested' | 'undecided' | 'not_interested';
  introducedAt: Date;
}

export interface FunnelFeedback {
  retailerId: number;
  wouldReorder: WouldReorder;
  createdAt: Date;
}

export interface FunnelOrderWeek {
  retailerId: number;
  productId: number;
  weekStart: string;
  submittedAt: Date | null;
}

export interface RetailerSteps {
  stage: FunnelStage;
  introducedAt: Date | null;
  introductionId: number | null;
  visitId: number | null;
  interestedAt: Date | null;
  interestSource: InterestSource | null;
  firstOrderWeek: string | null;
  firstOrderAt: Date | null;
  reorderWeek: string | null;
  reorderAt: Date | null;
}

const earliest = <T extends { at: Date }>(list: T[]): T | null =>
  list.reduce<T | null>((best, x) => (best === null || x.at.getTime() < best.at.getTime() ? x : best), null);

/** When an order week counts as ordered: its submission, else the week's start. */
const orderedAt = (w: FunnelOrderWeek): Date => w.submittedAt ?? new Date(`${w.weekStart}T00:00:00+08:00`);

export function retailerSteps(
  introductions: readonly FunnelIntroduction[],
  feedback: readonly FunnelFeedback[],
  orderWeeks: readonly FunnelOrderWeek[],
  reorderWeeks: number,
): RetailerSteps {
  const none: RetailerSteps = {
    stage: 'target',
    introducedAt: null,
    introductionId: null,
    visitId: null,
    interestedAt: null,
    interestSource: null,
    firstOrderWeek: null,
    firstOrderAt: null,
    reorderWeek: null,
    reorderAt: null,
  };
  const first = earliest(introductions.map((i) => ({ ...i, at: i.introducedAt })));
  if (!first) return none;

  // First order and reorder per product introduced, from the week of its first introduction on.
  const firstIntroWeek = new Map<number, string>();
  for (const i of [...introductions].sort((a, b) => a.introducedAt.getTime() - b.introducedAt.getTime())) {
    if (!firstIntroWeek.has(i.productId)) firstIntroWeek.set(i.productId, weekOf(i.introducedAt));
  }
  const firstOrders: { week: string; at: Date }[] = [];
  const reorders: { week: string; at: Date }[] = [];
  for (const [productId, fromWeek] of firstIntroWeek) {
    const weeks = orderWeeks
      .filter((w) => w.productId === productId && w.weekStart >= fromWeek)
      .sort((a, b) => (a.weekStart < b.weekStart ? -1 : a.weekStart > b.weekStart ? 1 : 0));
    const [firstWeek, second] = weeks;
    if (!firstWeek) continue;
    firstOrders.push({ week: firstWeek.weekStart, at: orderedAt(firstWeek) });
    if (second && second.weekStart <= addWeeks(mondayOf(firstWeek.weekStart), reorderWeeks)) {
      reorders.push({ week: second.weekStart, at: orderedAt(second) });
    }
  }
  const firstOrder = earliest(firstOrders);
  const reorder = firstOrder ? earliest(reorders) : null;

  const interest = earliest<{ at: Date; source: InterestSource }>([
    ...introductions
      .filter((i) => i.reaction === 'interested')
      .map((i) => ({ at: i.introducedAt, source: 'reaction' as const })),
    ...feedback.filter((f) => f.wouldReorder !== 'no').map((f) => ({ at: f.createdAt, source: 'feedback' as const })),
    ...(firstOrder ? [{ at: firstOrder.at, source: 'order' as const }] : []),
  ]);

  const stage: FunnelStage = reorder ? 'reorder' : firstOrder ? 'first_order' : interest ? 'interested' : 'introduced';
  return {
    stage,
    introducedAt: first.introducedAt,
    introductionId: first.id,
    visitId: first.visitId,
    interestedAt: interest?.at ?? null,
    interestSource: interest?.source ?? null,
    firstOrderWeek: firstOrder?.week ?? null,
    firstOrderAt: firstOrder?.at ?? null,
    reorderWeek: reorder?.week ?? null,
    reorderAt: reorder?.at ?? null,
  };
}

/** The Monday of a week's date (order weeks are Mondays already; this keeps a stray date honest). */
function mondayOf(date: string): string {
  return dateOfDay(mondayOfDay(dayNumber(date)));
}

const stageRank: Record<FunnelStage, number> = { target: 0, introduced: 1, interested: 2, first_order: 3, reorder: 4 };

/** Counts of retailers at or past each step. */
export function countSteps(stages: readonly FunnelStage[]): FunnelCounts {
  const at = (stage: FunnelStage) => stages.filter((s) => stageRank[s] >= stageRank[stage]).length;
  return {
    target: stages.length,
    introduced: at('introduced'),
    interested: at('interested'),
    firstOrder: at('first_order'),
    reorder: at('reorder'),
  };
}

/**
 * Coverage over time: for each week from the campaign's start to now (or its end), the target retailers
 * introduced by the end of that week. At most 53 weeks (the latest ones).
 */
export function coverageOverTime(
  startsOn: string,
  endsOn: string,
  now: Date,
  introducedAt: readonly (Date | null)[],
): { week: string; introduced: number; coverage: number | null }[] {
  const firstWeek = mondayOf(startsOn);
  const lastWeek = [weekOf(now), mondayOf(endsOn)].sort()[0] as string;
  if (lastWeek < firstWeek) return [];
  const weeks: string[] = [];
  for (let w = firstWeek; w <= lastWeek; w = addWeeks(w, 1)) weeks.push(w);
  const times = introducedAt.filter((d): d is Date => d !== null).map((d) => d.getTime());
  const target = introducedAt.length;
  return weeks.slice(-53).map((week) => {
    const end = weekEndInstant(week).getTime();
    const introduced = times.filter((t) => t < end).length;
    return { week, introduced, coverage: target === 0 ? null : introduced / target };
  });
}

export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
