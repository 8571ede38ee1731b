import '@/modules/ordering-oversight/ordering-oversight.messages';
import { ThunderboltOutlined } from '@ant-design/icons';
import type { AllocationExplainResponse } from '@siyi/contracts';
import { Alert, App, Button, Card, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { useChartWords } from '@/modules/dashboard/dashboard-charts';
import { WeekPicker } from '@/modules/visit-oversight/week-picker';
import { Chart } from '@/ui/chart';
import type { ChartSpec } from '@/ui/chart-options';
import { formatCount } from '@/ui/format';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { type AllocationProductRow, allocationRows } from './ordering-figures';
import { useExplain, useLatestRun, useRetailerSearch, useRunAllocation, useStrategy } from './ordering-oversight.api';
import { DistrictPicker, useOrderingScope } from './ordering-scope';
import '@/modules/visit-oversight/visit-oversight.css';
import './ordering-oversight.css';

function ResultCard({ rows }: { rows: AllocationProductRow[] }) {
  const { t, i18n } = useTranslation();
  const words = useChartWords();
  const count = (n: number) => t('orderingOversight.common.cartons', { value: formatCount(n, i18n.language) });
  const spec = useMemo(
    (): ChartSpec => ({
      kind: 'bars',
      categories: rows.map((r) => r.name),
      values: rows.map((r) => r.metPercent),
      name: t('orderingOversight.allocation.met'),
      format: (value) => t('orderingOversight.common.percent', { value }),
      categoryTitle: t('orderingOversight.common.product'),
      valueAxis: { title: `${t('orderingOversight.allocation.met')} (%)`, kind: 'count' },
      words,
      horizontal: true,
    }),
    [rows, t, words],
  );
  const columns: ResponsiveColumn<AllocationProductRow>[] = [
    {
      key: 'name',
      title: t('orderingOversight.common.product'),
      render: (_v, r) => <Typography.Text strong>{r.name}</Typography.Text>,
    },
    {
      key: 'supply',
      title: t('orderingOversight.allocation.supply'),
      align: 'right',
      render: (_v, r) => count(r.supply),
    },
    {
      key: 'requested',
      title: t('orderingOversight.allocation.requested'),
      align: 'right',
      render: (_v, r) => count(r.requested),
    },
    {
      key: 'allocated',
      title: t('orderingOversight.allocation.allocated'),
      align: 'right',
      render: (_v, r) => <span data-figure="allocated">{count(r.allocated)}</span>,
    },
    {
      key: 'met',
      title: t('orderingOversight.allocation.met'),
      align: 'right',
      render: (_v, r) => t('orderingOversight.common.percent', { value: r.metPercent }),
    },
    {
      key: 'retailers',
      title: t('orderingOversight.allocation.retailers'),
      align: 'right',
      render: (_v, r) => formatCount(r.retailers, i18n.language),
    },
  ];
  return (
    <Card title={t('orderingOversight.allocation.products')}>
      <Chart
        spec={spec}
        label={t('orderingOversight.allocation.chart')}
        locale={i18n.language}
        height={Math.max(180, 80 + rows.length * 36)}
      />
      <div data-testid="allocation-products" style={{ marginTop: 12 }}>
        <ResponsiveTable
          columns={columns}
          rows={rows}
          rowKey={(r) => r.productId}
          label={t('orderingOversight.allocation.products')}
        />
      </div>
    </Card>
  );
}

function ExplainList({ data }: { data: AllocationExplainResponse }) {
  const { t, i18n } = useTranslation();
  const count = (n: number) => t('orderingOversight.common.cartons', { value: formatCount(n, i18n.language) });
  type Item = AllocationExplainResponse['items'][number];
  const columns: ResponsiveColumn<Item>[] = [
    {
      key: 'name',
      title: t('orderingOversight.common.product'),
      render: (_v, r) => <Typography.Text strong>{r.productName}</Typography.Text>,
    },
    {
      key: 'requested',
      title: t('orderingOversight.allocation.requested'),
      align: 'right',
      render: (_v, r) => count(r.requested),
    },
    {
      key: 'allocated',
      title: t('orderingOversight.allocation.allocated'),
      align: 'right',
      render: (_v, r) => count(r.allocated),
    },
    {
      key: 'reason',
      title: t('orderingOversight.allocation.reason'),
      // On a phone card the sentence speaks for itself: a label beside it would squeeze it into a narrow column.
      bareOnCard: true,
      render: (_v, r) => <span data-testid="allocation-reason">{r.reason}</span>,
    },
  ];
  if (data.items.length === 0) return <EmptyState description={t('orderingOversight.allocation.explainNone')} />;
  return (
    <div data-testid="allocation-explain">
      <ResponsiveTable
        columns={columns}
        rows={data.items}
        rowKey={(r) => r.productId}
        label={t('orderingOversight.allocation.explainTitle')}
      />
      <Typography.Paragraph style={{ marginTop: 8 }}>
        <Link to={`/retailers/${data.retailerId}`}>{t('orderingOversight.common.openRetailer')}</Link>
      </Typography.Paragraph>
    </div>
  );
}

function ExplainCard({ week, districtId }: { week: string; districtId: number }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [retailerId, setRetailerId] = useState<number | null>(null);
  const found = useRetailerSearch(q, districtId);
  const explain = useExplain(week, retailerId);
  return (
    <Card title={t('orderingOversight.allocation.explainTitle')}>
      <Typography.Paragraph type="secondary">{t('orderingOversight.allocation.explainIntro')}</Typography.Paragraph>
      <Select<number>
        size="large"
        showSearch
        filterOption={false}
        onSearch={setQ}
        value={retailerId ?? undefined}
        onChange={setRetailerId}
        loading={found.isFetching}
        placeholder={t('orderingOversight.allocation.explainPick')}
        aria-label={t('orderingOversight.allocation.explainPick')}
        className="siyi-allocation-pick"
        data-testid="allocation-retailer"
        options={(found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.shopName} · ${r.licenceNo}` }))}
      />
      {retailerId !== null ? (
        <div style={{ marginTop: 12 }}>
          <QueryView query={explain} loading={<BlockLoading rows={3} />}>
            {(data) => <ExplainList data={data} />}
          </QueryView>
        </div>
      ) : null}
    </Card>
  );
}

/**
 * `/orders/allocation`: runs a district's scarce allocation for the week by the published rule and shows, per
 * scarce product, supply, requests, cartons allocated and the weighted demand met; and each retailer's reason.
 */
export function AllocationPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const scope = useOrderingScope();
  const { week, districtId } = scope;
  const strategy = useStrategy(week, districtId, scope.ready);
  const run = useRunAllocation(week, districtId);
  // The latest run is read back on open (a reload keeps it); a new run replaces it in the same query.
  const latest = useLatestRun(week, districtId, scope.ready);
  const result = latest.data ?? undefined;
  useDocumentTitle(t('orderingOversight.allocation.title'));
  const rows = useMemo(
    () => (result ? allocationRows(result, strategy.data?.items ?? []) : []),
    [result, strategy.data],
  );
  const start = () =>
    run.mutate(undefined, {
      onSuccess: (answer) => void message.success(t('orderingOversight.allocation.ran', { runId: answer.runId })),
    });
  const onRun = () => {
    if (!result) {
      start();
      return;
    }
    modal.confirm({
      title: t('orderingOversight.allocation.run'),
      content: t('orderingOversight.allocation.rerunConfirm'),
      okText: t('orderingOversight.allocation.run'),
      cancelText: t('common.cancel'),
      onOk: start,
    });
  };
  const problem =
    run.error instanceof ApiError
      ? [run.error.message, ...Object.values(run.error.fields)].filter(Boolean).join(' ')
      : run.error
        ? String(run.error)
        : null;
  const effectiveDistrict = strategy.data?.districtId;
  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('orderingOversight.allocation.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('orderingOversight.allocation.intro')}</Typography.Paragraph>
      <div className="siyi-visit-filters">
        <WeekPicker week={week} onChange={scope.setWeek} />
        {scope.isAdmin ? (
          <DistrictPicker
            districts={scope.districts}
            value={districtId}
            onChange={(id) => scope.set('districtId', String(id))}
          />
        ) : null}
      </div>
      <div className="siyi-order-stack">
        <Card>
          <Typography.Paragraph data-testid="allocation-rule">
            {t('orderingOversight.allocation.rule')}
          </Typography.Paragraph>
          <div className="siyi-allocation-run">
            <Button
              type="primary"
              size="large"
              icon={<ThunderboltOutlined aria-hidden />}
              onClick={onRun}
              loading={run.isPending}
              disabled={!scope.ready}
              data-testid="allocation-run"
            >
              {run.isPending ? t('orderingOversight.allocation.running') : t('orderingOversight.allocation.run')}
            </Button>
            {result ? (
              <Typography.Text type="secondary" data-testid="allocation-run-id" data-run-id={result.runId}>
                {t('orderingOversight.allocation.runId', { runId: result.runId })}
              </Typography.Text>
            ) : null}
          </div>
          {problem ? <Alert type="error" showIcon message={problem} style={{ marginTop: 12 }} /> : null}
        </Card>
        {result ? (
          <ResultCard rows={rows} />
        ) : latest.isLoading ? (
          <BlockLoading rows={3} />
        ) : latest.isError ? (
          <Alert type="error" showIcon message={t('orderingOversight.allocation.latestFailed')} />
        ) : (
          <Alert type="info" showIcon message={t('orderingOversight.allocation.notRun')} />
        )}
        {effectiveDistrict !== undefined ? <ExplainCard week={week} districtId={effectiveDistrict} /> : null}
      </div>
    </div>
  );
}
