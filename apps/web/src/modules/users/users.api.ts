import type { OrgUnit, UserDetail, UserListQuery, UserListResponse } from '@siyi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';

export const usersApi = {
  list: (query: UserListQuery, signal?: AbortSignal) =>
    http.get<UserListResponse>('/api/users', { query: { ...query }, ...(signal ? { signal } : {}) }),
  detail: (id: number, signal?: AbortSignal) => http.get<UserDetail>(`/api/users/${id}`, signal ? { signal } : {}),
  unlock: (id: number) => http.post<UserDetail>(`/api/users/${id}/unlock`),
  orgUnits: (signal?: AbortSignal) => http.get<{ items: OrgUnit[] }>('/api/org-units', signal ? { signal } : {}),
};

export function useUserList(query: UserListQuery) {
  return useQuery({
    queryKey: ['users', 'list', query],
    queryFn: ({ signal }) => usersApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
}

const detailKey = (id: number | null) => ['users', 'detail', id] as const;

/** One user for an admin; `id` null (a malformed address) loads nothing. */
export function useUser(id: number | null) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: ({ signal }) => usersApi.detail(id ?? 0, signal),
    enabled: id !== null,
  });
}

/** Lifts a user's sign-in locks; the detail shows the answer and the list reloads its lock states. */
export function useUnlockUser(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => usersApi.unlock(id),
    onSuccess: (user) => {
      queryClient.setQueryData(detailKey(id), user);
      void queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
    },
  });
}

export function useOrgUnits() {
  return useQuery({
    queryKey: ['org-units'],
    queryFn: ({ signal }) => usersApi.orgUnits(signal),
    staleTime: 5 * 60_000,
  });
}
