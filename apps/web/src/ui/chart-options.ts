import type { ChartOption } from './echart';
import { formatCount, formatScaled, formatWeekLabel, moneyScaleFor } from './format';

/** The words a chart needs from the i18n resources (chart-options itself holds none), and its text size. */
export interface ChartWords {
  locale: string;
  /**
   * Text size in px of every chart text — axis labels and titles, legend, tooltip — from the user's type size,
   * so large type (A+) reaches the charts too (ECharts' own default is a fixed 12 px).
   */
  fontSize: number;
  /** An axis title with its unit: "金额（万元）", "Amount (¥K)". */
  axisTitle: (title: string, unit: string) => string;
  /** The unit of a money axis in a scale ('' = yuan, '万', 'K' …): "万元", "¥K". */
  moneyUnit: (suffix: string) => string;
}

/**
 * The charts' colours and type, antd's theme tokens as app/theme.ts sets them (brand teal first), held here so a
 * chart draws without antd's theme context: a role's home shows its charts without loading antd at all.
 */
export const CHART_THEME = {
  series: ['#1f6f5c', '#faad14', '#52c41a', '#1677ff', '#ff4d4f'],
  text: 'rgba(0,0,0,0.88)',
  textSecondary: '#595959',
  textTertiary: '#666666',
  link: '#1f6f5c',
  background: '#ffffff',
  highlight: 'rgba(0,0,0,0.06)',
  gridLine: '#f0f0f0',
  radius: 6,
  shadow: '0 6px 16px 0 rgba(0,0,0,0.08), 0 3px 6px -4px rgba(0,0,0,0.12), 0 9px 28px 8px rgba(0,0,0,0.05)',
  fontFamily:
    "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
} as const;

/** The text size of chart text in px for a type size: two px under body text (12, or 16 with large type A+). */
export function chartFontSize(fontScale: 1 | 2): number {
  return fontScale === 2 ? 16 : 12;
}

/**
 * A value axis. Money is in yuan and shown in one scale per axis, chosen from its largest value, with the scale
 * in the title ("金额（万元）" and ticks 0.5, 1, 1.5 — never "1万" above "8000"). Counts are whole numbers,
 * grouped ("12,000"); their title comes with its unit ("订货量（条）").
 */
export interface AxisSpec {
  title: string;
  kind: 'money' | 'count';
}

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

/** Title and tick formatter of a value axis holding `values`. */
export function valueAxisText(
  axis: AxisSpec,
  values: readonly number[],
  words: ChartWords,
): { name: string; format: (value: number) => string } {
  if (axis.kind === 'count') return { name: axis.title, format: (value) => formatCount(value, words.locale) };
  const largest = values.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
  const scale = moneyScaleFor(largest, words.locale);
  return {
    name: words.axisTitle(axis.title, words.moneyUnit(scale.suffix)),
    format: (value) => formatScaled(value, scale.divisor, words.locale),
  };
}

// Axis titles sit inside the chart's box (outerBoundsContain 'all'): a title at the top of a y axis is aligned
// to run inward, so a long one never leaves the canvas on a phone.
const Y_NAME_ALIGN = ['left', 'right'] as const;

/** Room between an axis and a title under (or beside) its labels: a label line and a gap, in the text size. */
const nameGap = (fontSize: number) => Math.round(fontSize * 1.6 + 8);

/** A weekly chart: weeks along the x axis, bars and lines on one or two value axes. */
export interface WeeklyChartSpec {
  kind?: 'weekly';
  weeks: readonly string[];
  series: readonly WeeklySeries[];
  axes: readonly [AxisSpec] | readonly [AxisSpec, AxisSpec];
  /** The x axis title, e.g. "周（周一）". */
  weekTitle: string;
  words: ChartWords;
  /** One series: no legend (the y axis title names it). */
  legend?: boolean;
  /** A narrow chart (phone): the right axis title goes a line higher, so the two titles never run together. */
  compact?: boolean;
}

/** A bar per category (tiers, managers). */
export interface CategoryBarSpec {
  kind?: 'bars';
  categories: readonly string[];
  values: readonly number[];
  /** The series name, shown in the tooltip. */
  name: string;
  format: (value: number) => string;
  categoryTitle: string;
  valueAxis: AxisSpec;
  words: ChartWords;
  horizontal?: boolean;
}

/**
 * What a chart shows, apart from how it is drawn: ECharts on a desktop (`chartOption`), our own SVG on a phone
 * (svg-chart.tsx, ADR 0006) — the same data, titles, units and text size either way.
 */
export type ChartSpec = (WeeklyChartSpec & { kind: 'weekly' }) | (CategoryBarSpec & { kind: 'bars' });

export function chartOption(spec: ChartSpec): ChartOption {
  return spec.kind === 'weekly' ? weeklyChartOption(spec) : categoryBarOption(spec);
}

/**
 * Weeks along the x axis (labels "MM-DD"), one or two value axes, every axis titled. Pure: easy to test and to
 * reuse for a retailer, a manager's book or a district.
 */
