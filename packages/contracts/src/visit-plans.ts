/**
 * Visit planning (issue 9 items 1–3): the coverage rules (versioned, city-wide or per district) and each manager's
 * weekly plan — visits with status `planned` in `visits`, generated from the rules by the route solver's week plan
 * (overdue first, daily cap, opening and best hours, closed days), moved, pinned, added or removed by the manager,
 * re-ordered from where the manager stands, and seen by the district's supervisor.
 *
 * Routes (session cookie; writes need the CSRF header). Weeks are ISO weeks in Asia/Shanghai named by their Monday;
 * `week` accepts `YYYY-MM-DD` (any day: its week) or `YYYY-Www`.
 * - `GET  /api/visits/rules?districtId=` → VisitRulesView (staff; supervisor/manager: own district or city-wide)
 * - `GET  /api/visits/rules/history?districtId=` → VisitRulesHistory (newest first)
 * - `PUT  /api/visits/rules` UpdateVisitRulesBody → VisitRulesView (admin; a new version each save; audited;
 *   stale `version` → 409)
 * - `GET  /api/visits/plan?managerId=&week=` → VisitPlanView (both optional: the caller, this week; a manager only
 *   itself; a supervisor the managers of its district; an admin all; another's → 404)
 * - `PUT  /api/visits/plan/visits/:id` MovePlannedVisitBody → VisitPlanView (move / pin / re-order a planned visit)
 * - `POST /api/visits/plan/visits` AddPlannedVisitBody → 201 VisitPlanView
 * - `DELETE /api/visits/plan/visits/:id` → VisitPlanView (a planned visit not yet started: cancelled)
 * - `POST /api/visits/plan/reoptimize` ReoptimizeDayBody → VisitPlanView (the rest of that day from where I am)
 * - `POST /api/visits/plan/generate` GeneratePlansBody → GeneratePlansResponse (admin, supervisor; a manager its own)
 */
import { z } from 'zod';
import { CalendarDate } from './retailer-profile';
import { MapTiles } from './retailers';
import { ChinaLat, ChinaLng, VisitSource, VisitStatus } from './visits';

/** Message keys of the planning rules (worded in the server catalogue and the web). */
export const visitPlanMessages = {
  /** `week` is neither a date nor an ISO week name. */
  weekFormat: 'visitPlan.weekFormat',
  /** A date before today (Asia/Shanghai). */
  pastDate: 'visitPlan.pastDate',
  /** More than VISIT_PLAN_AHEAD_WEEKS ahead. */
  tooFarAhead: 'visitPlan.tooFarAhead',
  /** The retailer already has a visit that week. */
  alreadyPlanned: 'visitPlan.alreadyPlanned',
  /** Staff other than a manager name the manager whose plan they mean. */
  managerRequired: 'visitPlan.managerRequired',
  /** The retailer has no customer manager to plan the visit for. */
  noManager: 'visitPlan.noManager',
  nothingToChange: 'visitPlan.nothingToChange',
  /** Only a planned visit not yet started may be moved or removed. */
  notPlanned: 'visitPlan.notPlanned',
  /** Coverage rules: tier bands overlap, are out of 1–30, or run the wrong way. */
  bandOverlap: 'visitRules.bandOverlap',
  bandRange: 'visitRules.bandRange',
  /** The day ends before it starts, or is shorter than one visit. */
  dayHours: 'visitRules.dayHours',
  workDaysRepeat: 'visitRules.workDaysRepeat',
} as const;

/** How far ahead a plan may be generated or a visit moved. */
export const VISIT_PLAN_AHEAD_WEEKS = 8;

const Id = z.number().int().positive().max(2_147_483_647);
const queryId = z.coerce.number().int().positive().max(2_147_483_647);
const Minute = z.number().int().min(0).max(1440);
const Person = z.object({ id: z.number().int(), name: z.string() });

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A week as given: a calendar date (its week) or an ISO week name, 2000–2099. Normalised by the server. */
export const WeekParam = z
  .string()
  .trim()
  .max(10)
  .refine(
    (s) => {
      const w = ISO_WEEK.exec(s);
      if (w) return Number(w[1]) >= 2000 && Number(w[1]) <= 2099 && Number(w[2]) >= 1 && Number(w[2]) <= 53;
      const d = DAY.exec(s);
      if (!d) return false;
      const t = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s && s >= '2000-01-01' && s <= '2099-12-31';
    },
    { message: visitPlanMessages.weekFormat },
  );

