/**
 * Visits (拜访, issue 9): a manager's visit to a retailer — planned from the coverage rules or started on the spot —
 * checked in on site (with the distance to the shop), recorded (checklist, market information, concerns heard,
 * products introduced, follow-ups, summary, photos), checked out, and rated by the retailer within 7 days, once.
 *
 * Routes (all under the session cookie; writes need the CSRF header):
 * - `POST /api/visits` `{ retailerId }` — an unplanned visit (the retailer's manager; supervisor/admin in scope) → 201 VisitDetail
 * - `GET  /api/visits?retailerId=&managerId=&status=&from=&to=&page=&pageSize=` → VisitListResponse (newest first)
 * - `GET  /api/visits/:id` → VisitDetail (the retailer: its own visits, without the internal fields)
 * - `POST /api/visits/:id/check-in` `{ lat, lng, accuracy, reason? }` → VisitDetail; farther than the check-in
 *   radius (default 200 m) a reason is required (400, field `reason`); a second check-in → 409 ILLEGAL_TRANSITION
 * - `POST /api/visits/:id/check-out` → VisitDetail; before check-in → 409 ILLEGAL_TRANSITION
 * - `PUT  /api/visits/:id/record` VisitRecordInput (+ `version?`) → VisitDetail; while in progress and until
 *   VISIT_RECORD_EDIT_HOURS after check-out
 * - `POST /api/visits/:id/photos` multipart, part `file` (+ text fields `lat`, `lng`, `accuracy`) → 201 VisitPhoto;
 *   not an image → 415, over PHOTO_MAX_BYTES → 413
 * - `GET  /api/visits/:id/photos/:photoId` and `…/:photoId/thumbnail` → the image bytes
 * - `POST /api/visits/:id/rating` `{ score, comment? }` (the retailer, within VISIT_RATING_DAYS of check-out, once) → VisitDetail
 * - `GET  /api/visits/to-rate` (the retailer) → VisitToRateResponse
 * - `GET|PUT /api/visits/templates` → VisitTemplate (GET: staff; PUT: admin, a new version each save)
 *
 * Scope: a manager its own visits (and its assigned retailers); a supervisor its district; an admin all; a retailer
 * its own visits. Out of scope → 404.
 */
import { z } from 'zod';
import { ConcernCategory } from './concerns';
import { CalendarDate } from './retailer-profile';

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
/** Half of a surrogate pair alone: not text (and not storable in a jsonb record). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Message keys of the visit rules (worded in the server catalogue and the web's visits namespace). */
export const visitMessages = {
  blank: 'visit.blank',
  outsideChina: 'visit.outsideChina',
  accuracyInvalid: 'visit.accuracyInvalid',
  /** Checking in farther than the radius needs a reason. */
  reasonRequired: 'visit.reasonRequired',
  alreadyCheckedIn: 'visit.alreadyCheckedIn',
  notCheckedIn: 'visit.notCheckedIn',
  alreadyCheckedOut: 'visit.alreadyCheckedOut',
  cancelled: 'visit.cancelled',
  /** The record can no longer be edited (VISIT_RECORD_EDIT_HOURS after check-out passed, or not checked in). */
  recordClosed: 'visit.recordClosed',
  notRatable: 'visit.notRatable',
  alreadyRated: 'visit.alreadyRated',
  ratingExpired: 'visit.ratingExpired',
  tooManyPhotos: 'visit.tooManyPhotos',
  unknownChecklistItem: 'visit.unknownChecklistItem',
  unknownProduct: 'visit.unknownProduct',
  unknownConcern: 'visit.unknownConcern',
  duplicateItem: 'visit.duplicateItem',
  /** Text with a broken character (half of a surrogate pair). */
  malformedText: 'visit.malformedText',
} as const;
export type VisitMessageKey = (typeof visitMessages)[keyof typeof visitMessages];

/** planned → in_progress (check-in) → done (check-out); a planned visit may be cancelled. */
export const visitStatuses = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const VisitStatus = z.enum(visitStatuses).meta({ id: 'VisitStatus' });
export type VisitStatus = z.infer<typeof VisitStatus>;

/** `plan`: generated from the coverage rules; `added`: the manager added it to a plan; `unplanned`: started on the spot. */
export const visitSources = ['plan', 'unplanned', 'added'] as const;
export const VisitSource = z.enum(visitSources).meta({ id: 'VisitSource' });
export type VisitSource = z.infer<typeof VisitSource>;

