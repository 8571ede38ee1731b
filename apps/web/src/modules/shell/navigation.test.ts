import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { navItemsFor, selectedNavPath } from './navigation';

const t = ((key: string) => key) as unknown as TFunction;

describe('navigation per role', () => {
  it('gives each role its own start page and only its pages', () => {
    expect(navItemsFor('manager', t).map((i) => [i.path, i.label])).toEqual([
      ['/', 'nav.myRetailers'],
      ['/visits/today', 'visits.nav.today'],
      ['/visits/week', 'visits.nav.week'],
      ['/orders/week', 'orderingOversight.nav.week'],
      ['/change-requests', 'changeRequests.nav'],
      ['/concerns', 'concerns.nav.work'],
      ['/campaigns', 'campaigns.nav.introduce'],
    ]);
    expect(navItemsFor('retailer', t).map((i) => [i.path, i.label])).toEqual([
      ['/', 'nav.myShop'],
      ['/my-shop/order', 'ordering.nav.order'],
      ['/my-shop/new-products', 'campaigns.nav.newProducts'],
      ['/my-shop/changes', 'changeRequests.navMine'],
      ['/my-shop/concerns', 'concerns.nav.mine'],
      ['/my-shop/visits', 'visitOversight.nav.rate'],
    ]);
    expect(navItemsFor('supervisor', t).map((i) => i.path)).toEqual([
      '/',
      '/retailers',
      '/territory',
      '/change-requests',
      '/concerns',
      '/concerns/overview',
      '/visits/coverage',
      '/visits/flags',
      '/visits/plans',
      '/orders/week',
      '/orders/strategy',
      '/orders/allocation',
      '/campaigns',
    ]);
    expect(navItemsFor('admin', t).map((i) => i.path)).toEqual([
      '/',
      '/districts',
      '/retailers',
      '/retailers/import',
      '/tiers',
      '/territory',
      '/change-requests',
      '/concerns/overview',
      '/concerns/settings',
      '/visits/coverage',
      '/visits/flags',
      '/visits/plans',
      '/visits/settings',
      '/orders/week',
      '/orders/strategy',
      '/orders/allocation',
      '/campaigns',
      '/campaigns/products',
    ]);
  });

  it('highlights the entry a page belongs to', () => {
    const items = navItemsFor('admin', t);
    expect(selectedNavPath(items, '/')).toBe('/');
    expect(selectedNavPath(items, '/retailers')).toBe('/retailers');
    expect(selectedNavPath(items, '/retailers/42')).toBe('/retailers');
    expect(selectedNavPath(items, '/districts/3')).toBe('/districts');
    expect(selectedNavPath(items, '/retailersX')).toBe('/');
    // A manager's retailer pages belong to their home, where the list is.
    expect(selectedNavPath(navItemsFor('manager', t), '/retailers/7')).toBe('/');
    // A concern's page belongs to the list it was opened from; the overview is its own entry.
    expect(selectedNavPath(navItemsFor('supervisor', t), '/concerns/12')).toBe('/concerns');
    expect(selectedNavPath(navItemsFor('supervisor', t), '/concerns/overview')).toBe('/concerns/overview');
  });
});
