/**
 * Visit quality (issue 9 items 6–7): flags on perfunctory visits (走过场), the supervisor's spot-checks (抽检) and
 * call-backs (回访), and the weekly coverage dashboard whose every figure opens onto its visits.
 *
 * Routes (all under the session cookie; writes need the CSRF header):
 * - `GET  /api/visits/flag-rules` → VisitFlagRulesView (admin, supervisor)
 * - `PUT  /api/visits/flag-rules` UpdateVisitFlagRulesBody → VisitFlagRulesView (admin; a new version; stale 409)
 * - `GET  /api/visits/flags?districtId=&managerId=&retailerId=&visitId=&kind=&from=&to=&open=&page=&pageSize=`
 *   → VisitFlagListResponse (admin all; supervisor its district; manager its own flags, read-only)
 * - `GET  /api/visits/:id/quality` → VisitQuality (the visit's flags, spot-checks, call-backs)
 * - `POST /api/visits/:id/spot-check` SpotCheckBody → 201 VisitQuality (supervisor of the district, admin)
 * - `POST /api/visits/flags/:id/spot-check` SpotCheckBody → 200 VisitFlag (a manager-day or retailer-month flag)
 * - `POST /api/visits/:id/callback` VisitCallbackBody → 201 VisitQuality (supervisor of the district, admin)
 * - `GET  /api/coverage?districtId=&week=` → CoverageResponse (the week and the 8 before it)
 * - `GET  /api/coverage/items?districtId=&managerId=&week=&figure=` → CoverageItemsResponse
 */
import { z } from 'zod';
import { CalendarDate } from './retailer-profile';

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const visitQualityMessages = {
  /** Reached the retailer: say what the retailer said about the visit. */
  retailerSaysRequired: 'visitQuality.retailerSaysRequired',
  /** Not reached: nothing the retailer said. */
  retailerSaysUnreached: 'visitQuality.retailerSaysUnreached',
  /** The shortest valid visit must be shorter than the longest. */
  minAboveMax: 'visitQuality.minAboveMax',
  /** A week is named by its Monday. */
  notMonday: 'visitQuality.notMonday',
  malformedText: 'visitQuality.malformedText',
  /** `from` after `to`. */
  rangeReversed: 'visitQuality.rangeReversed',
} as const;

/** Kinds of flag: four on one visit, one on a manager's day, one on a retailer's month. */
export const visitFlagKinds = [
  'short_visit',
  'far_check_in',
  'empty_record',
  'long_visit',
  'low_daily_time',
  'retailer_missed_month',
] as const;
export const VisitFlagKind = z.enum(visitFlagKinds).meta({ id: 'VisitFlagKind' });
export type VisitFlagKind = z.infer<typeof VisitFlagKind>;

/** A spot-check's finding: `confirmed` — the problem is real; `cleared` — the visit was fine (explained). */
export const visitSpotCheckOutcomes = ['confirmed', 'cleared'] as const;
export const VisitSpotCheckOutcome = z.enum(visitSpotCheckOutcomes);
export type VisitSpotCheckOutcome = z.infer<typeof VisitSpotCheckOutcome>;

/** What the retailer said on the call-back: the visit was as recorded, was perfunctory, or did not happen. */
export const visitCallbackSays = ['as_recorded', 'perfunctory', 'not_visited'] as const;
export const VisitCallbackSays = z.enum(visitCallbackSays);
export type VisitCallbackSays = z.infer<typeof VisitCallbackSays>;

/** Timeline event kinds this module writes on the retailer's timeline. */
export const visitQualityTimelineKinds = ['visit.flagged', 'visit.spot_checked', 'visit.callback'] as const;

export const VISIT_QUALITY_NOTE_MAX = 1000;

const note = z
  .string()
  .trim()
  .max(VISIT_QUALITY_NOTE_MAX)
  .regex(NO_CONTROL)
  .refine((s) => !LONE_SURROGATE.test(s), { message: visitQualityMessages.malformedText })
  .default('');
const Id = z.number().int().positive().max(2_147_483_647);
const queryId = z.coerce.number().int().positive().max(2_147_483_647);
const Person = z.object({ id: z.number().int(), name: z.string() });

/** A Monday 'YYYY-MM-DD' (Asia/Shanghai ISO week). */
export const MondayDate = CalendarDate.refine((s) => new Date(`${s}T00:00:00Z`).getUTCDay() === 1, {
  message: visitQualityMessages.notMonday,
});

const kindSwitches = z.strictObject({
  short_visit: z.boolean(),
  far_check_in: z.boolean(),
  empty_record: z.boolean(),
  long_visit: z.boolean(),
  low_daily_time: z.boolean(),
  retailer_missed_month: z.boolean(),
});

