import type { Concern, ConcernStatus } from '@siyi/contracts';
import { activeConcernStatuses } from '@siyi/contracts';

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
