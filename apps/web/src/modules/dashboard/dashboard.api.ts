import type { DistrictDashboard, ManagerDashboard } from '@siyi/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { http } from '@/api/http';

export const DASHBOARD_WEEKS = 26;

export const dashboardApi = {
  manager: (signal?: AbortSignal) => http.get<ManagerDashboard>('/api/dashboard/manager', signal ? { signal } : {}),
  district: (districtId: number | undefined, weeks: number, signal?: AbortSignal) =>
    http.get<DistrictDashboard>('/api/dashboard/district', {
      query: { districtId, weeks },
      ...(signal ? { signal } : {}),
    }),
};

export const managerDashboardQuery = queryOptions({
  queryKey: ['dashboard', 'manager'],
  queryFn: ({ signal }) => dashboardApi.manager(signal),
});

/** A supervisor's own district (no id) or, for an admin, the chosen one. */
export function districtDashboardQuery(districtId: number | undefined, weeks = DASHBOARD_WEEKS) {
  return queryOptions({
    queryKey: ['dashboard', 'district', districtId ?? 'own', weeks],
    queryFn: ({ signal }) => dashboardApi.district(districtId, weeks, signal),
  });
}

export function useManagerDashboard() {
  return useQuery(managerDashboardQuery);
}

export function useDistrictDashboard(districtId: number | undefined, weeks = DASHBOARD_WEEKS) {
  return useQuery(districtDashboardQuery(districtId, weeks));
}
