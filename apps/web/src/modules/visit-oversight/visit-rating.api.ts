import type {
  RateVisitBody,
  VisitDetail,
  VisitListResponse,
  VisitSummary,
  VisitToRate,
  VisitToRateResponse,
} from '@siyi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';
import { byCodePoint } from '@/ui/sort';

/** A visit waiting for the retailer's rating: when, who, how long, and what was done as the retailer may see it. */
export type RatableVisit = VisitToRate;

export const visitRatingApi = {
  toRate: (signal?: AbortSignal) => http.get<VisitToRateResponse>('/api/visits/to-rate', signal ? { signal } : {}),
  /** The retailer's own finished visits, newest first (the rated ones show their rating). */
  finished: (signal?: AbortSignal) =>
    http.get<VisitListResponse>('/api/visits', {
      query: { status: 'done', pageSize: 20 },
      ...(signal ? { signal } : {}),
    }),
  rate: (id: number, body: RateVisitBody) => http.post<VisitDetail>(`/api/visits/${id}/rating`, body),
};

const ROOT = ['visit-rating'] as const;

export function useVisitsToRate() {
  return useQuery({ queryKey: [...ROOT, 'to-rate'], queryFn: ({ signal }) => visitRatingApi.toRate(signal) });
}

export function useFinishedVisits() {
  return useQuery({ queryKey: [...ROOT, 'finished'], queryFn: ({ signal }) => visitRatingApi.finished(signal) });
}

/** Rated: the visit leaves the list to rate and shows its rating among the finished ones. */
export function useRateVisit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: RateVisitBody }) => visitRatingApi.rate(id, body),
    onSettled: () => client.invalidateQueries({ queryKey: ROOT }),
  });
}

/** Time on site in seconds: the server's figure, else from the check-in and check-out times. */
export function secondsOnSite(visit: Pick<RatableVisit, 'checkInAt' | 'checkOutAt' | 'secondsOnSite'>): number | null {
  if (typeof visit.secondsOnSite === 'number') return visit.secondsOnSite;
  const seconds = (Date.parse(visit.checkOutAt) - Date.parse(visit.checkInAt)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/** The finished visits the retailer has rated, newest first. */
export function ratedVisits(visits: readonly VisitSummary[]): VisitSummary[] {
  return visits
    .filter((v) => v.rating !== null)
    .sort((a, b) => byCodePoint(b.rating?.createdAt ?? '', a.rating?.createdAt ?? ''));
}
