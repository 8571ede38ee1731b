import type {
  CheckInBody,
  MapTiles,
  UpdateVisitRecordBody,
  VisitDetail,
  VisitListResponse,
  VisitPhoto,
  VisitSummary,
} from '@siyi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@/api/api-client';
import { http } from '@/api/http';

/** A stop of a plan: the visit and where the shop is (WGS-84). */
export interface PlanStop extends VisitSummary {
  lat: number;
  lng: number;
  address?: string;
}

export interface PlanDay {
  date: string;
  visits: PlanStop[];
}

/** GET /api/visits/plan (V2): one manager's week, day by day, stops in route order. */
export interface WeekPlan {
  managerId: number;
  weekStart: string;
  days: PlanDay[];
  /** Where the map's tiles come from (null: points only); absent from older servers. */
  tiles?: MapTiles;
}

export const visitsApi = {
  get: (id: number, signal?: AbortSignal) => http.get<VisitDetail>(`/api/visits/${id}`, signal ? { signal } : {}),
  ofRetailer: (retailerId: number, signal?: AbortSignal) =>
    http.get<VisitListResponse>('/api/visits', { query: { retailerId, pageSize: 5 }, ...(signal ? { signal } : {}) }),
  create: (retailerId: number) => http.post<VisitDetail>('/api/visits', { retailerId }),
  checkIn: (id: number, body: CheckInBody) => http.post<VisitDetail>(`/api/visits/${id}/check-in`, body),
  checkOut: (id: number) => http.post<VisitDetail>(`/api/visits/${id}/check-out`, {}),
  saveRecord: (id: number, body: UpdateVisitRecordBody) => http.put<VisitDetail>(`/api/visits/${id}/record`, body),
  addPhoto: (
    id: number,
    photo: Blob,
    name: string,
    position: { lat: number; lng: number; accuracy: number } | null,
  ) => {
    const form = new FormData();
    if (position) {
      form.append('lat', String(position.lat));
      form.append('lng', String(position.lng));
      form.append('accuracy', String(Math.round(position.accuracy)));
    }
    form.append('file', photo, name);
    return http.post<VisitPhoto>(`/api/visits/${id}/photos`, form);
  },
  plan: (week: string | undefined, signal?: AbortSignal) =>
    http.get<WeekPlan>('/api/visits/plan', { query: { week }, ...(signal ? { signal } : {}) }),
  reoptimize: (body: { lat: number; lng: number; date: string }) =>
    http.post<WeekPlan>('/api/visits/plan/reoptimize', body),
  generate: (week: string) => http.post<WeekPlan>('/api/visits/plan/generate', { week }),
  move: (id: number, date: string) => http.post<WeekPlan>(`/api/visits/plan/${id}/move`, { date }),
  pin: (id: number, pinned: boolean) => http.post<WeekPlan>(`/api/visits/plan/${id}/pin`, { pinned }),
  add: (retailerId: number, date: string) => http.post<WeekPlan>('/api/visits/plan/add', { retailerId, date }),
  remove: (id: number) => http.post<WeekPlan>(`/api/visits/plan/${id}/remove`, {}),
};

const ROOT = ['visits'] as const;
export const visitKey = (id: number) => [...ROOT, 'detail', id] as const;
export const planKey = (week: string | undefined) => [...ROOT, 'plan', week ?? 'current'] as const;

export function useVisit(id: number | null) {
  return useQuery({
    queryKey: visitKey(id ?? 0),
    queryFn: ({ signal }) => visitsApi.get(id ?? 0, signal),
    enabled: id !== null,
  });
}

export function useWeekPlan(week: string | undefined) {
  return useQuery({ queryKey: planKey(week), queryFn: ({ signal }) => visitsApi.plan(week, signal) });
}

/** The retailer's latest visits (the 360 page's entry: is one in progress?). */
export function useRetailerVisits(retailerId: number, enabled = true) {
  return useQuery({
    queryKey: [...ROOT, 'retailer', retailerId],
    queryFn: ({ signal }) => visitsApi.ofRetailer(retailerId, signal),
    enabled,
  });
}

/** After a visit changed: it is the answer; the plans and the retailer's timeline may have moved. */
function useVisitChanged() {
  const client = useQueryClient();
  return async (detail: VisitDetail) => {
    client.setQueryData(visitKey(detail.id), detail);
    await Promise.all([
      client.invalidateQueries({ queryKey: [...ROOT, 'plan'] }),
      client.invalidateQueries({ queryKey: [...ROOT, 'retailer', detail.retailerId] }),
      client.invalidateQueries({ queryKey: ['retailers', 'timeline', detail.retailerId] }),
    ]);
  };
}

export function useCreateVisit() {
  const changed = useVisitChanged();
  return useMutation({ mutationFn: visitsApi.create, onSuccess: (detail) => changed(detail) });
}

export function useCheckIn(id: number) {
  const changed = useVisitChanged();
  return useMutation({
    mutationFn: (body: CheckInBody) => visitsApi.checkIn(id, body),
    onSuccess: (detail) => changed(detail),
  });
}

export function useCheckOut(id: number) {
  const changed = useVisitChanged();
  return useMutation({ mutationFn: () => visitsApi.checkOut(id), onSuccess: (detail) => changed(detail) });
}

export function useAddVisitPhoto(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      photo: Blob;
      name: string;
      position: { lat: number; lng: number; accuracy: number } | null;
    }) => visitsApi.addPhoto(id, input.photo, input.name, input.position),
    onSettled: () => client.invalidateQueries({ queryKey: visitKey(id) }),
  });
}

/** A plan change answers with the week as it now is. */
function usePlanChange<A>(fn: (args: A) => Promise<WeekPlan>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (plan) => {
      client.setQueryData(planKey(plan.weekStart), plan);
      return client.invalidateQueries({ queryKey: [...ROOT, 'plan'] });
    },
  });
}

export const useReoptimize = () => usePlanChange(visitsApi.reoptimize);
export const useGeneratePlan = () => usePlanChange(visitsApi.generate);
export const useMoveVisit = () => usePlanChange((a: { id: number; date: string }) => visitsApi.move(a.id, a.date));
export const usePinVisit = () => usePlanChange((a: { id: number; pinned: boolean }) => visitsApi.pin(a.id, a.pinned));
export const useAddToPlan = () =>
  usePlanChange((a: { retailerId: number; date: string }) => visitsApi.add(a.retailerId, a.date));
export const useRemoveFromPlan = () => usePlanChange((id: number) => visitsApi.remove(id));

/** The server asks for a reason: the check-in was farther than the radius (400 with a `reason` field). */
export function needsReason(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && 'reason' in error.fields;
}
