import '@/modules/concerns/concerns.messages';
import {
  type OtherContact,
  type ProfileField,
  profileFields,
  profileMessages,
  type TimelineItem,
} from '@siyi/contracts';
import type { TFunction } from 'i18next';
// Relative, not '@/…': the unit tests run this file without the web app's path aliases.
import { formatDate, formatMinutes, formatWeekday } from '../../ui/format';
import { describeCampaignEvent } from '../campaigns/campaign-timeline-words';
import { describeOrderEvent } from '../ordering/order-timeline-words';
import { describeVisitEvent } from '../visit-oversight/visit-timeline-words';

const isProfileField = (field: string): field is ProfileField => (profileFields as string[]).includes(field);

/** A field's name in the user's language; a field another module audits shows as it is stored. */
export function fieldName(field: string, t: TFunction): string {
  if (isProfileField(field)) return t(`retailer360.fields.${field}`);
  if (field === 'managerName' || field === 'managerId') return t('retailer360.fields.manager');
  if (field === 'tier') return t('retailer360.fields.tier');
  if (field === 'reason') return t('retailer360.fields.reason');
  if (field === 'basis') return t('retailer360.fields.basis');
  return field;
}

const MINUTE_FIELDS = new Set(['opensAt', 'closesAt', 'bestVisitFrom', 'bestVisitTo']);
const DATE_FIELDS = new Set(['licenceValidFrom', 'licenceValidTo']);

