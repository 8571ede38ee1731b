import type {
  RetailerTier,
  TierMoveDirection,
  TierOverrideRequest,
  TierPublishResponse,
  TierRunDetail,
  TierRunListResponse,
  TierRunSummary,
} from '@siyi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';

export interface MovesFilter {
  page: number;
  pageSize: number;
  districtId?: number | undefined;
  direction?: TierMoveDirection | undefined;
}

export const tiersApi = {
  runs: (signal?: AbortSignal) =>
    http.get<TierRunListResponse>('/api/tiers/runs', { query: { pageSize: 10 }, ...(signal ? { signal } : {}) }),
  run: (id: number, filter: MovesFilter, signal?: AbortSignal) =>
    http.get<TierRunDetail>(`/api/tiers/runs/${id}`, { query: { ...filter }, ...(signal ? { signal } : {}) }),
  preview: () => http.post<TierRunSummary>('/api/tiers/preview'),
  publish: (runId: number) => http.post<TierPublishResponse>('/api/tiers/publish', { runId }),
  retailerTier: (id: number, signal?: AbortSignal) =>
    http.get<RetailerTier>(`/api/retailers/${id}/tier`, signal ? { signal } : {}),
  override: (id: number, body: TierOverrideRequest) => http.patch<RetailerTier>(`/api/retailers/${id}/tier`, body),
};

export function useTierRuns() {
  return useQuery({ queryKey: ['tiers', 'runs'], queryFn: ({ signal }) => tiersApi.runs(signal) });
}

export function useTierRun(id: number | null, filter: MovesFilter) {
  return useQuery({
    queryKey: ['tiers', 'run', id, filter],
    queryFn: ({ signal }) => tiersApi.run(id ?? 0, filter, signal),
    enabled: id !== null,
    // Paging and filtering keep the current rows on screen until the next ones arrive.
    placeholderData: keepPreviousData,
  });
}

/** A new preview: the runs list and every open run reload (the older preview is now superseded). */
export function usePreviewTiers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => tiersApi.preview(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['tiers'] }),
  });
}

/** Publishing changes retailers' tiers: lists, details and dashboards that show tiers reload too. */
export function usePublishTiers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId: number) => tiersApi.publish(runId),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['tiers'] });
      void queryClient.invalidateQueries({ queryKey: ['retailers'] });
    },
  });
}

export function useRetailerTier(id: number | null) {
  return useQuery({
    queryKey: ['tiers', 'retailer', id],
    queryFn: ({ signal }) => tiersApi.retailerTier(id ?? 0, signal),
    enabled: id !== null,
  });
}
