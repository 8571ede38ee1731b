import { lazy, Suspense } from 'react';
import { type RouteObject, useRoutes } from 'react-router-dom';
import { AntdScope } from '@/app/antd-scope';
import { RequireAuth, RequireRole } from '@/modules/auth/route-guards';
import { AppShell } from '@/modules/shell/app-shell';
import { NotFoundPage, RouteErrorBoundary } from '@/modules/shell/error-pages';
import { HomePage } from '@/modules/shell/home-page';
import { PageLoading } from '@/ui/states';

// Every page loads on demand: the sign-in page does not carry the charts, and a signed-in user's first screen
// does not carry the sign-in form (antd Form, Input.Password, Alert and their validators).
const SignInPage = lazy(() => import('@/modules/auth/sign-in-page').then((m) => ({ default: m.SignInPage })));
const RetailersPage = lazy(() =>
  import('@/modules/retailers/retailers-page').then((m) => ({ default: m.RetailersPage })),
);
const RetailerDetailPage = lazy(() =>
  import('@/modules/retailers/retailer-detail-page').then((m) => ({ default: m.RetailerDetailPage })),
);
const DistrictsPage = lazy(() =>
  import('@/modules/dashboard/districts-page').then((m) => ({ default: m.DistrictsPage })),
);
const UserDetailPage = lazy(() =>
  import('@/modules/users/user-detail-page').then((m) => ({ default: m.UserDetailPage })),
);
const TiersPage = lazy(() => import('@/modules/tiers/tiers-page').then((m) => ({ default: m.TiersPage })));
const TerritoryPage = lazy(() =>
  import('@/modules/territory/territory-page').then((m) => ({ default: m.TerritoryPage })),
);
const PendingRequestsPage = lazy(() =>
  import('@/modules/change-requests/pending-requests-page').then((m) => ({ default: m.PendingRequestsPage })),
);
const MyChangeRequestsPage = lazy(() =>
  import('@/modules/change-requests/my-change-requests-page').then((m) => ({ default: m.MyChangeRequestsPage })),
);

const RetailerImportPage = lazy(() =>
  import('@/modules/retailer-import/retailer-import-page').then((m) => ({ default: m.RetailerImportPage })),
);

const MyConcernsPage = lazy(() =>
  import('@/modules/concerns/my-concerns-page').then((m) => ({ default: m.MyConcernsPage })),
);
const ConcernDetailPage = lazy(() =>
  import('@/modules/concerns/concern-detail-page').then((m) => ({ default: m.ConcernDetailPage })),
);
const MyWorkPage = lazy(() => import('@/modules/concerns/my-work-page').then((m) => ({ default: m.MyWorkPage })));
const ConcernsOverviewPage = lazy(() =>
  import('@/modules/concerns/concerns-overview-page').then((m) => ({ default: m.ConcernsOverviewPage })),
);
const ConcernSettingsPage = lazy(() =>
  import('@/modules/concerns/concern-settings-page').then((m) => ({ default: m.ConcernSettingsPage })),
);

const NotificationsPage = lazy(() =>
  import('@/modules/notifications/notifications-page').then((m) => ({ default: m.NotificationsPage })),
);
const OutboxPage = lazy(() => import('@/modules/notifications/outbox-page').then((m) => ({ default: m.OutboxPage })));

const TodayVisitsPage = lazy(() => import('@/modules/visits/today-page').then((m) => ({ default: m.TodayPage })));
const VisitPage = lazy(() => import('@/modules/visits/visit-page').then((m) => ({ default: m.VisitPage })));
const WeekPlanPage = lazy(() => import('@/modules/visits/week-plan-page').then((m) => ({ default: m.WeekPlanPage })));

const VisitRatingPage = lazy(() =>
  import('@/modules/visit-oversight/rate-visits-page').then((m) => ({ default: m.RateVisitsPage })),
);
const OrderPage = lazy(() => import('@/modules/ordering/order-page').then((m) => ({ default: m.OrderPage })));
const FlaggedVisitsPage = lazy(() =>
  import('@/modules/visit-oversight/flagged-visits-page').then((m) => ({ default: m.FlaggedVisitsPage })),
);
const CoveragePage = lazy(() =>
  import('@/modules/visit-oversight/coverage-page').then((m) => ({ default: m.CoveragePage })),
);
const DistrictPlansPage = lazy(() =>
  import('@/modules/visit-oversight/district-plans-page').then((m) => ({ default: m.DistrictPlansPage })),
);
const VisitSettingsPage = lazy(() =>
  import('@/modules/visit-oversight/visit-settings-page').then((m) => ({ default: m.VisitSettingsPage })),
);
const OrderWeekPage = lazy(() =>
  import('@/modules/ordering-oversight/order-week-page').then((m) => ({ default: m.OrderWeekPage })),
);
const ProposalPage = lazy(() =>
  import('@/modules/ordering-oversight/proposal-page').then((m) => ({ default: m.ProposalPage })),
);
const StrategyPage = lazy(() =>
  import('@/modules/ordering-oversight/strategy-page').then((m) => ({ default: m.StrategyPage })),
);
const AllocationPage = lazy(() =>
  import('@/modules/ordering-oversight/allocation-page').then((m) => ({ default: m.AllocationPage })),
);

