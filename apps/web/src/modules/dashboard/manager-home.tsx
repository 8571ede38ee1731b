import './dashboard.css';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { AntdScope } from '@/app/antd-scope';
import { TodayVisitsCard } from '@/modules/visits/today-visits-card';
import { formatCount, formatMoney } from '@/ui/format';
import { Card, Skeleton } from '@/ui/plain/plain';
import { WhenVisible } from '@/ui/plain/when-visible';
import { QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useManagerDashboard } from './dashboard.api';
import { KpiCard, TierDistributionChart, WeeklyChart } from './dashboard-charts';
import { DashboardPlaceholder } from './dashboard-placeholder';

// The list is antd's (search, filters, cards or a table) and other pages draw it too: it loads, with antd, when
// the manager scrolls down to it — the home's first screen (figures and charts) comes without either.
const RetailerList = lazy(() => import('@/modules/retailers/retailer-list').then((m) => ({ default: m.RetailerList })));

/** Where the list will be, while it (and antd) loads: a search line and a few cards' lines. */
function ListPlaceholder() {
  return (
    <div className="siyi-dash-list-placeholder">
      <Skeleton rows={8} />
    </div>
  );
}

/** `/` for a customer manager: my book of retailers in figures, then the list itself. */
export function ManagerHome() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const dashboard = useManagerDashboard();
  useDocumentTitle(t('dashboard.manager.title'));

  return (
    <div className="siyi-page">
      <h1 className="siyi-dash-title">{t('dashboard.manager.title')}</h1>
      <TodayVisitsCard />
      <QueryView query={dashboard} loading={<DashboardPlaceholder figures={4} chartHeights={[320, 260]} />}>
        {(data) => {
          const { lastWeek, recentFourWeeks } = data;
          return (
            <>
              <div className="siyi-grid siyi-grid--kpi">
                <KpiCard
                  title={t('dashboard.manager.retailerCount')}
                  value={t('common.retailers', {
                    count: data.retailerCount,
                    value: formatCount(data.retailerCount, locale),
                  })}
                />
                <KpiCard
                  title={t('dashboard.manager.lastWeekQuantity')}
                  value={t('common.cartons', { value: formatCount(lastWeek.quantity, locale) })}
                />
                <KpiCard
                  title={t('dashboard.manager.lastWeekOrdering')}
                  value={t('common.retailers', {
                    count: lastWeek.orderingRetailers,
                    value: formatCount(lastWeek.orderingRetailers, locale),
                  })}
                />
                <KpiCard
                  title={t('dashboard.manager.recentAmount')}
                  value={formatMoney(recentFourWeeks.amountFen, locale)}
                />
              </div>
              <div className="siyi-grid siyi-grid--charts">
                <Card title={t('dashboard.manager.weeklyTitle')}>
                  <WeeklyChart
                    weekly={data.weekly}
                    second="orderingRetailers"
                    label={t('dashboard.manager.weeklyChartLabel')}
                  />
                </Card>
                <Card title={t('dashboard.manager.tierTitle')}>
                  <TierDistributionChart counts={data.tierDistribution} label={t('dashboard.manager.tierChartLabel')} />
                </Card>
              </div>
            </>
          );
        }}
      </QueryView>
      {/* Below the figures and charts: loaded and drawn when it comes near the screen, so a phone's first screen
          waits neither for antd nor for twenty retailer cards it cannot yet show. */}
      <Card title={t('dashboard.manager.listTitle')}>
        <WhenVisible placeholder={<ListPlaceholder />} margin="400px">
          <AntdScope fallback={<ListPlaceholder />}>
            <RetailerList showStatusFilter={false} />
          </AntdScope>
        </WhenVisible>
      </Card>
    </div>
  );
}