const flagRulesShape = {
  /** A visit shorter than this many seconds on site is flagged (default 60). */
  minSecondsOnSite: z.number().int().min(0).max(3600),
  /** A check-in farther than this many metres from the shop is flagged (default 200). */
  maxCheckInDistanceM: z.number().int().min(10).max(10_000),
  /** A visit longer than this many seconds on site is flagged (default 5 h = 18000). */
  maxSecondsOnSite: z.number().int().min(600).max(86_400),
  /** A manager's total time on site on a working day under this many minutes is flagged (default 60). */
  minDailyMinutesOnSite: z.number().int().min(0).max(720),
  /** An active retailer with fewer valid visits in a calendar month is flagged (default 1). */
  minValidVisitsPerMonth: z.number().int().min(0).max(10),
  /** Each kind can be switched off. */
  enabled: kindSwitches,
};

export const VisitFlagRules = z
  .strictObject(flagRulesShape)
  .refine((r) => r.minSecondsOnSite < r.maxSecondsOnSite, {
    message: visitQualityMessages.minAboveMax,
    path: ['minSecondsOnSite'],
  })
  .meta({ id: 'VisitFlagRules' });
export type VisitFlagRules = z.infer<typeof VisitFlagRules>;

/** `PUT /api/visits/flag-rules`: the whole rule set and the `version` read (stale → 409 CONFLICT). */
export const UpdateVisitFlagRulesBody = z
  .strictObject({ ...flagRulesShape, version: Id })
  .refine((r) => r.minSecondsOnSite < r.maxSecondsOnSite, {
    message: visitQualityMessages.minAboveMax,
    path: ['minSecondsOnSite'],
  });
export type UpdateVisitFlagRulesBody = z.input<typeof UpdateVisitFlagRulesBody>;

export const VisitFlagRulesView = z
  .object({
    ...flagRulesShape,
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    createdBy: Person.nullable(),
  })
  .meta({ id: 'VisitFlagRulesView' });
export type VisitFlagRulesView = z.infer<typeof VisitFlagRulesView>;

export const SpotCheckBody = z.strictObject({
  outcome: VisitSpotCheckOutcome,
  note,
});
export type SpotCheckBody = z.input<typeof SpotCheckBody>;

export const VisitCallbackBody = z
  .strictObject({
    /** Whether the retailer was reached on the phone. */
    reached: z.boolean(),
    /** Required when reached; absent or null when not. */
    retailerSays: VisitCallbackSays.nullable().default(null),
    note,
  })
  .superRefine((b, ctx) => {
    if (b.reached && b.retailerSays === null) {
      ctx.addIssue({ code: 'custom', path: ['retailerSays'], message: visitQualityMessages.retailerSaysRequired });
    }
    if (!b.reached && b.retailerSays !== null) {
      ctx.addIssue({ code: 'custom', path: ['retailerSays'], message: visitQualityMessages.retailerSaysUnreached });
    }
  });
export type VisitCallbackBody = z.input<typeof VisitCallbackBody>;

export const VisitSpotCheck = z.object({
  id: z.number().int(),
  /** Null for a spot-check of a manager-day or retailer-month flag. */
  visitId: z.number().int().nullable(),
  outcome: VisitSpotCheckOutcome,
  note: z.string(),
  by: Person.nullable(),
  createdAt: z.iso.datetime(),
});
export type VisitSpotCheck = z.infer<typeof VisitSpotCheck>;

export const VisitCallback = z.object({
  id: z.number().int(),
  visitId: z.number().int(),
  reached: z.boolean(),
  retailerSays: VisitCallbackSays.nullable(),
  note: z.string(),
  by: Person.nullable(),
  createdAt: z.iso.datetime(),
});
export type VisitCallback = z.infer<typeof VisitCallback>;

export const VisitFlag = z
  .object({
    id: z.number().int(),
    kind: VisitFlagKind,
    /** The visit (visit flags), else null. */
    visitId: z.number().int().nullable(),
    /** The retailer (visit and retailer-month flags), else null. */
    retailerId: z.number().int().nullable(),
    shopName: z.string().nullable(),
    manager: Person,
    districtId: z.number().int(),
    /** Shanghai day: of the check-in (visit flags), or the manager's day. */
    day: z.string().nullable(),
    /** 'YYYY-MM' of a retailer-month flag. */
    month: z.string().nullable(),
    /** What the rule measured, e.g. { secondsOnSite, minSeconds } or { distanceM, maxDistanceM, reason }. */
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    ruleVersion: z.number().int(),
    createdAt: z.iso.datetime(),
    /** Not spot-checked yet. */
    open: z.boolean(),
    spotCheck: z
      .object({ outcome: VisitSpotCheckOutcome, note: z.string(), by: Person.nullable(), at: z.iso.datetime() })
      .nullable(),
    /** The flagged visit's times (visit flags), else null. */
    visit: z
      .object({
        status: z.string(),
        checkInAt: z.iso.datetime().nullable(),
        checkOutAt: z.iso.datetime().nullable(),
        secondsOnSite: z.number().int().nullable(),
        checkInDistanceM: z.number().int().nullable(),
      })
      .nullable(),
    /** Call-backs recorded on the flagged visit. */
    callbacks: z.number().int(),
  })
  .meta({ id: 'VisitFlag' });
