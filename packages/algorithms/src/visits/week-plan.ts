/**
 * A manager's week of visits from the coverage rules: the due computation picks who must be seen, the route
 * solver's week plan (../routing/plan) puts them on working days in an order that respects opening hours, best
 * visit hours, closed weekdays and the daily cap. Overdue visits come first: when the week is short of room the
 * overdue ones are kept and due ones are left out — each with its reason, never silently dropped. Visits the
 * manager pinned stay on their day, started or finished ones take their day's room. Pure and time-bounded (the
 * solver's budget); with an iteration cap and a fixed clock the same input gives the same plan.
 */
import { dayNumber, isoWeekday } from '../calendar';
import { defaultPlanTimeMs, type PlanStop, planRoutes, type RoutePlan } from '../routing/plan';
import { type LatLng, straightLineProvider, type TravelProvider } from '../routing/travel';
import type { UnassignedReason, VrpOptions } from '../routing/vrptw';
import { compareDue, computeDue, type DueInput, type DueReason, type DueResult, weekWorkDates } from './due';
import type { CoverageRules } from './rules';

export interface PlanRetailer extends DueInput {
  lat: number;
  lng: number;
  /** Opening hours, minutes after midnight; a closing time at or before the opening means after midnight. */
  opensAt: number;
  closesAt: number;
  bestVisitFrom: number | null;
  bestVisitTo: number | null;
  /** ISO weekdays the shop is closed. */
  closedWeekdays: readonly number[];
}

/** A visit already in the week: pinned ones stay on their date (re-ordered there), started ones take its room. */
export interface KeptVisit {
  visitId: string;
  retailerId: string;
  date: string;
  /** true: a planned visit the manager pinned; false: started or done (not planned again, not re-ordered). */
  pinned: boolean;
}

export type UnplannedReason =
  /** The week's room (days × daily cap) went to more urgent visits. */
  | 'capacity'
  /** The shop is closed on every remaining working day it could be visited. */
  | 'closed'
  /** No working day of the week is left (all past). */
  | 'no-day'
  /** Its hours do not fit the working day (opens too late, closes too early, window shorter than a visit). */
  | 'hours'
  /** Each fits alone, but the days are full. */
  | 'no-room';

export interface WeekPlanRequest {
  week: string;
  rules: CoverageRules;
  /** Where the manager's days start and end. */
  base: LatLng;
  retailers: readonly PlanRetailer[];
  kept?: readonly KeptVisit[];
  /** No visit is planned before this date (today, when re-planning the current week). */
  fromDate?: string;
  provider?: TravelProvider;
}

export interface WeekPlanStop {
  retailerId: string;
  /** The kept visit's id, null for a new one. */
  visitId: string | null;
  pinned: boolean;
  /** When the visit starts (arrival, or opening time when early), minutes after midnight; null for a pinned visit that no longer fits its day. */
  arrival: number | null;
  status: DueResult['status'];
  reason: DueReason | 'pinned';
}

export interface WeekPlan {
  week: string;
  days: { date: string; stops: WeekPlanStop[] }[];
  unassigned: { retailerId: string; status: DueResult['status']; dueReason: DueReason; reason: UnplannedReason }[];
  /** The due state of every retailer without a kept visit, for the record. */
  due: DueResult[];
}

/** The window a visit must lie in: opening hours narrowed to the best visit hours when those leave room for it. */
export function visitWindow(
  r: Pick<PlanRetailer, 'opensAt' | 'closesAt' | 'bestVisitFrom' | 'bestVisitTo'>,
  serviceMinutes: number,
): [number, number] {
  const open = r.opensAt;
  const close = r.closesAt <= r.opensAt ? 1440 : r.closesAt;
  if (r.bestVisitFrom !== null && r.bestVisitTo !== null) {
    const lo = Math.max(open, r.bestVisitFrom);
    const hi = Math.min(close, r.bestVisitTo);
    if (hi - lo >= serviceMinutes) return [lo, hi];
  }
  return [open, close];
}

const SOLVER_REASON: Record<UnassignedReason, UnplannedReason> = {
  'no-vehicle': 'closed',
  capacity: 'no-room',
  'time-window': 'hours',
  shift: 'hours',
  'no-room': 'no-room',
};

interface Candidate {
  retailer: PlanRetailer;
  due: DueResult;
  /** Indices into the plan's days. */
  days: number[];
  must: boolean;
}

