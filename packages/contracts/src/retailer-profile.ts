/**
 * The retailer's archive (客户档案): the full record with its `version`, the versioned edit, the timeline, the change
 * history and concerns heard (关注点). The edit's rules live here once and run on the server and in the form alike:
 * field rules in `RetailerProfilePatch`, the rules that need the whole record in `profileCrossFieldIssues`.
 *
 * A rule's message is a key (`profile.…`): the server's catalogue and the web's `retailer360.validation` tree
 * word it in Chinese and English.
 */
import { z } from 'zod';
import { CreditGrade, LicenceType, OrderFrequency, OrderMethod } from './archive';
import { ConcernCategory } from './concerns';
import { BusinessFormat, RetailerDetail, RetailerStatus } from './retailers';

/** Message keys of the profile's own rules (each one worded in both catalogues). */
export const profileMessages = {
  licenceNoFormat: 'profile.licenceNoFormat',
  licenceNoCounty: 'profile.licenceNoCounty',
  licenceNoTaken: 'profile.licenceNoTaken',
  phoneFormat: 'profile.phoneFormat',
  countyCodeFormat: 'profile.countyCodeFormat',
  countyUnknown: 'profile.countyUnknown',
  townCodeFormat: 'profile.townCodeFormat',
  townInCounty: 'profile.townInCounty',
  dateFormat: 'profile.dateFormat',
  validToBeforeFrom: 'profile.validToBeforeFrom',
  closesBeforeOpens: 'profile.closesBeforeOpens',
  bestVisitPair: 'profile.bestVisitPair',
  bestVisitOrder: 'profile.bestVisitOrder',
  closedEveryDay: 'profile.closedEveryDay',
  closedDaysRepeat: 'profile.closedDaysRepeat',
  minutesOfDay: 'profile.minutesOfDay',
  outsideChina: 'profile.outsideChina',
  blank: 'profile.blank',
  heardInFuture: 'profile.heardInFuture',
} as const;
export type ProfileMessageKey = (typeof profileMessages)[keyof typeof profileMessages];

/** "Expiring soon" on the 360 page and in the list filter: the licence ends within this many days. */
export const LICENCE_EXPIRING_DAYS = 60;

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** One line of text: trimmed, not blank when required, bounded. */
const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(NO_CONTROL)
    .refine((s) => s !== '', { message: profileMessages.blank });
const optionalLine = (max: number) => z.string().trim().max(max).regex(NO_CONTROL);

/**
 * 烟草专卖零售许可证号: 12 digits, the first six the county's division code (checked against the record's county
 * in `profileCrossFieldIssues`).
 */
export const LicenceNo = z
  .string()
  .trim()
  .regex(/^\d{12}$/, { message: profileMessages.licenceNoFormat });

/** A mainland mobile number (11 digits from 13…19) or a landline with its area code (0374-1234567, 03741234567). */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const Phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s()]/g, ''))
  .pipe(z.string().regex(PHONE_PATTERN, { message: profileMessages.phoneFormat }));

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const CalendarDate = z
  .string()
  .trim()
  .refine(
    (s) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1990-01-01' && s <= '2099-12-31';
    },
    { message: profileMessages.dateFormat },
  );

/** Minutes after midnight, 0 … 1440 (24:00 closes at midnight). */
export const MinuteOfDay = z
  .number()
  .int()
  .min(0, { message: profileMessages.minutesOfDay })
  .max(24 * 60, { message: profileMessages.minutesOfDay });

const Weekday = z.number().int().min(1).max(7);

export const OtherContactInput = z.object({
  name: line(40),
  phone: Phone,
  role: optionalLine(40).default(''),
});
export type OtherContactInput = z.infer<typeof OtherContactInput>;

