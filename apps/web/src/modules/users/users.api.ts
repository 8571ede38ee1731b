import type {
  CreateUserRequest,
  OrgUnit,
  ResetPasswordRequest,
  UpdateUserRequest,
  UserDetail,
  UserListQuery,
  UserListResponse,
  UserWithPasswordResponse,
} from '@siyi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@/api/api-client';
import { http } from '@/api/http';

export const usersApi = {
  list: (query: UserListQuery, signal?: AbortSignal) =>
    http.get<UserListResponse>('/api/users', { query: { ...query }, ...(signal ? { signal } : {}) }),
  detail: (id: number, signal?: AbortSignal) => http.get<UserDetail>(`/api/users/${id}`, signal ? { signal } : {}),
  unlock: (id: number) => http.post<UserDetail>(`/api/users/${id}/unlock`),
  create: (body: CreateUserRequest) => http.post<UserWithPasswordResponse>('/api/users', body),
  update: (id: number, body: UpdateUserRequest) => http.patch<UserDetail>(`/api/users/${id}`, body),
  disable: (id: number, version: number) => http.post<UserDetail>(`/api/users/${id}/disable`, { version }),
  enable: (id: number, version: number) => http.post<UserDetail>(`/api/users/${id}/enable`, { version }),
  resetPassword: (id: number, body: ResetPasswordRequest) =>
    http.post<UserWithPasswordResponse>(`/api/users/${id}/reset-password`, body),
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

/** After any change to a user: the detail shows the answer, the list reloads (names, states, districts). */
function useAdoptUser(id: number) {
  const queryClient = useQueryClient();
  return (user: UserDetail) => {
    queryClient.setQueryData(detailKey(id), user);
    void queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
  };
}

/** A 409 means someone changed the user meanwhile: reload it so the admin sees what is there now. */
function useReloadOnConflict(id: number) {
  const queryClient = useQueryClient();
  return (error: Error) => {
    if (error instanceof ApiError && error.status === 409) {
      void queryClient.invalidateQueries({ queryKey: detailKey(id) });
    }
  };
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => usersApi.create(body),
    onSuccess: (answer) => {
      queryClient.setQueryData(detailKey(answer.user.id), answer.user);
      void queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
    },
  });
}

export function useUpdateUser(id: number) {
  const adopt = useAdoptUser(id);
  const reload = useReloadOnConflict(id);
  return useMutation({
    mutationFn: (body: UpdateUserRequest) => usersApi.update(id, body),
    onSuccess: adopt,
    onError: reload,
  });
}

export function useSetUserDisabled(id: number) {
  const adopt = useAdoptUser(id);
  const reload = useReloadOnConflict(id);
  return useMutation({
    mutationFn: ({ disabled, version }: { disabled: boolean; version: number }) =>
      disabled ? usersApi.disable(id, version) : usersApi.enable(id, version),
    onSuccess: adopt,
    onError: reload,
  });
}

export function useResetPassword(id: number) {
  const adopt = useAdoptUser(id);
  const reload = useReloadOnConflict(id);
  return useMutation({
    mutationFn: (body: ResetPasswordRequest) => usersApi.resetPassword(id, body),
    onSuccess: (answer) => adopt(answer.user),
    onError: reload,
  });
}
