import './dashboard.css';
import type { DistrictDashboard, ManagerFigure } from '@siyi/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatCount, formatMoney } from '@/ui/format';
import { ShopIcon } from '@/ui/plain/icons';
import { ButtonLink, Card } from '@/ui/plain/plain';
import { QueryView } from '@/ui/states';
import { useIsPhone } from '@/ui/use-media-query';
import { DASHBOARD_WEEKS, useDistrictDashboard } from './dashboard.api';
import { KpiCard, ManagerComparisonChart, TierDistributionChart, WeeklyChart } from './dashboard-charts';
import { rankManagers } from './dashboard-figures';
import { DashboardPlaceholder } from './dashboard-placeholder';

/**
 * Each manager's figures and the way to their retailers: a table on a wide screen; on a phone one card per manager
 * (name as its heading, the figures as label–value pairs), so nothing needs sideways scrolling at 375 px. Plain
 * HTML, no antd: it is part of the supervisor's home.
 */
function ManagersTable({ managers }: { managers: readonly ManagerFigure[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const isPhone = useIsPhone();
  const ranked = rankManagers(managers);
  const figures = (m: ManagerFigure) => [
    { key: 'retailers', title: t('dashboard.district.retailerCount'), value: formatCount(m.retailerCount, locale) },
    {
      key: 'quantity',
      title: t('dashboard.district.recentQuantity'),
      value: t('common.cartons', { value: formatCount(m.recentQuantity, locale) }),
    },
    { key: 'amount', title: t('dashboard.district.recentAmount'), value: formatMoney(m.recentAmountFen, locale) },
  ];
  const link = (m: ManagerFigure) => (
    <Link
      className="siyi-dash-manager-link"
      to={`/retailers?managerId=${m.managerId}`}
      aria-label={t('dashboard.district.viewRetailersOf', { name: m.name })}
    >
      {t('dashboard.district.viewManagerRetailers')}
    </Link>
  );
  if (managers.length === 0) return <p className="siyi-dash-muted">{t('dashboard.district.noManagers')}</p>;
  if (isPhone) {
    return (
      <ul className="siyi-row-cards" aria-label={t('dashboard.district.managersTable')}>
        {ranked.map((m) => (
          <li key={m.managerId} className="siyi-row-card">
            <div className="siyi-row-card__head">{m.name}</div>
            <dl className="siyi-row-card__facts">
              {figures(m).map((f) => (
                <div key={f.key} className="siyi-row-card__fact">
                  <dt>{f.title}</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
              <div className="siyi-row-card__fact siyi-row-card__fact--bare">
                <dt>{t('dashboard.district.viewManagerRetailers')}</dt>
                <dd>{link(m)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    );
  }
  const [first] = ranked;
  return (
    <div className="siyi-dash-table-wrap">
      <table className="siyi-dash-table" aria-label={t('dashboard.district.managersTable')}>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.district.managerName')}</th>
            {first
              ? figures(first).map((f) => (
                  <th key={f.key} scope="col" className="siyi-dash-table__num">
                    {f.title}
                  </th>
                ))
              : null}
            <th scope="col">{t('dashboard.district.viewManagerRetailers')}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((m) => (
            <tr key={m.managerId}>
              <th scope="row">{m.name}</th>
              {figures(m).map((f) => (
                <td key={f.key} className="siyi-dash-table__num">
                  {f.value}
                </td>
              ))}
              <td>{link(m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DistrictFigures({ data, headingLevel }: { data: DistrictDashboard; headingLevel: 1 | 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const weeks = data.weekly.length || DASHBOARD_WEEKS;
  const Title = headingLevel === 1 ? 'h1' : headingLevel === 2 ? 'h2' : 'h3';
  // The cards' titles sit one level under the district's title.
  const cardHeading = headingLevel === 1 ? 2 : 3;
  return (
    <>
      <div className="siyi-page__head">
        <Title className={headingLevel === 1 ? 'siyi-dash-title' : 'siyi-dash-title siyi-dash-title--sub'}>
          {t('dashboard.district.titleWithName', { name: data.district.name })}
        </Title>
        <ButtonLink icon={<ShopIcon />} to="/retailers">
          {t('dashboard.district.viewRetailers')}
        </ButtonLink>
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
      <Card title={t('dashboard.district.weeklyTitle', { weeks })} headingLevel={cardHeading}>
        <WeeklyChart weekly={data.weekly} second="amount" label={t('dashboard.district.weeklyChartLabel')} />
      </Card>
      {/* Below the weekly figures (on a phone, below the first screen): each chart is drawn when it comes near the
          screen, in a box of its own height, so nothing moves when it does. */}
      <div className="siyi-grid siyi-grid--charts">
        <Card title={t('dashboard.district.managersTitle')} headingLevel={cardHeading}>
          <ManagerComparisonChart managers={data.managers} label={t('dashboard.district.managersChartLabel')} />
        </Card>
        <Card title={t('dashboard.district.tierTitle')} headingLevel={cardHeading}>
          <TierDistributionChart counts={data.tierDistribution} label={t('dashboard.district.tierChartLabel')} />
        </Card>
      </div>
      <Card title={t('dashboard.district.managersTable')} headingLevel={cardHeading}>
        <ManagersTable managers={data.managers} />
      </Card>
    </>
  );
}

/** The district's page while its figures load: its title line, figure cards and weekly chart, each at its size. */
function DistrictPlaceholder({ headingLevel }: { headingLevel: 1 | 2 | 3 }) {
  return (
    <>
      <div className="siyi-page__head" aria-hidden="true">
        <span
          className={
            headingLevel === 1 ? 'siyi-dash-title siyi-dash-bar' : 'siyi-dash-title siyi-dash-title--sub siyi-dash-bar'
          }
        >
          {'\u00a0'}
        </span>
      </div>
      <DashboardPlaceholder figures={4} chartHeights={[320]} />
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
    <QueryView query={dashboard} loading={<DistrictPlaceholder headingLevel={headingLevel} />}>
      {(data) => <DistrictFigures data={data} headingLevel={headingLevel} />}
    </QueryView>
  );
}
