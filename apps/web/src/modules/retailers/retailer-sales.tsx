import type { ProductFigure, WeeklyFigure } from '@siyi/contracts';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAmountSeries, useChartWords } from '@/modules/dashboard/dashboard-charts';
import { Chart } from '@/ui/chart';
import type { ChartSpec } from '@/ui/chart-options';
import { formatCount, formatMoney } from '@/ui/format';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { byCodePoint } from '@/ui/sort';
import { EmptyState } from '@/ui/states';
import { useIsPhone } from '@/ui/use-media-query';

export function byWeek<T extends { weekStart: string }>(weeks: readonly T[]): T[] {
  return [...weeks].sort((a, b) => byCodePoint(a.weekStart, b.weekStart));
}

/**
 * Weekly quantity (条) and amount. Staff compare both on two axes; a retailer sees plain bars of
 * what they bought, which reads more easily in large type.
 */
export function WeeklySalesChart({
  weeks,
  variant = 'staff',
  height,
}: {
  weeks: readonly WeeklyFigure[];
  variant?: 'staff' | 'retailer';
  height?: number;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const words = useChartWords();
  const amountSeries = useAmountSeries();
  const isPhone = useIsPhone();
  const spec = useMemo((): ChartSpec => {
    const sorted = byWeek(weeks);
    const cartons = (value: number) => t('common.cartons', { value: formatCount(value, locale) });
    const quantity = {
      name: t('dashboard.chart.quantity'),
      data: sorted.map((w) => w.quantity),
      axis: 0 as const,
      format: cartons,
    };
    const common = {
      kind: 'weekly' as const,
      weeks: sorted.map((w) => w.weekStart),
      weekTitle: t('dashboard.chart.week'),
      words,
      compact: isPhone,
    };
    const quantityAxis = { title: t('dashboard.chart.quantityAxis'), kind: 'count' } as const;
    if (variant === 'retailer') {
      return { ...common, series: [{ ...quantity, type: 'bar' }], axes: [quantityAxis] };
    }
    return {
      ...common,
      series: [
        { ...quantity, type: 'bar' },
        { ...amountSeries(sorted), type: 'line', axis: 1 },
      ],
      axes: [quantityAxis, { title: t('dashboard.chart.amount'), kind: 'money' }],
    };
  }, [weeks, variant, t, locale, words, amountSeries, isPhone]);

  // Every calendar week is in the series; a period without a single order says so instead of drawing zeros.
  if (weeks.every((w) => w.quantity === 0)) return <EmptyState description={t('retailers.sales.empty')} />;
  return (
    <Chart
      spec={spec}
      label={variant === 'retailer' ? t('shop.weeklyChartLabel') : t('retailers.sales.chartLabel')}
      locale={locale}
      height={height ?? 300}
    />
  );
}

export function TopProductsTable({ products }: { products: readonly ProductFigure[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const columns: ResponsiveColumn<ProductFigure>[] = [
    {
      key: 'product',
      title: t('retailers.sales.product'),
      render: (_, p) => (
        <div>
          <Typography.Text strong>{p.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{p.brand}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: 'quantity',
      title: t('dashboard.chart.quantity'),
      align: 'right',
      render: (_, p) => formatCount(p.quantity, locale),
    },
    {
      key: 'amount',
      title: t('dashboard.chart.amount'),
      align: 'right',
      render: (_, p) => formatMoney(p.amountFen, locale),
    },
  ];
  if (products.length === 0) return <EmptyState description={t('retailers.sales.empty')} />;
  return (
    <ResponsiveTable<ProductFigure>
      rowKey={(p) => p.productId}
      columns={columns}
      rows={products}
      label={t('retailers.sales.topProducts')}
    />
  );
}
