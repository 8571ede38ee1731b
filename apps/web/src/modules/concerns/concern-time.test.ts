import type { Concern, FollowUpItem } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { distanceInWords, dueWords, followUpDeadline, mergeWork } from './concern-time';

const now = new Date('2026-12-01T04:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
const MIN = 60_000;
const H = 60 * MIN;

describe('time left in words', () => {
  it('says minutes under an hour, hours under two days, days beyond', () => {
    expect(distanceInWords(at(25 * MIN), now)).toEqual({ kind: 'left', unit: 'Minutes', count: 25 });
    expect(distanceInWords(at(3 * H + 50 * MIN), now)).toEqual({ kind: 'left', unit: 'Hours', count: 3 });
    expect(distanceInWords(at(47 * H), now)).toEqual({ kind: 'left', unit: 'Hours', count: 47 });
    expect(distanceInWords(at(72 * H + 5 * MIN), now)).toEqual({ kind: 'left', unit: 'Days', count: 3 });
  });

  it('rounds a delay up, so it is never understated', () => {
    expect(distanceInWords(at(-10 * 1000), now)).toEqual({ kind: 'overdue', unit: 'Minutes', count: 1 });
    expect(distanceInWords(at(-(2 * H + 1 * MIN)), now)).toEqual({ kind: 'overdue', unit: 'Hours', count: 3 });
    expect(distanceInWords(at(-(50 * H)), now)).toEqual({ kind: 'overdue', unit: 'Days', count: 3 });
  });

  it('runs the clock only while it is the owner’s move', () => {
    const base = { dueAt: at(5 * H), overdue: false };
    expect(dueWords({ ...base, status: 'new' }, now)).toMatchObject({ kind: 'left', count: 5 });
    expect(dueWords({ ...base, status: 'reopened' }, now)).toMatchObject({ kind: 'left' });
    expect(dueWords({ ...base, status: 'resolved' }, now)).toEqual({ kind: 'waiting' });
    expect(dueWords({ ...base, status: 'confirmed' }, now)).toEqual({ kind: 'finished' });
    expect(dueWords({ ...base, status: 'closed' }, now)).toEqual({ kind: 'finished' });
    // The server says overdue a moment before the browser's clock does: overdue it is.
    expect(dueWords({ dueAt: at(20 * 1000), overdue: true, status: 'accepted' }, now)).toMatchObject({
      kind: 'overdue',
    });
  });
});

describe('my work: concerns and promised follow-ups by deadline', () => {
  const concern = (id: number, dueAt: string) => ({ id, dueAt }) as Concern;
  const followUp = (visitId: number, dueDate: string) => ({ visitId, index: 0, dueDate }) as FollowUpItem;

  it('keeps a follow-up until the end of its day in Shanghai', () => {
    expect(new Date(followUpDeadline('2026-12-03')).toISOString()).toBe('2026-12-03T16:00:00.000Z');
  });

  it('merges both by deadline, and while concerns are still to load places only follow-ups due before the last', () => {
    const concerns = [concern(1, '2026-12-01T08:00:00.000Z'), concern(2, '2026-12-04T08:00:00.000Z')];
    const followUps = [followUp(7, '2026-12-02'), followUp(8, '2026-12-09'), followUp(9, '2026-11-30')];
    expect(mergeWork(concerns, followUps, true).map((r) => r.key)).toEqual(['f9-0', 'c1', 'f7-0', 'c2', 'f8-0']);
    expect(mergeWork(concerns, followUps, false).map((r) => r.key)).toEqual(['f9-0', 'c1', 'f7-0', 'c2']);
    expect(mergeWork([], followUps, true).map((r) => r.key)).toEqual(['f9-0', 'f7-0', 'f8-0']);
  });
});
