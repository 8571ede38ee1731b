import type { ManagerFigure } from '@siyi/contracts';
import { Card, Statistic } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryBarOption, weeklyChartOption } from '@/ui/chart-options';
import { EChart } from '@/ui/echart';
import { fenToYuan, formatCount, formatFen } from '@/ui/format';
import { EmptyState } from '@/ui/states';
import { useIsPhone } from '@/ui/use-media-query';
import { fullTierDistribution, rankManagers } from './dashboard-figures';

interface WeeklyWithRetailers {
  weekStart: string;
  quantity: number;
  amountFen: number;
  orderingRetailers: number;
}

/** One headline figure; the value comes formatted (units, money) so both languages read naturally. */
export function KpiCard({ title, value, note }: { title: string; value: string; note?: ReactNode }) {
  return (
    <Card size="small">
      <Statistic title={title} value={value} />
      {note ? <div className="siyi-kpi-note">{note}</div> : null}
    </Card>
  );
}

function useCartons() {
  const { t, i18n } = useTranslation();
  return (value: number) => t('common.cartons', { value: formatCount(value, i18n.language) });
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
  const isPhone = useIsPhone();
  const option = useMemo(() => {
    const sorted = [...weekly].sort((a, b) => a.weekStart.localeCompare(b.weekStart));
    const line =
      second === 'amount'
        ? {
            name: t('dashboard.chart.amount'),
            data: sorted.map((w) => fenToYuan(w.amountFen)),
            format: (yuan: number) => formatFen(Math.round(yuan * 100), locale),
          }
        : {
            name: t('dashboard.chart.orderingRetailers'),
            data: sorted.map((w) => w.orderingRetailers),
            format: (n: number) => formatCount(n, locale),
          };
    return weeklyChartOption({
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
        { name: t('common.cartonsUnit') },
        { name: second === 'amount' ? t('common.yuanUnit') : t('dashboard.chart.retailerCount') },
      ],
      locale,
      compact: isPhone,
    });
  }, [weekly, second, t, locale, cartons, isPhone]);
  if (weekly.length === 0) return <EmptyState description={t('retailers.sales.empty')} />;
  return <EChart option={option} label={label} locale={locale} height={300} />;
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
  const option = useMemo(
    () =>
      categoryBarOption({
        categories: Array.from({ length: 30 }, (_, i) => String(i + 1)),
        values: fullTierDistribution(counts),
        name: t('dashboard.chart.retailerCount'),
        format: (n) => t('common.retailers', { count: n, value: formatCount(n, locale) }),
        locale,
      }),
    [counts, t, locale],
  );
  if (counts.length === 0) return <EmptyState />;
  return <EChart option={option} label={label} locale={locale} height={260} />;
}

/** Each manager's cartons over the last four weeks, largest first: horizontal bars fit names on a phone. */
export function ManagerComparisonChart({ managers, label }: { managers: readonly ManagerFigure[]; label: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const cartons = useCartons();
  const ranked = useMemo(() => rankManagers(managers), [managers]);
  const option = useMemo(
    () =>
      categoryBarOption({
        categories: ranked.map((m) => m.name),
        values: ranked.map((m) => m.recentQuantity),
        name: t('dashboard.district.recentQuantity'),
        format: cartons,
        horizontal: true,
        locale,
      }),
    [ranked, t, locale, cartons],
  );
  if (managers.length === 0) return <EmptyState description={t('dashboard.district.noManagers')} />;
  return <EChart option={option} label={label} locale={locale} height={Math.max(200, 40 + ranked.length * 36)} />;
}
