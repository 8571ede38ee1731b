import type { ProfileField, ProfileValues, RetailerProfile, RetailerProfilePatch } from '@siyi/contracts';
// Relative, not '@/…': the unit tests run this file without the web app's path aliases.
import { formatMinutes, SHANGHAI_OFFSET_MS } from '../../ui/format';

/** The fields the edit form shows (the position is kept as it is: it is set on the map, not typed). */
export const FORM_FIELDS = [
  'shopName',
  'ownerName',
  'phone',
  'address',
  'countyCode',
  'townCode',
  'businessFormat',
  'businessScope',
  'status',
  'orderMethod',
  'orderWeekday',
  'orderFrequency',
  'opensAt',
  'closesAt',
  'closedWeekdays',
  'visitBatch',
  'licenceNo',
  'licenceType',
  'licenceValidFrom',
  'licenceValidTo',
  'creditGrade',
  'isModelShop',
  'minorsNoticePosted',
  'nearSchool',
  'otherContacts',
  'bestVisitFrom',
  'bestVisitTo',
  'notes',
] as const satisfies readonly ProfileField[];
export type FormField = (typeof FORM_FIELDS)[number];

/** What the inputs hold: times as "HH:MM" and dates as "YYYY-MM-DD" (native pickers on a phone), '' for none. */
export type ProfileFormValues = {
  [K in FormField]: K extends 'opensAt' | 'closesAt' | 'bestVisitFrom' | 'bestVisitTo'
    ? string
    : K extends 'townCode' | 'licenceValidFrom' | 'licenceValidTo'
      ? string
      : K extends 'visitBatch'
        ? number | undefined
        : K extends 'creditGrade'
          ? string | undefined
          : ProfileValues[K];
};

export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

const MINUTES = new Set<FormField>(['opensAt', 'closesAt', 'bestVisitFrom', 'bestVisitTo']);
const NULLABLE_TEXT = new Set<FormField>(['townCode', 'licenceValidFrom', 'licenceValidTo']);

function minutesOf(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return text.trim() === '' ? null : Number.NaN;
  return Number(match[1]) * 60 + Number(match[2]);
}

export function toFormValues(profile: RetailerProfile): ProfileFormValues {
  const out: Record<string, unknown> = {};
  for (const field of FORM_FIELDS) {
    const value = profile[field];
    if (MINUTES.has(field)) out[field] = typeof value === 'number' ? formatMinutes(value) : '';
    else if (NULLABLE_TEXT.has(field)) out[field] = value ?? '';
    else if (field === 'visitBatch' || field === 'creditGrade') out[field] = value ?? undefined;
    else if (field === 'notes') out[field] = value ?? '';
    else out[field] = value;
  }
  return out as ProfileFormValues;
}

/** One input's value as the API takes it (what the shared schema checks). */
export function apiValue(field: FormField, value: unknown): unknown {
  if (MINUTES.has(field)) {
    const minutes = minutesOf(typeof value === 'string' ? value : '');
    return minutes;
  }
  if (NULLABLE_TEXT.has(field)) return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  if (field === 'visitBatch' || field === 'creditGrade') return value ?? null;
  if (field === 'closedWeekdays' && Array.isArray(value)) return [...value].sort((a, b) => a - b);
  if (field === 'otherContacts' && Array.isArray(value)) {
    return value.map((c: { name?: string; phone?: string; role?: string }) => ({
      name: c?.name ?? '',
      phone: c?.phone ?? '',
      role: c?.role ?? '',
    }));
  }
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The form's values as API values, only the fields that differ from `profile`. */
export function changedValues(profile: RetailerProfile, values: ProfileFormValues): Partial<ProfileValues> {
  const out: Record<string, unknown> = {};
  for (const field of FORM_FIELDS) {
    const next = apiValue(field, values[field]);
    const before = field === 'notes' ? (profile.notes ?? '') : profile[field];
    if (!same(next, before)) out[field] = next;
  }
  return out as Partial<ProfileValues>;
}

export function toPatch(profile: RetailerProfile, values: ProfileFormValues): RetailerProfilePatch {
  return { version: profile.version, ...changedValues(profile, values) } as RetailerProfilePatch;
}

/** The record's editable values after the edit, for the rules that need several fields. */
export function mergedValues(profile: RetailerProfile, edits: Partial<ProfileValues>): ProfileValues {
  const base: Record<string, unknown> = {};
  for (const field of FORM_FIELDS) base[field] = field === 'notes' ? (profile.notes ?? '') : profile[field];
  return { ...base, lat: profile.lat, lng: profile.lng, ...edits } as ProfileValues;
}

/** Fields whose saved value moved between two versions of the record (what the other person changed). */
export function fieldsChangedBetween(older: RetailerProfile, newer: RetailerProfile): FormField[] {
  return FORM_FIELDS.filter((field) => !same(older[field], newer[field]));
}