export function planWeek(request: WeekPlanRequest, options: VrpOptions = {}): WeekPlan {
  const { rules, week } = request;
  const kept = request.kept ?? [];
  const from = request.fromDate === undefined ? Number.NEGATIVE_INFINITY : dayNumber(request.fromDate);
  const dates = weekWorkDates(week, rules).filter((d) => dayNumber(d) >= from);
  const dayIndex = new Map(dates.map((d, i) => [d, i]));
  const byId = new Map(request.retailers.map((r) => [r.id, r]));
  const keptRetailers = new Set(kept.map((k) => k.retailerId));

  // Room per day: the cap less the visits already started or done that day.
  const room = dates.map((d) => Math.max(0, rules.dailyCap - kept.filter((k) => !k.pinned && k.date === d).length));
  const pinned = kept.filter((k) => k.pinned && dayIndex.has(k.date) && byId.has(k.retailerId));
  for (const p of pinned)
    room[dayIndex.get(p.date) as number] = Math.max(0, (room[dayIndex.get(p.date) as number] as number) - 1);

  const free = request.retailers.filter((r) => !keptRetailers.has(r.id));
  const due = computeDue(week, rules, free);
  const unassigned: WeekPlan['unassigned'] = [];
  const candidates: Candidate[] = [];
  free.forEach((r, i) => {
    const d = due[i] as DueResult;
    if (d.status === 'wait') return;
    const openOf = (list: string[]) => {
      const inRange = list.filter((x) => dayIndex.has(x));
      return { inRange, open: inRange.filter((x) => !r.closedWeekdays.includes(isoWeekday(dayNumber(x)))) };
    };
    // The monthly minimum narrows the days to its month's; a visit due by its band anyway takes any day when
    // none of those is left.
    let { inRange, open } = openOf(d.monthDates ?? weekWorkDates(week, rules));
    if (open.length === 0 && d.monthDates && d.reason !== 'monthly-minimum') {
      ({ inRange, open } = openOf(weekWorkDates(week, rules)));
    }
    if (open.length === 0) {
      unassigned.push({
        retailerId: r.id,
        status: d.status,
        dueReason: d.reason,
        reason: inRange.length ? 'closed' : 'no-day',
      });
      return;
    }
    candidates.push({
      retailer: r,
      due: d,
      days: open.map((x) => dayIndex.get(x) as number),
      must: d.status === 'overdue' || d.lastChance,
    });
  });
  candidates.sort((a, b) => compareDue({ ...a.due, tier: a.retailer.tier }, { ...b.due, tier: b.retailer.tier }));
  const capacity = room.reduce((a, b) => a + b, 0);
  const selected = candidates.slice(0, capacity);
  for (const c of candidates.slice(capacity)) {
    unassigned.push({ retailerId: c.retailer.id, status: c.due.status, dueReason: c.due.reason, reason: 'capacity' });
  }

  const days = dates.map((_, i) => ({
    start: rules.dayStart,
    end: rules.dayEnd,
    maxVisits: (room[i] as number) + pinned.filter((p) => dayIndex.get(p.date) === i).length,
  }));
  const pinnedStops: PlanStop[] = pinned.map((p) => {
    const r = byId.get(p.retailerId) as PlanRetailer;
    return {
      id: `k:${p.visitId}`,
      lat: r.lat,
      lng: r.lng,
      serviceMinutes: rules.serviceMinutes,
      day: dayIndex.get(p.date) as number,
    };
  });
  const stopOf = (c: Candidate, day?: number): PlanStop => ({
    id: `r:${c.retailer.id}`,
    lat: c.retailer.lat,
    lng: c.retailer.lng,
    serviceMinutes: rules.serviceMinutes,
    window: visitWindow(c.retailer, rules.serviceMinutes),
    ...(day === undefined ? { days: c.days } : { day }),
  });
  const limit = options.timeLimitMs ?? defaultPlanTimeMs(pinnedStops.length + selected.length);
  const run = (stops: PlanStop[], share: number): RoutePlan =>
    planRoutes(
      { base: request.base, stops, days, ...(request.provider ? { provider: request.provider } : {}) },
      { ...options, timeLimitMs: limit * share },
    );
  const mustIds = new Set(selected.filter((c) => c.must).map((c) => `r:${c.retailer.id}`));
  const keepsMust = (p: RoutePlan, ids: Set<string>) => !p.unassigned.some((u) => ids.has(u.id));

  let plan = run([...pinnedStops, ...selected.map((c) => stopOf(c))], 0.6);
  if (!keepsMust(plan, mustIds)) {
    // The solver traded an overdue visit for a due one: plan the overdue alone, then add the due ones around them.
    const must = selected.filter((c) => c.must);
    const first = run([...pinnedStops, ...must.map((c) => stopOf(c))], 0.2);
    const dayOf = new Map<string, number>();
    for (const r of first.routes) for (const s of r.stops) dayOf.set(s.id, r.day);
    const placed = new Set(dayOf.keys());
    const second = run(
      [
        ...pinnedStops,
        ...must.map((c) => stopOf(c, dayOf.get(`r:${c.retailer.id}`) ?? -1)).filter((s) => placed.has(s.id)),
        ...must.filter((c) => !placed.has(`r:${c.retailer.id}`)).map((c) => stopOf(c)),
        ...selected.filter((c) => !c.must).map((c) => stopOf(c)),
      ],
      0.2,
    );
    plan = keepsMust(second, placed) ? second : first;
  }

  const candidateOf = new Map(selected.map((c) => [`r:${c.retailer.id}`, c]));
  const pinnedOf = new Map(pinned.map((p) => [`k:${p.visitId}`, p]));
  const outDays = dates.map((date, i) => {
    const route = plan.routes[i];
    const stops: WeekPlanStop[] = (route?.stops ?? []).map((s) => {
      const p = pinnedOf.get(s.id);
      if (p)
        return {
          retailerId: p.retailerId,
          visitId: p.visitId,
          pinned: true,
          arrival: Math.round(s.start),
          status: 'due',
          reason: 'pinned',
        };
      const c = candidateOf.get(s.id) as Candidate;
      return {
        retailerId: c.retailer.id,
        visitId: null,
        pinned: false,
        arrival: Math.round(s.start),
        status: c.due.status,
        reason: c.due.reason,
      };
    });
    return { date, stops };
  });
  const planned = new Set(plan.routes.flatMap((r) => r.stops.map((s) => s.id)));
  for (const p of pinned) {
    // A pinned visit stays on its day even when it no longer fits there: last, without an arrival time.
    if (planned.has(`k:${p.visitId}`)) continue;
    outDays[dayIndex.get(p.date) as number]?.stops.push({
      retailerId: p.retailerId,
      visitId: p.visitId,
      pinned: true,
      arrival: null,
      status: 'due',
      reason: 'pinned',
    });
  }
  for (const u of plan.unassigned) {
    const c = candidateOf.get(u.id);
    if (c)
      unassigned.push({
        retailerId: c.retailer.id,
        status: c.due.status,
        dueReason: c.due.reason,
        reason: SOLVER_REASON[u.reason],
      });
  }
  // Everything the due computation asked for that the plan left out.
  for (const c of selected) {
    const id = `r:${c.retailer.id}`;
    if (!planned.has(id) && !plan.unassigned.some((u) => u.id === id)) {
      unassigned.push({ retailerId: c.retailer.id, status: c.due.status, dueReason: c.due.reason, reason: 'no-room' });
    }
  }
  return { week, days: outDays, unassigned, due };
}

