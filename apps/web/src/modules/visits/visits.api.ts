import type {
  AddPlannedVisitBody,
  CheckInBody,
  GeneratePlansBody,
  GeneratePlansResponse,
  MovePlannedVisitBody,
  ReoptimizeDayBody,
  UpdateVisitRecordBody,
  VisitDetail,
  VisitListResponse,
  VisitPhoto,
  VisitPlanStop,
  VisitPlanView,
} from '@siyi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@/api/api-client';
import { http } from '@/api/http';

/** GET /api/visits/plan: one manager's week, day by day, stops in route order, and the map's tiles. */
export type WeekPlan = VisitPlanView;
export type PlanStop = VisitPlanStop;

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
    /** When it was taken, for a photo kept while offline (ISO); the server otherwise uses the upload's time. */
    takenAt?: string,
  ) => {
    const form = new FormData();
    if (takenAt) form.append('takenAt', takenAt);
    if (position) {
      form.append('lat', String(position.lat));
      form.append('lng', String(position.lng));
      form.append('accuracy', String(Math.round(position.accuracy)));
    }
    form.append('file', photo, name);
    return http.post<VisitPhoto>(`/api/visits/${id}/photos`, form);
  },
  plan: (week: string, signal?: AbortSignal) =>
    http.get<WeekPlan>('/api/visits/plan', { query: { week }, ...(signal ? { signal } : {}) }),
  reoptimize: (body: ReoptimizeDayBody) => http.post<WeekPlan>('/api/visits/plan/reoptimize', body),
  generate: (body: GeneratePlansBody) => http.post<GeneratePlansResponse>('/api/visits/plan/generate', body),
  change: (id: number, body: MovePlannedVisitBody) => http.put<WeekPlan>(`/api/visits/plan/visits/${id}`, body),
  add: (body: AddPlannedVisitBody) => http.post<WeekPlan>('/api/visits/plan/visits', body),
  remove: (id: number) => http.delete<WeekPlan>(`/api/visits/plan/visits/${id}`),
};

const ROOT = ['visits'] as const;
export const visitKey = (id: number) => [...ROOT, 'detail', id] as const;
/** A week's plan by its Monday (what the server answers as `week`). */
export const planKey = (week: string) => [...ROOT, 'plan', week] as const;

export function useVisit(id: number | null) {
  return useQuery({
    queryKey: visitKey(id ?? 0),
    queryFn: ({ signal }) => visitsApi.get(id ?? 0, signal),
    enabled: id !== null,
  });
}

export function useWeekPlan(week: string) {
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
      client.setQueryData(planKey(plan.week), plan);
      return client.invalidateQueries({ queryKey: [...ROOT, 'plan'] });
    },
  });
}

export const useReoptimize = () => usePlanChange(visitsApi.reoptimize);
export const useChangePlannedVisit = () =>
  usePlanChange((a: { id: number; body: MovePlannedVisitBody }) => visitsApi.change(a.id, a.body));
export const useAddToPlan = () => usePlanChange(visitsApi.add);
export const useRemoveFromPlan = () => usePlanChange((id: number) => visitsApi.remove(id));

/** Makes a week's plan now (the weekly job makes next week's on Sunday evening). */
export function useGeneratePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: visitsApi.generate,
    onSuccess: () => client.invalidateQueries({ queryKey: [...ROOT, 'plan'] }),
  });
}

/** The server asks for a reason: the check-in was farther than the radius (400 with a `reason` field). */
export function needsReason(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && 'reason' in error.fields;
}
