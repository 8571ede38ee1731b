import type {
  AllocationExplainResponse,
  AllocationRunResponse,
  CreateProposalBody,
  OrderWeekResponse,
  OrgUnitListResponse,
  ProductListResponse,
  ProposalView,
  PutSupplyStrategyBody,
  RetailerDetail,
  RetailerListResponse,
  RetailerSalesResponse,
  SuggestionListResponse,
  SupplyStrategyResponse,
} from '@siyi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@/api/api-client';
import { http } from '@/api/http';

/*
 * The staff side of ordering (issue 11): the week's order state and respect figures, the manager's proposals
 * (accepted only by the retailer's own act), the supply strategy and the scarce allocation.
 */

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export interface OrderWeekFilter {
  week: string;
  managerId?: number | undefined;
  districtId?: number | undefined;
}

export const orderingOversightApi = {
  orgUnits: (signal?: AbortSignal) => http.get<OrgUnitListResponse>('/api/org-units', withSignal(signal)),
  week: (filter: OrderWeekFilter, signal?: AbortSignal) =>
    http.get<OrderWeekResponse>('/api/orders/week', { query: { ...filter }, ...withSignal(signal) }),
  retailer: (id: number, signal?: AbortSignal) => http.get<RetailerDetail>(`/api/retailers/${id}`, withSignal(signal)),
  suggestions: (retailerId: number, signal?: AbortSignal) =>
    http.get<SuggestionListResponse>('/api/orders/suggestions', { query: { retailerId }, ...withSignal(signal) }),
  sales: (retailerId: number, signal?: AbortSignal) =>
    http.get<RetailerSalesResponse>(`/api/retailers/${retailerId}/sales`, withSignal(signal)),
  propose: (body: CreateProposalBody) => http.post<ProposalView>('/api/orders/proposals', body),
  acceptByCode: (proposalId: number, code: string) =>
    http.post<ProposalView>(`/api/orders/proposals/${proposalId}/accept`, { code }),
  strategy: (week: string, districtId: number | undefined, signal?: AbortSignal) =>
    http.get<SupplyStrategyResponse>(`/api/supply-strategies/${week}`, {
      query: { districtId },
      ...withSignal(signal),
    }),
  saveStrategy: (week: string, body: PutSupplyStrategyBody) =>
    http.put<SupplyStrategyResponse>(`/api/supply-strategies/${week}`, body),
  runAllocation: (week: string, districtId: number | undefined) =>
    http.post<AllocationRunResponse>(`/api/allocations/${week}/run`, districtId === undefined ? {} : { districtId }),
  latestRun: (week: string, districtId: number | undefined, signal?: AbortSignal) =>
    http.get<AllocationRunResponse>(`/api/allocations/${week}/runs/latest`, {
      query: { districtId },
      ...withSignal(signal),
    }),
  /** Without a week, the server's open week (the one a proposal is made for). */
  proposals: (retailerId: number, week: string | undefined, signal?: AbortSignal) =>
    http.get<ProposalView[]>('/api/orders/proposals', { query: { retailerId, week }, ...withSignal(signal) }),
  products: (q: string, signal?: AbortSignal) =>
    http.get<ProductListResponse>('/api/products', {
      query: { status: 'active', q: q.trim() === '' ? undefined : q.trim() },
      ...withSignal(signal),
    }),
  explain: (week: string, retailerId: number, signal?: AbortSignal) =>
    http.get<AllocationExplainResponse>(`/api/allocations/${week}/explain`, {
      query: { retailerId },
      ...withSignal(signal),
    }),
  searchRetailers: (q: string, districtId: number, signal?: AbortSignal) =>
    http.get<RetailerListResponse>('/api/retailers', {
      query: { q: q.trim() === '' ? undefined : q.trim(), districtId, pageSize: 20 },
      ...withSignal(signal),
    }),
};

const ROOT = ['ordering-oversight'] as const;

/** The districts an admin chooses among (only an admin asks). */
export function useDistricts(enabled: boolean) {
  return useQuery({
    queryKey: ['org-units'],
    queryFn: ({ signal }) => orderingOversightApi.orgUnits(signal),
    staleTime: 5 * 60_000,
    enabled,
    select: (data) => data.items.filter((u) => u.kind === 'district'),
  });
}