const CampaignsPage = lazy(() =>
  import('@/modules/campaigns/campaigns-page').then((m) => ({ default: m.CampaignsPage })),
);
const CampaignEditPage = lazy(() =>
  import('@/modules/campaigns/campaign-edit-page').then((m) => ({ default: m.CampaignEditPage })),
);
const CampaignDashboardPage = lazy(() =>
  import('@/modules/campaigns/campaign-dashboard-page').then((m) => ({ default: m.CampaignDashboardPage })),
);
const KnowledgeListPage = lazy(() =>
  import('@/modules/campaigns/knowledge-page').then((m) => ({ default: m.KnowledgeListPage })),
);
const KnowledgeEditPage = lazy(() =>
  import('@/modules/campaigns/knowledge-page').then((m) => ({ default: m.KnowledgeEditPage })),
);
const NewProductsPage = lazy(() =>
  import('@/modules/campaigns/new-products-page').then((m) => ({ default: m.NewProductsPage })),
);

const STAFF = ['manager', 'supervisor', 'admin'] as const;

/**
 * The pages drawn with antd (forms, tables, pickers) get its code, stylesheet and theme around them; the home (`/`,
 * the plain kit) and the shell go without, so a phone's first screen does not wait for antd.
 */
function drawnWithAntd(routes: RouteObject[]): RouteObject[] {
  return routes.map((route) =>
    route.index ? route : { ...route, element: <AntdScope fallback={<PageLoading />}>{route.element}</AntdScope> },
  );
}

/**
 * The app's pages by path. A page that throws while rendering shows RouteErrorPage in place of the sign-in page or of
 * the whole signed-in frame (RouteErrorBoundary). Rendered by `useRoutes` under a BrowserRouter (main.tsx): the app
 * uses no loaders or actions, and the data router's machinery is ~15 KB (compressed) every phone downloaded first.
 */