export function weeklyChartOption(options: WeeklyChartSpec): ChartOption {
  const { weeks, series, axes, weekTitle, words, legend = series.length > 1, compact = false } = options;
  const { fontSize } = words;
  return {
    // 'same' + 'all': the grid rect shrinks until every axis label and title fits inside the canvas.
    grid: {
      left: 8,
      right: 8,
      top: legend ? fontSize * 2 + 8 : 8,
      bottom: 4,
      outerBoundsMode: 'same',
      outerBoundsContain: 'all',
    },
    ...(legend ? { legend: { top: 0, type: 'plain' as const, textStyle: { fontSize } } } : {}),
    tooltip: { trigger: 'axis', confine: true, textStyle: { fontSize } },
    xAxis: {
      type: 'category',
      data: weeks.map(formatWeekLabel),
      name: weekTitle,
      nameLocation: 'middle',
      nameGap: nameGap(fontSize),
      nameTextStyle: { fontSize },
      axisTick: { alignWithLabel: true },
      axisLabel: { hideOverlap: true, fontSize },
    },
    yAxis: axes.map((axis, index) => {
      const text = valueAxisText(
        axis,
        series.filter((s) => s.axis === index).flatMap((s) => s.data),
        words,
      );
      return {
        type: 'value' as const,
        name: text.name,
        nameTextStyle: { fontSize, align: Y_NAME_ALIGN[index] },
        // ECharts' default gap is 15 px; a staggered title sits one text line above the other.
        nameGap: compact && index === 1 ? 15 + Math.round(fontSize * 1.4) : 15,
        position: index === 0 ? ('left' as const) : ('right' as const),
        splitLine: { show: index === 0 },
        ...(axis.kind === 'count' ? { minInterval: 1 } : {}),
        axisLabel: { fontSize, hideOverlap: true, formatter: (value: number) => text.format(value) },
      };
    }),
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
            // Weeks without orders are zeros: a monotone curve never dips below them.
            smoothMonotone: 'x' as const,
            showSymbol: weeks.length <= 12,
            ...(s.area ? { areaStyle: { opacity: 0.12 } } : {}),
            tooltip: { valueFormatter: (value) => s.format(Number(value)) },
          },
    ),
  };
}

/** A bar per category (tiers, managers), both axes titled. Horizontal bars fit long names on a phone. */
export function categoryBarOption(options: CategoryBarSpec): ChartOption {
  const { categories, values, name, format, categoryTitle, valueAxis, words, horizontal = false } = options;
  const { fontSize } = words;
  const text = valueAxisText(valueAxis, values, words);
  // A title at the top of a vertical axis; under a horizontal one, beneath its labels.
  const top = { nameLocation: 'end' as const, nameTextStyle: { fontSize, align: Y_NAME_ALIGN[0] } };
  const under = { nameLocation: 'middle' as const, nameGap: nameGap(fontSize), nameTextStyle: { fontSize } };
  const categoryAxis = {
    type: 'category' as const,
    data: [...categories],
    name: categoryTitle,
    axisTick: { alignWithLabel: true },
    axisLabel: horizontal
      ? { fontSize, width: fontSize * 7, overflow: 'truncate' as const }
      : { fontSize, hideOverlap: true },
    ...(horizontal ? { inverse: true, ...top, nameLocation: 'start' as const } : under),
  };
  const value = {
    type: 'value' as const,
    name: text.name,
    ...(valueAxis.kind === 'count' ? { minInterval: 1 } : {}),
    // Grouped counts are wide: on a phone a horizontal value axis drops the ticks that would overlap.
    axisLabel: { fontSize, hideOverlap: true, formatter: (v: number) => text.format(v) },
    ...(horizontal ? under : top),
  };
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, textStyle: { fontSize } },
    xAxis: horizontal ? value : categoryAxis,
    yAxis: horizontal ? categoryAxis : value,
    series: [
      {
        type: 'bar',
        name,
        data: [...values],
        barMaxWidth: 28,
        tooltip: { valueFormatter: (v) => format(Number(v)) },
      },
    ],
  };
}

/** What ECharts says of a click: on a series item (a bar, a point) or, with `triggerEvent`, on an axis label. */
export interface ChartClick {
  componentType?: string;
  dataIndex?: number;
  value?: unknown;
}

/** The categories of a spec, in its order (weeks of a weekly chart, names of a bar chart). */
const categoriesOf = (spec: ChartSpec): readonly string[] => (spec.kind === 'weekly' ? spec.weeks : spec.categories);

/** Which category of `spec` a click opened (a bar or its label), or null (a value axis, the empty plot). */
export function clickedCategory(spec: ChartSpec, click: ChartClick): number | null {
  const count = categoriesOf(spec).length;
  if (click.componentType === 'series' && typeof click.dataIndex === 'number') {
    return click.dataIndex >= 0 && click.dataIndex < count ? click.dataIndex : null;
  }
  if ((click.componentType === 'xAxis' || click.componentType === 'yAxis') && typeof click.value === 'string') {
    const index = categoriesOf(spec).indexOf(click.value);
    return index >= 0 ? index : null;
  }
  return null;
}

/** The option with its category axis labels clickable too: a bar of 0 has nothing else to click. */
export function withClickableCategories(option: ChartOption): ChartOption {
  const clickable = (axis: unknown) =>
    axis && typeof axis === 'object' && !Array.isArray(axis) && (axis as { type?: string }).type === 'category'
      ? { ...axis, triggerEvent: true }
      : axis;
  const each = (axes: unknown) => (Array.isArray(axes) ? axes.map(clickable) : clickable(axes));
  return { ...option, xAxis: each(option.xAxis), yAxis: each(option.yAxis) } as ChartOption;
}