export function useOrderWeek(filter: OrderWeekFilter, enabled = true) {
  return useQuery({
    queryKey: [...ROOT, 'week', filter.week, filter.managerId ?? 'all', filter.districtId ?? 'own'],
    queryFn: ({ signal }) => orderingOversightApi.week(filter, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRetailer(id: number) {
  return useQuery({
    queryKey: [...ROOT, 'retailer', id],
    queryFn: ({ signal }) => orderingOversightApi.retailer(id, signal),
    enabled: id > 0,
  });
}

export function useRetailerSuggestions(retailerId: number) {
  return useQuery({
    queryKey: [...ROOT, 'suggestions', retailerId],
    queryFn: ({ signal }) => orderingOversightApi.suggestions(retailerId, signal),
    enabled: retailerId > 0,
    retry: false,
  });
}

export function useRetailerSales(retailerId: number) {
  return useQuery({
    queryKey: [...ROOT, 'sales', retailerId],
    queryFn: ({ signal }) => orderingOversightApi.sales(retailerId, signal),
    enabled: retailerId > 0,
    retry: false,
  });
}

/** A proposal sent or accepted: the week's states (proposal waiting, submitted) have moved. */
export function useProposalMutation<A>(action: (args: A) => Promise<ProposalView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: () => client.invalidateQueries({ queryKey: [...ROOT, 'week'] }),
  });
}

export function useStrategy(week: string, districtId: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...ROOT, 'strategy', week, districtId ?? 'own'],
    queryFn: ({ signal }) => orderingOversightApi.strategy(week, districtId, signal),
    enabled,
  });
}

export function useSaveStrategy(week: string, districtId: number | undefined) {
  const client = useQueryClient();
  const key = [...ROOT, 'strategy', week, districtId ?? 'own'];
  return {
    mutation: useMutation({
      mutationFn: (body: PutSupplyStrategyBody) => orderingOversightApi.saveStrategy(week, body),
      onSuccess: (saved) => client.setQueryData(key, saved),
    }),
    reload: () => client.invalidateQueries({ queryKey: key }),
  };
}

export function useRunAllocation(week: string, districtId: number | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => orderingOversightApi.runAllocation(week, districtId),
    onSuccess: (run) => {
      client.setQueryData([...ROOT, 'allocation-run', week, districtId ?? 'own'], run);
      return client.invalidateQueries({ queryKey: [...ROOT, 'explain', week] });
    },
  });
}

/** The week's latest run, read back on open so a reload keeps the result (404: none yet → null). */
export function useLatestRun(week: string, districtId: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...ROOT, 'allocation-run', week, districtId ?? 'own'],
    queryFn: async ({ signal }) => {
      try {
        return await orderingOversightApi.latestRun(week, districtId, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled,
    retry: false,
  });
}

/** The proposals made to a retailer in a week (default the open one), read back from the server, oldest first. */
export function useProposals(retailerId: number, week?: string) {
  return useQuery({
    queryKey: [...ROOT, 'proposals', retailerId, week ?? 'open'],
    queryFn: ({ signal }) => orderingOversightApi.proposals(retailerId, week, signal),
    enabled: retailerId > 0,
    retry: false,
  });
}

/** Active products matching a search, for the strategy editor's "add a product". */
export function useProductSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ROOT, 'products', q.trim()],
    queryFn: ({ signal }) => orderingOversightApi.products(q, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useExplain(week: string, retailerId: number | null) {
  return useQuery({
    queryKey: [...ROOT, 'explain', week, retailerId],
    queryFn: ({ signal }) => orderingOversightApi.explain(week, retailerId ?? 0, signal),
    enabled: retailerId !== null,
    retry: false,
  });
}

export function useRetailerSearch(q: string, districtId: number | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'retailer-search', districtId, q],
    queryFn: ({ signal }) => orderingOversightApi.searchRetailers(q, districtId ?? 0, signal),
    enabled: districtId !== undefined,
    placeholderData: keepPreviousData,
  });
}
