import type { OrgUnit, UserListQuery, UserListResponse } from '@siyi/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from '@/api/http';

export const usersApi = {
  list: (query: UserListQuery, signal?: AbortSignal) =>
    http.get<UserListResponse>('/api/users', { query: { ...query }, ...(signal ? { signal } : {}) }),
  orgUnits: (signal?: AbortSignal) => http.get<{ items: OrgUnit[] }>('/api/org-units', signal ? { signal } : {}),
};

export function useUserList(query: UserListQuery) {
  return useQuery({
    queryKey: ['users', 'list', query],
    queryFn: ({ signal }) => usersApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOrgUnits() {
  return useQuery({
    queryKey: ['org-units'],
    queryFn: ({ signal }) => usersApi.orgUnits(signal),
    staleTime: 5 * 60_000,
  });
}
