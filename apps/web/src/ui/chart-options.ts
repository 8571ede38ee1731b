import type { ChartOption } from './echart';
import { formatWeekLabel } from './format';

export interface WeeklySeries {
  name: string;
  data: readonly number[];
  type: 'line' | 'bar';
  /** 0 = left axis, 1 = right axis. */
  axis: 0 | 1;
  /** How a value reads in the tooltip (units, money). */
  format: (value: number) => string;
  area?: boolean;
}

export interface AxisSpec {
  name: string;
  /** Short tick labels, e.g. compact money. */
  format?: (value: number) => string;
}

const compactNumber = (locale: string) => {
  const format = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  return (value: number) => format.format(value);
};

/**
 * Weeks along the x axis (labels "MM-DD"), one or two value axes. Pure: easy to test and to reuse for
 * a retailer, a manager's book or a district.
 */
export function weeklyChartOption(options: {
  weeks: readonly string[];
  series: readonly WeeklySeries[];
  axes: readonly [AxisSpec] | readonly [AxisSpec, AxisSpec];
  locale: string;
  compact?: boolean;
}): ChartOption {
  const { weeks, series, axes, locale, compact = false } = options;
  const tick = compactNumber(locale);
  return {
    // 'same' + 'axisLabel': the grid rect shrinks until every axis label fits inside the canvas.
    grid: { left: 8, right: 12, top: 48, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, type: 'plain' },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: {
      type: 'category',
      data: weeks.map(formatWeekLabel),
      axisTick: { alignWithLabel: true },
      axisLabel: { hideOverlap: true },
    },
    yAxis: axes.map((axis, index) => ({
      type: 'value' as const,
      name: compact ? '' : axis.name,
      position: index === 0 ? ('left' as const) : ('right' as const),
      splitLine: { show: index === 0 },
      minInterval: 1,
      axisLabel: { formatter: (value: number) => (axis.format ?? tick)(value) },
    })),
    series: series.map((s) =>
      s.type === 'bar'
        ? {
            type: 'bar' as const,
            name: s.name,
            yAxisIndex: s.axis,
            data: [...s.data],
            barMaxWidth: 24,
            tooltip: { valueFormatter: (value) => s.format(Number(value)) },
          }
        : {
            type: 'line' as const,
            name: s.name,
            yAxisIndex: s.axis,
            data: [...s.data],
            smooth: true,
            showSymbol: weeks.length <= 12,
            ...(s.area ? { areaStyle: { opacity: 0.12 } } : {}),
            tooltip: { valueFormatter: (value) => s.format(Number(value)) },
          },
    ),
  };
}

/** A bar per category (tiers, managers). Horizontal bars fit long names on a phone. */
export function categoryBarOption(options: {
  categories: readonly string[];
  values: readonly number[];
  name: string;
  format: (value: number) => string;
  horizontal?: boolean;
  locale: string;
}): ChartOption {
  const { categories, values, name, format, horizontal = false, locale } = options;
  const tick = compactNumber(locale);
  const categoryAxis = {
    type: 'category' as const,
    data: [...categories],
    axisTick: { alignWithLabel: true },
    axisLabel: horizontal ? { width: 96, overflow: 'truncate' as const } : { hideOverlap: true },
    ...(horizontal ? { inverse: true } : {}),
  };
  // Counts of retailers or cartons are whole numbers: no 0.5 ticks.
  const valueAxis = {
    type: 'value' as const,
    minInterval: 1,
    axisLabel: { formatter: (value: number) => tick(value) },
  };
  return {
    grid: { left: 8, right: 16, top: 16, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: [
      {
        type: 'bar',
        name,
        data: [...values],
        barMaxWidth: 28,
        tooltip: { valueFormatter: (value) => format(Number(value)) },
      },
    ],
  };
}
