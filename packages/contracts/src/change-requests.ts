import { z } from 'zod';
import { ChangeRequestStatus } from './archive';
import { PageQuery, paginated } from './common';

/**
 * A shop's phone: a mobile number (11 digits from 13…19) or a landline with its area code (0374-1234567); spaces
 * and brackets typed with it are dropped. The same rule as the profile edit's (retailer-profile.ts).
 */
export const ShopPhone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s()]/g, ''))
  .pipe(z.string().regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/));

/** Minutes after midnight (Asia/Shanghai); 1440 is midnight at the end of the day. */
const Minute = z.number().int().min(0).max(1440);

/** ISO weekday: 1 = Monday … 7 = Sunday. */
const Weekday = z.number().int().min(1).max(7);

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** A contact besides the owner, as a retailer enters it: a name, a valid phone, an optional role. */
export const RequestedContact = z.strictObject({
  name: z.string().trim().min(1).max(40).regex(NO_CONTROL),
  phone: ShopPhone,
  role: z.string().trim().max(40).regex(NO_CONTROL).default(''),
});

/**
 * What a retailer may ask to change about itself: its contacts and its hours, nothing else (a name, licence or
 * tier is never changed from the portal). Only the fields sent are asked for; unknown fields are refused.
 */
export const ChangeRequestChanges = z.strictObject({
  phone: ShopPhone.optional(),
  otherContacts: z.array(RequestedContact).max(10).optional(),
  opensAt: Minute.optional(),
  closesAt: Minute.optional(),
  /** The weekdays the shop is closed; a shop open every day sends []. */
  closedWeekdays: z
    .array(Weekday)
    .max(6)
    .refine((days) => new Set(days).size === days.length, { message: 'Each weekday once.' })
    .optional(),
  /** Best visit hours; null for "any time we are open". */
  bestVisitFrom: Minute.nullable().optional(),
  bestVisitTo: Minute.nullable().optional(),
});
export type ChangeRequestChanges = z.infer<typeof ChangeRequestChanges>;

/** The fields of ChangeRequestChanges as stored and shown (before, after, now): not re-validated on the way out. */
export const ChangeRequestValues = z.object({
  phone: z.string().optional(),
  otherContacts: z.array(z.object({ name: z.string(), phone: z.string(), role: z.string() })).optional(),
  opensAt: z.number().int().optional(),
  closesAt: z.number().int().optional(),
  closedWeekdays: z.array(z.number().int()).optional(),
  bestVisitFrom: z.number().int().nullable().optional(),
  bestVisitTo: z.number().int().nullable().optional(),
});
export type ChangeRequestValues = z.infer<typeof ChangeRequestValues>;
export const changeRequestFields = [
  'phone',
  'otherContacts',
  'opensAt',
  'closesAt',
  'closedWeekdays',
  'bestVisitFrom',
  'bestVisitTo',
] as const;
export type ChangeRequestField = (typeof changeRequestFields)[number];

/** Message keys of the rules that need the whole record (worded in the server and web catalogues). */
export const changeRequestMessages = {
  closesBeforeOpens: 'changeRequest.closesBeforeOpens',
  bestVisitPair: 'changeRequest.bestVisitPair',
  bestVisitOrder: 'changeRequest.bestVisitOrder',
  noChange: 'changeRequest.noChange',
} as const;

export interface HoursValues {
  opensAt: number;
  closesAt: number;
  bestVisitFrom: number | null;
  bestVisitTo: number | null;
}

/**
 * The rules on the shop's hours as they would be after the change (the request's fields over the record's): the
 * shop closes after it opens; best visit hours are both given or both empty, the end after the start.
 */
