import '@/modules/visit-oversight/visit-oversight.messages';
import { StarFilled } from '@ant-design/icons';
import type { CoverageFigureName, CoverageItem, CoverageResponse, CoverageWeek } from '@siyi/contracts';
import { Button, Card, Modal, Select, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '@/modules/auth/session';
import { useChartWords } from '@/modules/dashboard/dashboard-charts';
import { Chart } from '@/ui/chart';
import type { ChartSpec } from '@/ui/chart-options';
import { formatCount, formatDate } from '@/ui/format';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useIsPhone } from '@/ui/use-media-query';
import { sumSeries, sumWeeks, weekOf } from './coverage-figures';
import { type CoverageItemsQuery, useCoverage, useCoverageItems } from './oversight.api';
import { isDate, mondayOf, weekStartOf } from './visit-figures';
import { flagKindWords } from './visit-timeline-words';
import { WeekPicker } from './week-picker';
import './visit-oversight.css';
import { byCodePoint } from '@/ui/sort';

/** A manager's or a district's figures of the week. */
interface CoverageRow {
  id: number;
  name: string;
  figures: CoverageWeek;
}

/** What a drill-down opens: a figure of a manager, a district or the whole, in a week. */
interface Drill {
  query: CoverageItemsQuery;
  name: string;
  figureLabel: string;
}

function useNumbers() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const one = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
    return {
      count: (n: number) => formatCount(n, i18n.language),
      percent: (pct: number | null) => (pct === null ? t('visitOversight.common.none') : `${one.format(pct)}%`),
      rating: (value: number | null) =>
        value === null
          ? t('visitOversight.common.none')
          : t('visitOversight.common.starsAverage', { value: one.format(value) }),
    };
  }, [t, i18n.language]);
}

/** A count that opens the retailers behind it (a zero opens nothing). */
function FigureButton({
  value,
  label,
  onOpen,
  bad = false,
  testId,
}: {
  value: number;
  label: string;
  onOpen: () => void;
  bad?: boolean;
  /** `managers.12.done`: which row and figure, for the journeys. */
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Button
      type="link"
      className="siyi-figure-button"
      disabled={value === 0}
      onClick={onOpen}
      aria-label={t('visitOversight.coverage.openList', { figure: label, count: value })}
      data-testid="coverage-figure"
      data-figure={testId}
      data-value={value}
    >
      <span className={bad && value > 0 ? 'siyi-figure--bad' : undefined}>{formatCount(value, i18n.language)}</span>
    </Button>
  );
}

/** A headline figure; a count opens its list. */
function Kpi({ title, value, onOpen, testId }: { title: string; value: string; onOpen?: () => void; testId: string }) {
  const card = (
    <Card size="small">
      <Statistic title={title} value={value} />
    </Card>
  );
  if (!onOpen) return <div data-testid={testId}>{card}</div>;
  return (
    <button type="button" className="siyi-kpi-button" onClick={onOpen} data-testid={testId}>
      {card}
    </button>
  );
}

function Headline({ figures, open }: { figures: CoverageWeek; open: (figure: CoverageFigureName) => void }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const words = (key: string) => t(`visitOversight.coverage.figures.${key}` as 'visitOversight.coverage.figures.due');
  return (
    <div className="siyi-grid siyi-grid--kpi">
      <Kpi testId="coverage-due" title={words('due')} value={n.count(figures.due)} onOpen={() => open('due')} />
      <Kpi testId="coverage-done" title={words('done')} value={n.count(figures.done)} onOpen={() => open('done')} />
      <Kpi
        testId="coverage-overdue"
        title={words('overdue')}
        value={n.count(figures.overdue)}
        onOpen={() => open('overdue')}
      />
      <Kpi
        testId="coverage-pct"
        title={words('coverage')}
        value={n.percent(figures.coveragePct)}
        onOpen={() => open('due')}
      />
      <Kpi
        testId="coverage-rating"
        title={words('averageRating')}
        value={n.rating(figures.averageRating)}
        onOpen={() => open('rated')}
      />
      <Kpi
        testId="coverage-flagged"
        title={words('flaggedShare')}
        value={n.percent(figures.flaggedSharePct)}
        onOpen={() => open('flagged')}
      />
    </div>
  );
}

