import type {
  ReassignRetailersRequest,
  ReassignRetailersResponse,
  TerritoryManagersResponse,
  TerritoryRetailersResponse,
} from '@siyi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';

export const territoryApi = {
  managers: (districtId: number, signal?: AbortSignal) =>
    http.get<TerritoryManagersResponse>('/api/territory/managers', {
      query: { districtId },
      ...(signal ? { signal } : {}),
    }),
  retailers: (districtId: number, managerId: number | 'none', signal?: AbortSignal) =>
    http.get<TerritoryRetailersResponse>('/api/territory/retailers', {
      query: { districtId, managerId },
      ...(signal ? { signal } : {}),
    }),
  reassign: (body: ReassignRetailersRequest) => http.post<ReassignRetailersResponse>('/api/retailers/reassign', body),
};

export function useDistrictManagers(districtId: number | undefined) {
  return useQuery({
    queryKey: ['territory', 'managers', districtId],
    queryFn: ({ signal }) => territoryApi.managers(districtId ?? 0, signal),
    enabled: districtId !== undefined,
  });
}

export function useManagerRetailers(districtId: number | undefined, managerId: number | 'none' | undefined) {
  return useQuery({
    queryKey: ['territory', 'retailers', districtId, managerId],
    queryFn: ({ signal }) => territoryApi.retailers(districtId ?? 0, managerId ?? 'none', signal),
    enabled: districtId !== undefined && managerId !== undefined,
  });
}

/** After a move every count and list of the district may have changed, and so may retailers and users elsewhere. */
export function useReassign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReassignRetailersRequest) => territoryApi.reassign(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['territory'] });
      void queryClient.invalidateQueries({ queryKey: ['retailers'] });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}
