import type { WeeklyFigure } from '@siyi/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '@/modules/shell/preferences';
import { Chart } from '@/ui/chart';
import type { ChartSpec, ChartWords } from '@/ui/chart-options';
import { formatCount } from '@/ui/format';
import { byCodePoint } from '@/ui/sort';
import { useIsPhone } from '@/ui/use-media-query';

/**
 * The retailer's weekly bars (retailer-sales' WeeklySalesChart, variant "retailer", without the staff's amount line
 * and without antd): a phone draws our SVG chart, a desktop ECharts, each loaded when the card comes near.
 * Chart text is two px under body text, so large type (A+) reaches it: 12 px, 16 px with A+.
 */
export function ShopWeeklyChart({ weeks, height }: { weeks: readonly WeeklyFigure[]; height: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const fontScale = usePreferences().fontScale;
  const isPhone = useIsPhone();
  const spec = useMemo((): ChartSpec => {
    const sorted = [...weeks].sort((a, b) => byCodePoint(a.weekStart, b.weekStart));
    const words: ChartWords = {
      locale,
      fontSize: fontScale === 2 ? 16 : 12,
      axisTitle: (title, unit) => t('dashboard.chart.axisTitle', { title, unit }),
      moneyUnit: (scale) => t('dashboard.chart.moneyUnit', { scale }),
    };
    return {
      kind: 'weekly',
      weeks: sorted.map((w) => w.weekStart),
      weekTitle: t('dashboard.chart.week'),
      words,
      compact: isPhone,
      series: [
        {
          name: t('dashboard.chart.quantity'),
          data: sorted.map((w) => w.quantity),
          axis: 0,
          type: 'bar',
          format: (value: number) => t('common.cartons', { value: formatCount(value, locale) }),
        },
      ],
      axes: [{ title: t('dashboard.chart.quantityAxis'), kind: 'count' }],
    };
  }, [weeks, t, locale, fontScale, isPhone]);
  return <Chart spec={spec} label={t('shop.weeklyChartLabel')} locale={locale} height={height} />;
}