/** Check-in farther than this from the shop needs a reason (until the coverage rules say otherwise). */
export const DEFAULT_CHECK_IN_RADIUS_M = 200;
/** The retailer may rate a visit within this many days of its check-out. */
export const VISIT_RATING_DAYS = 7;
/** The record stays editable this many hours after check-out (to finish it in the car or back at the office). */
export const VISIT_RECORD_EDIT_HOURS = 24;
/** Photos one visit may carry. */
export const VISIT_PHOTOS_MAX = 12;

export const VISIT_TEXT_MAX = 2000;
export const VISIT_NOTE_MAX = 500;

const wellFormed = (s: string) => !LONE_SURROGATE.test(s);
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(NO_CONTROL)
    .refine(wellFormed, { message: visitMessages.malformedText })
    .refine((s) => s !== '', { message: visitMessages.blank });
const optionalText = (max: number) =>
  z.string().trim().max(max).regex(NO_CONTROL).refine(wellFormed, { message: visitMessages.malformedText }).default('');
const Id = z.number().int().positive().max(2_147_483_647);
const queryId = z.coerce.number().int().positive().max(2_147_483_647);

/** WGS-84 latitude within China's bounding box (finite: NaN and Infinity are refused). */
export const ChinaLat = z
  .number()
  .min(3.8, { message: visitMessages.outsideChina })
  .max(53.6, { message: visitMessages.outsideChina });
/** WGS-84 longitude within China's bounding box. */
export const ChinaLng = z
  .number()
  .min(73.5, { message: visitMessages.outsideChina })
  .max(135.1, { message: visitMessages.outsideChina });
/** The browser's reported accuracy radius, in metres. */
export const GeoAccuracy = z.number().min(0).max(100_000);

export const CreateVisitBody = z.strictObject({ retailerId: Id });
export type CreateVisitBody = z.input<typeof CreateVisitBody>;

export const CheckInBody = z.strictObject({
  lat: ChinaLat,
  lng: ChinaLng,
  accuracy: GeoAccuracy,
  /** Required (not blank) when farther than the check-in radius from the shop. */
  reason: optionalText(VISIT_NOTE_MAX),
});
export type CheckInBody = z.input<typeof CheckInBody>;

/** Check-out takes no fields (an empty object or no body). */
export const CheckOutBody = z.strictObject({}).optional();
export type CheckOutBody = z.input<typeof CheckOutBody>;

/** A checklist item's id in a template: a slug, stable across the template's versions. */
export const ChecklistItemId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const checklistAnswers = ['yes', 'no', 'na'] as const;
export const ChecklistAnswerValue = z.enum(checklistAnswers);
export type ChecklistAnswerValue = z.infer<typeof ChecklistAnswerValue>;

export const ChecklistAnswer = z.strictObject({
  answer: ChecklistAnswerValue,
  note: optionalText(VISIT_NOTE_MAX),
});
export type ChecklistAnswer = z.infer<typeof ChecklistAnswer>;

export const CompetitorPrice = z.strictObject({
  /** The competing product or brand. */
  product: text(60),
  /** Yuan per carton (条), as seen on the price tag; null: not seen. */
  price: z.number().min(0).max(100_000).nullable().default(null),
  note: optionalText(200),
});
export type CompetitorPrice = z.infer<typeof CompetitorPrice>;

export const MarketInfoInput = z.strictObject({
  stockNotes: optionalText(VISIT_TEXT_MAX),
  competitorPrices: z.array(CompetitorPrice).max(20).default([]),
  consumerRemarks: optionalText(VISIT_TEXT_MAX),
});
export type MarketInfoInput = z.infer<typeof MarketInfoInput>;

/**
 * A concern heard on the visit: saving the record raises each new one (no `concernId`) as a tracked concern
 * (source `visit`); those already raised come back with their `concernId` and are kept as they were.
 */
export const VisitHeardConcernInput = z.strictObject({
  category: ConcernCategory.default('other'),
  text: text(VISIT_TEXT_MAX),
  concernId: Id.optional(),
});
export type VisitHeardConcernInput = z.infer<typeof VisitHeardConcernInput>;

export const ProductIntroducedInput = z.strictObject({
  productId: Id,
  note: optionalText(VISIT_NOTE_MAX),
});
export type ProductIntroducedInput = z.infer<typeof ProductIntroducedInput>;

