/**
 * Retailer concerns (诉求): every concern a retailer raises has one owner, a due time from the per-category SLA and
 * a closure the retailer confirms (or that closes itself, counted apart, when the retailer says nothing for N days).
 *
 * Routes (all under the session cookie; writes need the CSRF header):
 * - `POST /api/concerns` — raise one (retailer for itself; staff for a retailer in scope) → 201 ConcernDetail
 * - `GET  /api/concerns?status=&owner=&category=&retailerId=&overdue=&cursor=&limit=` → ConcernListResponse,
 *   ordered by due time (the "my work" list), then id
 * - `GET  /api/concerns/:id` → ConcernDetail (with its history of transitions, photos, rating, call-backs)
 * - `POST /api/concerns/:id/transition` `{ to, note, version? }` → ConcernDetail; an illegal one answers 409
 *   ILLEGAL_TRANSITION (nothing written)
 * - `POST /api/concerns/:id/rating` `{ stars, comment? }` (the retailer, once confirmed or auto-closed) → ConcernDetail
 * - `POST /api/concerns/:id/photos` multipart, part `file` (an image; anything else → 400) → 201 ConcernPhoto
 * - `GET  /api/concerns/:id/photos/:photoId` and `…/:photoId/thumbnail` → the image bytes
 * - `POST /api/concerns/:id/callbacks` `{ outcome, note }` (回访 on a closed concern: supervisor, admin) → ConcernDetail
 * - `GET  /api/concerns/stats?weeks=&districtId=` → ConcernStats (supervisor, admin)
 * - `GET|PUT /api/concern-settings` → ConcernSettings (GET: staff; PUT: admin)
 *
 * Scope: a retailer sees its own concerns; a manager those of its assigned retailers except 服务态度 and 强制搭配
 * (they go to the district supervisor, and answer 404 to the manager — in the list, the detail, the stats and the
 * timeline); a supervisor its district; an admin all. Out of scope → 404.
 */
