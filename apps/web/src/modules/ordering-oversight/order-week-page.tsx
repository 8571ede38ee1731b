import '@/modules/ordering-oversight/ordering-oversight.messages';
import type { OrderWeekResponse } from '@siyi/contracts';
import { Button, Card, Input, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useChartWords } from '@/modules/dashboard/dashboard-charts';
import { WeekPicker } from '@/modules/visit-oversight/week-picker';
import { Chart } from '@/ui/chart';
import type { ChartSpec } from '@/ui/chart-options';
import { formatCount, formatDateTime } from '@/ui/format';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useIsPhone } from '@/ui/use-media-query';
import {
  filterRetailers,
  ORDER_STATES,
  type RespectRow,
  type RetailerOrderRow,
  type RetailerOrderState,
  respectRows,
  stateCounts,
} from './ordering-figures';
import { useOrderWeek } from './ordering-oversight.api';
import { DistrictPicker, useOrderingScope } from './ordering-scope';
import '@/modules/visit-oversight/visit-oversight.css';
import './ordering-oversight.css';

const PAGE = 50;
const STATE_COLORS: Record<RetailerOrderState, string> = {
  not_yet: 'default',
  draft: 'gold',
  proposal_waiting: 'blue',
  submitted: 'green',
};

export function StateTag({ state }: { state: RetailerOrderState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-state={state}>
      {t(`orderingOversight.states.${state}`)}
    </Tag>
  );
}

/** Retailers per state as horizontal bars; each state is also a button that filters the list. */
function StatesCard({
  rows,
  state,
  onState,
}: {
  rows: readonly RetailerOrderRow[];
  state: RetailerOrderState | 'all';
  onState: (state: RetailerOrderState | 'all') => void;
}) {
  const { t, i18n } = useTranslation();
  const words = useChartWords();
  const isPhone = useIsPhone();
  const counts = useMemo(() => stateCounts(rows), [rows]);
  const spec = useMemo(
    (): ChartSpec => ({
      kind: 'bars',
      categories: ORDER_STATES.map((s) => t(`orderingOversight.statesShort.${s}`)),
      values: ORDER_STATES.map((s) => counts[s]),
      name: t('orderingOversight.week.stateAxis'),
      format: (value) => formatCount(value, i18n.language),
      categoryTitle: t('orderingOversight.week.stateFilter'),
      valueAxis: { title: t('orderingOversight.week.stateAxis'), kind: 'count' },
      words,
      horizontal: true,
    }),
    [counts, t, i18n.language, words],
  );
  return (
    <Card title={t('orderingOversight.week.statesTitle')}>
      <div className="siyi-order-states" data-testid="order-week-states">
        {ORDER_STATES.map((s) => (
          <button
            key={s}
            type="button"
            className={state === s ? 'siyi-order-state siyi-order-state--on' : 'siyi-order-state'}
            aria-pressed={state === s}
            onClick={() => onState(state === s ? 'all' : s)}
            data-state={s}
            data-count={counts[s]}
          >
            <span className="siyi-order-state__count">{formatCount(counts[s], i18n.language)}</span>
            <span className="siyi-order-state__label">{t(`orderingOversight.states.${s}`)}</span>
          </button>
        ))}
      </div>
      {/* On a phone the four counts above are the chart: bars of four long state names would only be cut short. */}
      {rows.length > 0 && !isPhone ? (
        <Chart spec={spec} label={t('orderingOversight.week.statesChart')} locale={i18n.language} height={220} />
      ) : null}
    </Card>
  );
}

