import type { UpdateVisitTemplateBody, VisitSummary, VisitTemplate } from '@siyi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';

/*
 * The supervisor's and the admin's side of visits: flags (V3), coverage (V3), plans (V2), rules (V2, V3) and the
 * checklist template (V1). The shapes below follow the servers' notes; a field a server does not send stays optional.
 */

interface Person {
  id: number;
  name: string;
}

export const FLAG_KINDS = [
  'short_visit',
  'far_check_in',
  'empty_record',
  'long_visit',
  'low_daily_time',
  'retailer_missed_month',
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export interface VisitFlag {
  id: number;
  kind: FlagKind | string;
  visitId: number | null;
  retailer: { id: number; shopName: string; phone?: string | null } | null;
  manager: Person | null;
  districtId: number;
  /** The day (Shanghai) the flag is about, or the month ('YYYY-MM') for a retailer missed in a month. */
  day: string | null;
  month: string | null;
  detail: Record<string, string | number | boolean | null>;
  createdAt: string;
  spotCheckedAt: string | null;
  spotCheckedBy: Person | null;
  spotCheckNote: string | null;
  callbacks?: number;
}

export interface FlagListResponse {
  items: VisitFlag[];
  total: number;
  page: number;
  pageSize: number;
}

export type FlagState = 'open' | 'checked' | 'all';

export interface FlagFilter {
  kind?: string | undefined;
  state: FlagState;
  week?: string | undefined;
  managerId?: number | undefined;
}

export interface SpotCheckBody {
  outcome: 'confirmed' | 'problem';
  note: string;
}

export interface CallbackBody {
  outcome: 'confirmed' | 'denied' | 'unreachable';
  note: string;
}

/** One week's figures of a manager, a district or the whole. */
export interface CoverageFigures {
  weekStart: string;
  due: number;
  done: number;
  doneOfDue?: number;
  overdue: number;
  /** 0–100, null when nothing was due. */
  coveragePct: number | null;
  rated: number;
  averageRating: number | null;
  flagged: number;
  /** 0–100, null when nothing was done. */
  flaggedSharePct: number | null;
}

export interface CoverageRow {
  id: number;
  name: string;
  figures: CoverageFigures;
}

export interface CoverageResponse {
  weekStart: string;
  districtId: number | null;
  /** The whole (district or city), this week. */
  total: CoverageFigures;
  managers: (CoverageRow & { districtId?: number })[];
  districts: CoverageRow[];
  /** The whole, week by week, oldest first (this week last). */
  weeks: CoverageFigures[];
}

export const coverageFigureNames = ['due', 'done', 'overdue', 'flagged', 'rated'] as const;
export type CoverageFigureName = (typeof coverageFigureNames)[number];

export interface CoverageItem {
  visitId: number;
  retailerId: number;
  shopName: string;
  tier?: number | null;
  manager?: Person | null;
  plannedDate: string | null;
  status: string;
  checkInAt?: string | null;
  rating: number | null;
  flagged: boolean;
}

export interface CoverageItemsQuery {
  week: string;
  figure: CoverageFigureName;
  managerId?: number | undefined;
  districtId?: number | undefined;
}

export interface PlanDay {
  date: string;
  visits: (VisitSummary & { address?: string | null })[];
}

export interface WeekPlan {
  managerId: number;
  weekStart: string;
  days: PlanDay[];
  /** Planned visits without a day yet. */
  unscheduled?: VisitSummary[];
}

export interface CoverageRules {
  bands: { minTier: number; maxTier: number; everyWeeks: number }[];
  monthlyMinimum: boolean;
  dailyCap: number;
  workDays: number[];
  dayStart: number;
  dayEnd: number;
  serviceMinutes: number;
  checkInRadiusMeters: number;
}

export interface VersionStamp {
  version: number;
  createdAt?: string;
  updatedAt?: string;
  createdBy?: Person | null;
  updatedBy?: Person | null;
}

export type CoverageRulesVersion = VersionStamp & { rules: CoverageRules };

export interface FlagRules {
  minSecondsOnSite: number;
  maxCheckInDistanceM: number;
  maxSecondsOnSite: number;
  minDailyMinutesOnSite: number;
  minValidVisitsPerMonth: number;
  enabled: Record<FlagKind, boolean>;
}

export type FlagRulesVersion = VersionStamp & { rules: FlagRules };

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const oversightApi = {
  flags: (filter: FlagFilter, page: number, signal?: AbortSignal) =>
    http.get<FlagListResponse>('/api/visits/flags', {
      query: {
        kind: filter.kind,
        state: filter.state === 'all' ? undefined : filter.state,
        week: filter.week,
        managerId: filter.managerId,
        page,
        pageSize: 20,
      },
      ...withSignal(signal),
    }),
  spotCheck: (flag: VisitFlag, body: SpotCheckBody) =>
    http.post<VisitFlag>(`/api/visits/flags/${flag.id}/spot-check`, body),
  callback: (flag: VisitFlag, body: CallbackBody) =>
    http.post<VisitFlag>(`/api/visits/flags/${flag.id}/callback`, body),
  coverage: (week: string, districtId: number | undefined, signal?: AbortSignal) =>
    http.get<CoverageResponse>('/api/coverage', { query: { week, districtId }, ...withSignal(signal) }),
  coverageItems: (query: CoverageItemsQuery, signal?: AbortSignal) =>
    http.get<{ items: CoverageItem[] }>('/api/coverage/items', {
      query: { ...query },
      ...withSignal(signal),
    }),
  plan: (managerId: number, week: string, signal?: AbortSignal) =>
    http.get<WeekPlan>('/api/visits/plan', { query: { managerId, week }, ...withSignal(signal) }),
  rules: (signal?: AbortSignal) => http.get<CoverageRulesVersion>('/api/visits/rules', withSignal(signal)),
  saveRules: (body: CoverageRules & { version: number }) => http.put<CoverageRulesVersion>('/api/visits/rules', body),
  flagRules: (signal?: AbortSignal) => http.get<FlagRulesVersion>('/api/visits/flag-rules', withSignal(signal)),
  saveFlagRules: (body: FlagRules & { version: number }) => http.put<FlagRulesVersion>('/api/visits/flag-rules', body),
  template: (signal?: AbortSignal) => http.get<VisitTemplate>('/api/visits/templates', withSignal(signal)),
  saveTemplate: (body: UpdateVisitTemplateBody) => http.put<VisitTemplate>('/api/visits/templates', body),
};

const ROOT = ['visit-oversight'] as const;

export function useFlags(filter: FlagFilter, page: number) {
  return useQuery({
    queryKey: [...ROOT, 'flags', filter, page],
    queryFn: ({ signal }) => oversightApi.flags(filter, page, signal),
    placeholderData: keepPreviousData,
  });
}

/** A flag spot-checked or called back: the list and the coverage figures may have moved. */
export function useFlagAction<B>(action: (flag: VisitFlag, body: B) => Promise<VisitFlag>, flag: VisitFlag) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => action(flag, body),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: [...ROOT, 'flags'] }),
        ...(flag.retailer ? [client.invalidateQueries({ queryKey: ['retailers', 'timeline', flag.retailer.id] })] : []),
      ]),
  });
}

export function useCoverage(week: string, districtId: number | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'coverage', week, districtId ?? 'all'],
    queryFn: ({ signal }) => oversightApi.coverage(week, districtId, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCoverageItems(query: CoverageItemsQuery | null) {
  return useQuery({
    queryKey: [...ROOT, 'coverage-items', query],
    queryFn: ({ signal }) => oversightApi.coverageItems(query as CoverageItemsQuery, signal),
    enabled: query !== null,
  });
}

export function useManagerPlan(managerId: number | null, week: string) {
  return useQuery({
    queryKey: [...ROOT, 'plan', managerId, week],
    queryFn: ({ signal }) => oversightApi.plan(managerId ?? 0, week, signal),
    enabled: managerId !== null,
  });
}

/** A versioned setting: read, and saved with the version read (a 409 means someone saved first). */
export function useVersioned<T, B>(
  name: string,
  read: (signal?: AbortSignal) => Promise<T>,
  save: (body: B) => Promise<T>,
) {
  const client = useQueryClient();
  const key = [...ROOT, 'settings', name];
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => read(signal) });
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (saved) => client.setQueryData(key, saved),
  });
  return { query, mutation, reload: () => client.invalidateQueries({ queryKey: key }) };
}