/** Coverage % per manager or district, as horizontal bars (names fit on a phone), lowest first. */
function CoverageBars({
  rows,
  label,
  categoryTitle,
  onOpen,
}: {
  rows: CoverageRow[];
  label: string;
  categoryTitle: string;
  /** A bar (or its name) opens the row's due visits, as its coverage % in the table does. */
  onOpen: (row: CoverageRow) => void;
}) {
  const { t, i18n } = useTranslation();
  const words = useChartWords();
  const isPhone = useIsPhone();
  const sorted = useMemo(
    () => [...rows].sort((a, b) => (a.figures.coveragePct ?? 0) - (b.figures.coveragePct ?? 0)),
    [rows],
  );
  const spec = useMemo((): ChartSpec => {
    return {
      kind: 'bars',
      categories: sorted.map((r) => r.name),
      values: sorted.map((r) => r.figures.coveragePct ?? 0),
      name: t('visitOversight.coverage.figures.coverage'),
      format: (value) => t('visitOversight.coverage.chart.percentUnit', { value }),
      categoryTitle,
      valueAxis: { title: t('visitOversight.coverage.chart.coverageAxis'), kind: 'count' },
      words,
      horizontal: true,
    };
  }, [sorted, t, categoryTitle, words]);
  if (rows.length === 0 || rows.every((r) => r.figures.due === 0)) {
    return <EmptyState description={t('visitOversight.coverage.noData')} />;
  }
  const open = (index: number) => {
    const row = sorted[index];
    if (row && row.figures.due > 0) onOpen(row);
  };
  const hint = isPhone ? t('visitOversight.coverage.chart.barsHintPhone') : t('visitOversight.coverage.chart.barsHint');
  return (
    <div data-testid="coverage-bars">
      <Chart
        spec={spec}
        label={`${label}. ${hint}`}
        locale={i18n.language}
        height={Math.max(200, 80 + rows.length * 36)}
        onOpen={open}
        openHint={t('visitOversight.coverage.chart.openHint')}
      />
      <Typography.Text type="secondary" className="siyi-chart-hint">
        {hint}
      </Typography.Text>
    </div>
  );
}

/** Due and done as bars, coverage % as a line on the right axis, week by week. */
function WeeklyCoverage({ weeks }: { weeks: CoverageWeek[] }) {
  const { t, i18n } = useTranslation();
  const words = useChartWords();
  const spec = useMemo((): ChartSpec => {
    const sorted = [...weeks].sort((a, b) => byCodePoint(a.weekStart, b.weekStart));
    const visits = (value: number) =>
      t('visitOversight.coverage.chart.visitsUnit', { value: formatCount(value, i18n.language) });
    return {
      kind: 'weekly',
      weeks: sorted.map((w) => w.weekStart),
      series: [
        {
          name: t('visitOversight.coverage.figures.due'),
          data: sorted.map((w) => w.due),
          type: 'bar',
          axis: 0,
          format: visits,
        },
        {
          name: t('visitOversight.coverage.figures.done'),
          data: sorted.map((w) => w.done),
          type: 'bar',
          axis: 0,
          format: visits,
        },
        {
          name: t('visitOversight.coverage.figures.coverage'),
          data: sorted.map((w) => w.coveragePct ?? 0),
          type: 'line',
          axis: 1,
          format: (value) => t('visitOversight.coverage.chart.percentUnit', { value }),
        },
      ],
      axes: [
        { title: t('visitOversight.coverage.chart.countAxis'), kind: 'count' },
        { title: t('visitOversight.coverage.chart.coverageAxis'), kind: 'count' },
      ],
      weekTitle: t('visitOversight.coverage.chart.week'),
      words,
      legend: true,
    };
  }, [weeks, t, words, i18n.language]);
  if (weeks.every((w) => w.due + w.done === 0)) return <EmptyState description={t('visitOversight.coverage.noData')} />;
  return (
    <Chart spec={spec} label={t('visitOversight.coverage.chart.weeklyLabel')} locale={i18n.language} height={340} />
  );
}

