import { RetailerListQuery } from '@siyi/contracts';

export const DEFAULT_PAGE_SIZE = 20;
export const TIERS: readonly number[] = Array.from({ length: 30 }, (_, i) => 30 - i);

/** The tier filter's search: the digits typed pick tiers — "1" offers 1 and 10–19; "18", "18 档" or "Tier 18" find 18. */
export function tierMatches(input: string, tier: unknown): boolean {
  const digits = input.replace(/\D/g, '');
  return digits === '' || String(tier).startsWith(digits);
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
 * The list's filters live in the URL, so a detail page's Back returns to the same page and search.
 * Each value is checked with the shared contract (the server's own rules); a malformed one is dropped
 * on its own instead of failing the whole list.
 */
export function readRetailerFilters(params: URLSearchParams): RetailerListQuery {
  const q = field(params, 'q');
  const tier = field(params, 'tier');
  const format = field(params, 'format');
  const status = field(params, 'status');
  const managerId = field(params, 'managerId');
  return {
    page: field(params, 'page') ?? 1,
    pageSize: field(params, 'pageSize') ?? DEFAULT_PAGE_SIZE,
    ...(q ? { q } : {}),
    ...(tier ? { tier } : {}),
    ...(format ? { format } : {}),
    ...(status ? { status } : {}),
    ...(managerId ? { managerId } : {}),
  };
}

/** Writes filters back to search params, leaving defaults out to keep URLs short. */
export function writeRetailerFilters(filters: RetailerListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.tier) params.set('tier', String(filters.tier));
  if (filters.format) params.set('format', filters.format);
  if (filters.status) params.set('status', filters.status);
  if (filters.managerId) params.set('managerId', String(filters.managerId));
  if (filters.page > 1) params.set('page', String(filters.page));
  if (filters.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(filters.pageSize));
  return params;
}
