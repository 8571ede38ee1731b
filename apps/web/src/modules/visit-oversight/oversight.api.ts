import type {
  CoverageFigureName,
  CoverageItemsResponse,
  CoverageResponse,
  SpotCheckBody,
  UpdateVisitFlagRulesBody,
  UpdateVisitRulesBody,
  UpdateVisitTemplateBody,
  VisitCallbackBody,
  VisitFlag,
  VisitFlagListResponse,
  VisitFlagRulesView,
  VisitPlanView,
  VisitQuality,
  VisitRulesView,
  VisitTemplate,
} from '@siyi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';

/*
 * The supervisor's and the admin's side of visits: flags, spot-checks, call-backs and coverage (visit-quality),
 * plans and coverage rules (visit-plans), the checklist template (visits).
 */

export { visitFlagKinds as FLAG_KINDS } from '@siyi/contracts';

export type FlagState = 'open' | 'checked' | 'all';

export interface FlagFilter {
  kind?: VisitFlag['kind'] | undefined;
  state: FlagState;
  managerId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface CoverageItemsQuery {
  week: string;
  figure: CoverageFigureName;
  managerId?: number | undefined;
  districtId?: number | undefined;
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const oversightApi = {
  flags: (filter: FlagFilter, page: number, signal?: AbortSignal) =>
    http.get<VisitFlagListResponse>('/api/visits/flags', {
      query: {
        kind: filter.kind,
        open: filter.state === 'all' ? undefined : String(filter.state === 'open'),
        managerId: filter.managerId,
        from: filter.from,
        to: filter.to,
        page,
        pageSize: 20,
      },
      ...withSignal(signal),
    }),
  /** A visit's flags are checked together (on the visit); a manager-day or retailer-month flag on its own. */
  spotCheck: (flag: VisitFlag, body: SpotCheckBody) =>
    flag.visitId !== null
      ? http.post<VisitQuality>(`/api/visits/${flag.visitId}/spot-check`, body)
      : http.post<VisitFlag>(`/api/visits/flags/${flag.id}/spot-check`, body),
  callback: (flag: VisitFlag, body: VisitCallbackBody) =>
    http.post<VisitQuality>(`/api/visits/${flag.visitId ?? 0}/callback`, body),
  coverage: (week: string, districtId: number | undefined, signal?: AbortSignal) =>
    http.get<CoverageResponse>('/api/coverage', { query: { week, districtId }, ...withSignal(signal) }),
  coverageItems: (query: CoverageItemsQuery, signal?: AbortSignal) =>
    http.get<CoverageItemsResponse>('/api/coverage/items', { query: { ...query }, ...withSignal(signal) }),
  plan: (managerId: number, week: string, signal?: AbortSignal) =>
    http.get<VisitPlanView>('/api/visits/plan', { query: { managerId, week }, ...withSignal(signal) }),
  rules: (signal?: AbortSignal) => http.get<VisitRulesView>('/api/visits/rules', withSignal(signal)),
  saveRules: (body: UpdateVisitRulesBody) => http.put<VisitRulesView>('/api/visits/rules', body),
  flagRules: (signal?: AbortSignal) => http.get<VisitFlagRulesView>('/api/visits/flag-rules', withSignal(signal)),
  saveFlagRules: (body: UpdateVisitFlagRulesBody) => http.put<VisitFlagRulesView>('/api/visits/flag-rules', body),
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

/** A flag spot-checked or called back: the lists, the figures and the retailer's timeline may have moved. */
export function useFlagAction<B>(action: (flag: VisitFlag, body: B) => Promise<unknown>, flag: VisitFlag) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => action(flag, body),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: [...ROOT, 'flags'] }),
        ...(flag.retailerId !== null
          ? [client.invalidateQueries({ queryKey: ['retailers', 'timeline', flag.retailerId] })]
          : []),
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
