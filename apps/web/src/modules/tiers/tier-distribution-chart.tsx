import { theme } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type ChartOption, EChart } from '@/ui/echart';
import { formatCount } from '@/ui/format';
import { useIsPhone } from '@/ui/use-media-query';

/**
 * Retailers per tier before and after a run, as two bar series over tiers 1 … 30: where the run moves the city.
 * ECharts loads lazily through EChart (near the screen, when the browser is idle), like the dashboards' charts.
 */
export function TierDistributionChart({ before, after }: { before: readonly number[]; after: readonly number[] }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const isPhone = useIsPhone();
  const locale = i18n.language;
  const option = useMemo<ChartOption>(() => {
    const tiers = Array.from({ length: Math.max(before.length, after.length, 30) }, (_, i) => String(i + 1));
    const count = (value: unknown) =>
      t('common.retailers', { count: Number(value), value: formatCount(Number(value), locale) });
    return {
      grid: { left: 8, right: 8, top: 36, bottom: 28, containLabel: true },
      legend: { top: 0, data: [t('tiers.chart.before'), t('tiers.chart.after')] },
      tooltip: {
        trigger: 'axis',
        valueFormatter: count,
      },
      xAxis: {
        type: 'category',
        data: tiers,
        name: isPhone ? '' : t('tiers.chart.axisTier'),
        nameLocation: 'middle',
        nameGap: 26,
        axisLabel: { interval: isPhone ? 4 : 1 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('tiers.chart.before'),
          data: [...before],
          itemStyle: { color: token.colorTextQuaternary },
        },
        { type: 'bar', name: t('tiers.chart.after'), data: [...after], itemStyle: { color: token.colorPrimary } },
      ],
    };
  }, [before, after, t, locale, isPhone, token.colorPrimary, token.colorTextQuaternary]);
  return <EChart option={option} label={t('tiers.chart.label')} height={isPhone ? 240 : 300} locale={locale} />;
}