export const visitDueStatuses = ['overdue', 'due', 'wait'] as const;
export const VisitDueStatus = z.enum(visitDueStatuses);
export type VisitDueStatus = z.infer<typeof VisitDueStatus>;
/** Why a retailer is due (see packages/algorithms visits/due.ts); `pinned`/`added`: the manager put it there. */
export const visitDueReasons = ['never-visited', 'overdue', 'frequency', 'monthly-minimum', 'not-due'] as const;
export const VisitDueReason = z.enum(visitDueReasons);
export type VisitDueReason = z.infer<typeof VisitDueReason>;
/** Why a due retailer is not in the plan. */
export const visitUnplannedReasons = ['capacity', 'closed', 'no-day', 'hours', 'no-room'] as const;
export const VisitUnplannedReason = z.enum(visitUnplannedReasons);
export type VisitUnplannedReason = z.infer<typeof VisitUnplannedReason>;

export const VisitTierBand = z.strictObject({
  minTier: z.number().int().min(1).max(30),
  maxTier: z.number().int().min(1).max(30),
  /** A visit every this many weeks (1 = weekly). */
  everyWeeks: z.number().int().min(1).max(52),
});
export type VisitTierBand = z.infer<typeof VisitTierBand>;

/** The coverage rules (the shape of packages/algorithms `CoverageRules`). Minutes are after midnight. */
export const VisitCoverageRules = z.strictObject({
  bands: z.array(VisitTierBand).max(30),
  monthlyMinimum: z.boolean(),
  dailyCap: z.number().int().min(1).max(60),
  /** ISO weekdays worked, 1 = Monday … 7 = Sunday. */
  workDays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  dayStart: Minute,
  dayEnd: Minute,
  serviceMinutes: z.number().int().min(1).max(240),
  checkInRadiusMeters: z.number().int().min(10).max(5000),
});
export type VisitCoverageRules = z.infer<typeof VisitCoverageRules>;

export const VisitRulesQuery = z.object({ districtId: queryId.optional() });
export type VisitRulesQuery = z.infer<typeof VisitRulesQuery>;

export const VisitRulesView = z
  .object({
    /** The key asked for: a district, or null for city-wide. */
    districtId: z.number().int().nullable(),
    /** The version in force for that key (0: never saved, the defaults). */
    version: z.number().int(),
    rules: VisitCoverageRules,
    /** Where the rules in force come from: the district's own, the city-wide ones, or the defaults. */
    source: z.enum(['district', 'city', 'default']),
    createdAt: z.iso.datetime().nullable(),
    createdBy: Person.nullable(),
  })
  .meta({ id: 'VisitRulesView' });
export type VisitRulesView = z.infer<typeof VisitRulesView>;

export const VisitRulesHistory = z.object({ items: z.array(VisitRulesView) });
export type VisitRulesHistory = z.infer<typeof VisitRulesHistory>;

export const UpdateVisitRulesBody = z.strictObject({
  /** null or absent: city-wide. */
  districtId: Id.nullable().default(null),
  rules: VisitCoverageRules,
  /** The version of this key as read (0 when none was saved yet): stale → 409 CONFLICT. */
  version: z.number().int().min(0).max(2_147_483_647),
});
export type UpdateVisitRulesBody = z.input<typeof UpdateVisitRulesBody>;

export const VisitPlanQuery = z.object({
  managerId: queryId.optional(),
  week: WeekParam.optional(),
});
export type VisitPlanQuery = z.infer<typeof VisitPlanQuery>;

export const VisitPlanStop = z.object({
  visitId: z.number().int(),
  retailerId: z.number().int(),
  shopName: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  /** Opening hours, minutes after midnight. */
  opensAt: z.number().int(),
  closesAt: z.number().int(),
  plannedDate: z.string(),
  /** 1, 2, … within the day. */
  plannedOrder: z.number().int().nullable(),
  /** Planned arrival, minutes after midnight (null: not scheduled, e.g. a pinned visit that no longer fits). */
  plannedArrival: z.number().int().nullable(),
  status: VisitStatus,
  source: VisitSource,
  pinned: z.boolean(),
  /** Its due state at the start of the week (`wait`/`not-due`: the manager added it although nothing required it). */
  dueStatus: VisitDueStatus,
  dueReason: VisitDueReason,
  tier: z.number().int(),
  version: z.number().int(),
});
export type VisitPlanStop = z.infer<typeof VisitPlanStop>;