/** The fields a manager, the district's supervisor or an admin may edit; each optional — send only what changed. */
export const profileEditableShape = {
  shopName: line(60),
  ownerName: line(40),
  phone: Phone,
  address: line(200),
  countyCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: profileMessages.countyCodeFormat }),
  townCode: z
    .string()
    .trim()
    .regex(/^\d{9}$/, { message: profileMessages.townCodeFormat })
    .nullable(),
  /** WGS-84, within China's bounding box. */
  lat: z
    .number()
    .min(3.8, { message: profileMessages.outsideChina })
    .max(53.6, { message: profileMessages.outsideChina }),
  lng: z
    .number()
    .min(73.5, { message: profileMessages.outsideChina })
    .max(135.1, { message: profileMessages.outsideChina }),
  businessFormat: BusinessFormat,
  businessScope: optionalLine(200),
  status: RetailerStatus,
  orderMethod: OrderMethod,
  orderWeekday: Weekday,
  orderFrequency: OrderFrequency,
  opensAt: MinuteOfDay,
  closesAt: MinuteOfDay,
  closedWeekdays: z
    .array(Weekday)
    .max(6, { message: profileMessages.closedEveryDay })
    .refine((days) => new Set(days).size === days.length, { message: profileMessages.closedDaysRepeat }),
  visitBatch: z.number().int().min(1).max(9).nullable(),
  licenceNo: LicenceNo,
  licenceType: LicenceType,
  licenceValidFrom: CalendarDate.nullable(),
  licenceValidTo: CalendarDate.nullable(),
  creditGrade: CreditGrade.nullable(),
  isModelShop: z.boolean(),
  minorsNoticePosted: z.boolean(),
  nearSchool: z.boolean(),
  otherContacts: z.array(OtherContactInput).max(10),
  bestVisitFrom: MinuteOfDay.nullable(),
  bestVisitTo: MinuteOfDay.nullable(),
  notes: optionalLine(2000),
};
export type ProfileField = keyof typeof profileEditableShape;
export const profileFields = Object.keys(profileEditableShape) as ProfileField[];

/** `PATCH /api/retailers/:id`: the `version` read, and any of the editable fields. Unknown fields are refused. */
export const RetailerProfilePatch = z
  .object({ version: z.number().int().min(1).max(2_147_483_647), ...profileEditableShape })
  .partial()
  .required({ version: true })
  .strict();
export type RetailerProfilePatch = z.infer<typeof RetailerProfilePatch>;

export type ProfileValues = { [K in ProfileField]: z.infer<(typeof profileEditableShape)[K]> };

/**
 * The rules that need more than one field, on the record as it would be after the edit. `countyCodes`, when
 * given, is the set of known county codes (the server knows it; the form leaves it out).
 */
export function profileCrossFieldIssues(
  values: Pick<
    ProfileValues,
    | 'licenceNo'
    | 'countyCode'
    | 'townCode'
    | 'licenceValidFrom'
    | 'licenceValidTo'
    | 'opensAt'
    | 'closesAt'
    | 'bestVisitFrom'
    | 'bestVisitTo'
  >,
  countyCodes?: ReadonlySet<string>,
): { field: ProfileField; message: ProfileMessageKey }[] {
  const issues: { field: ProfileField; message: ProfileMessageKey }[] = [];
  if (countyCodes && !countyCodes.has(values.countyCode)) {
    issues.push({ field: 'countyCode', message: profileMessages.countyUnknown });
  }
  if (/^\d{12}$/.test(values.licenceNo) && values.licenceNo.slice(0, 6) !== values.countyCode) {
    issues.push({ field: 'licenceNo', message: profileMessages.licenceNoCounty });
  }
  if (values.townCode !== null && values.townCode.slice(0, 6) !== values.countyCode) {
    issues.push({ field: 'townCode', message: profileMessages.townInCounty });
  }
  if (values.licenceValidFrom && values.licenceValidTo && values.licenceValidTo < values.licenceValidFrom) {
    issues.push({ field: 'licenceValidTo', message: profileMessages.validToBeforeFrom });
  }
  if (values.closesAt <= values.opensAt) {
    issues.push({ field: 'closesAt', message: profileMessages.closesBeforeOpens });
  }
  if ((values.bestVisitFrom === null) !== (values.bestVisitTo === null)) {
    issues.push({
      field: values.bestVisitFrom === null ? 'bestVisitFrom' : 'bestVisitTo',
      message: profileMessages.bestVisitPair,
    });
  } else if (
    values.bestVisitFrom !== null &&
    values.bestVisitTo !== null &&
    values.bestVisitTo <= values.bestVisitFrom
  ) {
    issues.push({ field: 'bestVisitTo', message: profileMessages.bestVisitOrder });
  }
  return issues;
}

