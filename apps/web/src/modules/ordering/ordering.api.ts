import type {
  CurrentOrderResponse,
  ProposalView,
  PutOrderBody,
  RejectProposalBody,
  SubmitOrderResponse,
} from '@siyi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError } from '@/api/api-client';
import { http } from '@/api/http';
import { IdempotencyKeeper } from './idempotency';

type Lines = PutOrderBody['lines'];

export const orderingApi = {
  current: (signal?: AbortSignal) => http.get<CurrentOrderResponse>('/api/orders/current', signal ? { signal } : {}),
  save: (lines: Lines) => http.put<CurrentOrderResponse>('/api/orders/current', { lines }),
  submit: (lines: Lines, key: string) =>
    http.post<SubmitOrderResponse>('/api/orders/current/submit', { lines }, { headers: { 'Idempotency-Key': key } }),
  accept: (id: number) => http.post<ProposalView>(`/api/orders/proposals/${id}/accept`, {}),
  reject: (id: number, body: RejectProposalBody) => http.post<ProposalView>(`/api/orders/proposals/${id}/reject`, body),
  pressured: (lineId: number, note: string) =>
    http.post<{ lineId: number; concernId: number }>(`/api/orders/lines/${lineId}/pressured`, { note }),
};

export const ORDER_QUERY_KEY = ['orders', 'current'] as const;

/** The retailer's order for the open week (window, products with suggestions, lines, proposals). */
export function useCurrentOrder() {
  return useQuery({ queryKey: ORDER_QUERY_KEY, queryFn: ({ signal }) => orderingApi.current(signal) });
}

/** Saves the draft; the answer is the order as it is now. */
export function useSaveOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (lines: Lines) => orderingApi.save(lines),
    onSuccess: (order) => client.setQueryData(ORDER_QUERY_KEY, order),
  });
}

/**
 * Submits the page's lines with an `Idempotency-Key` kept across retries after a network error (see
 * IdempotencyKeeper); the order is read again afterwards.
 */
export function useSubmitOrder() {
  const client = useQueryClient();
  const keeper = useRef(new IdempotencyKeeper());
  return useMutation({
    mutationFn: async (lines: Lines) => {
      const key = keeper.current.keyFor(lines);
      try {
        const answer = await orderingApi.submit(lines, key);
        keeper.current.settle(200);
        return answer;
      } catch (error) {
        keeper.current.settle(error instanceof ApiError ? error.status : 0);
        throw error;
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['orders'] }),
  });
}

function useOrderWrite<V, R>(write: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['orders'] }),
        client.invalidateQueries({ queryKey: ['concerns'] }),
      ]),
  });
}

/** Accepting a proposal puts its lines on the order and submits it. */
export const useAcceptProposal = () => useOrderWrite((id: number) => orderingApi.accept(id));
export const useRejectProposal = () =>
  useOrderWrite(({ id, body }: { id: number; body: RejectProposalBody }) => orderingApi.reject(id, body));
/** A line accepted from a proposal reported as not wanted / pressured: it leaves the order, a concern goes up. */
export const useReportPressured = () =>
  useOrderWrite(({ lineId, note }: { lineId: number; note: string }) => orderingApi.pressured(lineId, note));
