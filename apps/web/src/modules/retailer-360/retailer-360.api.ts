import type {
  HeardConcern,
  HeardConcernInput,
  HeardConcernList,
  HistoryPage,
  RetailerProfile,
  RetailerProfilePatch,
  TimelinePage,
} from '@siyi/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';

const PAGE = 20;

export const retailer360Api = {
  profile: (id: number, signal?: AbortSignal) =>
    http.get<RetailerProfile>(`/api/retailers/${id}`, signal ? { signal } : {}),
  update: (id: number, patch: RetailerProfilePatch) => http.patch<RetailerProfile>(`/api/retailers/${id}`, patch),
  timeline: (id: number, cursor: string | null, signal?: AbortSignal) =>
    http.get<TimelinePage>(`/api/retailers/${id}/timeline`, {
      query: { limit: PAGE, cursor },
      ...(signal ? { signal } : {}),
    }),
  history: (id: number, cursor: string | null, signal?: AbortSignal) =>
    http.get<HistoryPage>(`/api/retailers/${id}/history`, {
      query: { limit: PAGE, cursor },
      ...(signal ? { signal } : {}),
    }),
  concerns: (id: number, signal?: AbortSignal) =>
    http.get<HeardConcernList>(`/api/retailers/${id}/heard-concerns`, signal ? { signal } : {}),
  recordConcern: (id: number, input: HeardConcernInput) =>
    http.post<HeardConcern>(`/api/retailers/${id}/heard-concerns`, input),
};

/** The same key as the list module's detail query: both read GET /api/retailers/:id. */
export const profileKey = (id: number | null) => ['retailers', 'detail', id] as const;

export function useRetailerProfile(id: number | null) {
  return useQuery({
    queryKey: profileKey(id),
    queryFn: ({ signal }) => retailer360Api.profile(id ?? 0, signal),
    enabled: id !== null,
  });
}

export function useTimeline(id: number, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['retailers', 'timeline', id],
    queryFn: ({ pageParam, signal }) => retailer360Api.timeline(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useHistory(id: number, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['retailers', 'history', id],
    queryFn: ({ pageParam, signal }) => retailer360Api.history(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useHeardConcerns(id: number, enabled = true) {
  return useQuery({
    queryKey: ['retailers', 'heard-concerns', id],
    queryFn: ({ signal }) => retailer360Api.concerns(id, signal),
    enabled,
  });
}

/** After a write, the timeline, the change history, the concerns and the list may have moved. */
function useInvalidateRetailer(id: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      ...['timeline', 'history', 'heard-concerns'].map((part) =>
        queryClient.invalidateQueries({ queryKey: ['retailers', part, id] }),
      ),
      queryClient.invalidateQueries({ queryKey: ['retailers', 'list'] }),
    ]);
}

export function useUpdateProfile(id: number) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRetailer(id);
  return useMutation({
    mutationFn: (patch: RetailerProfilePatch) => retailer360Api.update(id, patch),
    onSuccess: async (saved) => {
      queryClient.setQueryData(profileKey(id), saved);
      await invalidate();
    },
  });
}

export function useRecordConcern(id: number) {
  const invalidate = useInvalidateRetailer(id);
  return useMutation({
    mutationFn: (input: HeardConcernInput) => retailer360Api.recordConcern(id, input),
    onSuccess: () => invalidate(),
  });
}