export const FollowUpInput = z.strictObject({
  text: text(VISIT_NOTE_MAX),
  dueDate: CalendarDate,
  done: z.boolean().default(false),
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;

export const VisitRecordInput = z.strictObject({
  /** Keyed by the template item's id (of the visit's template version). */
  checklist: z
    .record(ChecklistItemId, ChecklistAnswer)
    .refine((r) => Object.keys(r).length <= 50)
    .default({}),
  market: MarketInfoInput.default({ stockNotes: '', competitorPrices: [], consumerRemarks: '' }),
  heardConcerns: z.array(VisitHeardConcernInput).max(10).default([]),
  productsIntroduced: z.array(ProductIntroducedInput).max(20).default([]),
  followUps: z.array(FollowUpInput).max(20).default([]),
  summary: optionalText(VISIT_TEXT_MAX),
});
export type VisitRecordInput = z.input<typeof VisitRecordInput>;

/** `PUT /api/visits/:id/record`: the whole record, and the visit's `version` as read (stale → 409; absent: last write wins). */
export const UpdateVisitRecordBody = VisitRecordInput.extend({ version: Id.optional() });
export type UpdateVisitRecordBody = z.input<typeof UpdateVisitRecordBody>;

export const RateVisitBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: optionalText(VISIT_NOTE_MAX),
});
export type RateVisitBody = z.input<typeof RateVisitBody>;

/** A checklist item: its stable id and its label in both languages. */
export const VisitTemplateItem = z.strictObject({
  id: ChecklistItemId,
  label: z.strictObject({ 'zh-CN': text(120), en: text(120) }),
});
export type VisitTemplateItem = z.infer<typeof VisitTemplateItem>;

export const UpdateVisitTemplateBody = z.strictObject({
  items: z
    .array(VisitTemplateItem)
    .min(1)
    .max(50)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, {
      message: visitMessages.duplicateItem,
    }),
  /** The template's version as read: stale → 409 CONFLICT. */
  version: Id,
});
export type UpdateVisitTemplateBody = z.input<typeof UpdateVisitTemplateBody>;

const Person = z.object({ id: z.number().int(), name: z.string() });

export const VisitTemplate = z
  .object({
    version: z.number().int(),
    items: z.array(VisitTemplateItem),
    createdAt: z.iso.datetime(),
    createdBy: Person.nullable(),
  })
  .meta({ id: 'VisitTemplate' });
export type VisitTemplate = z.infer<typeof VisitTemplate>;

/** The default checklist (template version 1, written by the migration). */
export const defaultVisitTemplateItems: VisitTemplateItem[] = [
  { id: 'licence_displayed', label: { 'zh-CN': '许可证悬挂', en: 'Licence displayed' } },
  {
    id: 'minors_notice',
    label: { 'zh-CN': '张贴“禁止向未成年人售烟”标识', en: '"No sales to minors" notice posted' },
  },
  { id: 'price_tags', label: { 'zh-CN': '明码标价', en: 'Price tags on every product' } },
  { id: 'display', label: { 'zh-CN': '陈列规范', en: 'Display in order' } },
  { id: 'key_stock', label: { 'zh-CN': '重点品规有货', en: 'Key products in stock' } },
  {
    id: 'no_counterfeit',
    label: { 'zh-CN': '未发现假烟、私烟', en: 'No suspected counterfeit or smuggled goods' },
  },
];

export const VisitRating = z.object({
  score: z.number().int(),
  comment: z.string(),
  createdAt: z.iso.datetime(),
});
export type VisitRating = z.infer<typeof VisitRating>;

export const VisitHeardConcern = z.object({
  category: ConcernCategory,
  text: z.string(),
  /** The tracked concern it was raised as. */
  concernId: z.number().int().nullable(),
});
export type VisitHeardConcern = z.infer<typeof VisitHeardConcern>;

/** The record as stored (visits.record) and answered. */
export const VisitRecord = z.object({
  checklist: z.record(z.string(), z.object({ answer: ChecklistAnswerValue, note: z.string() })),
  market: z.object({
    stockNotes: z.string(),
    competitorPrices: z.array(z.object({ product: z.string(), price: z.number().nullable(), note: z.string() })),
    consumerRemarks: z.string(),
  }),
  heardConcerns: z.array(VisitHeardConcern),
  productsIntroduced: z.array(z.object({ productId: z.number().int(), productName: z.string(), note: z.string() })),
  followUps: z.array(z.object({ text: z.string(), dueDate: z.string(), done: z.boolean() })),
  summary: z.string(),
});
export type VisitRecord = z.infer<typeof VisitRecord>;

export const emptyVisitRecord = (): VisitRecord => ({
  checklist: {},
  market: { stockNotes: '', competitorPrices: [], consumerRemarks: '' },
  heardConcerns: [],
  productsIntroduced: [],
  followUps: [],
  summary: '',
});

