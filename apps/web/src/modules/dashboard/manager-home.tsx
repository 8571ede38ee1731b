import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RetailerList } from '@/modules/retailers/retailer-list';
import { formatCount, formatFenCompact } from '@/ui/format';
import { QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useManagerDashboard } from './dashboard.api';
import { KpiCard, TierDistributionChart, WeeklyChart } from './dashboard-charts';
import { recentFigures } from './dashboard-figures';

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
      <QueryView query={dashboard} loading={<Card loading />}>
        {(data) => {
          const recent = recentFigures(data.weekly);
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
                  value={t('common.cartons', { value: formatCount(recent.lastWeekQuantity, locale) })}
                />
                <KpiCard
                  title={t('dashboard.manager.lastWeekOrdering')}
                  value={t('common.retailers', {
                    count: recent.lastWeekOrdering,
                    value: formatCount(recent.lastWeekOrdering, locale),
                  })}
                />
                <KpiCard
                  title={t('dashboard.manager.recentAmount')}
                  value={formatFenCompact(recent.recentAmountFen, locale)}
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
      <Card title={t('dashboard.manager.listTitle')}>
        <RetailerList showStatusFilter={false} />
      </Card>
    </div>
  );
}