/** Every figure of each row; the counts open the retailers behind them. */
function FiguresTable({
  rows,
  nameTitle,
  label,
  open,
  testId,
}: {
  rows: CoverageRow[];
  nameTitle: string;
  label: string;
  open: (row: CoverageRow, figure: CoverageFigureName) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const n = useNumbers();
  const words = (key: string) => t(`visitOversight.coverage.figures.${key}` as 'visitOversight.coverage.figures.due');
  const count = (figure: CoverageFigureName, bad = false) => ({
    key: figure,
    title: words(figure),
    align: 'right' as const,
    render: (_v: unknown, r: CoverageRow) => (
      <FigureButton
        value={r.figures[figure]}
        label={`${r.name} · ${words(figure)}`}
        onOpen={() => open(r, figure)}
        bad={bad}
        testId={`${testId}.${r.id}.${figure}`}
      />
    ),
  });
  const columns: ResponsiveColumn<CoverageRow>[] = [
    { key: 'name', title: nameTitle, render: (_v, r) => <Typography.Text strong>{r.name}</Typography.Text> },
    count('due'),
    count('done'),
    count('overdue', true),
    {
      key: 'coverage',
      title: words('coverage'),
      align: 'right',
      // Coverage is done of due: it opens the due visits, each with its status.
      render: (_v, r) =>
        r.figures.due > 0 ? (
          <Button type="link" className="siyi-figure-button" onClick={() => open(r, 'due')}>
            {n.percent(r.figures.coveragePct)}
          </Button>
        ) : (
          n.percent(r.figures.coveragePct)
        ),
    },
    {
      key: 'averageRating',
      title: words('averageRating'),
      align: 'right',
      render: (_v, r) =>
        r.figures.rated > 0 ? (
          <Button type="link" className="siyi-figure-button" onClick={() => open(r, 'rated')}>
            <StarFilled aria-hidden style={{ color: '#fadb14' }} /> {n.rating(r.figures.averageRating)}
          </Button>
        ) : (
          n.rating(null)
        ),
    },
    {
      key: 'flaggedShare',
      title: words('flaggedShare'),
      align: 'right',
      render: (_v, r) =>
        r.figures.flagged > 0 ? (
          <Button type="link" className="siyi-figure-button" onClick={() => open(r, 'flagged')}>
            <span className="siyi-figure--bad">{n.percent(r.figures.flaggedSharePct)}</span>
          </Button>
        ) : (
          n.percent(r.figures.flaggedSharePct)
        ),
    },
  ];
  if (rows.length === 0) return null;
  return (
    <div data-testid={testId} style={{ marginTop: 12 }}>
      <ResponsiveTable columns={columns} rows={rows} rowKey={(r) => r.id} label={label} />
    </div>
  );
}

/** The visits behind one figure, each opening its retailer. */
function DrillDialog({ drill, onClose }: { drill: Drill; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const items = useCoverageItems(drill.query);
  const status = (item: CoverageItem) =>
    t(`visitOversight.coverage.visitStatuses.${item.status}` as 'visitOversight.coverage.visitStatuses.planned', {
      defaultValue: item.status,
    });
  const columns: ResponsiveColumn<CoverageItem>[] = [
    {
      key: 'shop',
      title: t('visitOversight.coverage.item.shop'),
      render: (_v, i) => <Link to={`/retailers/${i.retailerId}`}>{i.shopName}</Link>,
    },
    ...(drill.query.managerId === undefined
      ? [
          {
            key: 'manager',
            title: t('visitOversight.common.manager'),
            render: (_v: unknown, i: CoverageItem) => i.manager?.name ?? t('visitOversight.common.none'),
          },
        ]
      : []),
    {
      key: 'planned',
      title: t('visitOversight.coverage.item.planned'),
      render: (_v, i) =>
        i.plannedDate ? formatDate(i.plannedDate, i18n.language) : t('visitOversight.plans.unscheduled'),
    },
    { key: 'status', title: t('visitOversight.coverage.item.status'), render: (_v, i) => status(i) },
    {
      key: 'rating',
      title: t('visitOversight.coverage.item.rating'),
      render: (_v, i) =>
        i.rating === null ? t('visitOversight.common.none') : t('visitOversight.common.stars', { count: i.rating }),
    },
    {
      key: 'flag',
      title: t('visitOversight.coverage.item.flag'),
      render: (_v, i) =>
        i.flagKinds.length === 0 ? (
          t('visitOversight.common.none')
        ) : (
          <span className="siyi-flag-actions">
            {i.flagKinds.map((kind) => (
              <Tag key={kind} color="orange">
                {flagKindWords(kind, t)}
              </Tag>
            ))}
          </span>
        ),
    },
  ];
  return (
    <Modal
      open
      title={t('visitOversight.coverage.listTitle', { name: drill.name, figure: drill.figureLabel })}
      onCancel={onClose}
      footer={null}
      width={860}
    >
      <QueryView query={items} loading={<BlockLoading rows={6} />}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState description={t('visitOversight.coverage.listEmpty')} />
          ) : (
            <div data-testid="coverage-items">
              <ResponsiveTable
                columns={columns}
                rows={data.items}
                rowKey={(i) => i.visitId}
                label={t('visitOversight.coverage.listTitle', { name: drill.name, figure: drill.figureLabel })}
              />
            </div>
          )
        }
      </QueryView>
    </Modal>
  );
}

