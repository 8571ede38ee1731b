import type { RetailerDetail, RetailerListQuery, RetailerListResponse, RetailerSalesResponse } from '@siyi/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from '@/api/http';

export const retailersApi = {
  list: (query: RetailerListQuery, signal?: AbortSignal) =>
    http.get<RetailerListResponse>('/api/retailers', { query: { ...query }, ...(signal ? { signal } : {}) }),
  get: (id: number, signal?: AbortSignal) => http.get<RetailerDetail>(`/api/retailers/${id}`, signal ? { signal } : {}),
  sales: (id: number, weeks: number, signal?: AbortSignal) =>
    http.get<RetailerSalesResponse>(`/api/retailers/${id}/sales`, { query: { weeks }, ...(signal ? { signal } : {}) }),
};

export function useRetailerList(query: RetailerListQuery) {
  return useQuery({
    queryKey: ['retailers', 'list', query],
    queryFn: ({ signal }) => retailersApi.list(query, signal),
    // Keep the current page on screen while the next one loads: no flashing skeleton when paging.
    placeholderData: keepPreviousData,
  });
}

export function useRetailer(id: number | null) {
  return useQuery({
    queryKey: ['retailers', 'detail', id],
    queryFn: ({ signal }) => retailersApi.get(id ?? 0, signal),
    enabled: id !== null,
  });
}

export const SALES_WEEKS = 26;

export function useRetailerSales(id: number | null, weeks = SALES_WEEKS) {
  return useQuery({
    queryKey: ['retailers', 'sales', id, weeks],
    queryFn: ({ signal }) => retailersApi.sales(id ?? 0, weeks, signal),
    enabled: id !== null,
  });
}
