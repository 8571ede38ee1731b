import type {
  ChangeRequest,
  ChangeRequestChanges,
  ChangeRequestListResponse,
  ChangeRequestStatus,
  RetailerChangeRequestsResponse,
} from '@siyi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';

export const CHANGE_REQUEST_PAGE_SIZE = 20;

export const changeRequestsApi = {
  ofRetailer: (retailerId: number, signal?: AbortSignal) =>
    http.get<RetailerChangeRequestsResponse>(`/api/retailers/${retailerId}/change-requests`, signal ? { signal } : {}),
  create: (retailerId: number, body: { changes: ChangeRequestChanges; note: string }) =>
    http.post<ChangeRequest>(`/api/retailers/${retailerId}/change-requests`, body),
  withdraw: (id: number, version: number) =>
    http.post<ChangeRequest>(`/api/change-requests/${id}/withdraw`, { version }),
  list: (status: ChangeRequestStatus, page: number, signal?: AbortSignal) =>
    http.get<ChangeRequestListResponse>('/api/change-requests', {
      query: { status, page, pageSize: CHANGE_REQUEST_PAGE_SIZE },
      ...(signal ? { signal } : {}),
    }),
  approve: (request: Pick<ChangeRequest, 'id' | 'version' | 'retailerVersion'>) =>
    http.post<ChangeRequest>(`/api/change-requests/${request.id}/approve`, {
      version: request.version,
      retailerVersion: request.retailerVersion,
    }),
  reject: (request: Pick<ChangeRequest, 'id' | 'version'>, reason: string) =>
    http.post<ChangeRequest>(`/api/change-requests/${request.id}/reject`, { version: request.version, reason }),
};

const ofRetailerKey = (retailerId: number) => ['retailers', 'change-requests', retailerId] as const;

export function useRetailerChangeRequests(retailerId: number | null) {
  return useQuery({
    queryKey: ofRetailerKey(retailerId ?? 0),
    queryFn: ({ signal }) => changeRequestsApi.ofRetailer(retailerId ?? 0, signal),
    enabled: retailerId !== null,
  });
}

export function useChangeRequestList(status: ChangeRequestStatus, page: number) {
  return useQuery({
    queryKey: ['change-requests', status, page],
    queryFn: ({ signal }) => changeRequestsApi.list(status, page, signal),
    placeholderData: keepPreviousData,
  });
}

/** After any write: the lists, the retailer's own requests, and its record, timeline and history. */
function useRefresh() {
  const client = useQueryClient();
  return (retailerId: number) =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['change-requests'] }),
      client.invalidateQueries({ queryKey: ofRetailerKey(retailerId) }),
      client.invalidateQueries({ queryKey: ['retailers', 'detail', retailerId] }),
      client.invalidateQueries({ queryKey: ['retailers', 'timeline', retailerId] }),
      client.invalidateQueries({ queryKey: ['retailers', 'history', retailerId] }),
    ]);
}

export function useCreateChangeRequest(retailerId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { changes: ChangeRequestChanges; note: string }) => changeRequestsApi.create(retailerId, body),
    onSettled: () => refresh(retailerId),
  });
}

export function useWithdrawChangeRequest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (request: ChangeRequest) => changeRequestsApi.withdraw(request.id, request.version),
    onSettled: (_data, _error, request) => refresh(request.retailerId),
  });
}

export function useDecideChangeRequest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ request, reason }: { request: ChangeRequest; reason?: string }) =>
      reason === undefined ? changeRequestsApi.approve(request) : changeRequestsApi.reject(request, reason),
    // A 409 also refreshes: the list then shows the request (or retailer) as it is now.
    onSettled: (_data, _error, { request }) => refresh(request.retailerId),
  });
}
