import type { ManagerFigure } from '@siyi/contracts';
import './dashboard.css';
import { type ReactNode, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '@/modules/shell/preferences';
import { Chart } from '@/ui/chart';
import { type ChartSpec, type ChartWords, chartFontSize } from '@/ui/chart-options';
import { fenToYuan, formatCount, formatMoney } from '@/ui/format';
import { Card, Empty, Stat } from '@/ui/plain/plain';
import { WhenVisible } from '@/ui/plain/when-visible';
import { byCodePoint } from '@/ui/sort';
import { useIsPhone } from '@/ui/use-media-query';
import { fullTierDistribution, rankManagers } from './dashboard-figures';

interface WeeklyWithRetailers {
  weekStart: string;
  quantity: number;
  amountFen: number;
  orderingRetailers: number;
}

/**
 * One headline figure; the value comes formatted (units, money) so both languages read naturally. Plain (no antd): the homes' first screens are made of these.
 */
export function KpiCard({ title, value, note }: { title: string; value: string; note?: ReactNode }) {
  return (
    <Card className="siyi-kpi-card">
      <Stat label={title} value={value} />
      {note ? <div className="siyi-kpi-note">{note}</div> : null}
    </Card>
  );
}

/**
 * A chart drawn once its place comes near the screen: until then (and while ECharts' code loads on a desktop) a
 * box of the chart's own height, named as the chart is, holds its place — nothing below moves when it arrives.
 */
function ChartWhenVisible({
  spec,
  label,
  locale,
  height,
}: {
  spec: ChartSpec;
  label: string;
  locale: string;
  height: number;
}) {
  return (
    <WhenVisible placeholder={<div role="img" aria-label={label} style={{ height }} />}>
      <Chart spec={spec} label={label} locale={locale} height={height} />
    </WhenVisible>
  );
}

/** What a chart with nothing to draw says instead. */
function ChartEmpty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return <Empty>{children ?? t('common.emptyTitle')}</Empty>;
}

function useCartons() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (value: number) => t('common.cartons', { value: formatCount(value, i18n.language) }),
    [t, i18n.language],
  );
}

/**
 * The language and type size of the charts: chart text is two px under body text, so it grows with large
 * type (A+: 16 px instead of 12).
 */
export function useChartWords(): ChartWords {
  const { t, i18n } = useTranslation();
  const fontSize = chartFontSize(usePreferences().fontScale);
  return useMemo(
    () => ({
      locale: i18n.language,
      fontSize,
      axisTitle: (title: string, unit: string) => t('dashboard.chart.axisTitle', { title, unit }),
      moneyUnit: (scale: string) => t('dashboard.chart.moneyUnit', { scale }),
    }),
    [t, i18n.language, fontSize],
  );
}

/** A weekly money series in yuan, read in the tooltip in the one money format. */
export function useAmountSeries() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (weekly: readonly { amountFen: number }[]) => ({
      name: t('dashboard.chart.amount'),
      data: weekly.map((w) => fenToYuan(w.amountFen)),
      format: (yuan: number) => formatMoney(Math.round(yuan * 100), i18n.language),
    }),
    [t, i18n.language],
  );
}

/** Weekly cartons as bars, with ordering retailers (manager) or amount (district) as a line on the right axis. */
export function WeeklyChart({
  weekly,
  second,
  label,
}: {
  weekly: readonly WeeklyWithRetailers[];
  second: 'orderingRetailers' | 'amount';
  label: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const cartons = useCartons();
  const words = useChartWords();
  const amountSeries = useAmountSeries();
  const isPhone = useIsPhone();
  const spec = useMemo((): ChartSpec => {
    const sorted = [...weekly].sort((a, b) => byCodePoint(a.weekStart, b.weekStart));
    const line =
      second === 'amount'
        ? amountSeries(sorted)
        : {
            name: t('dashboard.chart.orderingRetailers'),
            data: sorted.map((w) => w.orderingRetailers),
            format: (n: number) => t('common.retailers', { count: n, value: formatCount(n, locale) }),
          };
    return {
      kind: 'weekly',
      weeks: sorted.map((w) => w.weekStart),
      series: [
        {
          name: t('dashboard.chart.quantity'),
          data: sorted.map((w) => w.quantity),
          type: 'bar',
          axis: 0,
          format: cartons,
        },
        { ...line, type: 'line', axis: 1 },
      ],
      axes: [
        { title: t('dashboard.chart.quantityAxis'), kind: 'count' },
        second === 'amount'
          ? { title: t('dashboard.chart.amount'), kind: 'money' }
          : { title: t('dashboard.chart.orderingRetailersAxis'), kind: 'count' },
      ],
      weekTitle: t('dashboard.chart.week'),
      words,
      compact: isPhone,
    };
  }, [weekly, second, t, locale, cartons, words, amountSeries, isPhone]);
  // Every calendar week is in the series; a period without a single order says so instead of drawing zeros.
  if (weekly.every((w) => w.quantity === 0)) return <ChartEmpty>{t('retailers.sales.empty')}</ChartEmpty>;
  return <ChartWhenVisible spec={spec} label={label} locale={locale} height={320} />;
}

export function TierDistributionChart({
  counts,
  label,
}: {
  counts: readonly { tier: number; count: number }[];
  label: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const words = useChartWords();
  const spec = useMemo(
    (): ChartSpec => ({
      kind: 'bars',
      categories: Array.from({ length: 30 }, (_, i) => String(i + 1)),
      values: fullTierDistribution(counts),
      name: t('dashboard.chart.retailerCount'),
      format: (n) => t('common.retailers', { count: n, value: formatCount(n, locale) }),
      categoryTitle: t('dashboard.chart.tier'),
      valueAxis: { title: t('dashboard.chart.retailerCountAxis'), kind: 'count' },
      words,
    }),
    [counts, t, locale, words],
  );
  if (counts.length === 0) return <ChartEmpty />;
  return <ChartWhenVisible spec={spec} label={label} locale={locale} height={260} />;
}

/** The managers' chart's height: a bar's row per manager, at least a small chart's. */
export function managerChartHeight(managers: number): number {
  return Math.max(220, 80 + managers * 36);
}

/** Each manager's cartons over the last four weeks, largest first: horizontal bars fit names on a phone. */
export function ManagerComparisonChart({ managers, label }: { managers: readonly ManagerFigure[]; label: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const cartons = useCartons();
  const words = useChartWords();
  const ranked = useMemo(() => rankManagers(managers), [managers]);
  const spec = useMemo(
    (): ChartSpec => ({
      kind: 'bars',
      categories: ranked.map((m) => m.name),
      values: ranked.map((m) => m.recentQuantity),
      name: t('dashboard.district.recentQuantity'),
      format: cartons,
      categoryTitle: t('dashboard.district.managerName'),
      valueAxis: { title: t('dashboard.chart.recentQuantityAxis'), kind: 'count' },
      words,
      horizontal: true,
    }),
    [ranked, t, cartons, words],
  );
  if (managers.length === 0) return <ChartEmpty>{t('dashboard.district.noManagers')}</ChartEmpty>;
  return <ChartWhenVisible spec={spec} label={label} locale={locale} height={managerChartHeight(ranked.length)} />;
}
