import { lazy } from 'react';
import { useCurrentUser } from '@/modules/auth/session';

const ManagerHome = lazy(() => import('@/modules/dashboard/manager-home').then((m) => ({ default: m.ManagerHome })));
const SupervisorHome = lazy(() =>
  import('@/modules/dashboard/supervisor-home').then((m) => ({ default: m.SupervisorHome })),
);
const AdminHome = lazy(() => import('@/modules/users/admin-home').then((m) => ({ default: m.AdminHome })));
const ShopHome = lazy(() => import('@/modules/retailers/shop-home').then((m) => ({ default: m.ShopHome })));

/** `/` is each role's own start page. */
export function HomePage() {
  const { role } = useCurrentUser();
  switch (role) {
    case 'manager':
      return <ManagerHome />;
    case 'supervisor':
      return <SupervisorHome />;
    case 'admin':
      return <AdminHome />;
    case 'retailer':
      return <ShopHome />;
  }
}
