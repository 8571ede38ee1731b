import '@/modules/visit-oversight/visit-oversight.messages';
import type { TFunction } from 'i18next';
// Relative, not '@/…': the unit tests run this file without the web app's path aliases.
import { formatDuration } from './visit-figures';

type Detail = Record<string, string | number | boolean | null | undefined>;

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A flag's evidence in words: how short, how far, which day or month, against which limit. */
export function flagDetailWords(
  flag: { kind: string; detail: Detail; day: string | null; month: string | null },
  t: TFunction,
): string[] {
  const d = flag.detail;
  const lines: string[] = [];
  switch (flag.kind) {
    case 'short_visit':
      lines.push(
        t('visitOversight.flags.detailWords.seconds', {
          duration: formatDuration(num(d.secondsOnSite), t),
          limit: formatDuration(num(d.minSeconds), t),
        }),
      );
      break;
    case 'long_visit':
      lines.push(
        t('visitOversight.flags.detailWords.longVisit', {
          duration: formatDuration(num(d.secondsOnSite), t),
          limit: formatDuration(num(d.maxSeconds), t),
        }),
      );
      break;
    case 'far_check_in':
      lines.push(
        t('visitOversight.flags.detailWords.distance', {
          meters: num(d.distanceM) ?? '—',
          limit: num(d.maxDistanceM) ?? '—',
        }),
      );
      if (typeof d.reason === 'string' && d.reason.trim() !== '') {
        lines.push(t('visitOversight.flags.detailWords.reason', { reason: d.reason }));
      }
      break;
    case 'empty_record':
      lines.push(t('visitOversight.flags.detailWords.emptyRecord'));
      break;
    case 'low_daily_time': {
      const minMinutes = num(d.minMinutes);
      lines.push(
        t('visitOversight.flags.detailWords.dayMinutes', {
          visits: num(d.visits) ?? 0,
          duration: formatDuration(num(d.secondsOnSite), t),
          limit: formatDuration(minMinutes === null ? null : minMinutes * 60, t),
        }),
      );
      break;
    }
    case 'retailer_missed_month':
      lines.push(
        t('visitOversight.flags.detailWords.month', {
          month: flag.month ?? '—',
          valid: num(d.validVisits) ?? 0,
          min: num(d.minValidVisits) ?? 1,
        }),
      );
      break;
    default:
      break;
  }
  return lines;
}
