import {
  type PlanDay,
  type PlanStop,
  planRoutes,
  type SearchBudget,
  straightLineProvider,
  type TravelProvider,
} from '@siyi/algorithms';
import type { Locale, RouteOptimizeRequest, RouteOptimizeResponse } from '@siyi/contracts';
import { AppError, type FieldMessage } from '../../lib/app-error';
import { fieldMessage } from '../../plugins/i18n';

export interface RouteDeps {
  /** Distances and times between points; straight lines × road factor until a road network is plugged in. */
  travel?: TravelProvider;
  /** Overrides the solver's budget (tests make runs reproducible with an iteration cap). */
  budget?: SearchBudget;
}

const DEFAULT_START = '08:30';
const DEFAULT_END = '18:00';

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Minutes after midnight → `HH:MM`, rounded to the minute. */
function clockOf(minutes: number): string {
  const total = Math.round(minutes);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * The rules a schema cannot state (they relate two fields): unique ids, windows and days that end after they
 * begin, pins to days that exist. All are reported at once, each at its field.
 */
function validate(input: RouteOptimizeRequest): void {
  const fields: Record<string, FieldMessage> = {};
  const dayCount = input.days?.length ?? 1;
  const seen = new Map<string, number>();
  input.stops.forEach((stop, i) => {
    const first = seen.get(stop.id);
    if (first !== undefined) fields[`stops.${i}.id`] = { key: 'routes.duplicateId', params: { index: first } };
    else seen.set(stop.id, i);
    if (stop.window && minutesOf(stop.window[0]) >= minutesOf(stop.window[1])) {
      fields[`stops.${i}.window`] = 'routes.windowOrder';
    }
    if (stop.day !== undefined && stop.day >= dayCount) {
      fields[`stops.${i}.day`] = { key: 'routes.dayMissing', params: { days: dayCount } };
    }
  });
  if (input.startTime && input.endTime && minutesOf(input.startTime) >= minutesOf(input.endTime)) {
    fields.endTime = 'routes.dayOrder';
  }
  input.days?.forEach((day, i) => {
    const start = minutesOf(day.start ?? input.startTime ?? DEFAULT_START);
    const end = minutesOf(day.end ?? input.endTime ?? DEFAULT_END);
    if (start >= end) fields[`days.${i}.end`] = 'routes.dayOrder';
  });
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', fields);
}

/**
 * Plans a day (no `days`) or a week of visits. Pure computation on the request: nothing is read or stored,
 * so any manager or supervisor may plan any set of points.
 */
export function optimizeRoutes(deps: RouteDeps, input: RouteOptimizeRequest, locale: Locale): RouteOptimizeResponse {
  validate(input);
  const defaultDay = { start: input.startTime ?? DEFAULT_START, end: input.endTime ?? DEFAULT_END };
  const days: PlanDay[] = (input.days ?? [{}]).map((d) => ({
    start: minutesOf(d.start ?? defaultDay.start),
    end: minutesOf(d.end ?? defaultDay.end),
    ...(d.maxVisits === undefined ? {} : { maxVisits: d.maxVisits }),
    ...(d.maxMinutes === undefined ? {} : { maxMinutes: d.maxMinutes }),
  }));
  const stops: PlanStop[] = input.stops.map((s) => ({
    id: s.id,
    lat: s.lat,
    lng: s.lng,
    ...(s.serviceMinutes === undefined ? {} : { serviceMinutes: s.serviceMinutes }),
    ...(s.window ? { window: [minutesOf(s.window[0]), minutesOf(s.window[1])] as const } : {}),
    ...(s.day === undefined ? {} : { day: s.day }),
  }));
  const plan = planRoutes(
    { base: input.start, stops, days, provider: deps.travel ?? straightLineProvider() },
    // A fixed seed: the same request gets the same plan whenever the budget ends at the same point.
    { seed: 1, ...deps.budget },
  );
  const week = input.days !== undefined;
  return {
    routes: plan.routes.map((r) => ({
      ...(week ? { day: r.day } : {}),
      stops: r.stops.map((s) => ({
        id: s.id,
        arrival: clockOf(s.arrival),
        departure: clockOf(s.departure),
        waitMinutes: Math.round(s.start) - Math.round(s.arrival),
      })),
      leave: clockOf(r.leave),
      back: clockOf(r.back),
      meters: Math.round(r.meters),
    })),
    unassigned: plan.unassigned.map((u) => ({
      id: u.id,
      reason: u.reason,
      message: fieldMessage(`routes.unassigned.${u.reason}`, locale),
    })),
    totalMeters: Math.round(plan.totalMeters),
  };
}
