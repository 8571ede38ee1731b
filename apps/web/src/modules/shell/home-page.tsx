import { usePrefetchQuery } from '@tanstack/react-query';
import { lazy } from 'react';
import { useCurrentUser } from '@/modules/auth/session';
import { districtDashboardQuery, managerDashboardQuery } from '@/modules/dashboard/dashboard.api';

const ManagerHome = lazy(() => import('@/modules/dashboard/manager-home').then((m) => ({ default: m.ManagerHome })));
const SupervisorHome = lazy(() =>
  import('@/modules/dashboard/supervisor-home').then((m) => ({ default: m.SupervisorHome })),
);
const AdminHome = lazy(() => import('@/modules/users/admin-home').then((m) => ({ default: m.AdminHome })));
const ShopHome = lazy(() => import('@/modules/retailers/shop-home').then((m) => ({ default: m.ShopHome })));

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