function RetailersCard({
  rows,
  managerNames,
  state,
  onState,
}: {
  rows: readonly RetailerOrderRow[];
  managerNames: ReadonlyMap<number, string> | null;
  state: RetailerOrderState | 'all';
  onState: (state: RetailerOrderState | 'all') => void;
}) {
  const { t, i18n } = useTranslation();
  const [words, setWords] = useState('');
  const [shown, setShown] = useState(PAGE);
  const matches = useMemo(() => filterRetailers(rows, state, words), [rows, state, words]);
  const none = t('orderingOversight.common.none');
  const columns: ResponsiveColumn<RetailerOrderRow>[] = [
    {
      key: 'shop',
      title: t('orderingOversight.common.retailer'),
      render: (_v, r) => (
        <Link to={`/retailers/${r.retailerId}`} data-testid="order-week-retailer" data-retailer-id={r.retailerId}>
          {r.shopName}
        </Link>
      ),
    },
    { key: 'state', title: t('orderingOversight.week.stateFilter'), render: (_v, r) => <StateTag state={r.state} /> },
    ...(managerNames
      ? [
          {
            key: 'manager',
            title: t('orderingOversight.common.manager'),
            render: (_v: unknown, r: RetailerOrderRow) =>
              r.managerId === null ? none : (managerNames.get(r.managerId) ?? none),
          },
        ]
      : []),
    {
      key: 'lines',
      title: t('orderingOversight.week.lines'),
      align: 'right',
      render: (_v, r) => formatCount(r.lineCount, i18n.language),
    },
    {
      key: 'cartons',
      title: t('orderingOversight.week.cartons'),
      align: 'right',
      render: (_v, r) => t('orderingOversight.common.cartons', { value: formatCount(r.cartons, i18n.language) }),
    },
    {
      key: 'submittedAt',
      title: t('orderingOversight.week.submittedAt'),
      render: (_v, r) => (r.submittedAt ? formatDateTime(r.submittedAt, i18n.language) : none),
    },
  ];
  return (
    <Card title={t('orderingOversight.week.retailersTitle')}>
      <div className="siyi-visit-filters">
        <Input.Search
          size="large"
          allowClear
          value={words}
          onChange={(e) => {
            setWords(e.target.value);
            setShown(PAGE);
          }}
          placeholder={t('orderingOversight.week.search')}
          aria-label={t('orderingOversight.week.search')}
          className="siyi-order-search"
        />
        <Select
          size="large"
          value={state}
          onChange={(value: RetailerOrderState | 'all') => {
            onState(value);
            setShown(PAGE);
          }}
          aria-label={t('orderingOversight.week.stateFilter')}
          data-testid="order-week-state-filter"
          options={[
            { value: 'all', label: t('orderingOversight.states.all') },
            ...ORDER_STATES.map((s) => ({ value: s, label: t(`orderingOversight.states.${s}`) })),
          ]}
        />
      </div>
      {matches.length === 0 ? (
        <EmptyState description={t('orderingOversight.week.noRetailers')} />
      ) : (
        <div data-testid="order-week-retailers">
          <ResponsiveTable
            columns={columns}
            rows={matches.slice(0, shown)}
            rowKey={(r) => r.retailerId}
            label={t('orderingOversight.week.retailersTitle')}
          />
          <div className="siyi-order-more">
            <Typography.Text type="secondary">
              {t('orderingOversight.common.shownOf', {
                shown: formatCount(Math.min(shown, matches.length), i18n.language),
                total: formatCount(matches.length, i18n.language),
              })}
            </Typography.Text>
            {shown < matches.length ? (
              <Button size="large" onClick={() => setShown((n) => n + PAGE)}>
                {t('orderingOversight.common.loadMore')}
              </Button>
            ) : null}
          </div>
        </div>
      )}
    </Card>
  );
}

