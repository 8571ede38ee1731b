import { RetailerListQuery, type RetailerMapQuery, type RetailerSort } from '@siyi/contracts';

export const DEFAULT_PAGE_SIZE = 20;
export const TIERS: readonly number[] = Array.from({ length: 30 }, (_, i) => 30 - i);

/** The tier filter's search: the digits typed pick tiers — "1" offers 1 and 10–19; "18", "18 档" or "Tier 18" find 18. */
export function tierMatches(input: string, tier: unknown): boolean {
  const digits = input.replace(/\D/g, '');
  return digits === '' || String(tier).startsWith(digits);
}

export type ListView = 'list' | 'map';

/** What the list shows, as kept in the URL: the filters, the order and list or map. Paging is not kept. */
export interface RetailerListFilters {
  q?: string;
  tierMin?: number;
  tierMax?: number;
  format?: RetailerListQuery['format'];
  status?: RetailerListQuery['status'];
  managerId?: number;
  districtId?: number;
  licence?: RetailerListQuery['licence'];
  sort: RetailerSort;
  view: ListView;
}

const fields = RetailerListQuery.shape;

/** One search parameter checked against the contract's own field schema; absent or invalid → undefined. */
function field<K extends keyof typeof fields>(params: URLSearchParams, key: K): RetailerListQuery[K] | undefined {
  const raw = params.get(key);
  if (raw === null || raw.trim() === '') return undefined;
  const result = fields[key].safeParse(raw);
  // The field schema's output is exactly this property's type; TS cannot see it through the generic key.
  return result.success ? (result.data as RetailerListQuery[K]) : undefined;
}

/**
 * The list's filters live in the URL, so a detail page's Back returns to the same search and a link can carry
 * one (the district dashboard links to `?managerId=…`). Each value is checked with the shared contract (the
 * server's own rules); a malformed one is dropped on its own instead of failing the whole list. An older link's
 * `tier=12` reads as the range 12–12.
 */
export function readRetailerFilters(params: URLSearchParams): RetailerListFilters {
  const tier = field(params, 'tier');
  let tierMin = field(params, 'tierMin') ?? tier;
  let tierMax = field(params, 'tierMax') ?? tier;
  if (tierMin !== undefined && tierMax !== undefined && tierMin > tierMax) [tierMin, tierMax] = [tierMax, tierMin];
  const picked = {
    q: field(params, 'q') || undefined,
    tierMin,
    tierMax,
    format: field(params, 'format'),
    status: field(params, 'status'),
    managerId: field(params, 'managerId'),
    districtId: field(params, 'districtId'),
    licence: field(params, 'licence'),
  };
  const present = Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined));
  return {
    ...present,
    sort: field(params, 'sort') ?? 'shopName',
    view: params.get('view') === 'map' ? 'map' : 'list',
  } as RetailerListFilters;
}

/** Writes filters back to search params, leaving defaults out to keep URLs short. */
export function writeRetailerFilters(filters: RetailerListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const key of ['tierMin', 'tierMax', 'format', 'status', 'managerId', 'districtId', 'licence'] as const) {
    const value = filters[key];
    if (value !== undefined) params.set(key, String(value));
  }
  if (filters.sort !== 'shopName') params.set('sort', filters.sort);
  if (filters.view === 'map') params.set('view', 'map');
  return params;
}

/** The filters as the map asks for them (no order, no view). */
export function mapQueryOf(filters: RetailerListFilters): RetailerMapQuery {
  const { sort: _sort, view: _view, ...rest } = filters;
  return rest;
}

/** One page of the list: the filters, the order, and the cursor of the page before (none for the first). */
export function listQueryOf(filters: RetailerListFilters, cursor: string | null): RetailerListQuery {
  return {
    ...mapQueryOf(filters),
    sort: filters.sort,
    page: 1,
    pageSize: DEFAULT_PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  };
}
