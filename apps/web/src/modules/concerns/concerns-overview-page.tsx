import '@/modules/concerns/concerns.messages';
import { PhoneOutlined, StarFilled } from '@ant-design/icons';
import type { Concern, ConcernStats } from '@siyi/contracts';
import { Button, Card, Modal, Radio, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { KpiCard, useChartWords } from '@/modules/dashboard/dashboard-charts';
import { Chart } from '@/ui/chart';
import type { ChartSpec } from '@/ui/chart-options';
import { formatCount, formatDateTime } from '@/ui/format';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { BlockLoading, EmptyState, ErrorState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { CallbacksCard } from './callbacks-card';
import { CategoryLabel } from './concern-labels';
import { allItems, useConcern, useConcernList, useConcernStats } from './concerns.api';
import './concerns.css';
import { byCodePoint } from '@/ui/sort';

const WEEK_CHOICES = [4, 12, 26] as const;

function usePercent() {
  const { i18n } = useTranslation();
  return (rate: number | null) =>
    rate === null
      ? '—'
      : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

function useConcernCount() {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => (n: number) => t('concerns.overview.chart.unit', { value: formatCount(n, i18n.language) }),
    [t, i18n.language],
  );
}

/** Open concerns per owner or per category: horizontal bars (names fit on a phone), largest first. */
function OpenBars({
  rows,
  label,
  categoryTitle,
}: {
  rows: { name: string; open: number }[];
  label: string;
  categoryTitle: string;
}) {
  const { t, i18n } = useTranslation();
  const words = useChartWords();
  const count = useConcernCount();
  const spec = useMemo((): ChartSpec => {
    const sorted = [...rows].sort((a, b) => b.open - a.open);
    return {
      kind: 'bars',
      categories: sorted.map((r) => r.name),
      values: sorted.map((r) => r.open),
      name: t('concerns.overview.open'),
      format: count,
      categoryTitle,
      valueAxis: { title: t('concerns.overview.chart.openAxis'), kind: 'count' },
      words,
      horizontal: true,
    };
  }, [rows, t, count, categoryTitle, words]);
  if (rows.length === 0 || rows.every((r) => r.open === 0))
    return <EmptyState description={t('concerns.overview.noData')} />;
  return <Chart spec={spec} label={label} locale={i18n.language} height={Math.max(200, 80 + rows.length * 36)} />;
}

function WeeklyTrend({ weekly }: { weekly: ConcernStats['weekly'] }) {
  const { t, i18n } = useTranslation();
  const words = useChartWords();
  const count = useConcernCount();
  const spec = useMemo((): ChartSpec => {
    const sorted = [...weekly].sort((a, b) => byCodePoint(a.weekStart, b.weekStart));
    const series = (key: 'raised' | 'resolved' | 'confirmed' | 'reopened' | 'autoClosed', type: 'bar' | 'line') => ({
      name: t(`concerns.overview.chart.${key}`),
      data: sorted.map((w) => w[key]),
      type,
      axis: 0 as const,
      format: count,
    });
    return {
      kind: 'weekly',
      weeks: sorted.map((w) => w.weekStart),
      series: [
        series('raised', 'bar'),
        series('resolved', 'bar'),
        series('confirmed', 'line'),
        series('reopened', 'line'),
        series('autoClosed', 'line'),
      ],
      axes: [{ title: t('concerns.overview.chart.countAxis'), kind: 'count' }],
      weekTitle: t('concerns.overview.chart.week'),
      words,
      legend: true,
    };
  }, [weekly, t, count, words]);
  if (weekly.every((w) => w.raised + w.resolved + w.confirmed + w.reopened + w.autoClosed === 0)) {
    return <EmptyState description={t('concerns.overview.noData')} />;
  }
  return <Chart spec={spec} label={t('concerns.overview.chart.weeklyLabel')} locale={i18n.language} height={340} />;
}

interface OpenRow {
  key: string;
  name: React.ReactNode;
  open: number;
  overdue: number;
}

function OpenTable({ rows, nameTitle, label }: { rows: OpenRow[]; nameTitle: string; label: string }) {
  const { t, i18n } = useTranslation();
  const columns: ResponsiveColumn<OpenRow>[] = [
    { key: 'name', title: nameTitle, render: (_v, r) => r.name },
    {
      key: 'open',
      title: t('concerns.overview.open'),
      render: (_v, r) => formatCount(r.open, i18n.language),
      align: 'right',
    },
    {
      key: 'overdue',
      title: t('concerns.overview.overdue'),
      align: 'right',
      render: (_v, r) =>
        r.overdue > 0 ? (
          <span className="siyi-concern-due--overdue">{formatCount(r.overdue, i18n.language)}</span>
        ) : (
          formatCount(r.overdue, i18n.language)
        ),
    },
  ];
  // Nothing open: the chart above already says so.
  if (rows.length === 0) return null;
  return (
    <div className="siyi-concern-list">
      <ResponsiveTable columns={columns} rows={rows} rowKey={(r) => r.key} label={label} />
    </div>
  );
}

function Figures({ stats }: { stats: ConcernStats }) {
  const { t, i18n } = useTranslation();
  const percent = usePercent();
  const finished = stats.confirmed + stats.autoClosed;
  const number = (value: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(value);
  return (
    <div className="siyi-grid siyi-grid--kpi">
      <KpiCard title={t('concerns.overview.open')} value={formatCount(stats.open, i18n.language)} />
      <KpiCard
        title={t('concerns.overview.overdue')}
        value={formatCount(stats.overdue, i18n.language)}
        note={
          stats.overdue > 0 ? (
            <span className="siyi-concern-due--overdue">{percent(stats.open ? stats.overdue / stats.open : 0)}</span>
          ) : null
        }
      />
      <KpiCard
        title={t('concerns.overview.median')}
        value={
          stats.medianHoursToResolve === null
            ? '—'
            : stats.medianHoursToResolve < 1
              ? t('concerns.overview.minutes', { value: number(stats.medianHoursToResolve * 60) })
              : t('concerns.overview.hours', { value: number(stats.medianHoursToResolve) })
        }
      />
      <KpiCard
        title={t('concerns.overview.confirmedRate')}
        value={percent(stats.confirmedRate)}
        note={t('concerns.overview.finishedCount', { count: finished })}
      />
      <KpiCard title={t('concerns.overview.autoClosedRate')} value={percent(stats.autoClosedRate)} />
      <KpiCard title={t('concerns.overview.reopenedRate')} value={percent(stats.reopenedRate)} />
      <KpiCard
        title={t('concerns.overview.averageStars')}
        value={
          stats.averageStars === null ? '—' : t('concerns.overview.starsValue', { value: number(stats.averageStars) })
        }
      />
    </div>
  );
}

function StatsView({ stats }: { stats: ConcernStats }) {
  const { t } = useTranslation();
  const ownerName = (row: ConcernStats['byOwner'][number]) => row.owner?.name ?? t('concerns.overview.unassigned');
  const ownerRows = stats.byOwner.map((row) => ({
    key: String(row.owner?.id ?? 'none'),
    name: ownerName(row),
    open: row.open,
    overdue: row.overdue,
  }));
  const categoryRows = stats.byCategory.map((row) => ({
    key: row.category,
    name: t(`concerns.categories.${row.category}`),
    open: row.open,
    overdue: row.overdue,
  }));
  return (
    <>
      <Figures stats={stats} />
      <div className="siyi-grid siyi-grid--charts">
        <Card title={t('concerns.overview.byOwner')}>
          <OpenBars
            rows={ownerRows}
            label={t('concerns.overview.chart.byOwnerLabel')}
            categoryTitle={t('concerns.overview.owner')}
          />
          <OpenTable rows={ownerRows} nameTitle={t('concerns.overview.owner')} label={t('concerns.overview.byOwner')} />
        </Card>
        <Card title={t('concerns.overview.byCategory')}>
          <OpenBars
            rows={categoryRows}
            label={t('concerns.overview.chart.byCategoryLabel')}
            categoryTitle={t('concerns.overview.category')}
          />
          <OpenTable
            rows={stats.byCategory.map((row) => ({
              ...row,
              key: row.category,
              name: <CategoryLabel category={row.category} />,
            }))}
            nameTitle={t('concerns.overview.category')}
            label={t('concerns.overview.byCategory')}
          />
        </Card>
      </div>
      <Card title={t('concerns.overview.weekly')}>
        <WeeklyTrend weekly={stats.weekly} />
      </Card>
    </>
  );
}

/** The call-backs of one finished concern and the form to add one, in a dialog over the list. */
function CallbackDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const concern = useConcern(id);
  return (
    <Modal
      open
      title={
        concern.data
          ? `${concern.data.shopName} · ${t(`concerns.categories.${concern.data.category}`)}`
          : t('concerns.callback.title')
      }
      onCancel={onClose}
      footer={null}
      width={640}
    >
      <QueryView query={concern} loading={<BlockLoading rows={5} />}>
        {(data) => (
          <>
            <Typography.Paragraph className="siyi-concern-note" ellipsis={{ rows: 3 }}>
              {data.text}
            </Typography.Paragraph>
            {data.resolution ? (
              <Typography.Paragraph type="secondary" className="siyi-concern-note">
                {t('common.labelValue', { label: t('concerns.detail.resolution'), value: data.resolution })}
              </Typography.Paragraph>
            ) : null}
            <CallbacksCard concern={data} bare />
          </>
        )}
      </QueryView>
    </Modal>
  );
}

function ClosedList() {
  const { t, i18n } = useTranslation();
  const list = useConcernList({ status: 'final' });
  const [callingBack, setCallingBack] = useState<number | null>(null);
  const items = allItems(list.data?.pages);
  const columns: ResponsiveColumn<Concern>[] = [
    {
      key: 'concern',
      title: t('concerns.detail.text'),
      render: (_v, c) => (
        <Link to={`/concerns/${c.id}`} className="siyi-concern-link">
          <span className="siyi-concern-link__shop">{c.shopName}</span>
          <span className="siyi-concern-link__what">
            <CategoryLabel category={c.category} />
          </span>
        </Link>
      ),
    },
    {
      key: 'how',
      title: t('concerns.overview.how'),
      render: (_v, c) =>
        c.closedBy ? t(`concerns.detail.closedBy.${c.closedBy}`) : t(`concerns.statuses.${c.status}`),
    },
    {
      key: 'closedAt',
      title: t('concerns.overview.closedAt'),
      render: (_v, c) => (c.closedAt ? formatDateTime(c.closedAt, i18n.language) : '—'),
    },
    {
      key: 'rating',
      title: t('concerns.overview.rating'),
      render: (_v, c) =>
        c.rating ? (
          <span>
            <StarFilled aria-hidden className="siyi-concern-star" />{' '}
            {t('concerns.rating.stars', { count: c.rating.stars })}
          </span>
        ) : (
          t('concerns.overview.noRating')
        ),
    },
    {
      key: 'callback',
      title: t('concerns.overview.callbacks'),
      bareOnCard: true,
      render: (_v, c) => (
        <Button icon={<PhoneOutlined aria-hidden />} onClick={() => setCallingBack(c.id)}>
          {c.callbackCount > 0
            ? t('concerns.overview.callbackCount', { count: c.callbackCount })
            : c.canCallback
              ? t('concerns.overview.callbackNow')
              : t('concerns.callback.title')}
        </Button>
      ),
    },
  ];
  return (
    <Card title={t('concerns.overview.closedTitle')}>
      <Typography.Paragraph type="secondary">{t('concerns.overview.closedIntro')}</Typography.Paragraph>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <BlockLoading rows={6} />
      ) : items.length === 0 ? (
        <EmptyState description={t('concerns.overview.noneClosed')} />
      ) : (
        <>
          <div className="siyi-concern-list">
            <ResponsiveTable
              columns={columns}
              rows={items}
              rowKey={(c) => c.id}
              label={t('concerns.overview.closedTitle')}
            />
          </div>
          {list.hasNextPage ? (
            <Button
              size="large"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
              style={{ marginTop: 12 }}
            >
              {t('concerns.work.loadMore')}
            </Button>
          ) : null}
        </>
      )}
      {callingBack !== null ? <CallbackDialog id={callingBack} onClose={() => setCallingBack(null)} /> : null}
    </Card>
  );
}

/**
 * `/concerns/overview` for a supervisor (its district) or an admin (all): open and overdue by owner and category,
 * median time to resolve, confirmed vs auto-closed vs reopened, weekly trends, and the finished concerns to call back.
 */
export function ConcernsOverviewPage() {
  const { t } = useTranslation();
  const [weeks, setWeeks] = useState<number>(12);
  const stats = useConcernStats(weeks);
  useDocumentTitle(t('concerns.overview.title'));
  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('concerns.overview.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('concerns.overview.intro')}</Typography.Paragraph>
      <div>
        <Radio.Group
          value={weeks}
          onChange={(e) => setWeeks(Number(e.target.value))}
          aria-label={t('concerns.overview.periodChoice')}
          className="siyi-concern-filter"
          optionType="button"
          size="large"
          options={WEEK_CHOICES.map((w) => ({ value: w, label: t('concerns.overview.period', { weeks: w }) }))}
        />
      </div>
      <QueryView query={stats} loading={<BlockLoading rows={10} />}>
        {(data) => <StatsView stats={data} />}
      </QueryView>
      <ClosedList />
    </div>
  );
}
