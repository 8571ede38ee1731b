import * as contracts from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import {
  businessFormats,
  DEFAULT_PAGE_SIZE,
  FIELD_READERS,
  licenceFilters,
  listQueryOf,
  readRetailerFilters,
  retailerSorts,
  retailerStatuses,
  TIERS,
  tierMatches,
  writeRetailerFilters,
} from './retailer-filters';

describe('retailer list filters in the URL', () => {
  it('reads valid filters, the order and the view', () => {
    const filters = readRetailerFilters(
      new URLSearchParams(
        'q=%20张记%20&tierMin=5&tierMax=12&format=kiosk&status=active&managerId=7&licence=expiring&sort=tierDesc&view=map',
      ),
    );
    expect(filters).toEqual({
      q: '张记',
      tierMin: 5,
      tierMax: 12,
      format: 'kiosk',
      status: 'active',
      managerId: 7,
      licence: 'expiring',
      sort: 'tierDesc',
      view: 'map',
    });
  });

  it('reads an older link’s single tier as a range, and a crossed range the right way round', () => {
    expect(readRetailerFilters(new URLSearchParams('tier=12'))).toMatchObject({ tierMin: 12, tierMax: 12 });
    expect(readRetailerFilters(new URLSearchParams('tierMin=20&tierMax=3'))).toMatchObject({ tierMin: 3, tierMax: 20 });
  });

  it('drops malformed values instead of sending them', () => {
    const filters = readRetailerFilters(
      new URLSearchParams('tier=31&format=casino&status=open&managerId=-1&licence=soon&sort=best&view=globe&q=%20'),
    );
    expect(filters).toEqual({ sort: 'shopName', view: 'list' });
    expect(readRetailerFilters(new URLSearchParams('tierMin=1.5&q=%01x'))).toEqual({ sort: 'shopName', view: 'list' });
  });

  it('round-trips and keeps defaults out of the URL', () => {
    const filters = readRetailerFilters(new URLSearchParams('q=hxbld&tierMin=30&licence=expired'));
    const params = writeRetailerFilters(filters);
    expect(params.toString()).toBe('q=hxbld&tierMin=30&licence=expired');
    expect(readRetailerFilters(params)).toEqual(filters);
    expect(writeRetailerFilters({ sort: 'shopName', view: 'list' }).toString()).toBe('');
  });

  it('asks the server for one page at a time, from a cursor', () => {
    const filters = readRetailerFilters(new URLSearchParams('q=hx&sort=licenceExpiry&view=map'));
    expect(listQueryOf(filters, null)).toEqual({
      q: 'hx',
      sort: 'licenceExpiry',
      page: 1,
      pageSize: DEFAULT_PAGE_SIZE,
    });
    expect(listQueryOf(filters, 'abc')).toMatchObject({ cursor: 'abc' });
  });

  it('offers the tiers from 30 down and matches them by the digits typed', () => {
    expect(TIERS[0]).toBe(30);
    expect(TIERS).toHaveLength(30);
    expect(tierMatches('1', 12)).toBe(true);
    expect(tierMatches('18 档', 18)).toBe(true);
    expect(tierMatches('Tier 2', 12)).toBe(false);
  });

  it('keeps the contract’s lists and reads each field as the contract’s schema does', () => {
    expect(businessFormats).toEqual(contracts.businessFormats);
    expect(retailerStatuses).toEqual(contracts.retailerStatuses);
    expect(retailerSorts).toEqual(contracts.retailerSorts);
    expect(licenceFilters).toEqual(contracts.licenceFilters);
    const samples = [
      '1',
      '12',
      '30',
      '31',
      '0',
      '-1',
      '1.5',
      '1e1',
      ' 7 ',
      '0x1f',
      'Infinity',
      'abc',
      '2147483647',
      '2147483648',
      'kiosk',
      'casino',
      'active',
      'open',
      'expiring',
      'soon',
      'tierDesc',
      'best',
      ' 张记 ',
      'a'.repeat(100),
      'a'.repeat(101),
      'x\u0001y',
      'x\ty',
    ];
    const shape = contracts.RetailerListQuery.shape;
    for (const [key, read] of Object.entries(FIELD_READERS)) {
      const schema = shape[key as keyof typeof shape];
      for (const raw of samples) {
        const parsed = schema.safeParse(raw);
        expect([key, raw, read(raw)]).toEqual([key, raw, parsed.success ? parsed.data : undefined]);
      }
    }
  });
});
