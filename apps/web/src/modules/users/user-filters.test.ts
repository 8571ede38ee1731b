import { UserListQuery } from '@siyi/contracts';
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

  // The reader checks by hand (no zod on the admin's first screen): it must keep and drop what the contract does.
  it.each([
    'page=2.5',
    'page=1e2',
    'page=100001',
    'page=100000&pageSize=200',
    'pageSize=201',
    'pageSize=abc',
    'page=%203%20',
    'role=admin',
    'role=ADMIN',
    `q=${'x'.repeat(100)}`,
    `q=${'x'.repeat(101)}`,
    'q=a%07b',
    'q=%20%20',
    'q=%E6%9D%8E%09',
  ])('agrees with the contract on %s', (query) => {
    const params = new URLSearchParams(query);
    const contract: Record<string, unknown> = { page: 1, pageSize: USERS_PAGE_SIZE };
    for (const key of ['q', 'role', 'page', 'pageSize'] as const) {
      const raw = params.get(key);
      if (raw === null || raw.trim() === '') continue;
      const field = UserListQuery.shape[key].safeParse(raw);
      if (field.success && field.data !== undefined && field.data !== '') contract[key] = field.data;
    }
    expect(readUserFilters(params)).toEqual(contract);
  });
});
