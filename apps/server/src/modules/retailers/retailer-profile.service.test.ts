import { describe, expect, it } from 'vitest';
import { fieldChanges, shanghaiDate } from './retailer-profile.service';

describe('the change history of a retailer', () => {
  it('lists one change per field that moved, from any module’s audit entry, without bookkeeping', () => {
    expect(fieldChanges({ shopName: '红星', phone: '1' }, { shopName: '东升', phone: '1' })).toEqual([
      { field: 'shopName', before: '红星', after: '东升' },
    ]);
    // A tier hand edit (modules/tiers): the version is bookkeeping, the reason is news.
    expect(fieldChanges({ tier: 12, version: 4 }, { tier: 14, version: 5, reason: '新店开业' })).toEqual([
      { field: 'tier', before: 12, after: 14 },
      { field: 'reason', before: null, after: '新店开业' },
    ]);
    expect(fieldChanges(null, { managerName: '李四' })).toEqual([
      { field: 'managerName', before: null, after: '李四' },
    ]);
    expect(fieldChanges(null, null)).toEqual([]);
    expect(fieldChanges('a', 'b')).toEqual([{ field: '', before: 'a', after: 'b' }]);
    expect(fieldChanges({ closedWeekdays: [6, 7] }, { closedWeekdays: [6, 7] })).toEqual([]);
  });

  it('dates things in Shanghai', () => {
    expect(shanghaiDate(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(shanghaiDate(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });
});
