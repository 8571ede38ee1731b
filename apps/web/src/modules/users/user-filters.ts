import { UserListQuery } from '@siyi/contracts';

export const USERS_PAGE_SIZE = 20;

const fields = UserListQuery.shape;

function field<K extends keyof typeof fields>(params: URLSearchParams, key: K): UserListQuery[K] | undefined {
  const raw = params.get(key);
  if (raw === null || raw.trim() === '') return undefined;
  const result = fields[key].safeParse(raw);
  // The field schema's output is exactly this property's type; TS cannot see it through the generic key.
  return result.success ? (result.data as UserListQuery[K]) : undefined;
}

/** The users table's search, role and page live in the URL, each checked with the shared contract. */
export function readUserFilters(params: URLSearchParams): UserListQuery {
  const q = field(params, 'q');
  const role = field(params, 'role');
  return {
    page: field(params, 'page') ?? 1,
    pageSize: field(params, 'pageSize') ?? USERS_PAGE_SIZE,
    ...(q ? { q } : {}),
    ...(role ? { role } : {}),
  };
}

export function writeUserFilters(filters: UserListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.role) params.set('role', filters.role);
  if (filters.page > 1) params.set('page', String(filters.page));
  if (filters.pageSize !== USERS_PAGE_SIZE) params.set('pageSize', String(filters.pageSize));
  return params;
}