/** A stored value (an audit entry's before or after) in words: enums named, minutes as times, days as dates. */
export function fieldValue(field: string, value: unknown, t: TFunction, locale: string): string {
  if (value === null || value === undefined || value === '') return t('retailer360.history.emptyValue');
  if (typeof value === 'boolean') return value ? t('retailer360.values.yes') : t('retailer360.values.no');
  if (MINUTE_FIELDS.has(field) && typeof value === 'number') return formatMinutes(value);
  if (DATE_FIELDS.has(field) && typeof value === 'string') return formatDate(value, locale);
  if (field === 'orderWeekday' && typeof value === 'number') return formatWeekday(value, locale);
  if (field === 'closedWeekdays' && Array.isArray(value)) {
    return value.length === 0
      ? t('retailer360.values.noClosedDays')
      : value.map((d) => formatWeekday(Number(d), locale, 'short')).join(locale === 'en' ? ', ' : '、');
  }
  if (field === 'otherContacts' && Array.isArray(value)) {
    if (value.length === 0) return t('retailer360.history.emptyValue');
    return (value as OtherContact[])
      .map((c) => `${c.role ? t('retailer360.values.contactLine', { name: c.name, role: c.role }) : c.name} ${c.phone}`)
      .join(locale === 'en' ? '; ' : '；');
  }
  if (field === 'businessFormat' && typeof value === 'string') return t(`formats.${value}` as 'formats.other');
  if (field === 'status' && typeof value === 'string') return t(`statuses.${value}` as 'statuses.active');
  if (field === 'orderMethod' && typeof value === 'string')
    return t(`retailer360.values.orderMethod.${value}` as 'retailer360.values.orderMethod.online');
  if (field === 'orderFrequency' && typeof value === 'string')
    return t(`retailer360.values.orderFrequency.${value}` as 'retailer360.values.orderFrequency.weekly');
  if (field === 'licenceType' && typeof value === 'string')
    return t(`retailer360.values.licenceType.${value}` as 'retailer360.values.licenceType.regular');
  if (field === 'visitBatch' && typeof value === 'number') return t('retailer360.values.visitBatch', { batch: value });
  if (field === 'creditGrade' && typeof value === 'string')
    return t('retailer360.values.creditGrade', { grade: value });
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** One timeline event as a sentence; kinds this page does not know yet still say who and what. */
export function describeEvent(item: TimelineItem, t: TFunction): string {
  const actor = item.actorName ?? t('retailer360.timeline.someone');
  const data = item.data;
  const separator = t('retailer360.timeline.fieldSeparator');
  switch (item.kind) {
    case 'profile.updated': {
      const fields = Array.isArray(data.fields) ? data.fields.map((f) => fieldName(String(f), t)).join(separator) : '';
      return data.changeRequestId !== undefined
        ? t('retailer360.timeline.profileUpdatedByRequest', { actor, fields })
        : t('retailer360.timeline.profileUpdated', { actor, fields });
    }
    case 'profile.created':
      return t('retailer360.timeline.profileCreated', { actor });
    case 'concern.heard':
      return t('retailer360.timeline.concernHeard', { actor, topic: text(data.topic) });
    case 'tier.changed':
      return data.manual && data.reason
        ? t('retailer360.timeline.tierChangedManual', {
            actor,
            from: text(data.from),
            to: text(data.to),
            reason: text(data.reason),
          })
        : t('retailer360.timeline.tierChanged', { from: text(data.from), to: text(data.to) });
    case 'assignment.changed':
      return t('retailer360.timeline.assignmentChanged', {
        from: text(data.fromManagerName) || t('retailer360.timeline.nobody'),
        to: text(data.toManagerName) || t('retailer360.timeline.nobody'),
      });
    case 'photo.added':
      return t('retailer360.timeline.photoAdded', { actor });
    default:
      if (item.kind.startsWith('concern.')) return describeConcernEvent(item, actor, t);
      if (item.kind.startsWith('visit.')) return describeVisitEvent(item, actor, t);
      if (item.kind.startsWith('order.')) return describeOrderEvent(item, actor, t);
      if (item.kind.startsWith('campaign.') || item.kind.startsWith('gift.')) {
        return describeCampaignEvent(item, actor, t) ?? t('retailer360.timeline.other', { actor, kind: item.kind });
      }
      return t('retailer360.timeline.other', { actor, kind: item.kind });
  }
}

const concernStatuses = new Set(['new', 'accepted', 'in_progress', 'resolved', 'confirmed', 'reopened', 'closed']);

/** A step of a tracked concern (诉求) on the shop's timeline: what happened, to which kind of concern. */
function describeConcernEvent(item: TimelineItem, actor: string, t: TFunction): string {
  const data = item.data;
  const category =
    typeof data.category === 'string'
      ? t(`concerns.categories.${data.category}` as 'concerns.categories.other')
      : t('concerns.categories.other');
  const step = item.kind.slice('concern.'.length);
  if (step === 'raised') return t('retailer360.timeline.concernRaised', { actor, category });
  if (step === 'escalated') return t('retailer360.timeline.concernEscalated', { category });
  if (step === 'rated') return t('retailer360.timeline.concernRated', { actor, category, stars: text(data.stars) });
  if (step === 'callback') return t('retailer360.timeline.concernCallback', { actor, category });
  if (step === 'photo') return t('retailer360.timeline.concernPhoto', { actor, category });
  if (concernStatuses.has(step)) {
    const status = t(`concerns.statuses.${step}` as 'concerns.statuses.new');
    return t('retailer360.timeline.concernStep', { actor, category, status });
  }
  return t('retailer360.timeline.other', { actor, kind: item.kind });
}

/** An audit action in words. */
export function describeAction(action: string, t: TFunction): string {
  switch (action) {
    case 'profile.updated':
      return t('retailer360.history.actions.profileUpdated');
    case 'profile.created':
      return t('retailer360.history.actions.profileCreated');
    case 'tier.changed':
    case 'tier.overridden':
      return t('retailer360.history.actions.tierChanged');
    case 'assignment.changed':
    case 'reassigned':
      return t('retailer360.history.actions.assignmentChanged');
    default:
      return t('retailer360.history.actions.other');
  }
}

const messageKeys = new Map<string, string>(
  Object.entries(profileMessages).map(([name, key]) => [key, `retailer360.validation.${name}`]),
);

/** A zod issue of the shared schema in the user's language (the server words the same rules the same way). */
export function issueMessage(issue: { message: string; code?: string; maximum?: unknown }, t: TFunction): string {
  const key = messageKeys.get(issue.message);
  if (key) return t(key as 'retailer360.validation.blank');
  if (issue.code === 'too_big' && typeof issue.maximum === 'number')
    return t('retailer360.validation.tooLong', { max: issue.maximum });
  return t('retailer360.validation.invalid');
}

/**
 * The page a concern's or a visit's step on the timeline opens (the concern, the visit), when the step names one.
 * A sensitive concern's steps never reach a manager's timeline (the server leaves them out), so every link shown
 * opens for whoever sees it.
 */
export function timelineSourceLink(item: TimelineItem): { to: string; label: 'openConcern' | 'openVisit' } | null {
  const id = (key: string) => {
    const value = item.data[key];
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
  };
  if (item.kind.startsWith('concern.')) {
    const concernId = id('concernId');
    return concernId === null ? null : { to: `/concerns/${concernId}`, label: 'openConcern' };
  }
  if (item.kind.startsWith('visit.')) {
    const visitId = id('visitId');
    return visitId === null ? null : { to: `/visits/${visitId}`, label: 'openVisit' };
  }
  return null;
}