const appRoutes: RouteObject[] = [
  {
    path: '/sign-in',
    element: (
      <RouteErrorBoundary>
        <Suspense fallback={<PageLoading />}>
          <SignInPage />
        </Suspense>
      </RouteErrorBoundary>
    ),
  },
  {
    element: (
      <RouteErrorBoundary>
        <RequireAuth />
      </RouteErrorBoundary>
    ),
    children: [
      {
        element: <AppShell />,
        children: drawnWithAntd([
          { index: true, element: <HomePage /> },
          {
            path: 'retailers',
            element: (
              <RequireRole roles={STAFF}>
                <RetailersPage />
              </RequireRole>
            ),
          },
          {
            path: 'retailers/import',
            element: (
              <RequireRole roles={['admin']}>
                <RetailerImportPage />
              </RequireRole>
            ),
          },
          {
            path: 'retailers/:id',
            element: (
              <RequireRole roles={STAFF}>
                <RetailerDetailPage />
              </RequireRole>
            ),
          },
          {
            path: 'districts/:districtId?',
            element: (
              <RequireRole roles={['admin']}>
                <DistrictsPage />
              </RequireRole>
            ),
          },
          {
            path: 'territory',
            element: (
              <RequireRole roles={['admin', 'supervisor']}>
                <TerritoryPage />
              </RequireRole>
            ),
          },
          {
            path: 'tiers',
            element: (
              <RequireRole roles={['admin']}>
                <TiersPage />
              </RequireRole>
            ),
          },
          {
            path: 'users/:id',
            element: (
              <RequireRole roles={['admin']}>
                <UserDetailPage />
              </RequireRole>
            ),
          },
          {
            path: 'change-requests',
            element: (
              <RequireRole roles={STAFF}>
                <PendingRequestsPage />
              </RequireRole>
            ),
          },
          {
            path: 'my-shop/changes',
            element: (
              <RequireRole roles={['retailer']}>
                <MyChangeRequestsPage />
              </RequireRole>
            ),
          },
          {
            path: 'my-shop/concerns',
            element: (
              <RequireRole roles={['retailer']}>
                <MyConcernsPage />
              </RequireRole>
            ),
          },
          {
            path: 'concerns',
            element: (
              <RequireRole roles={STAFF}>
                <MyWorkPage />
              </RequireRole>
            ),
          },
          {
            path: 'concerns/overview',
            element: (
              <RequireRole roles={['admin', 'supervisor']}>
                <ConcernsOverviewPage />
              </RequireRole>
            ),
          },
          {
            path: 'concerns/settings',
            element: (
              <RequireRole roles={['admin']}>
                <ConcernSettingsPage />
              </RequireRole>
            ),
          },
          { path: 'concerns/:id', element: <ConcernDetailPage /> },
          {
            path: 'my-shop/visits',
            element: (
              <RequireRole roles={['retailer']}>
                <VisitRatingPage />
              </RequireRole>
            ),
          },
          {
            path: 'my-shop/order',
            element: (
              <RequireRole roles={['retailer']}>
                <OrderPage />
              </RequireRole>
            ),
          },
          {
            path: 'visits/flags',
            element: (
              <RequireRole roles={['admin', 'supervisor']}>
                <FlaggedVisitsPage />
              </RequireRole>
            ),
          },
          {
            path: 'visits/coverage',
            element: (
              <RequireRole roles={['admin', 'supervisor']}>
                <CoveragePage />
              </RequireRole>
            ),
          },
          {
            path: 'visits/plans',
            element: (
              <RequireRole roles={['admin', 'supervisor']}>
                <DistrictPlansPage />
              </RequireRole>
            ),
          },
          {
            path: 'visits/settings',
            element: (
              <RequireRole roles={['admin']}>
                <VisitSettingsPage />
              </RequireRole>
            ),
          },
          { path: 'notifications', element: <NotificationsPage /> },
          {
            path: 'orders/week',
            element: (
              <RequireRole roles={STAFF}>
                <OrderWeekPage />
              </RequireRole>
            ),
          },
          {
            path: 'orders/proposals/new',
            element: (
              <RequireRole roles={['manager']}>
                <ProposalPage />
              </RequireRole>
            ),
          },
          {
            path: 'orders/strategy',
            element: (
              <RequireRole roles={['admin', 'supervisor']}>
                <StrategyPage />
              </RequireRole>
            ),
          },
          {
            path: 'orders/allocation',
            element: (
              <RequireRole roles={['admin', 'supervisor']}>
                <AllocationPage />
              </RequireRole>
            ),
          },
          {
            path: 'visits/today',
            element: (
              <RequireRole roles={['manager']}>
                <TodayVisitsPage />
              </RequireRole>
            ),
          },
          {
            path: 'visits/week',
            element: (
              <RequireRole roles={['manager']}>
                <WeekPlanPage />
              </RequireRole>
            ),
          },
          {
            path: 'visits/:id',
            element: (
              <RequireRole roles={STAFF}>
                <VisitPage />
              </RequireRole>
            ),
          },
          {
            path: 'campaigns',
            element: (
              <RequireRole roles={STAFF}>
                <CampaignsPage />
              </RequireRole>
            ),
          },
          {
            path: 'campaigns/new',
            element: (
              <RequireRole roles={['admin']}>
                <CampaignEditPage />
              </RequireRole>
            ),
          },
          {
            path: 'campaigns/products',
            element: (
              <RequireRole roles={['admin']}>
                <KnowledgeListPage />
              </RequireRole>
            ),
          },
          {
            path: 'campaigns/products/:id',
            element: (
              <RequireRole roles={['admin']}>
                <KnowledgeEditPage />
              </RequireRole>
            ),
          },
          {
            path: 'campaigns/:id',
            element: (
              <RequireRole roles={STAFF}>
                <CampaignDashboardPage />
              </RequireRole>
            ),
          },
          {
            path: 'campaigns/:id/edit',
            element: (
              <RequireRole roles={['admin']}>
                <CampaignEditPage />
              </RequireRole>
            ),
          },
          {
            path: 'my-shop/new-products',
            element: (
              <RequireRole roles={['retailer']}>
                <NewProductsPage />
              </RequireRole>
            ),
          },
          {
            path: 'notifications/outbox',
            element: (
              <RequireRole roles={['admin']}>
                <OutboxPage />
              </RequireRole>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ]),
      },
    ],
  },
];

/** The page at the current path. */
export function AppRoutes() {
  return useRoutes(appRoutes);
}