/** Days from `today` to the licence's last valid day (negative once lapsed); null without an end date. */
export function licenceDaysLeft(validTo: string | null, today: string): number | null {
  if (!validTo) return null;
  return Math.round((Date.parse(`${validTo}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export const LicenceState = z.enum(['valid', 'expiringSoon', 'expired', 'unknown']);
export type LicenceState = z.infer<typeof LicenceState>;

export function licenceState(daysLeft: number | null): LicenceState {
  if (daysLeft === null) return 'unknown';
  if (daysLeft < 0) return 'expired';
  return daysLeft <= LICENCE_EXPIRING_DAYS ? 'expiringSoon' : 'valid';
}

export const OtherContactView = z.object({ name: z.string(), phone: z.string(), role: z.string() });

/** `GET /api/retailers/:id`: every archive field, the `version` to send back with an edit, and the licence state. */
export const RetailerProfile = RetailerDetail.extend({
  businessScope: z.string(),
  orderMethod: OrderMethod,
  orderFrequency: OrderFrequency,
  visitBatch: z.number().int().nullable(),
  closedWeekdays: z.array(z.number().int()),
  licenceType: LicenceType,
  licenceValidFrom: z.string().nullable(),
  licenceValidTo: z.string().nullable(),
  /** Days to the licence's end in Asia/Shanghai (negative once lapsed); null without an end date. */
  licenceDaysLeft: z.number().int().nullable(),
  /** `expiringSoon`: ends within LICENCE_EXPIRING_DAYS days. */
  licenceState: LicenceState,
  creditGrade: CreditGrade.nullable(),
  isModelShop: z.boolean(),
  minorsNoticePosted: z.boolean(),
  nearSchool: z.boolean(),
  otherContacts: z.array(OtherContactView),
  bestVisitFrom: z.number().int().nullable(),
  bestVisitTo: z.number().int().nullable(),
  /** The manager's notes; null for the retailer itself (they are the staff's working notes). */
  notes: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  /** Whether the caller may edit this record and record concerns heard (the same rule the server applies). */
  canEdit: z.boolean(),
});
export type RetailerProfile = z.infer<typeof RetailerProfile>;

/** Keyset paging, newest first: `cursor` is the `nextCursor` of the previous page. */
export const CursorQuery = z.object({
  cursor: z
    .string()
    .max(80)
    .regex(/^[0-9A-Za-z:.+-]+~\d{1,18}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type CursorQuery = z.infer<typeof CursorQuery>;

export const TimelineItem = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  /** e.g. `profile.updated`, `concern.heard`, `tier.changed`, `assignment.changed`, `order.submitted`. */
  kind: z.string(),
  actorName: z.string().nullable(),
  sourceType: z.string(),
  sourceId: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineItem = z.infer<typeof TimelineItem>;

export const TimelinePage = z.object({ items: z.array(TimelineItem), nextCursor: z.string().nullable() });
export type TimelinePage = z.infer<typeof TimelinePage>;

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChange = z.infer<typeof FieldChange>;

export const HistoryEntry = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  changes: z.array(FieldChange),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistoryPage = z.object({ items: z.array(HistoryEntry), nextCursor: z.string().nullable() });
export type HistoryPage = z.infer<typeof HistoryPage>;

/** 关注点: what the retailer said it cares about, dated, with who heard it. */
export const HeardConcernInput = z
  .object({
    heardOn: CalendarDate,
    topic: line(60),
    body: line(2000),
    /**
     * What kind of concern it is (default `other`): every concern heard is also raised as a tracked concern (诉求)
     * with source `visit`, routed, due by its SLA and followed to the retailer's confirmation.
     */
    category: ConcernCategory.optional(),
  })
  .strict();
export type HeardConcernInput = z.infer<typeof HeardConcernInput>;

export const HeardConcern = z.object({
  id: z.number().int(),
  retailerId: z.number().int(),
  heardOn: z.string(),
  topic: z.string(),
  body: z.string(),
  heardByUserId: z.number().int(),
  heardByName: z.string(),
  createdAt: z.string(),
  /** The tracked concern it was raised as (null for those recorded before concerns were tracked). */
  concernId: z.number().int().nullable(),
});
export type HeardConcern = z.infer<typeof HeardConcern>;

export const HeardConcernList = z.object({ items: z.array(HeardConcern) });
export type HeardConcernList = z.infer<typeof HeardConcernList>;
