import type { VisitPlanStop } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { dayStops, daySummary, formatClock, formatDay } from './visit-format';

const stop = (visitId: number, plannedOrder: number | null, status: VisitPlanStop['status'] = 'planned') =>
  ({ visitId, plannedOrder, status }) as VisitPlanStop;

describe('a day of the plan', () => {
  it('lists stops in route order, unordered ones (started on the spot) after, cancelled ones not at all', () => {
    const ordered = dayStops([stop(9, null), stop(4, 2), stop(7, 1, 'done'), stop(5, 3, 'cancelled'), stop(8, null)]);
    expect(ordered.map((s) => s.visitId)).toEqual([7, 4, 8, 9]);
  });

  it('sums up the day for the home: done of all but cancelled, the visit under way first, else the next planned', () => {
    const day = [stop(1, 1, 'done'), stop(2, 2, 'planned'), stop(3, 3, 'in_progress'), stop(4, 4, 'cancelled')];
    expect(daySummary(day)).toMatchObject({ done: 1, total: 3, next: { visitId: 3 } });
    expect(daySummary([stop(6, 2), stop(5, 1, 'done'), stop(7, 3)]).next?.visitId).toBe(6);
    expect(daySummary([stop(5, 1, 'done')])).toEqual({ done: 1, total: 1, next: null });
    expect(daySummary([])).toEqual({ done: 0, total: 0, next: null });
  });

  it('names the day without its year, in the reader’s language', () => {
    expect(formatDay('2026-12-01', 'zh-CN')).toBe('12月1日周二');
    expect(formatDay('2026-12-01', 'en')).toBe('Tue, Dec 1');
    expect(formatDay('not a day', 'en')).toBe('not a day');
  });

  it('shows an instant as Shanghai’s time of day', () => {
    expect(formatClock('2026-12-01T01:05:00Z', 'zh-CN')).toBe('09:05');
    expect(formatClock('2026-12-01T15:30:00Z', 'en')).toBe('23:30');
    expect(formatClock('nope', 'en')).toBe('');
  });
});