export function hoursIssues(values: HoursValues): { field: keyof HoursValues; message: string }[] {
  const issues: { field: keyof HoursValues; message: string }[] = [];
  if (values.closesAt <= values.opensAt)
    issues.push({ field: 'closesAt', message: changeRequestMessages.closesBeforeOpens });
  if ((values.bestVisitFrom === null) !== (values.bestVisitTo === null)) {
    issues.push({
      field: values.bestVisitFrom === null ? 'bestVisitFrom' : 'bestVisitTo',
      message: changeRequestMessages.bestVisitPair,
    });
  } else if (
    values.bestVisitFrom !== null &&
    values.bestVisitTo !== null &&
    values.bestVisitTo <= values.bestVisitFrom
  ) {
    issues.push({ field: 'bestVisitTo', message: changeRequestMessages.bestVisitOrder });
  }
  return issues;
}

export const CreateChangeRequestBody = z.strictObject({
  changes: ChangeRequestChanges,
  /** Why, in the retailer's words (optional). */
  note: z.string().trim().max(500).regex(NO_CONTROL).default(''),
});
export type CreateChangeRequestBody = z.input<typeof CreateChangeRequestBody>;

const Version = z.number().int().min(1).max(2_147_483_647);

export const ApproveChangeRequestBody = z.strictObject({
  /** The request's version as read: a request decided meanwhile answers 409. */
  version: Version,
  /** The retailer's version as read: a retailer edited meanwhile answers 409 with its current values. */
  retailerVersion: Version,
});
export type ApproveChangeRequestBody = z.infer<typeof ApproveChangeRequestBody>;

export const RejectChangeRequestBody = z.strictObject({
  version: Version,
  /** Shown to the retailer: required. */
  reason: z.string().trim().min(1).max(500).regex(NO_CONTROL),
});
export type RejectChangeRequestBody = z.infer<typeof RejectChangeRequestBody>;

export const WithdrawChangeRequestBody = z.strictObject({ version: Version });
export type WithdrawChangeRequestBody = z.infer<typeof WithdrawChangeRequestBody>;

const Person = z.object({ id: z.number().int(), name: z.string() });

export const ChangeRequest = z.object({
  id: z.number().int(),
  retailerId: z.number().int(),
  shopName: z.string(),
  licenceNo: z.string(),
  status: ChangeRequestStatus,
  /** The values asked for. */
  changes: ChangeRequestValues,
  /** Those fields when the request was made. */
  before: ChangeRequestValues,
  /** Those fields now: differs from `before` when someone edited the retailer since. */
  current: ChangeRequestValues,
  /** The retailer's version now, to send with an approval. */
  retailerVersion: z.number().int(),
  note: z.string(),
  requestedBy: Person,
  /** UTC ISO-8601. */
  createdAt: z.iso.datetime(),
  decidedBy: Person.nullable(),
  decidedAt: z.iso.datetime().nullable(),
  /** Why it was rejected (always given on a rejection). */
  decisionReason: z.string().nullable(),
  version: z.number().int(),
  /** Whether the caller may approve or reject it (its staff, while pending). */
  canDecide: z.boolean(),
  /** Whether the caller may withdraw it (the retailer, while pending). */
  canWithdraw: z.boolean(),
});
export type ChangeRequest = z.infer<typeof ChangeRequest>;

export const ChangeRequestListQuery = PageQuery.extend({
  status: ChangeRequestStatus.default('pending'),
});
export type ChangeRequestListQuery = z.infer<typeof ChangeRequestListQuery>;

export const ChangeRequestListResponse = paginated(ChangeRequest);
export type ChangeRequestListResponse = z.infer<typeof ChangeRequestListResponse>;

export const RetailerChangeRequestsResponse = z.object({
  items: z.array(ChangeRequest),
  /** The retailer's contacts and hours now: what a new request's form starts from. */
  current: ChangeRequestValues,
  /** Whether the caller may ask for a change (the retailer itself, with no request pending). */
  canRequest: z.boolean(),
});
export type RetailerChangeRequestsResponse = z.infer<typeof RetailerChangeRequestsResponse>;
