import type { Concern, ConcernStatus, FollowUpItem } from '@siyi/contracts';
import { activeConcernStatuses } from '@siyi/contracts';
import { byCodePoint } from '../../ui/sort';

export type TimeUnit = 'Minutes' | 'Hours' | 'Days';

/** How a deadline reads: the time left (or past it) in one whole unit, or why no clock runs. */
export type DueWords =
  | { kind: 'left' | 'overdue'; unit: TimeUnit; count: number }
  | { kind: 'waiting' }
  | { kind: 'finished' };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The distance to a deadline in words a person says: minutes under an hour, hours under two days, days beyond —
 * rounded down when time is left (never promise more than there is), up when past (never understate a delay).
 */
export function distanceInWords(dueAt: string, now: Date): { kind: 'left' | 'overdue'; unit: TimeUnit; count: number } {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const past = ms < 0;
  const span = Math.abs(ms);
  const round = past ? Math.ceil : Math.floor;
  let unit: TimeUnit;
  let count: number;
  if (span < HOUR) {
    unit = 'Minutes';
    count = Math.max(past ? 1 : 0, round(span / MINUTE));
  } else if (span < 2 * DAY) {
    unit = 'Hours';
    count = round(span / HOUR);
  } else {
    unit = 'Days';
    count = round(span / DAY);
  }
  return { kind: past ? 'overdue' : 'left', unit, count };
}

/** The deadline of a concern as its owner needs it: running only while it is the owner's move. */
export function dueWords(concern: Pick<Concern, 'status' | 'dueAt' | 'overdue'>, now: Date): DueWords {
  if (concern.status === 'confirmed' || concern.status === 'closed') return { kind: 'finished' };
  if (!(activeConcernStatuses as readonly ConcernStatus[]).includes(concern.status)) return { kind: 'waiting' };
  const words = distanceInWords(concern.dueAt, now);
  // The server's flag wins at the boundary (its clock decides escalation).
  if (concern.overdue && words.kind === 'left') return { kind: 'overdue', unit: 'Minutes', count: 1 };
  return words;
}

/** One line of My work: a concern the manager owns, or a follow-up it promised on a visit. */
export type WorkRow =
  | { kind: 'concern'; key: string; deadline: number; concern: Concern }
  | { kind: 'followUp'; key: string; deadline: number; followUp: FollowUpItem };

const DAY_MS = 86_400_000;
/** A follow-up is kept by the end of its due day in Shanghai (UTC+8, no daylight saving). */
export const followUpDeadline = (dueDate: string) => Date.parse(`${dueDate}T00:00:00+08:00`) + DAY_MS;

/**
 * Concerns (by due time, keyset pages) and follow-ups merged by deadline. While more concerns are to load, only the
 * follow-ups due before the last loaded concern are placed, so a later page never lands above a shown line.
 */
export function mergeWork(
  concerns: readonly Concern[],
  followUps: readonly FollowUpItem[],
  complete: boolean,
): WorkRow[] {
  const rows: WorkRow[] = concerns.map((concern) => ({
    kind: 'concern',
    key: `c${concern.id}`,
    deadline: Date.parse(concern.dueAt),
    concern,
  }));
  const last = rows.at(-1)?.deadline ?? Number.NEGATIVE_INFINITY;
  for (const followUp of followUps) {
    const deadline = followUpDeadline(followUp.dueDate);
    if (complete || deadline <= last) {
      rows.push({ kind: 'followUp', key: `f${followUp.visitId}-${followUp.index}`, deadline, followUp });
    }
  }
  return rows.sort((a, b) => a.deadline - b.deadline || byCodePoint(a.key, b.key));
}
