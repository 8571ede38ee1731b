import type {
  RetailerDetail,
  RetailerListQuery,
  RetailerListResponse,
  RetailerMapQuery,
  RetailerMapResponse,
  RetailerSalesResponse,
} from '@siyi/contracts';
import { keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { http } from '@/api/http';
import { listQueryOf, mapQueryOf, type RetailerListFilters } from './retailer-filters';

export const retailersApi = {
  list: (query: RetailerListQuery, signal?: AbortSignal) =>
    http.get<RetailerListResponse>('/api/retailers', { query: { ...query }, ...(signal ? { signal } : {}) }),
  map: (query: RetailerMapQuery, signal?: AbortSignal) =>
    http.get<RetailerMapResponse>('/api/retailers/map', { query: { ...query }, ...(signal ? { signal } : {}) }),
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

/**
 * The list page by page in keyset order: each page asks from the cursor the one before returned. The loaded pages
 * stay cached, so a detail page's Back shows the same rows again.
 */
export function useRetailerPages(filters: RetailerListFilters) {
  return useInfiniteQuery({
    queryKey: ['retailers', 'pages', mapQueryOf(filters), filters.sort],
    queryFn: ({ pageParam, signal }) => retailersApi.list(listQueryOf(filters, pageParam), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useRetailerMap(query: RetailerMapQuery) {
  return useQuery({
    queryKey: ['retailers', 'map', query],
    queryFn: ({ signal }) => retailersApi.map(query, signal),
    placeholderData: keepPreviousData,
  });
}

/** One retailer's record (a retailer's own home asks for it as soon as the session is known: home-page.tsx). */
export function retailerQuery(id: number | null) {
  return queryOptions({
    queryKey: ['retailers', 'detail', id],
    queryFn: ({ signal }) => retailersApi.get(id ?? 0, signal),
    enabled: id !== null,
  });
}

export function useRetailer(id: number | null) {
  return useQuery(retailerQuery(id));
}

export const SALES_WEEKS = 26;

export function retailerSalesQuery(id: number | null, weeks = SALES_WEEKS) {
  return queryOptions({
    queryKey: ['retailers', 'sales', id, weeks],
    queryFn: ({ signal }) => retailersApi.sales(id ?? 0, weeks, signal),
    enabled: id !== null,
  });
}

export function useRetailerSales(id: number | null, weeks = SALES_WEEKS) {
  return useQuery(retailerSalesQuery(id, weeks));
}