function CoverageView({
  data,
  week,
  districtId,
  scopeName,
}: {
  data: CoverageResponse;
  week: string;
  districtId: number | undefined;
  scopeName: string;
}) {
  const { t } = useTranslation();
  const [drill, setDrill] = useState<Drill | null>(null);
  const words = (key: string) => t(`visitOversight.coverage.figures.${key}` as 'visitOversight.coverage.figures.due');
  const open = (name: string, figure: CoverageFigureName, scope: Partial<CoverageItemsQuery>) =>
    setDrill({
      name,
      figureLabel: words(figure),
      query: { week, figure, ...(districtId !== undefined ? { districtId } : {}), ...scope },
    });
  const managers: CoverageRow[] = data.managers.map((m) => ({
    id: m.managerId,
    name: m.name,
    figures: weekOf(m.series, week),
  }));
  const districts: CoverageRow[] = data.districts.map((d) => ({
    id: d.districtId,
    name: d.name,
    figures: weekOf(d.series, week),
  }));
  // The whole: the districts added up (a manager sees only its own row, and no district).
  const parts = districts.length > 0 ? districts : managers;
  const total = sumWeeks(
    week,
    parts.map((p) => p.figures),
  );
  const trend = sumSeries(data.weeks, data.districts.length > 0 ? data.districts : data.managers);
  const showDistricts = districts.length > 1;
  const charts = (
    <div className="siyi-coverage-cards">
      <Card title={t('visitOversight.coverage.byManager')}>
        <CoverageBars
          rows={managers}
          label={t('visitOversight.coverage.chart.coverageByManager')}
          categoryTitle={t('visitOversight.common.manager')}
          onOpen={(row) => open(row.name, 'due', { managerId: row.id })}
        />
        <FiguresTable
          testId="coverage-managers"
          rows={managers}
          nameTitle={t('visitOversight.common.manager')}
          label={t('visitOversight.coverage.byManager')}
          open={(row, figure) => open(row.name, figure, { managerId: row.id })}
        />
      </Card>
      {showDistricts ? (
        <Card title={t('visitOversight.coverage.byDistrict')}>
          <CoverageBars
            rows={districts}
            label={t('visitOversight.coverage.chart.coverageByDistrict')}
            categoryTitle={t('visitOversight.common.district')}
            onOpen={(row) => open(row.name, 'due', { districtId: row.id })}
          />
          <FiguresTable
            testId="coverage-districts"
            rows={districts}
            nameTitle={t('visitOversight.common.district')}
            label={t('visitOversight.coverage.byDistrict')}
            open={(row, figure) => open(row.name, figure, { districtId: row.id })}
          />
        </Card>
      ) : null}
    </div>
  );
  return (
    <>
      <Headline figures={total} open={(figure) => open(scopeName, figure, {})} />
      {charts}
      <Card title={t('visitOversight.coverage.weekly')}>
        <WeeklyCoverage weeks={trend} />
      </Card>
      {drill ? <DrillDialog drill={drill} onClose={() => setDrill(null)} /> : null}
    </>
  );
}

/**
 * `/visits/coverage` for a supervisor (its district) or an admin (all, or one district): the week's due, done, overdue,
 * coverage %, average rating and flagged share — headline, per manager and per district, as charts and tables — and
 * the retailers behind every count.
 */
export function CoveragePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [search, setSearch] = useSearchParams();
  const weekParam = search.get('week');
  const week = isDate(weekParam) ? mondayOf(weekParam) : weekStartOf(new Date());
  const districtParam = Number(search.get('districtId'));
  const districtId = user.role === 'admin' && districtParam > 0 ? districtParam : undefined;
  const coverage = useCoverage(week, districtId);
  // The admin's district choices: every district of the unfiltered figures (the same query when none is chosen).
  const all = useCoverage(week, undefined);
  useDocumentTitle(t('visitOversight.coverage.title'));
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  const districts = (user.role === 'admin' ? all.data?.districts : coverage.data?.districts) ?? [];
  const scopeName =
    districtId !== undefined
      ? (districts.find((d) => d.districtId === districtId)?.name ?? t('visitOversight.common.district'))
      : user.role === 'admin'
        ? t('visitOversight.coverage.allDistricts')
        : user.orgUnitName;
  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('visitOversight.coverage.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('visitOversight.coverage.intro')}</Typography.Paragraph>
      <div className="siyi-visit-filters">
        <WeekPicker week={week} onChange={(w) => set('week', w === weekStartOf(new Date()) ? undefined : w)} />
        {user.role === 'admin' ? (
          <Select
            size="large"
            value={districtId ?? 0}
            onChange={(value: number) => set('districtId', value > 0 ? String(value) : undefined)}
            aria-label={t('visitOversight.coverage.districtChoice')}
            options={[
              { value: 0, label: t('visitOversight.coverage.allDistricts') },
              ...districts.map((d) => ({ value: d.districtId, label: d.name })),
            ]}
          />
        ) : null}
      </div>
      <QueryView query={coverage} loading={<BlockLoading rows={10} />}>
        {(data) => <CoverageView data={data} week={week} districtId={districtId} scopeName={scopeName} />}
      </QueryView>
    </div>
  );
}
