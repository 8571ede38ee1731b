import type { Role, SessionUser } from '@siyi/contracts';
import { type QueryClient, usePrefetchQuery } from '@tanstack/react-query';
import { lazy } from 'react';
import { useCurrentUser } from '@/modules/auth/session';
import { districtDashboardQuery, managerDashboardQuery } from '@/modules/dashboard/dashboard.api';
import { retailerQuery, retailerSalesQuery } from '@/modules/retailers/retailers.api';

const homeModules = {
  manager: () => import('@/modules/dashboard/manager-home').then((m) => ({ default: m.ManagerHome })),
  supervisor: () => import('@/modules/dashboard/supervisor-home').then((m) => ({ default: m.SupervisorHome })),
  admin: () => import('@/modules/users/admin-home').then((m) => ({ default: m.AdminHome })),
  retailer: () => import('@/modules/retailers/shop-home').then((m) => ({ default: m.ShopHome })),
} satisfies Record<Role, unknown>;

const ManagerHome = lazy(homeModules.manager);
const SupervisorHome = lazy(homeModules.supervisor);
const AdminHome = lazy(homeModules.admin);
const ShopHome = lazy(homeModules.retailer);

/**
 * Starts a role's home before React renders it (main.tsx, once the session is known): its code and its figures
 * load side by side, and the first render finds the code there instead of suspending for it. Resolves when the
 * code is in; a failed download is left to the page's own lazy load to retry and report.
 */
export async function preloadHome(queryClient: QueryClient, user: SessionUser): Promise<void> {
  const { role } = user;
  if (role === 'manager') void queryClient.prefetchQuery(managerDashboardQuery);
  if (role === 'supervisor') void queryClient.prefetchQuery(districtDashboardQuery(undefined));
  if (role === 'retailer' && user.retailerId !== null) {
    void queryClient.prefetchQuery(retailerQuery(user.retailerId));
    void queryClient.prefetchQuery(retailerSalesQuery(user.retailerId));
  }
  await homeModules[role]().catch(() => undefined);
}

/**
 * Asks for a home's figures while its code is still on the way (the page's own query then finds them in the
 * cache or in flight): on a phone's slow network that is one round trip less before the page shows anything.
 */
function PrefetchManagerDashboard() {
  usePrefetchQuery(managerDashboardQuery);
  return null;
}

/** A supervisor's own district. */
function PrefetchDistrictDashboard() {
  usePrefetchQuery(districtDashboardQuery(undefined));
  return null;
}

/** `/` is each role's own start page. */
export function HomePage() {
  const { role } = useCurrentUser();
  switch (role) {
    case 'manager':
      return (
        <>
          <PrefetchManagerDashboard />
          <ManagerHome />
        </>
      );
    case 'supervisor':
      return (
        <>
          <PrefetchDistrictDashboard />
          <SupervisorHome />
        </>
      );
    case 'admin':
      return <AdminHome />;
    case 'retailer':
      return <ShopHome />;
  }
}
