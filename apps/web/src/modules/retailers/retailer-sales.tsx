import type { ProductFigure, WeeklyFigure } from '@siyi/contracts';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { weeklyChartOption } from '@/ui/chart-options';
import { EChart } from '@/ui/echart';
import { fenToYuan, formatCount, formatFen, formatFenCompact } from '@/ui/format';
import { type ResponsiveColumn, ResponsiveTable } from '@/ui/responsive-table';
import { EmptyState } from '@/ui/states';

export function byWeek<T extends { weekStart: string }>(weeks: readonly T[]): T[] {
  return [...weeks].sort((a, b) => a.weekStart.localeCompare(b.weekStart));
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
  const option = useMemo(() => {
    const sorted = byWeek(weeks);
    const cartons = (value: number) => t('common.cartons', { value: formatCount(value, locale) });
    const quantity = {
      name: t('dashboard.chart.quantity'),
      data: sorted.map((w) => w.quantity),
      axis: 0 as const,
      format: cartons,
    };
    if (variant === 'retailer') {
      return weeklyChartOption({
        weeks: sorted.map((w) => w.weekStart),
        series: [{ ...quantity, type: 'bar' }],
        axes: [{ name: t('common.cartonsUnit') }],
        locale,
        compact: true,
      });
    }
    return weeklyChartOption({
      weeks: sorted.map((w) => w.weekStart),
      series: [
        { ...quantity, type: 'bar' },
        {
          name: t('dashboard.chart.amount'),
          data: sorted.map((w) => fenToYuan(w.amountFen)),
          type: 'line',
          axis: 1,
          format: (yuan) => formatFen(Math.round(yuan * 100), locale),
        },
      ],
      axes: [{ name: t('common.cartonsUnit') }, { name: t('common.yuanUnit') }],
      locale,
    });
  }, [weeks, variant, t, locale]);

  if (weeks.length === 0) return <EmptyState description={t('retailers.sales.empty')} />;
  return (
    <EChart
      option={option}
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
      render: (_, p) => formatFenCompact(p.amountFen, locale),
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
