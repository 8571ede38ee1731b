import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RetailerList } from '@/modules/retailers/retailer-list';
import { TodayVisitsCard } from '@/modules/visits/today-visits-card';
import { AfterFirstScreen } from '@/ui/after-first-screen';
import { formatCount, formatMoney } from '@/ui/format';
import { BlockLoading, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useManagerDashboard } from './dashboard.api';
import { KpiCard, TierDistributionChart, WeeklyChart } from './dashboard-charts';
import { DashboardPlaceholder } from './dashboard-placeholder';

/** Skips style and layout while off screen; the remembered size (or 1,200 px before the first) keeps the scrollbar. */
const BELOW_THE_FOLD = { contentVisibility: 'auto', containIntrinsicSize: 'auto 1200px' } as const;

/** `/` for a customer manager: my book of retailers in figures, then the list itself. */
export function ManagerHome() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const dashboard = useManagerDashboard();
  useDocumentTitle(t('dashboard.manager.title'));

  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('dashboard.manager.title')}
      </Typography.Title>
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
      {/* Below the figures and charts: built after the first screen and laid out only when it comes near the
          screen, so a phone's first screen does not wait for twenty retailer cards it cannot yet show. */}
      <Card title={t('dashboard.manager.listTitle')} style={BELOW_THE_FOLD}>
        <AfterFirstScreen placeholder={<BlockLoading rows={6} />}>
          <RetailerList showStatusFilter={false} />
        </AfterFirstScreen>
      </Card>
    </div>
  );
}