export type VisitFlag = z.infer<typeof VisitFlag>;

export const VisitFlagListQuery = z
  .object({
    districtId: queryId.optional(),
    managerId: queryId.optional(),
    retailerId: queryId.optional(),
    visitId: queryId.optional(),
    kind: VisitFlagKind.optional(),
    /** Flag day (or the month's first day) from/to, inclusive. */
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    /** `true`: not spot-checked yet; `false`: spot-checked. */
    open: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: visitQualityMessages.rangeReversed,
    path: ['from'],
  });
export type VisitFlagListQuery = z.input<typeof VisitFlagListQuery>;

export const VisitFlagListResponse = z.object({
  items: z.array(VisitFlag),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type VisitFlagListResponse = z.infer<typeof VisitFlagListResponse>;

export const VisitQuality = z
  .object({
    visitId: z.number().int(),
    retailerId: z.number().int(),
    flags: z.array(VisitFlag),
    spotChecks: z.array(VisitSpotCheck),
    callbacks: z.array(VisitCallback),
  })
  .meta({ id: 'VisitQuality' });
export type VisitQuality = z.infer<typeof VisitQuality>;

export const coverageFigureNames = ['due', 'done', 'overdue', 'flagged', 'rated'] as const;
export const CoverageFigureName = z.enum(coverageFigureNames);
export type CoverageFigureName = z.infer<typeof CoverageFigureName>;

export const CoverageQuery = z.object({
  districtId: queryId.optional(),
  /** A Monday; default: the current week (Asia/Shanghai). */
  week: MondayDate.optional(),
});
export type CoverageQuery = z.input<typeof CoverageQuery>;

export const CoverageWeek = z.object({
  weekStart: z.string(),
  due: z.number().int(),
  done: z.number().int(),
  doneOfDue: z.number().int(),
  overdue: z.number().int(),
  /** 0–100, one decimal; null when nothing was due. */
  coveragePct: z.number().nullable(),
  rated: z.number().int(),
  averageRating: z.number().nullable(),
  flagged: z.number().int(),
  /** 0–100, one decimal; null when nothing was done. */
  flaggedSharePct: z.number().nullable(),
});
export type CoverageWeek = z.infer<typeof CoverageWeek>;

export const CoverageResponse = z
  .object({
    week: z.string(),
    /** The 9 weeks of every series, oldest first (the week last). */
    weeks: z.array(z.string()),
    /** Shanghai day the figures were computed on (overdue depends on it). */
    today: z.string(),
    districts: z.array(z.object({ districtId: z.number().int(), name: z.string(), series: z.array(CoverageWeek) })),
    managers: z.array(
      z.object({
        managerId: z.number().int(),
        name: z.string(),
        districtId: z.number().int(),
        series: z.array(CoverageWeek),
      }),
    ),
  })
  .meta({ id: 'CoverageResponse' });
export type CoverageResponse = z.infer<typeof CoverageResponse>;

export const CoverageItemsQuery = z.object({
  districtId: queryId.optional(),
  managerId: queryId.optional(),
  week: MondayDate.optional(),
  figure: CoverageFigureName,
});
export type CoverageItemsQuery = z.input<typeof CoverageItemsQuery>;

export const CoverageItem = z.object({
  visitId: z.number().int(),
  retailerId: z.number().int(),
  shopName: z.string(),
  manager: Person,
  districtId: z.number().int(),
  weekStart: z.string(),
  plannedDate: z.string().nullable(),
  source: z.string(),
  status: z.string(),
  checkInAt: z.iso.datetime().nullable(),
  checkOutAt: z.iso.datetime().nullable(),
  secondsOnSite: z.number().int().nullable(),
  rating: z.number().int().nullable(),
  flagKinds: z.array(VisitFlagKind),
});
export type CoverageItem = z.infer<typeof CoverageItem>;

export const CoverageItemsResponse = z.object({
  week: z.string(),
  figure: CoverageFigureName,
  total: z.number().int(),
  items: z.array(CoverageItem),
});
export type CoverageItemsResponse = z.infer<typeof CoverageItemsResponse>;