/** Own share per manager as bars, and every respect figure in a table (cards on a phone). */
function RespectCard({ managers }: { managers: OrderWeekResponse['managers'] }) {
  const { t, i18n } = useTranslation();
  const words = useChartWords();
  const rows = useMemo(() => respectRows(managers), [managers]);
  // A manager's figures come without the pressure reports (they go past it to the supervisor): no column for them.
  const withPressure = rows.some((r) => r.pressureReports !== null);
  const measured = rows.filter((r) => r.ownPercent !== null);
  const spec = useMemo(
    (): ChartSpec => ({
      kind: 'bars',
      categories: measured.map((r) => r.name),
      values: measured.map((r) => r.ownPercent ?? 0),
      name: t('orderingOversight.week.ownShare'),
      format: (value) => t('orderingOversight.common.percent', { value }),
      categoryTitle: t('orderingOversight.common.manager'),
      valueAxis: { title: t('orderingOversight.week.ownAxis'), kind: 'count' },
      words,
      horizontal: true,
    }),
    [measured, t, words],
  );
  const none = t('orderingOversight.common.none');
  const pct = (value: number | null) => (value === null ? none : t('orderingOversight.common.percent', { value }));
  const count = (value: number) => formatCount(value, i18n.language);
  const columns: ResponsiveColumn<RespectRow>[] = [
    {
      key: 'name',
      title: t('orderingOversight.common.manager'),
      render: (_v, r) => (
        <span className="siyi-respect-name">
          <Typography.Text strong>{r.name}</Typography.Text>
          {r.attention ? <Tag color="red">{t('orderingOversight.week.attention')}</Tag> : null}
        </span>
      ),
    },
    { key: 'lines', title: t('orderingOversight.week.linesCount'), align: 'right', render: (_v, r) => count(r.lines) },
    {
      key: 'own',
      title: t('orderingOversight.week.ownShare'),
      align: 'right',
      render: (_v, r) => <span data-figure="own">{pct(r.ownPercent)}</span>,
    },
    {
      key: 'proposals',
      title: t('orderingOversight.week.proposals'),
      align: 'right',
      render: (_v, r) => count(r.proposals),
    },
    {
      key: 'rejected',
      title: t('orderingOversight.week.rejected'),
      align: 'right',
      render: (_v, r) => count(r.proposalsRejected),
    },
    {
      key: 'rejectionRate',
      title: t('orderingOversight.week.rejectionRate'),
      align: 'right',
      render: (_v, r) => pct(r.rejectionPercent),
    },
    ...(withPressure
      ? [
          {
            key: 'pressure',
            title: t('orderingOversight.week.pressure'),
            align: 'right' as const,
            render: (_v: unknown, r: RespectRow) => (
              <span className={(r.pressureReports ?? 0) > 0 ? 'siyi-figure--bad' : undefined} data-figure="pressure">
                {count(r.pressureReports ?? 0)}
              </span>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card title={t('orderingOversight.week.respectTitle')}>
      <Typography.Paragraph type="secondary">
        {withPressure ? t('orderingOversight.week.respectIntro') : t('orderingOversight.week.respectIntroManager')}
      </Typography.Paragraph>
      {measured.length > 0 ? (
        <Chart
          spec={spec}
          label={t('orderingOversight.week.respectChart')}
          locale={i18n.language}
          height={Math.max(200, 80 + measured.length * 36)}
        />
      ) : (
        <EmptyState description={t('orderingOversight.week.noManagers')} />
      )}
      {rows.length > 0 ? (
        <div data-testid="order-week-respect" style={{ marginTop: 12 }}>
          <ResponsiveTable
            columns={columns}
            rows={rows}
            rowKey={(r) => r.managerId}
            label={t('orderingOversight.week.respectTitle')}
          />
        </div>
      ) : null}
    </Card>
  );
}

function WeekView({ data, showManagers }: { data: OrderWeekResponse; showManagers: boolean }) {
  const [state, setState] = useState<RetailerOrderState | 'all'>('all');
  const managerNames = useMemo(
    () => (showManagers ? new Map(data.managers.map((m) => [m.managerId, m.name])) : null),
    [data.managers, showManagers],
  );
  return (
    <div className="siyi-order-week">
      <StatesCard rows={data.retailers} state={state} onState={setState} />
      <RespectCard managers={data.managers} />
      <RetailersCard rows={data.retailers} managerNames={managerNames} state={state} onState={setState} />
    </div>
  );
}

/**
 * `/orders/week`: each retailer's order state this week (not yet, draft, proposal waiting, submitted) as counts, a
 * chart and a list linking to the retailer; and the respect figures per manager. A manager sees its own retailers;
 * a supervisor its district, one manager at a time if it likes; an admin one district at a time.
 */
export function OrderWeekPage() {
  const { t } = useTranslation();
  const scope = useOrderingScope();
  const { user, week, districtId } = scope;
  const managerParam = Number(scope.search.get('managerId'));
  const managerId = user.role !== 'manager' && managerParam > 0 ? managerParam : undefined;
  const filter = { week, managerId, districtId };
  const orders = useOrderWeek(filter, scope.ready);
  // The manager choices: the managers of the whole district (the same query when no manager is chosen).
  const whole = useOrderWeek({ week, districtId }, scope.ready && user.role !== 'manager');
  useDocumentTitle(t('orderingOversight.week.title'));
  const managers = whole.data?.managers ?? [];
  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('orderingOversight.week.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('orderingOversight.week.intro')}</Typography.Paragraph>
      <div className="siyi-visit-filters">
        <WeekPicker week={week} onChange={scope.setWeek} />
        {scope.isAdmin ? (
          <DistrictPicker
            districts={scope.districts}
            value={districtId}
            onChange={(id) => scope.setParams({ districtId: String(id), managerId: undefined })}
          />
        ) : null}
        {user.role !== 'manager' ? (
          <Select
            size="large"
            value={managerId ?? 0}
            onChange={(value: number) => scope.set('managerId', value > 0 ? String(value) : undefined)}
            aria-label={t('orderingOversight.week.managerFilter')}
            data-testid="order-week-manager"
            options={[
              { value: 0, label: t('orderingOversight.week.allManagers') },
              ...managers.map((m) => ({ value: m.managerId, label: m.name })),
            ]}
          />
        ) : null}
      </div>
      {scope.ready ? (
        <QueryView query={orders} loading={<BlockLoading rows={10} />}>
          {(data) => <WeekView data={data} showManagers={user.role !== 'manager' && managerId === undefined} />}
        </QueryView>
      ) : (
        <BlockLoading rows={6} />
      )}
    </div>
  );
}
