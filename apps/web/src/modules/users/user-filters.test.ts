import { describe, expect, it } from 'vitest';
import { readUserFilters, USERS_PAGE_SIZE, writeUserFilters } from './user-filters';

describe('user list filters in the URL', () => {
  it('reads valid values and drops the rest', () => {
    expect(readUserFilters(new URLSearchParams('q=%20wang%20&role=supervisor&page=2'))).toEqual({
      q: 'wang',
      role: 'supervisor',
      page: 2,
      pageSize: USERS_PAGE_SIZE,
    });
    expect(readUserFilters(new URLSearchParams('role=root&page=-3&pageSize=0'))).toEqual({
      page: 1,
      pageSize: USERS_PAGE_SIZE,
    });
  });

  it('round-trips', () => {
    const filters = { q: '李', role: 'retailer' as const, page: 4, pageSize: 50 };
    expect(readUserFilters(writeUserFilters(filters))).toEqual(filters);
  });
});
