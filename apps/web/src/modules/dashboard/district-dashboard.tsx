import { ShopOutlined } from '@ant-design/icons';
import type { DistrictDashboard, ManagerFigure } from '@siyi/contracts';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AfterFirstScreen } from '@/ui/after-first-screen';
import { formatCount, formatMoney } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { BlockLoading, QueryView } from '@/ui/states';
import { DASHBOARD_WEEKS, useDistrictDashboard } from './dashboard.api';
import { KpiCard, ManagerComparisonChart, TierDistributionChart, WeeklyChart } from './dashboard-charts';
import { rankManagers } from './dashboard-figures';

function ManagersTable({ managers }: { managers: readonly ManagerFigure[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const columns: ResponsiveColumn<ManagerFigure>[] = [
    { key: 'name', title: t('dashboard.district.managerName'), render: (_, m) => m.name },
    {
      key: 'retailers',
      title: t('dashboard.district.retailerCount'),
      align: 'right',
      render: (_, m) => formatCount(m.retailerCount, locale),
    },
    {
      key: 'quantity',
      title: t('dashboard.district.recentQuantity'),
      align: 'right',
      render: (_, m) => t('common.cartons', { value: formatCount(m.recentQuantity, locale) }),
    },
    {
      key: 'amount',
      title: t('dashboard.district.recentAmount'),
      align: 'right',
      render: (_, m) => formatMoney(m.recentAmountFen, locale),
    },
    {
      key: 'link',
      title: t('dashboard.district.viewManagerRetailers'),
      bareOnCard: true,
      render: (_, m) => (
        <Link
          to={`/retailers?managerId=${m.managerId}`}
          aria-label={t('dashboard.district.viewRetailersOf', { name: m.name })}
        >
          {t('dashboard.district.viewManagerRetailers')}
        </Link>
      ),
    },
  ];
  return (
    <ResponsiveTable<ManagerFigure>
      rowKey={(m) => m.managerId}
      columns={columns}
      rows={rankManagers(managers)}
      label={t('dashboard.district.managersTable')}
    />
  );
}

function DistrictFigures({ data, headingLevel }: { data: DistrictDashboard; headingLevel: 1 | 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const weeks = data.weekly.length || DASHBOARD_WEEKS;
  return (
    <>
      <div className="siyi-page__head">
        <Typography.Title level={headingLevel} className="siyi-page__title">
          {t('dashboard.district.titleWithName', { name: data.district.name })}
        </Typography.Title>
        <LinkButton icon={<ShopOutlined />} to="/retailers">
          {t('dashboard.district.viewRetailers')}
        </LinkButton>
      </div>
      <div className="siyi-grid siyi-grid--kpi">
        <KpiCard
          title={t('dashboard.district.retailers')}
          value={t('common.retailers', { count: data.retailerCount, value: formatCount(data.retailerCount, locale) })}
        />
        <KpiCard
          title={t('dashboard.district.activeRetailers')}
          value={t('common.retailers', {
            count: data.activeRetailerCount,
            value: formatCount(data.activeRetailerCount, locale),
          })}
        />
        <KpiCard title={t('dashboard.district.managers')} value={formatCount(data.managerCount, locale)} />
        <KpiCard
          title={t('dashboard.manager.recentAmount')}
          value={formatMoney(data.recentFourWeeks.amountFen, locale)}
        />
      </div>
      <Card title={t('dashboard.district.weeklyTitle', { weeks })}>
        <WeeklyChart weekly={data.weekly} second="amount" label={t('dashboard.district.weeklyChartLabel')} />
      </Card>
      {/* Below the weekly figures (on a phone, below the first screen): built once that screen is up, so it does
          not lengthen the first render and commit. Nothing follows it, so its arrival moves nothing. */}
      <AfterFirstScreen
        placeholder={
          <Card>
            <BlockLoading rows={6} />
          </Card>
        }
      >
        <div className="siyi-grid siyi-grid--charts">
          <Card title={t('dashboard.district.managersTitle')}>
            <ManagerComparisonChart managers={data.managers} label={t('dashboard.district.managersChartLabel')} />
          </Card>
          <Card title={t('dashboard.district.tierTitle')}>
            <TierDistributionChart counts={data.tierDistribution} label={t('dashboard.district.tierChartLabel')} />
          </Card>
        </div>
        <Card title={t('dashboard.district.managersTable')}>
          <ManagersTable managers={data.managers} />
        </Card>
      </AfterFirstScreen>
    </>
  );
}

/** A district's figures: the supervisor's own (no id) or the one an admin picked. */
export function DistrictDashboardView({
  districtId,
  headingLevel = 2,
}: {
  districtId?: number;
  headingLevel?: 1 | 2 | 3;
}) {
  const dashboard = useDistrictDashboard(districtId);
  return (
    <QueryView query={dashboard} loading={<Card loading />}>
      {(data) => <DistrictFigures data={data} headingLevel={headingLevel} />}
    </QueryView>
  );
}
