import type {
  BusinessFormat,
  LicenceFilter,
  RetailerListQuery,
  RetailerMapQuery,
  RetailerSort,
  RetailerStatus,
} from '@siyi/contracts';

// The list's words and URL rules, without the contracts' runtime: importing a value from '@siyi/contracts' brings
// zod and every schema (~30 KB compressed, and a long task to evaluate on a phone) into the manager's home, which
// shows this list. Only types come from the contracts; retailer-filters.test.ts holds these lists and the parsing
// below to the contract's own schemas, so they cannot drift apart unnoticed.
export const businessFormats = [
  'convenience',
  'grocery',
  'supermarket',
  'tobacco_shop',
  'kiosk',
  'entertainment',
  'other',
] as const satisfies readonly BusinessFormat[];
export const retailerStatuses = ['active', 'suspended', 'closed'] as const satisfies readonly RetailerStatus[];
export const retailerSorts = [
  'shopName',
  'tierDesc',
  'tierAsc',
  'licenceExpiry',
] as const satisfies readonly RetailerSort[];
export const licenceFilters = ['expiring', 'expired'] as const satisfies readonly LicenceFilter[];

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

/** A whole number in [min, max], read as the contract reads query numbers (`z.coerce.number()`: `Number(text)`). */
function integer(min: number, max: number) {
  return (raw: string): number | undefined => {
    const value = Number(raw);
    return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
  };
}

function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string): T | undefined => ((values as readonly string[]).includes(raw) ? (raw as T) : undefined);
}

const tier = integer(1, 30);
const id = integer(1, 2_147_483_647);

/** The contract's SearchTerm: at most 100 characters, no control characters, trimmed. */
function searchTerm(raw: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  return raw.length <= 100 && /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/.test(raw) ? raw.trim() : undefined;
}

/** How each kept search parameter is read: the rules of the contract's RetailerListQuery for that field. */
export const FIELD_READERS = {
  q: searchTerm,
  tier,
  tierMin: tier,
  tierMax: tier,
  format: oneOf(businessFormats),
  status: oneOf(retailerStatuses),
  managerId: id,
  districtId: id,
  licence: oneOf(licenceFilters),
  sort: oneOf(retailerSorts),
} satisfies { [K in keyof RetailerListQuery]?: (raw: string) => RetailerListQuery[K] | undefined };

type Readers = typeof FIELD_READERS;

/** One search parameter checked against the contract's rules for it; absent or invalid → undefined. */
function field<K extends keyof Readers>(params: URLSearchParams, key: K): ReturnType<Readers[K]> | undefined {
  const raw = params.get(key);
  if (raw === null || raw.trim() === '') return undefined;
  return FIELD_READERS[key](raw) as ReturnType<Readers[K]> | undefined;
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
