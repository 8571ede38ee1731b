import type {
  Concern,
  ConcernCategory,
  ConcernDetail,
  ConcernListResponse,
  ConcernOwnerCandidates,
  ConcernPhoto,
  ConcernSettings,
  ConcernStats,
  ConcernStatus,
  ConcernStatusFilter,
  CreateCallbackBody,
  CreateConcernBody,
  FollowUpItem,
  FollowUpListResponse,
  RateConcernBody,
  ReassignConcernBody,
  UpdateConcernSettingsBody,
} from '@siyi/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';

export interface ConcernListFilter {
  status?: ConcernStatusFilter;
  owner?: 'me' | number;
  category?: ConcernCategory;
  retailerId?: number;
  overdue?: 'true' | 'false';
}

const PAGE = 20;

export const concernsApi = {
  list: (filter: ConcernListFilter, cursor: string | null, signal?: AbortSignal) =>
    http.get<ConcernListResponse>('/api/concerns', {
      query: { ...filter, cursor, limit: PAGE },
      ...(signal ? { signal } : {}),
    }),
  get: (id: number, signal?: AbortSignal) => http.get<ConcernDetail>(`/api/concerns/${id}`, signal ? { signal } : {}),
  create: (body: CreateConcernBody) => http.post<ConcernDetail>('/api/concerns', body),
  transition: (id: number, body: { to: ConcernStatus; note: string; version: number }) =>
    http.post<ConcernDetail>(`/api/concerns/${id}/transition`, body),
  rate: (id: number, body: RateConcernBody) => http.post<ConcernDetail>(`/api/concerns/${id}/rating`, body),
  addPhoto: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return http.post<ConcernPhoto>(`/api/concerns/${id}/photos`, form);
  },
  reassign: (id: number, body: ReassignConcernBody) => http.post<ConcernDetail>(`/api/concerns/${id}/reassign`, body),
  owners: (id: number, signal?: AbortSignal) =>
    http.get<ConcernOwnerCandidates>(`/api/concerns/${id}/owners`, signal ? { signal } : {}),
  followUps: (signal?: AbortSignal) =>
    http.get<FollowUpListResponse>('/api/visits/follow-ups', { query: { limit: 200 }, ...(signal ? { signal } : {}) }),
  markFollowUpDone: (item: Pick<FollowUpItem, 'visitId' | 'index' | 'text' | 'retailerId'>) =>
    http.post<FollowUpItem>(`/api/visits/${item.visitId}/follow-ups/${item.index}/done`, { text: item.text }),
  addCallback: (id: number, body: CreateCallbackBody) =>
    http.post<ConcernDetail>(`/api/concerns/${id}/callbacks`, body),
  stats: (weeks: number, signal?: AbortSignal) =>
    http.get<ConcernStats>('/api/concerns/stats', { query: { weeks }, ...(signal ? { signal } : {}) }),
  settings: (signal?: AbortSignal) => http.get<ConcernSettings>('/api/concern-settings', signal ? { signal } : {}),
  saveSettings: (body: UpdateConcernSettingsBody) => http.put<ConcernSettings>('/api/concern-settings', body),
};

const ROOT = ['concerns'] as const;
export const concernKey = (id: number) => [...ROOT, 'detail', id] as const;

export function useConcernList(filter: ConcernListFilter) {
  return useInfiniteQuery({
    queryKey: [...ROOT, 'list', filter],
    queryFn: ({ pageParam, signal }) => concernsApi.list(filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Every page loaded so far as one list. */
export function allItems(pages: readonly ConcernListResponse[] | undefined): Concern[] {
  return (pages ?? []).flatMap((p) => p.items);
}

export function useConcern(id: number, enabled = true) {
  return useQuery({ queryKey: concernKey(id), queryFn: ({ signal }) => concernsApi.get(id, signal), enabled });
}

export function useConcernStats(weeks: number) {
  return useQuery({ queryKey: [...ROOT, 'stats', weeks], queryFn: ({ signal }) => concernsApi.stats(weeks, signal) });
}

export function useConcernSettings() {
  return useQuery({ queryKey: ['concern-settings'], queryFn: ({ signal }) => concernsApi.settings(signal) });
}

/**
 * After a write: the concern itself is the answer; the lists, the figures and the retailer's timeline may have moved.
 */
function useRefresh() {
  const client = useQueryClient();
  return async (detail: ConcernDetail | undefined) => {
    if (detail) client.setQueryData(concernKey(detail.id), detail);
    await Promise.all([
      client.invalidateQueries({ queryKey: [...ROOT, 'list'] }),
      client.invalidateQueries({ queryKey: [...ROOT, 'stats'] }),
      ...(detail ? [client.invalidateQueries({ queryKey: ['retailers', 'timeline', detail.retailerId] })] : []),
    ]);
  };
}

export function useCreateConcern() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: concernsApi.create, onSuccess: (detail) => refresh(detail) });
}

export function useTransitionConcern(concern: Pick<Concern, 'id' | 'version'>) {
  const refresh = useRefresh();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ to, note }: { to: ConcernStatus; note: string }) =>
      concernsApi.transition(concern.id, { to, note, version: concern.version }),
    onSuccess: (detail) => refresh(detail),
    // A 409 (changed meanwhile, or no longer legal): show the concern as it is now.
    onError: () => client.invalidateQueries({ queryKey: concernKey(concern.id) }),
  });
}

export function useRateConcern(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: RateConcernBody) => concernsApi.rate(id, body),
    onSuccess: (detail) => refresh(detail),
  });
}

export function useAddConcernPhoto() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: number; file: File }) => concernsApi.addPhoto(id, file),
    onSettled: (_data, _error, { id }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: concernKey(id) }),
        client.invalidateQueries({ queryKey: [...ROOT, 'list'] }),
      ]),
  });
}

export function useAddCallback(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CreateCallbackBody) => concernsApi.addCallback(id, body),
    onSuccess: (detail) => refresh(detail),
  });
}

export function useSaveConcernSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: concernsApi.saveSettings,
    onSuccess: (saved) => client.setQueryData(['concern-settings'], saved),
  });
}

/** Who may take the concern over (the dialog's choices), read when the dialog opens. */
export function useConcernOwners(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...ROOT, 'owners', id],
    queryFn: ({ signal }) => concernsApi.owners(id, signal),
    enabled,
  });
}

export function useReassignConcern(concern: Pick<Concern, 'id' | 'version'>) {
  const refresh = useRefresh();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { ownerUserId: number; reason: string }) =>
      concernsApi.reassign(concern.id, { ...body, version: concern.version }),
    onSuccess: async (detail) => {
      await refresh(detail);
      await client.invalidateQueries({ queryKey: [...ROOT, 'owners', concern.id] });
    },
    onError: () => client.invalidateQueries({ queryKey: concernKey(concern.id) }),
  });
}

const FOLLOW_UPS = ['visits', 'follow-ups'] as const;

/** The manager's open promised follow-ups (from its visits), by due date. */
export function useFollowUps(enabled: boolean) {
  return useQuery({ queryKey: FOLLOW_UPS, queryFn: ({ signal }) => concernsApi.followUps(signal), enabled });
}

export function useMarkFollowUpDone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: concernsApi.markFollowUpDone,
    onSettled: (_data, _error, item) =>
      Promise.all([
        client.invalidateQueries({ queryKey: FOLLOW_UPS }),
        client.invalidateQueries({ queryKey: ['retailers', 'timeline', item.retailerId] }),
      ]),
  });
}
