import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, readRetailerFilters, TIERS, tierMatches, writeRetailerFilters } from './retailer-filters';

describe('retailer list filters in the URL', () => {
  it('reads valid filters', () => {
    const filters = readRetailerFilters(
      new URLSearchParams('q=%20张记%20&tier=12&format=kiosk&status=active&managerId=7&page=3&pageSize=50'),
    );
    expect(filters).toEqual({
      q: '张记',
      tier: 12,
      format: 'kiosk',
      status: 'active',
      managerId: 7,
      page: 3,
      pageSize: 50,
    });
  });

  it('drops malformed values instead of sending them', () => {
    const filters = readRetailerFilters(
      new URLSearchParams('tier=31&format=casino&status=open&managerId=-1&page=0&pageSize=9999&q=%20'),
    );
    expect(filters).toEqual({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
    expect(readRetailerFilters(new URLSearchParams('tier=1.5&page=abc&q=%01x'))).toEqual({ page: 1, pageSize: 20 });
  });

  it('round-trips and keeps defaults out of the URL', () => {
    const filters = { q: '便利', tier: 30, page: 2, pageSize: DEFAULT_PAGE_SIZE };
    const params = writeRetailerFilters(filters);
    expect(params.toString()).toBe('q=%E4%BE%BF%E5%88%A9&tier=30&page=2');
    expect(readRetailerFilters(params)).toEqual(filters);
    expect(writeRetailerFilters({ page: 1, pageSize: DEFAULT_PAGE_SIZE }).toString()).toBe('');
  });

  it('lets a tier be typed into the filter', () => {
    const offered = (input: string) => TIERS.filter((tier) => tierMatches(input, tier));
    expect(offered('18')).toEqual([18]);
    expect(offered('18 档')).toEqual([18]);
    expect(offered('Tier 18')).toEqual([18]);
    expect(offered('2')).toEqual([29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 2]);
    expect(offered('')).toHaveLength(30);
    expect(offered('31')).toEqual([]);
  });

  it('offers tiers 30 down to 1', () => {
    expect(TIERS).toHaveLength(30);
    expect(TIERS[0]).toBe(30);
    expect(TIERS[29]).toBe(1);
  });
});
