import { ArrowDownOutlined, ArrowUpOutlined, CalculatorOutlined, SendOutlined } from '@ant-design/icons';
import type { TierDistrictSummary, TierMove, TierMoveDirection, TierRunDetail, TierRunSummary } from '@siyi/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Pagination,
  Popconfirm,
  Segmented,
  Select,
  Spin,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { formatCount, formatDate, formatDateTime } from '@/ui/format';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { BlockLoading, EmptyState, ErrorState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { TierDistributionChart } from './tier-distribution-chart';
import { tierBandText, tierMoveText } from './tier-reason';
import { type MovesFilter, usePreviewTiers, usePublishTiers, useTierRun, useTierRuns } from './tiers.api';

const PAGE_SIZE = 20;

function positiveInt(raw: string | null): number | undefined {
  if (!raw || !/^\d{1,10}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= 2_147_483_647 ? n : undefined;
}

/** The page's state lives in the address: run, district, direction and page survive a reload and can be shared. */
function useRunParams() {
  const [params, setParams] = useSearchParams();
  const direction = params.get('direction');
  const state = {
    runId: positiveInt(params.get('run')),
    districtId: positiveInt(params.get('district')),
    direction: direction === 'up' || direction === 'down' ? (direction as TierMoveDirection) : undefined,
    page: positiveInt(params.get('page')) ?? 1,
  };
  const update = (next: Partial<typeof state>) => {
    const merged = { ...state, ...next };
    const out = new URLSearchParams();
    if (merged.runId !== undefined) out.set('run', String(merged.runId));
    if (merged.districtId !== undefined) out.set('district', String(merged.districtId));
    if (merged.direction !== undefined) out.set('direction', merged.direction);
    if (merged.page > 1) out.set('page', String(merged.page));
    setParams(out, { replace: true });
  };
  return [state, update] as const;
}

/** The Sunday of a week given by its Monday: a window "to" a week reads as ending with that week. */
function weekEnd(monday: string): string {
  const date = new Date(`${monday}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return monday;
  return new Date(date.getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
}

function StatusTag({ status }: { status: TierRunSummary['status'] }) {
  const { t } = useTranslation();
  const color = status === 'published' ? 'green' : status === 'preview' ? 'blue' : 'default';
  return <Tag color={color}>{t(`tiers.status.${status}`)}</Tag>;
}

/** Seconds since the preview was asked for: the honest progress of one request that does all the work. */
function useElapsedSeconds(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return undefined;
    setSeconds(0);
    const started = Date.now();
    const timer = window.setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => window.clearInterval(timer);
  }, [running]);
  return seconds;
}

function PreviewPanel({ onComputed }: { onComputed: (run: TierRunSummary) => void }) {
  const { t } = useTranslation();
  const preview = usePreviewTiers();
  const elapsed = useElapsedSeconds(preview.isPending);
  return (
    <Card title={t('tiers.preview.title')}>
      <Typography.Paragraph>{t('tiers.preview.method')}</Typography.Paragraph>
      <Button
        type="primary"
        size="large"
        icon={<CalculatorOutlined />}
        loading={preview.isPending}
        onClick={() => preview.mutate(undefined, { onSuccess: onComputed })}
      >
        {t('tiers.preview.run')}
      </Button>
      <div aria-live="polite" style={{ marginTop: 12 }}>
        {preview.isPending ? (
          <Spin size="small">
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {t('tiers.preview.running', { seconds: elapsed })}
            </Typography.Text>
          </Spin>
        ) : null}
        {preview.isError ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('tiers.preview.failed')}
            description={preview.error instanceof Error ? preview.error.message : String(preview.error)}
          />
        ) : null}
      </div>
    </Card>
  );
}

function RunPicker({
  runs,
  selected,
  onSelect,
}: {
  runs: readonly TierRunSummary[];
  selected: number | undefined;
  onSelect: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Select
      className="siyi-filters__select"
      style={{ minWidth: 260 }}
      aria-label={t('tiers.runs.pick')}
      value={selected}
      onChange={onSelect}
      options={runs.map((run) => ({
        value: run.id,
        label: t('tiers.runs.option', {
          id: run.id,
          at: formatDateTime(run.createdAt, i18n.language),
          status: t(`tiers.status.${run.status}`),
          moves: formatCount(run.moveCount, i18n.language),
        }),
      }))}
    />
  );
}

function PublishAction({ run }: { run: TierRunSummary }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const publish = usePublishTiers();
  const locale = i18n.language;
  if (run.status !== 'preview') return null;
  return (
    <div>
      <Popconfirm
        title={t('tiers.publish.confirmTitle')}
        description={
          <div style={{ maxWidth: 320 }}>
            {t('tiers.publish.confirmBody', {
              moves: formatCount(run.moveCount, locale),
              up: formatCount(run.basis.upCount, locale),
              down: formatCount(run.basis.downCount, locale),
              week: formatDate(run.effectiveWeek, locale),
            })}
          </div>
        }
        okText={t('tiers.publish.confirm')}
        cancelText={t('common.cancel')}
        onConfirm={() =>
          publish.mutateAsync(run.id).then(
            (answer) =>
              void message.success(
                t('tiers.publish.done', { count: answer.applied, value: formatCount(answer.applied, locale) }),
              ),
            () => undefined,
          )
        }
      >
        <Button
          type="primary"
          size="large"
          icon={<SendOutlined />}
          loading={publish.isPending}
          disabled={run.moveCount === 0}
        >
          {t('tiers.publish.button')}
        </Button>
      </Popconfirm>
      {run.moveCount === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('tiers.publish.nothing')}
        </Typography.Paragraph>
      ) : null}
      {publish.isError ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          role="alert"
          title={t('tiers.publish.failed')}
          description={
            // A refusal (409) says why in its field message: superseded, published already, or stale data.
            publish.error instanceof ApiError
              ? (Object.values(publish.error.fields)[0] ?? publish.error.message)
              : String(publish.error)
          }
        />
      ) : null}
    </div>
  );
}

function RunSummaryCard({ run }: { run: TierRunSummary }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <Card title={t('tiers.run.title', { id: run.id })} extra={<StatusTag status={run.status} />}>
      <Typography.Paragraph>
        {t('tiers.run.basis', {
          weeks: run.basis.weeks,
          from: formatDate(run.basis.fromWeek, locale),
          to: formatDate(weekEnd(run.basis.toWeek), locale),
          buyers: formatCount(run.basis.buyers, locale),
        })}
      </Typography.Paragraph>
      <div className="siyi-grid siyi-grid--kpi" style={{ marginBottom: 16 }}>
        <Statistic title={t('tiers.run.retailers')} value={formatCount(run.retailerCount, locale)} />
        <Statistic title={t('tiers.run.moves')} value={formatCount(run.moveCount, locale)} />
        <Statistic
          title={t('tiers.run.up')}
          value={formatCount(run.basis.upCount, locale)}
          prefix={<ArrowUpOutlined aria-hidden />}
        />
        <Statistic
          title={t('tiers.run.down')}
          value={formatCount(run.basis.downCount, locale)}
          prefix={<ArrowDownOutlined aria-hidden />}
        />
      </div>
      <Typography.Paragraph type="secondary">
        {t('tiers.run.created', { name: run.createdByName, at: formatDateTime(run.createdAt, locale) })}
        {run.publishedAt && run.publishedByName
          ? ` ${t('tiers.run.published', {
              name: run.publishedByName,
              at: formatDateTime(run.publishedAt, locale),
              week: formatDate(run.effectiveWeek, locale),
            })}`
          : ''}
      </Typography.Paragraph>
      <PublishAction run={run} />
    </Card>
  );
}

function TierShift({ from, to }: { from: number; to: number }) {
  const { t } = useTranslation();
  const up = to > from;
  return (
    <Tag color={up ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
      {up ? <ArrowUpOutlined aria-hidden /> : <ArrowDownOutlined aria-hidden />} {t('tiers.moves.shift', { from, to })}
      <span className="siyi-visually-hidden">{up ? t('tiers.run.up') : t('tiers.run.down')}</span>
    </Tag>
  );
}

function useMoveColumns(): ResponsiveColumn<TierMove>[] {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return [
    {
      key: 'shop',
      title: t('tiers.moves.shop'),
      render: (_, m) => (
        <div>
          <Link to={`/retailers/${m.retailerId}`}>{m.shopName}</Link>
          <div>
            <Typography.Text type="secondary">{m.licenceNo}</Typography.Text>
          </div>
        </div>
      ),
    },
    { key: 'district', title: t('tiers.moves.district'), render: (_, m) => m.districtName },
    { key: 'shift', title: t('tiers.moves.change'), render: (_, m) => <TierShift from={m.fromTier} to={m.toTier} /> },
    {
      key: 'reason',
      title: t('tiers.moves.reason'),
      // A sentence that names itself: on a phone card it takes the whole width instead of a label's column.
      bareOnCard: true,
      render: (_, m) => (
        <div style={{ maxWidth: 560, whiteSpace: 'normal' }}>
          <div>{tierMoveText(m.reason, m.toTier, t, locale)}</div>
          <Typography.Text type="secondary">{tierBandText(m.reason, t, locale)}</Typography.Text>
        </div>
      ),
    },
  ];
}

function DistrictSummary({
  districts,
  onPick,
}: {
  districts: readonly TierDistrictSummary[];
  onPick: (districtId: number, direction: TierMoveDirection) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const columns: ResponsiveColumn<TierDistrictSummary>[] = [
    {
      key: 'district',
      title: t('tiers.moves.district'),
      render: (_, d) => <Typography.Text strong>{d.districtName}</Typography.Text>,
    },
    {
      key: 'up',
      title: t('tiers.run.up'),
      render: (_, d) => (
        <Button
          type="link"
          style={{ paddingInline: 0 }}
          disabled={d.up === 0}
          onClick={() => onPick(d.districtId, 'up')}
        >
          {t('tiers.districts.count', { count: d.up, value: formatCount(d.up, locale) })}
        </Button>
      ),
    },
    {
      key: 'down',
      title: t('tiers.run.down'),
      render: (_, d) => (
        <Button
          type="link"
          style={{ paddingInline: 0 }}
          disabled={d.down === 0}
          onClick={() => onPick(d.districtId, 'down')}
        >
          {t('tiers.districts.count', { count: d.down, value: formatCount(d.down, locale) })}
        </Button>
      ),
    },
  ];
  if (districts.length === 0) return <EmptyState description={t('tiers.moves.none')} />;
  return (
    <ResponsiveTable
      columns={columns}
      rows={districts}
      rowKey={(d) => d.districtId}
      label={t('tiers.districts.title')}
    />
  );
}

function RunView({
  detail,
  filter,
  onFilter,
}: {
  detail: TierRunDetail;
  filter: MovesFilter;
  onFilter: (
    next: Partial<{ districtId: number | undefined; direction: TierMoveDirection | undefined; page: number }>,
  ) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const columns = useMoveColumns();
  const { run, districts, moves } = detail;
  return (
    <>
      <RunSummaryCard run={run} />
      <div className="siyi-grid siyi-grid--charts">
        <Card title={t('tiers.chart.title')}>
          <TierDistributionChart before={run.basis.distribution.before} after={run.basis.distribution.after} />
        </Card>
        <Card title={t('tiers.districts.title')}>
          <DistrictSummary
            districts={districts}
            onPick={(districtId, direction) => onFilter({ districtId, direction, page: 1 })}
          />
        </Card>
      </div>
      <Card title={t('tiers.moves.title')}>
        <div className="siyi-filters" style={{ marginBottom: 12 }}>
          <Select
            className="siyi-filters__select"
            allowClear
            aria-label={t('tiers.moves.district')}
            placeholder={t('tiers.moves.allDistricts')}
            value={filter.districtId}
            onChange={(districtId: number | undefined) => onFilter({ districtId, page: 1 })}
            options={districts.map((d) => ({ value: d.districtId, label: d.districtName }))}
          />
          <Segmented<'all' | TierMoveDirection>
            aria-label={t('tiers.moves.direction')}
            value={filter.direction ?? 'all'}
            onChange={(value) => onFilter({ direction: value === 'all' ? undefined : value, page: 1 })}
            options={[
              { value: 'all', label: t('tiers.moves.all') },
              { value: 'up', label: t('tiers.run.up') },
              { value: 'down', label: t('tiers.run.down') },
            ]}
          />
        </div>
        <Typography.Paragraph type="secondary" aria-live="polite">
          {t('tiers.moves.total', { count: moves.total, value: formatCount(moves.total, locale) })}
        </Typography.Paragraph>
        {moves.items.length === 0 ? (
          <EmptyState description={t('tiers.moves.none')} />
        ) : (
          <ResponsiveTable
            columns={columns}
            rows={moves.items}
            rowKey={(m) => m.retailerId}
            label={t('tiers.moves.title')}
          />
        )}
        {moves.total > moves.pageSize ? (
          <div className="siyi-pagination">
            <Pagination
              current={moves.page}
              pageSize={moves.pageSize}
              total={moves.total}
              showSizeChanger={false}
              onChange={(page) => onFilter({ page })}
            />
          </div>
        ) : null}
      </Card>
    </>
  );
}

/** `/tiers` (admins): compute a tier preview, read every move and why, publish it. */
export function TiersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('tiers.title'));
  const [state, update] = useRunParams();
  const runs = useTierRuns();
  const selected = state.runId ?? runs.data?.items[0]?.id;
  const filter: MovesFilter = {
    page: state.page,
    pageSize: PAGE_SIZE,
    districtId: state.districtId,
    direction: state.direction,
  };
  const detail = useTierRun(selected ?? null, filter);

  return (
    <div className="siyi-page">
      <div className="siyi-page__head">
        <Typography.Title level={1} className="siyi-page__title">
          {t('tiers.title')}
        </Typography.Title>
        {runs.data && runs.data.items.length > 0 ? (
          <RunPicker
            runs={runs.data.items}
            selected={selected}
            onSelect={(runId) => update({ runId, districtId: undefined, direction: undefined, page: 1 })}
          />
        ) : null}
      </div>
      <PreviewPanel
        onComputed={(run) => update({ runId: run.id, districtId: undefined, direction: undefined, page: 1 })}
      />
      {runs.isError ? <ErrorState error={runs.error} onRetry={() => void runs.refetch()} /> : null}
      {runs.isPending ? <BlockLoading rows={6} /> : null}
      {runs.data && runs.data.items.length === 0 ? <EmptyState description={t('tiers.runs.none')} /> : null}
      {detail.isError ? <ErrorState error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {selected !== undefined && detail.isPending ? <BlockLoading rows={8} /> : null}
      {detail.data ? (
        <RunView detail={detail.data} filter={filter} onFilter={(next) => update({ ...next, runId: selected })} />
      ) : null}
    </div>
  );
}