export interface ReoptimizeStop {
  id: string;
  lat: number;
  lng: number;
  window?: readonly [number, number];
}

/**
 * The rest of a day re-ordered from where the manager is now: stops in visiting order with arrival times; a stop
 * that can no longer be reached in its window keeps its place at the end with a null arrival.
 */
export function reoptimizeDay(
  request: {
    from: LatLng;
    now: number;
    serviceMinutes: number;
    stops: readonly ReoptimizeStop[];
    provider?: TravelProvider;
  },
  options: VrpOptions = {},
): { id: string; arrival: number | null }[] {
  if (request.stops.length === 0) return [];
  // An open route: coming back to where the manager stands now costs nothing.
  const points = [request.from, ...request.stops];
  const full = (request.provider ?? straightLineProvider()).matrix(points);
  const n = full.size;
  const meters = Float64Array.from(full.meters);
  const minutes = Float64Array.from(full.minutes);
  for (let i = 1; i < n; i++) {
    meters[i * n] = 0;
    minutes[i * n] = 0;
  }
  const plan = planRoutes(
    {
      base: request.from,
      travel: { size: n, meters, minutes },
      stops: request.stops.map((s) => ({
        id: s.id,
        lat: s.lat,
        lng: s.lng,
        serviceMinutes: request.serviceMinutes,
        ...(s.window ? { window: s.window } : {}),
      })),
      days: [{ start: request.now, end: Math.max(1440, request.now + 1) }],
    },
    options,
  );
  const out: { id: string; arrival: number | null }[] = (plan.routes[0]?.stops ?? []).map((s) => ({
    id: s.id,
    arrival: Math.round(s.start),
  }));
  const placed = new Set(out.map((s) => s.id));
  for (const s of request.stops) if (!placed.has(s.id)) out.push({ id: s.id, arrival: null });
  return out;
}

/**
 * Times of a day's visits in a given order (a manager moved or added one): leaving the base at `start`, each visit
 * starts on arrival or when its window opens; a visit that would start after its window closes (or after
 * `end`) gets null and the next is timed from where the manager then is. No optimisation: the order is kept.
 */
export function scheduleDay(request: {
  base: LatLng;
  start: number;
  end?: number;
  serviceMinutes: number;
  stops: readonly ReoptimizeStop[];
  provider?: TravelProvider;
}): { id: string; arrival: number | null }[] {
  const points = [request.base, ...request.stops];
  const travel = (request.provider ?? straightLineProvider()).matrix(points);
  const n = travel.size;
  const end = request.end ?? 1440;
  let at = request.start;
  let from = 0;
  return request.stops.map((s, i) => {
    const node = i + 1;
    const arrive = at + (travel.minutes[from * n + node] as number);
    const open = s.window ? s.window[0] : 0;
    const close = s.window ? s.window[1] : 1440;
    const begin = Math.max(arrive, open);
    if (begin + request.serviceMinutes > Math.min(close, end)) return { id: s.id, arrival: null };
    at = begin + request.serviceMinutes;
    from = node;
    return { id: s.id, arrival: Math.round(begin) };
  });
}
