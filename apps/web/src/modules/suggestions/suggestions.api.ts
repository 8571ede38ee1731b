import type { RecomputeSuggestionsResponse, StockReportBody, SuggestionListResponse } from '@siyi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';
import { currentLocale } from '@/i18n/i18n';

export const suggestionsApi = {
  ofRetailer: (retailerId: number, signal?: AbortSignal) =>
    http.get<SuggestionListResponse>('/api/orders/suggestions', {
      query: { retailerId },
      ...(signal ? { signal } : {}),
    }),
  recompute: (retailerId: number) =>
    http.post<RecomputeSuggestionsResponse>('/api/orders/suggestions/recompute', { retailerId }),
  reportStock: (body: StockReportBody) => http.put<RecomputeSuggestionsResponse>('/api/orders/stock', body),
};

// The reason comes worded in the UI language: another language is another answer.
const key = (retailerId: number) => ['suggestions', retailerId, currentLocale()] as const;

/** The current week's suggestions of one retailer (the reason arrives in the UI language). */
export function useSuggestions(retailerId: number) {
  return useQuery({
    queryKey: key(retailerId),
    queryFn: ({ signal }) => suggestionsApi.ofRetailer(retailerId, signal),
    staleTime: 5 * 60_000,
  });
}

export function useRecomputeSuggestions(retailerId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => suggestionsApi.recompute(retailerId),
    onSuccess: (result) => client.setQueryData(key(retailerId), result.items),
  });
}

/** Gives stock on hand; the answer is the week's suggestions recomputed with it. */
export function useReportStock(retailerId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (items: StockReportBody['items']) => suggestionsApi.reportStock({ retailerId, items }),
    onSuccess: (result) => client.setQueryData(key(retailerId), result.items),
  });
}