export const VisitPlanDay = z.object({
  date: z.string(),
  /** 1 = Monday … 7 = Sunday. */
  weekday: z.number().int(),
  workDay: z.boolean(),
  stops: z.array(VisitPlanStop),
});
export type VisitPlanDay = z.infer<typeof VisitPlanDay>;

export const VisitPlanUnassigned = z.object({
  retailerId: z.number().int(),
  shopName: z.string(),
  address: z.string(),
  dueStatus: VisitDueStatus,
  dueReason: VisitDueReason,
  reason: VisitUnplannedReason,
});
export type VisitPlanUnassigned = z.infer<typeof VisitPlanUnassigned>;

export const VisitPlanView = z
  .object({
    /** The week's Monday (YYYY-MM-DD) and its ISO name (e.g. 2026-W49). */
    week: z.string(),
    isoWeek: z.string(),
    manager: Person,
    districtId: z.number().int(),
    /** When the plan was last generated (null: never; the days may still hold added or unplanned visits). */
    generatedAt: z.iso.datetime().nullable(),
    rulesVersion: z.number().int(),
    dailyCap: z.number().int(),
    /** Monday to Sunday. */
    days: z.array(VisitPlanDay),
    /** Due retailers the plan could not take, with the reason (from the last generation, minus those since planned). */
    unassigned: z.array(VisitPlanUnassigned),
    /** May the caller change this plan (its manager, the district's supervisor, an admin). */
    /** The map's background tiles (null: none configured; draw points and the route only). */
    tiles: MapTiles,
    canEdit: z.boolean(),
  })
  .meta({ id: 'VisitPlanView' });
export type VisitPlanView = z.infer<typeof VisitPlanView>;

export const MovePlannedVisitBody = z
  .strictObject({
    /** A new day (today or later, within VISIT_PLAN_AHEAD_WEEKS): the visit moves there, pinned unless `pinned: false`. */
    plannedDate: CalendarDate.optional(),
    pinned: z.boolean().optional(),
    /** Its place within the day, 1 = first (beyond the end: last). */
    plannedOrder: z.number().int().min(1).max(200).optional(),
  })
  .refine((b) => b.plannedDate !== undefined || b.pinned !== undefined || b.plannedOrder !== undefined, {
    message: visitPlanMessages.nothingToChange,
  });
export type MovePlannedVisitBody = z.input<typeof MovePlannedVisitBody>;

export const AddPlannedVisitBody = z.strictObject({
  retailerId: Id,
  /** Today or later, within VISIT_PLAN_AHEAD_WEEKS. */
  plannedDate: CalendarDate,
});
export type AddPlannedVisitBody = z.input<typeof AddPlannedVisitBody>;

export const ReoptimizeDayBody = z.strictObject({
  /** Today or later; today: from now (the app clock), a later day: from the start of the working day. */
  date: CalendarDate,
  lat: ChinaLat,
  lng: ChinaLng,
  /** Whose day (supervisor/admin); default the caller. */
  managerId: Id.optional(),
});
export type ReoptimizeDayBody = z.input<typeof ReoptimizeDayBody>;

export const GeneratePlansBody = z.strictObject({
  week: WeekParam,
  /** One manager (default: every manager in the caller's scope; a manager: itself). */
  managerId: Id.optional(),
});
export type GeneratePlansBody = z.input<typeof GeneratePlansBody>;

export const GeneratePlansResponse = z.object({
  week: z.string(),
  plans: z.array(z.object({ managerId: z.number().int(), planned: z.number().int(), unassigned: z.number().int() })),
});
export type GeneratePlansResponse = z.infer<typeof GeneratePlansResponse>;

/** Job names (apps/server job queue). */
export const visitPlanJobNames = { weekly: 'visit-plans.weekly' } as const;