import { z } from 'zod';

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** Message keys of the concern rules (worded in the server catalogue and the web's `concerns.validation`). */
export const concernMessages = {
  blank: 'concern.blank',
  noteRequired: 'concern.noteRequired',
  reasonRequired: 'concern.reasonRequired',
  retailerRequired: 'concern.retailerRequired',
  sourceNotAllowed: 'concern.sourceNotAllowed',
  illegalTransition: 'concern.illegalTransition',
  notYours: 'concern.notYours',
  alreadyRated: 'concern.alreadyRated',
  notClosed: 'concern.notClosed',
  notRatable: 'concern.notRatable',
  tooManyPhotos: 'concern.tooManyPhotos',
  /** A confirmed or closed concern takes no more photos. */
  finished: 'concern.finished',
  /** A new owner who is neither an active manager nor a supervisor of the concern's district. */
  ownerNotAllowed: 'concern.ownerNotAllowed',
  /** 服务态度 / 强制搭配 stay with a supervisor: no manager may own (or read) them. */
  ownerSensitive: 'concern.ownerSensitive',
  /** The concern has this owner already. */
  ownerSame: 'concern.ownerSame',
  /** A finished (confirmed or closed) concern is nobody's work any more. */
  reassignFinished: 'concern.reassignFinished',
} as const;

/** 货源, 价格, 配送, 订货, 服务态度, 强制搭配, 假烟私烟, 证照, 建议, 其他. */
export const concernCategories = [
  'supply',
  'price',
  'delivery',
  'ordering',
  'service_attitude',
  'forced_ordering',
  'counterfeit',
  'licence',
  'suggestion',
  'other',
] as const;
export const ConcernCategory = z.enum(concernCategories).meta({ id: 'ConcernCategory' });
export type ConcernCategory = z.infer<typeof ConcernCategory>;

/**
 * Categories about the manager itself (服务态度 service attitude, 强制搭配 forced ordering): owned by the district
 * supervisor, and invisible (404) to the retailer's manager.
 */
export const sensitiveConcernCategories = ['service_attitude', 'forced_ordering'] as const satisfies ConcernCategory[];
export const isSensitiveCategory = (category: ConcernCategory): boolean =>
  (sensitiveConcernCategories as readonly string[]).includes(category);

/**
 * new → accepted → in_progress → resolved → confirmed (by the retailer; final), or → reopened (by the retailer, with
 * a reason) → in_progress / resolved → …; a resolution the retailer leaves unconfirmed for N days → closed (by the
 * system; final, counted apart from confirmed).
 */
export const concernStatuses = [
  'new',
  'accepted',
  'in_progress',
  'resolved',
  'confirmed',
  'reopened',
  'closed',
] as const;
export const ConcernStatus = z.enum(concernStatuses).meta({ id: 'ConcernStatus' });
export type ConcernStatus = z.infer<typeof ConcernStatus>;

/** The states in which a concern is finished: confirmed by the retailer, or closed by itself. */
export const finalConcernStatuses = ['confirmed', 'closed'] as const satisfies ConcernStatus[];
/** Still somebody's work (open): every state but the final ones. `resolved` waits for the retailer. */
export const openConcernStatuses = [
  'new',
  'accepted',
  'in_progress',
  'resolved',
  'reopened',
] as const satisfies ConcernStatus[];
/** The states that still count against the SLA (the owner's move): open and not waiting for the retailer. */
export const activeConcernStatuses = ['new', 'accepted', 'in_progress', 'reopened'] as const satisfies ConcernStatus[];

/** How a finished concern was closed: the retailer confirmed it, or nobody answered the resolution in time. */
export const concernClosedBy = ['confirmed', 'auto'] as const;
export const ConcernClosedBy = z.enum(concernClosedBy);
export type ConcernClosedBy = z.infer<typeof ConcernClosedBy>;

export const concernPriorities = ['normal', 'high', 'urgent'] as const;
export const ConcernPriority = z.enum(concernPriorities).meta({ id: 'ConcernPriority' });
export type ConcernPriority = z.infer<typeof ConcernPriority>;

/** Where it came from: the retailer's own portal, heard on a visit, by phone, in a survey. */
export const concernSources = ['retailer_portal', 'visit', 'phone', 'survey'] as const;
export const ConcernSource = z.enum(concernSources).meta({ id: 'ConcernSource' });
export type ConcernSource = z.infer<typeof ConcernSource>;

/** Who may make a transition: the concern's staff (owner, the retailer's manager, supervisor, admin), the retailer, the system. */
export type ConcernActorKind = 'staff' | 'retailer' | 'system';

/**
 * The legal moves, once, for the server's state machine and the UI's buttons alike: `to` from each state in
 * `from`, by `by`; `note` says whether a note is required (the resolution, or the reason for reopening).
 */
export const concernTransitions: readonly {
  to: ConcernStatus;
  from: readonly ConcernStatus[];
  by: ConcernActorKind;
  note: boolean;
}[] = [
  { to: 'accepted', from: ['new'], by: 'staff', note: false },
  { to: 'in_progress', from: ['accepted', 'reopened'], by: 'staff', note: false },
  { to: 'resolved', from: ['accepted', 'in_progress', 'reopened'], by: 'staff', note: true },
  { to: 'confirmed', from: ['resolved'], by: 'retailer', note: false },
  { to: 'reopened', from: ['resolved'], by: 'retailer', note: true },
  { to: 'closed', from: ['resolved'], by: 'system', note: false },
];

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(NO_CONTROL)
    .refine((s) => s !== '', { message: concernMessages.blank });
const optionalText = (max: number) => z.string().trim().max(max).regex(NO_CONTROL).default('');
const Id = z.number().int().positive().max(2_147_483_647);
const queryId = z.coerce.number().int().positive().max(2_147_483_647);

export const CONCERN_TEXT_MAX = 2000;
export const CONCERN_NOTE_MAX = 1000;
/** Photos one concern may carry. */
export const CONCERN_PHOTOS_MAX = 6;

export const CreateConcernBody = z.strictObject({
  /** Required for staff; a retailer may leave it out (or send its own id: any other answers 404). */
  retailerId: Id.optional(),
  category: ConcernCategory,
  text: text(CONCERN_TEXT_MAX),
  priority: ConcernPriority.default('normal'),
  /** A retailer's is always `retailer_portal`; staff choose `visit`, `phone` (default) or `survey`. */
  source: ConcernSource.optional(),
});
export type CreateConcernBody = z.input<typeof CreateConcernBody>;

export const TransitionConcernBody = z.strictObject({
  to: ConcernStatus,
  /** Required (not blank) to resolve (the resolution) and to reopen (the reason); optional otherwise. */
  note: optionalText(CONCERN_NOTE_MAX),
  /** The concern's version as read: when sent, a concern changed meanwhile answers 409 CONFLICT. */
  version: Id.optional(),
});
export type TransitionConcernBody = z.input<typeof TransitionConcernBody>;

export const RateConcernBody = z.strictObject({
  stars: z.number().int().min(1).max(5),
  comment: optionalText(500),
});
export type RateConcernBody = z.input<typeof RateConcernBody>;

/** 回访 outcome: the retailer was satisfied, was not, or could not be reached. */
export const callbackOutcomes = ['satisfied', 'unsatisfied', 'unreachable'] as const;
export const CallbackOutcome = z.enum(callbackOutcomes);
export type CallbackOutcome = z.infer<typeof CallbackOutcome>;

export const CreateCallbackBody = z.strictObject({
  outcome: CallbackOutcome,
  note: optionalText(CONCERN_NOTE_MAX),
});
export type CreateCallbackBody = z.input<typeof CreateCallbackBody>;

/**
 * A supervisor (its district) or an admin hands an open concern to another owner: an active customer manager or
 * supervisor of the concern's district (a sensitive concern: a supervisor only), with the reason.
 */
export const ReassignConcernBody = z.strictObject({
  ownerUserId: Id,
  reason: text(CONCERN_NOTE_MAX),
  /** The concern's version as read: when sent, a concern changed meanwhile answers 409 CONFLICT. */
  version: Id.optional(),
});
export type ReassignConcernBody = z.input<typeof ReassignConcernBody>;

/** Why a concern changed owner: the SLA was breached, its retailer moved to another manager, or by hand. */
export const concernReassignReasons = ['sla', 'retailer_moved', 'manual'] as const;
export type ConcernReassignReason = (typeof concernReassignReasons)[number];

/** Who may take a concern over (`GET /api/concerns/:id/owners`): the district's active managers and supervisors. */
export const ConcernOwnerCandidates = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        role: z.enum(['manager', 'supervisor']),
        /** The retailer's own customer manager. */
        retailersManager: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ConcernOwnerCandidates' });
export type ConcernOwnerCandidates = z.infer<typeof ConcernOwnerCandidates>;

/** `open`: every state but confirmed/closed; `final`: confirmed or closed; or one state exactly. */
export const ConcernStatusFilter = z.union([ConcernStatus, z.enum(['open', 'final'])]);
export type ConcernStatusFilter = z.infer<typeof ConcernStatusFilter>;

export const ConcernListQuery = z.object({
  status: ConcernStatusFilter.optional(),
  /** `me`: the caller's own; or a user id. */
  owner: z.union([z.literal('me'), queryId]).optional(),
  category: ConcernCategory.optional(),
  retailerId: queryId.optional(),
  /** `true`: past due and still the owner's move; `false`: not. */
  overdue: z.enum(['true', 'false']).optional(),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .max(120)
    .regex(/^[0-9A-Za-z:.+_-]+$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ConcernListQuery = z.input<typeof ConcernListQuery>;

const Person = z.object({ id: z.number().int(), name: z.string() });

export const ConcernRating = z.object({
  stars: z.number().int(),
  comment: z.string(),
  createdAt: z.iso.datetime(),
});
export type ConcernRating = z.infer<typeof ConcernRating>;

export const Concern = z
  .object({
    id: z.number().int(),
    retailerId: z.number().int(),
    shopName: z.string(),
    districtId: z.number().int(),
    category: ConcernCategory,
    /** The first 200 characters in a list; whole in the detail. */
    text: z.string(),
    priority: ConcernPriority,
    source: ConcernSource,
    status: ConcernStatus,
    owner: Person.nullable(),
    raisedBy: Person.nullable(),
    /** UTC ISO-8601. */
    createdAt: z.iso.datetime(),
    /** When the owner's answer is due (from the category's SLA; reset on reopening). */
    dueAt: z.iso.datetime(),
    /** Past due and still the owner's move. */
    overdue: z.boolean(),
    /** When a breached SLA moved it to the supervisor (null: never). */
    escalatedAt: z.iso.datetime().nullable(),
    resolvedAt: z.iso.datetime().nullable(),
    /** The latest resolution note. */
    resolution: z.string().nullable(),
    closedAt: z.iso.datetime().nullable(),
    closedBy: ConcernClosedBy.nullable(),
    reopenCount: z.number().int(),
    photoCount: z.number().int(),
    /** Call-backs (回访) recorded on it: the supervisor's list shows which finished ones are done. */
    callbackCount: z.number().int(),
    rating: ConcernRating.nullable(),
    version: z.number().int(),
    /** The states the caller may move it to now (the UI's buttons). */
    allowedTransitions: z.array(ConcernStatus),
    /** The retailer, once it is confirmed or closed and not yet rated. */
    canRate: z.boolean(),
    /** Supervisor or admin, once it is confirmed or closed. */
    canCallback: z.boolean(),
    /** Staff in scope or the retailer, while open and below CONCERN_PHOTOS_MAX. */
    canAddPhoto: z.boolean(),
    /** The district's supervisor or an admin, while open: hand it to another owner. */
    canReassign: z.boolean(),
  })
  .meta({ id: 'Concern' });
export type Concern = z.infer<typeof Concern>;

export const concernEventKinds = [
  'created',
  'transition',
  'escalated',
  'reassigned',
  'reminded',
  'rated',
  'callback',
  'photo_added',
] as const;
export const ConcernEventKind = z.enum(concernEventKinds);
export type ConcernEventKind = z.infer<typeof ConcernEventKind>;

/** One line of the concern's own timeline. `actor` null: the system (escalation, reminder, auto-close). */
export const ConcernEvent = z.object({
  id: z.number().int(),
  occurredAt: z.iso.datetime(),
  kind: ConcernEventKind,
  from: ConcernStatus.nullable(),
  to: ConcernStatus.nullable(),
  note: z.string(),
  actor: Person.nullable(),
  /**
   * reassigned/escalated: `{ fromOwner, toOwner }` as Person (reassigned also `reason`: sla, retailer_moved or
   * manual, the manual one's words in `note`); rated: `{ stars }`; callback: `{ outcome }`.
   */
  data: z.record(z.string(), z.unknown()),
});
export type ConcernEvent = z.infer<typeof ConcernEvent>;

export const ConcernPhoto = z.object({
  id: z.number().int(),
  url: z.string(),
  thumbnailUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  uploadedBy: Person.nullable(),
  createdAt: z.iso.datetime(),
});
export type ConcernPhoto = z.infer<typeof ConcernPhoto>;

export const ConcernCallback = z.object({
  id: z.number().int(),
  outcome: CallbackOutcome,
  note: z.string(),
  calledBy: Person,
  createdAt: z.iso.datetime(),
});
export type ConcernCallback = z.infer<typeof ConcernCallback>;

export const ConcernDetail = Concern.extend({
  history: z.array(ConcernEvent),
  photos: z.array(ConcernPhoto),
  callbacks: z.array(ConcernCallback),
}).meta({ id: 'ConcernDetail' });
export type ConcernDetail = z.infer<typeof ConcernDetail>;

export const ConcernListResponse = z.object({
  items: z.array(Concern),
  nextCursor: z.string().nullable(),
  /** Whether the caller may raise a concern (retailer for itself; manager, supervisor, admin for a retailer). */
  canCreate: z.boolean(),
});
export type ConcernListResponse = z.infer<typeof ConcernListResponse>;

export const ConcernStatsQuery = z.object({
  /** Weeks of trend, ending with the current one (Asia/Shanghai, Monday start). */
  weeks: z.coerce.number().int().min(1).max(52).default(12),
  /** An admin's narrowing to one district (a supervisor's scope is its district already). */
  districtId: queryId.optional(),
});
export type ConcernStatsQuery = z.input<typeof ConcernStatsQuery>;

const Rate = z.number().min(0).max(1).nullable();

export const ConcernStats = z
  .object({
    /** Open concerns (the owner's move or waiting for the retailer) and the overdue among them, per owner. */
    byOwner: z.array(
      z.object({
        owner: Person.nullable(),
        role: z.string().nullable(),
        open: z.number().int(),
        overdue: z.number().int(),
      }),
    ),
    byCategory: z.array(z.object({ category: ConcernCategory, open: z.number().int(), overdue: z.number().int() })),
    open: z.number().int(),
    overdue: z.number().int(),
    /** Median hours from raised to (first) resolved, over concerns resolved in the period; null: none. */
    medianHoursToResolve: z.number().nullable(),
    /** Concerns finished in the period: confirmed by the retailer, closed by themselves. */
    confirmed: z.number().int(),
    autoClosed: z.number().int(),
    /** Of those finished in the period: the share confirmed, auto-closed, and reopened at least once. */
    confirmedRate: Rate,
    autoClosedRate: Rate,
    reopenedRate: Rate,
    averageStars: z.number().nullable(),
    weekly: z.array(
      z.object({
        /** Monday, YYYY-MM-DD. */
        weekStart: z.string(),
        raised: z.number().int(),
        resolved: z.number().int(),
        confirmed: z.number().int(),
        autoClosed: z.number().int(),
        reopened: z.number().int(),
        escalated: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ConcernStats' });
export type ConcernStats = z.infer<typeof ConcernStats>;

const Hours = z
  .number()
  .int()
  .min(1)
  .max(24 * 60);

export const ConcernSettings = z
  .object({
    /** The SLA per category, in hours from raising (or reopening) to the owner's resolution. */
    slaHours: z.object(
      Object.fromEntries(concernCategories.map((c) => [c, Hours])) as Record<ConcernCategory, typeof Hours>,
    ),
    /** A resolution the retailer neither confirms nor reopens closes itself after this many days. */
    autoCloseDays: z.number().int().min(1).max(90),
    /** The owner is reminded this many hours before the due time. */
    reminderLeadHours: z.number().int().min(1).max(168),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
    updatedBy: Person.nullable(),
  })
  .meta({ id: 'ConcernSettings' });
export type ConcernSettings = z.infer<typeof ConcernSettings>;

export const UpdateConcernSettingsBody = z.strictObject({
  slaHours: z.strictObject(
    Object.fromEntries(concernCategories.map((c) => [c, Hours])) as Record<ConcernCategory, typeof Hours>,
  ),
  autoCloseDays: z.number().int().min(1).max(90),
  reminderLeadHours: z.number().int().min(1).max(168),
  /** The settings' version as read: stale → 409 CONFLICT. */
  version: Id,
});
export type UpdateConcernSettingsBody = z.infer<typeof UpdateConcernSettingsBody>;

/** The defaults the migration writes (e.g. 24 h for supply, 72 h for suggestions). */
export const defaultConcernSlaHours: Record<ConcernCategory, number> = {
  supply: 24,
  price: 48,
  delivery: 24,
  ordering: 24,
  service_attitude: 48,
  forced_ordering: 48,
  counterfeit: 24,
  licence: 72,
  suggestion: 72,
  other: 72,
};
export const DEFAULT_CONCERN_AUTO_CLOSE_DAYS = 7;
export const DEFAULT_CONCERN_REMINDER_LEAD_HOURS = 4;

/**
 * Notification kinds this module sends (texts in the notifications catalogue). Params: `concernId`, `shopName`,
 * `category`, and for due_soon `hours`.
 */
export const concernNotificationKinds = [
  /** To the new owner: a concern was raised / assigned to you. */
  'concern.assigned',
  /** To the owner: due within the reminder lead. */
  'concern.dueSoon',
  /** To the supervisor (now the owner) and the previous owner: the SLA was breached. */
  'concern.escalated',
  /** To the new owner: handed over by hand, or because its retailer moved to this manager. */
  'concern.reassigned',
  /** To the retailer: resolved, please confirm or reopen. */
  'concern.resolved',
  /** To the owner: the retailer reopened it. */
  'concern.reopened',
  /** To the owner: the retailer confirmed. */
  'concern.confirmed',
  /** To the retailer and owner: closed by itself after N days unconfirmed. */
  'concern.autoClosed',
] as const;
export type ConcernNotificationKind = (typeof concernNotificationKinds)[number];
