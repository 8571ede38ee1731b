import '@/modules/visit-oversight/visit-oversight.messages';
import type { TimelineItem } from '@siyi/contracts';
import type { TFunction } from 'i18next';
// Relative, not '@/…': the unit tests run this file without the web app's path aliases.
import { formatDuration } from './visit-figures';

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

const number = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value)
    ? value
    : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
      ? Number(value)
      : null;

/** The first of several names a field may carry in an event's data (the server words them in camelCase). */
const pick = (data: Record<string, unknown>, ...names: string[]): unknown => {
  for (const name of names) if (data[name] !== undefined && data[name] !== null) return data[name];
  return undefined;
};

/** An event's step, whatever its spelling: "visit.checked_in", "visit.checkedIn" and "visit.check-in" are one step. */
const stepOf = (kind: string) =>
  kind
    .slice('visit.'.length)
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase();

const FLAG_KINDS = new Set([
  'short_visit',
  'far_check_in',
  'empty_record',
  'long_visit',
  'low_daily_time',
  'retailer_missed_month',
]);
const CALLBACK_OUTCOMES = new Set(['as_recorded', 'perfunctory', 'not_visited', 'unreachable']);

/** A flag's kind in words; a kind this page does not know yet reads as "other". */
export function flagKindWords(kind: unknown, t: TFunction): string {
  return typeof kind === 'string' && FLAG_KINDS.has(kind)
    ? t(`visitOversight.flags.kinds.${kind}` as 'visitOversight.flags.kinds.other')
    : t('visitOversight.flags.kinds.other');
}

/** A call-back's outcome in words, or '' when the event does not say. */
export function callbackOutcomeWords(outcome: unknown, t: TFunction): string {
  return typeof outcome === 'string' && CALLBACK_OUTCOMES.has(outcome)
    ? t(`visitOversight.flags.callbackOutcomes.${outcome}` as 'visitOversight.flags.callbackOutcomes.unreachable')
    : '';
}

/**
 * A step of a visit (拜访) on the shop's 360 timeline: check-in (with the distance and reason when far), check-out
 * (with the time on site), the record, a photo, the retailer's rating, a flag, a spot-check (抽检), a call-back (回访).
 */
export function describeVisitEvent(item: TimelineItem, actor: string, t: TFunction): string {
  const data = item.data;
  const step = stepOf(item.kind);
  switch (step) {
    case 'checkedin':
    case 'checkin': {
      const meters = number(pick(data, 'distanceM', 'checkInDistanceM', 'distance'));
      const reason = text(pick(data, 'reason', 'checkInReason'));
      return reason
        ? t('visitOversight.timeline.checkedInFar', {
            actor,
            meters: meters === null ? '—' : String(Math.round(meters)),
            reason,
          })
        : t('visitOversight.timeline.checkedIn', { actor });
    }
    case 'checkedout':
    case 'checkout':
    case 'done':
      return t('visitOversight.timeline.checkedOut', {
        actor,
        duration: formatDuration(number(pick(data, 'secondsOnSite', 'seconds')), t),
      });
    case 'planned':
    case 'added':
      return t('visitOversight.timeline.planned', { actor });
    case 'recorded':
    case 'recordsaved':
    case 'record':
      return t('visitOversight.timeline.recordSaved', { actor });
    case 'photo':
    case 'photoadded':
      return t('visitOversight.timeline.photo', { actor });
    case 'rated':
    case 'rating': {
      const stars = text(pick(data, 'score', 'stars'));
      const comment = text(pick(data, 'comment'));
      return comment
        ? t('visitOversight.timeline.ratedWithComment', { actor, stars, comment })
        : t('visitOversight.timeline.rated', { actor, stars });
    }
    case 'flagged':
    case 'flag':
      return t('visitOversight.timeline.flagged', { kind: flagKindWords(pick(data, 'kind', 'flagKind'), t) });
    case 'spotchecked':
    case 'spotcheck': {
      const note = text(pick(data, 'note', 'spotCheckNote'));
      const found = pick(data, 'outcome');
      if (found !== 'confirmed' && found !== 'cleared') return t('visitOversight.timeline.spotChecked', { actor });
      const outcome = t(`visitOversight.flags.spotCheckOutcomes.${found}`);
      return note
        ? t('visitOversight.timeline.spotCheckedNote', { actor, outcome, note })
        : t('visitOversight.timeline.spotCheckedOutcome', { actor, outcome });
    }
    case 'callback':
    case 'calledback': {
      const outcome = callbackOutcomeWords(pick(data, 'outcome'), t);
      return outcome
        ? t('visitOversight.timeline.callbackOutcome', { actor, outcome })
        : t('visitOversight.timeline.callback', { actor });
    }
    case 'cancelled':
      return t('visitOversight.timeline.cancelled', { actor });
    case 'followupdone': {
      const promised = text(pick(data, 'text'));
      return promised
        ? t('visitOversight.timeline.followUpDone', { actor, text: promised })
        : t('visitOversight.timeline.followUpDoneBare', { actor });
    }
    default:
      return t('visitOversight.timeline.other', { actor, step: item.kind.slice('visit.'.length) });
  }
}