export const VisitPhoto = z.object({
  id: z.number().int(),
  url: z.string(),
  thumbnailUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** Where the phone was when it was taken (null: not given). */
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  uploadedBy: Person.nullable(),
  /** UTC ISO-8601: when it was stored. */
  createdAt: z.iso.datetime(),
});
export type VisitPhoto = z.infer<typeof VisitPhoto>;

export const VisitSummary = z
  .object({
    id: z.number().int(),
    retailerId: z.number().int(),
    shopName: z.string(),
    districtId: z.number().int(),
    manager: Person.nullable(),
    /** Monday of the visit's week (Asia/Shanghai), YYYY-MM-DD. */
    weekStart: z.string(),
    plannedDate: z.string().nullable(),
    plannedOrder: z.number().int().nullable(),
    /** Minutes after midnight (Asia/Shanghai). */
    plannedArrival: z.number().int().nullable(),
    pinned: z.boolean(),
    source: VisitSource,
    status: VisitStatus,
    checkInAt: z.iso.datetime().nullable(),
    checkOutAt: z.iso.datetime().nullable(),
    secondsOnSite: z.number().int().nullable(),
    /** Metres from the shop at check-in (null for the retailer). */
    checkInDistanceM: z.number().int().nullable(),
    rating: VisitRating.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'VisitSummary' });
export type VisitSummary = z.infer<typeof VisitSummary>;

export const VisitDetail = VisitSummary.extend({
  /** Internal fields: null for the retailer. */
  checkInLat: z.number().nullable(),
  checkInLng: z.number().nullable(),
  checkInAccuracyM: z.number().nullable(),
  checkInReason: z.string().nullable(),
  /** Null for the retailer (the staff's working record). */
  record: VisitRecord.nullable(),
  templateVersion: z.number().int().nullable(),
  /** The checklist the record answers (the visit's template version, or the current one before check-in). */
  templateItems: z.array(VisitTemplateItem),
  photos: z.array(VisitPhoto),
  /** Until when the record may still be edited (null: not checked out yet, or not editable). */
  recordEditableUntil: z.iso.datetime().nullable(),
  /** Until when the retailer may rate (null: not checked out). */
  ratableUntil: z.iso.datetime().nullable(),
  canCheckIn: z.boolean(),
  canCheckOut: z.boolean(),
  canEditRecord: z.boolean(),
  canAddPhoto: z.boolean(),
  canRate: z.boolean(),
}).meta({ id: 'VisitDetail' });
export type VisitDetail = z.infer<typeof VisitDetail>;

export const VisitListQuery = z.object({
  retailerId: queryId.optional(),
  managerId: queryId.optional(),
  status: VisitStatus.optional(),
  /** Check-in (or planned) day from/to, inclusive, Asia/Shanghai. */
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type VisitListQuery = z.input<typeof VisitListQuery>;

export const VisitListResponse = z.object({
  items: z.array(VisitSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type VisitListResponse = z.infer<typeof VisitListResponse>;

export const VisitToRate = z.object({
  id: z.number().int(),
  manager: Person.nullable(),
  checkInAt: z.iso.datetime(),
  checkOutAt: z.iso.datetime(),
  ratableUntil: z.iso.datetime(),
  secondsOnSite: z.number().int().nullable(),
  /**
   * What was done, as the retailer may see it: checklist items answered of the checklist, the products introduced
   * (names), how many follow-ups were agreed. The record's notes and summary stay the staff's.
   */
  done: z.object({
    checklistAnswered: z.number().int(),
    checklistTotal: z.number().int(),
    products: z.array(z.string()),
    followUps: z.number().int(),
  }),
});
export type VisitToRate = z.infer<typeof VisitToRate>;

export const VisitToRateResponse = z.object({ items: z.array(VisitToRate) });
export type VisitToRateResponse = z.infer<typeof VisitToRateResponse>;

/** Notification kinds this module sends. Params: `visitId`, `managerName`. */
export const visitNotificationKinds = [
  /** To the retailer, at check-out: please rate the visit. */
  'visit.rateRequest',
] as const;
export type VisitNotificationKind = (typeof visitNotificationKinds)[number];

/** Timeline event kinds this module writes on the retailer's timeline. */
export const visitTimelineKinds = ['visit.checked_in', 'visit.checked_out', 'visit.rated'] as const;
export type VisitTimelineKind = (typeof visitTimelineKinds)[number];
