import type { Role, UserListQuery } from '@siyi/contracts';
import { roles } from '@siyi/contracts/values';

export const USERS_PAGE_SIZE = 20;

/*
 * The same limits as the shared contract's UserListQuery (PageQuery, SearchTerm, Role), checked by hand: the
 * admin's home reads these on its first screen, and the contract's schemas would bring zod's runtime to a phone.
 * user-filters.test.ts holds both to the same answers.
 */
const PAGE_MAX = 100_000;
const PAGE_SIZE_MAX = 200;
const SEARCH_MAX = 100;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point (as SearchTerm)
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function text(params: URLSearchParams, key: string): string | undefined {
  const raw = params.get(key);
  return raw === null || raw.trim() === '' ? undefined : raw;
}

function integer(params: URLSearchParams, key: string, max: number): number | undefined {
  const raw = text(params, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;
}

function searchTerm(params: URLSearchParams): string | undefined {
  const raw = text(params, 'q');
  if (raw === undefined || raw.length > SEARCH_MAX || CONTROL_CHARACTERS.test(raw)) return undefined;
  return raw.trim();
}

function role(params: URLSearchParams): Role | undefined {
  const raw = text(params, 'role');
  return roles.find((known) => known === raw);
}

/** The users table's search, role and page live in the URL; what the contract would refuse is dropped. */
export function readUserFilters(params: URLSearchParams): UserListQuery {
  const q = searchTerm(params);
  const chosenRole = role(params);
  return {
    page: integer(params, 'page', PAGE_MAX) ?? 1,
    pageSize: integer(params, 'pageSize', PAGE_SIZE_MAX) ?? USERS_PAGE_SIZE,
    ...(q ? { q } : {}),
    ...(chosenRole ? { role: chosenRole } : {}),
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
