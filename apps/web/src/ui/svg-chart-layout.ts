import type { AxisSpec, ChartSpec, ChartWords } from './chart-options';
import { valueAxisText } from './chart-options';
import { formatWeekLabel } from './format';

/**
 * Where every mark of a phone chart goes (svg-chart.tsx draws it): pure, so the geometry is tested without a
 * browser. The rules follow the desktop's ECharts charts (chart-options.ts): every axis titled with its unit, one
 * money scale per axis, ticks on round values, labels that would overlap left out, text in the user's size (A+).
 */

/** Width in px of a text in the chart's font and size (a canvas measure in the browser). */
export type MeasureText = (text: string) => number;

export interface LaidText {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  /** Titles are drawn in the body text colour, labels in the secondary one. */
  role: 'title' | 'label';
}

export interface LaidBar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Category index (week, tier, manager). */
  index: number;
  series: number;
}

export interface LaidLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface LaidSeries {
  name: string;
  type: 'bar' | 'line';
  values: readonly number[];
  format: (value: number) => string;
}

export interface ChartLayout {
  orientation: 'vertical' | 'horizontal';
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** How many categories, each a band of the category axis. */
  bands: number;
  /** Each category's name as the tooltip and the data table say it ("06-01", "3", a manager). */
  categories: readonly string[];
  categoryTitle: string;
  series: readonly LaidSeries[];
  texts: LaidText[];
  grid: LaidLine[];
  ticks: LaidLine[];
  axis: LaidLine[];
  bars: LaidBar[];
  /** Line series: one point per category, in the series' colour. */
  lines: { series: number; points: [number, number][]; dots: boolean }[];
  legend: { x: number; y: number; series: number }[];
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/**
 * Round ticks from 0 to at least `max`, about `intervals` of them: steps of 1, 2, 2.5 or 5 × 10ⁿ (whole numbers
 * when `integer`). An empty or all-zero series still gets an axis (0 and 1).
 */
export function niceTicks(max: number, intervals: number, integer: boolean): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const rough = top / Math.max(1, intervals);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  let step = magnitude * 10;
  for (const nice of NICE_STEPS) {
    const candidate = nice * magnitude;
    if (candidate >= rough && (!integer || Number.isInteger(candidate))) {
      step = candidate;
      break;
    }
  }
  if (integer) step = Math.max(1, Math.round(step));
  const count = Math.ceil(top / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** `text` cut to `width` px with an ellipsis (long manager names beside horizontal bars). */
export function truncateText(text: string, width: number, measure: MeasureText): string {
  if (measure(text) <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && measure(`${chars.join('')}…`) > width) chars.pop();
  return `${chars.join('')}…`;
}

interface ValueAxis {
  ticks: number[];
  max: number;
  labels: string[];
  title: string;
  labelWidth: number;
}

function valueAxis(axis: AxisSpec, values: readonly number[], words: ChartWords, intervals: number, m: MeasureText) {
  const text = valueAxisText(axis, values, words);
  const largest = values.reduce((max, v) => Math.max(max, v), 0);
  const ticks = niceTicks(largest, intervals, axis.kind === 'count');
  const labels = ticks.map((t) => text.format(t));
  return {
    ticks,
    max: ticks[ticks.length - 1] ?? 1,
    labels,
    title: text.name,
    labelWidth: Math.max(0, ...labels.map(m)),
  } satisfies ValueAxis;
}

/** Indexes of the labels to show along an axis so that none overlaps the one before (ECharts' hideOverlap). */
function spacedLabels(centres: readonly number[], widths: readonly number[], gap: number): number[] {
  // A regular step reads better than greedy gaps on a week axis: every k-th label.
  const widest = Math.max(0, ...widths);
  const spacing = centres.length > 1 ? Math.abs((centres[1] ?? 0) - (centres[0] ?? 0)) : widest + gap;
  const step = Math.max(1, Math.ceil((widest + gap) / Math.max(spacing, 1e-6)));
  return centres.map((_, i) => i).filter((i) => i % step === 0);
}

/** Legend items in rows, centred, each a swatch and its series name. */
function layoutLegend(
  names: readonly string[],
  width: number,
  top: number,
  fontSize: number,
  m: MeasureText,
  texts: LaidText[],
): { items: ChartLayout['legend']; height: number } {
  const swatch = Math.round(fontSize * 1.6);
  const itemWidths = names.map((n) => swatch + 4 + m(n));
  const rows: number[][] = [[]];
  let used = 0;
  itemWidths.forEach((w, i) => {
    const row = rows[rows.length - 1] as number[];
    if (row.length > 0 && used + 16 + w > width) {
      rows.push([i]);
      used = w;
    } else {
      used += (row.length > 0 ? 16 : 0) + w;
      row.push(i);
    }
  });
  const lineHeight = Math.round(fontSize * 1.5);
  const items: ChartLayout['legend'] = [];
  rows.forEach((row, r) => {
    const rowWidth = row.reduce((sum, i, k) => sum + (itemWidths[i] ?? 0) + (k > 0 ? 16 : 0), 0);
    let x = (width - rowWidth) / 2;
    const y = top + r * lineHeight + lineHeight / 2;
    for (const i of row) {
      items.push({ x, y, series: i });
      texts.push({ x: x + swatch + 4, y: y + fontSize * 0.35, text: names[i] ?? '', anchor: 'start', role: 'label' });
      x += (itemWidths[i] ?? 0) + 16;
    }
  });
  return { items, height: rows.length * lineHeight + 4 };
}

/** Lays out a chart in a box of `width` × `height` px. */
export function layoutChart(spec: ChartSpec, width: number, height: number, measure: MeasureText): ChartLayout {
  return spec.kind === 'bars' && spec.horizontal
    ? layoutHorizontal(spec, width, height, measure)
    : layoutVertical(spec, width, height, measure);
}

function layoutVertical(spec: ChartSpec, width: number, height: number, m: MeasureText): ChartLayout {
  const { fontSize } = spec.words;
  const lineHeight = Math.round(fontSize * 1.4);
  const pad = 8;
  const texts: LaidText[] = [];
  const weekly = spec.kind === 'weekly';
  const series: LaidSeries[] = weekly
    ? spec.series.map((s) => ({ name: s.name, type: s.type, values: s.data, format: s.format }))
    : [{ name: spec.name, type: 'bar', values: spec.values, format: spec.format }];
  const axisOf = (i: number): 0 | 1 => (weekly ? (spec.series[i]?.axis ?? 0) : 0);
  const axisSpecs: readonly AxisSpec[] = weekly ? spec.axes : [spec.valueAxis];
  const categories = weekly ? spec.weeks.map(formatWeekLabel) : [...spec.categories];
  const categoryTitle = weekly ? spec.weekTitle : spec.categoryTitle;

  let top = 4;
  let legend: ChartLayout['legend'] = [];
  if (weekly && (spec.legend ?? spec.series.length > 1)) {
    const laid = layoutLegend(
      series.map((s) => s.name),
      width,
      top,
      fontSize,
      m,
      texts,
    );
    legend = laid.items;
    top += laid.height;
  }

  // Value axes: about one tick per three lines of text, at most five intervals (ECharts' default).
  const bottomSpace = lineHeight * 2 + 10;
  const roughPlot = height - top - lineHeight * 2 - bottomSpace;
  const intervals = Math.max(2, Math.min(5, Math.floor(roughPlot / (lineHeight * 2.2))));
  const axes = axisSpecs.map((axis, index) =>
    valueAxis(
      axis,
      series.filter((_, i) => axisOf(i) === index).flatMap((s) => s.values),
      spec.words,
      intervals,
      m,
    ),
  );

  // Axis titles above the plot: the left one at the left, the right one at the right; on a narrow chart they
  // would run together, so the right one goes a line lower (ECharts' charts stagger them the same way).
  const left = axes[0] as ValueAxis;
  const right = axes[1];
  const titleY = top + fontSize;
  texts.push({ x: pad, y: titleY, text: left.title, anchor: 'start', role: 'title' });
  let titleLines = 1;
  if (right) {
    const fits = m(left.title) + m(right.title) + 16 <= width - pad * 2;
    if (!fits) titleLines = 2;
    texts.push({
      x: width - pad,
      y: fits ? titleY : titleY + lineHeight,
      text: right.title,
      anchor: 'end',
      role: 'title',
    });
  }
  top += titleLines * lineHeight + Math.round(fontSize * 0.9);

  const plot = {
    left: pad + left.labelWidth + 6,
    top,
    right: width - pad - (right ? right.labelWidth + 6 : Math.max(4, m(categories.at(-1) ?? '') / 2)),
    bottom: height - bottomSpace,
  };
  const plotHeight = Math.max(1, plot.bottom - plot.top);
  const y = (value: number, axis: ValueAxis) => plot.bottom - (value / axis.max) * plotHeight;

  const grid: LaidLine[] = [];
  left.ticks.forEach((tick, i) => {
    const at = y(tick, left);
    if (tick > 0) grid.push({ x1: plot.left, y1: at, x2: plot.right, y2: at });
    texts.push({ x: plot.left - 6, y: at + fontSize * 0.35, text: left.labels[i] ?? '', anchor: 'end', role: 'label' });
  });
  right?.ticks.forEach((tick, i) => {
    texts.push({
      x: plot.right + 6,
      y: y(tick, right) + fontSize * 0.35,
      text: right.labels[i] ?? '',
      anchor: 'start',
      role: 'label',
    });
  });

  const bands = categories.length;
  const band = (plot.right - plot.left) / Math.max(1, bands);
  const centre = (i: number) => plot.left + band * (i + 0.5);
  const barSeries = series.map((s, i) => ({ s, i })).filter(({ s }) => s.type === 'bar');
  const barWidth = Math.min((band * 0.7) / Math.max(1, barSeries.length), weekly ? 24 : 28);
  const bars: LaidBar[] = [];
  barSeries.forEach(({ s, i: seriesIndex }, k) => {
    const axis = axes[axisOf(seriesIndex)] as ValueAxis;
    s.values.forEach((value, index) => {
      const top = y(Math.max(0, value), axis);
      const x = centre(index) - (barWidth * barSeries.length) / 2 + k * barWidth;
      bars.push({ x, y: top, width: barWidth, height: plot.bottom - top, index, series: seriesIndex });
    });
  });
  const lines = series
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.type === 'line')
    .map(({ s, i }) => {
      const axis = axes[axisOf(i)] as ValueAxis;
      return {
        series: i,
        points: s.values.map((v, index) => [centre(index), y(v, axis)] as [number, number]),
        dots: bands <= 12,
      };
    });

  // Category labels under the plot, as many as fit side by side.
  const labelY = plot.bottom + 6 + fontSize;
  const ticks: LaidLine[] = [];
  const centres = categories.map((_, i) => centre(i));
  for (const i of spacedLabels(centres, categories.map(m), 6)) {
    const x = centres[i] ?? 0;
    ticks.push({ x1: x, y1: plot.bottom, x2: x, y2: plot.bottom + 4 });
    texts.push({ x, y: labelY, text: categories[i] ?? '', anchor: 'middle', role: 'label' });
  }
  texts.push({
    x: (plot.left + plot.right) / 2,
    y: labelY + lineHeight + 2,
    text: categoryTitle,
    anchor: 'middle',
    role: 'title',
  });

  return {
    orientation: 'vertical',
    width,
    height,
    plot,
    bands,
    categories: weekly ? spec.weeks : categories,
    categoryTitle,
    series,
    texts,
    grid,
    ticks,
    axis: [{ x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom }],
    bars,
    lines,
    legend,
  };
}

function layoutHorizontal(
  spec: ChartSpec & { kind: 'bars' },
  width: number,
  height: number,
  m: MeasureText,
): ChartLayout {
  const { fontSize } = spec.words;
  const lineHeight = Math.round(fontSize * 1.4);
  const pad = 8;
  const texts: LaidText[] = [];
  const series: LaidSeries[] = [{ name: spec.name, type: 'bar', values: spec.values, format: spec.format }];
  // Names beside the bars, cut to seven characters' width as on the desktop.
  const names = spec.categories.map((c) => truncateText(c, fontSize * 7, m));
  const nameWidth = Math.max(0, ...names.map(m));

  texts.push({ x: pad, y: 4 + fontSize, text: spec.categoryTitle, anchor: 'start', role: 'title' });
  const plotWidthGuess = width - pad * 2 - nameWidth - 6;
  const intervals = Math.max(2, Math.min(5, Math.floor(plotWidthGuess / (fontSize * 5))));
  const axis = valueAxis(spec.valueAxis, spec.values, spec.words, intervals, m);
  const lastLabel = axis.labels.at(-1) ?? '';
  const plot = {
    left: pad + nameWidth + 6,
    top: 4 + lineHeight + Math.round(fontSize * 0.6),
    right: width - pad - Math.max(4, m(lastLabel) / 2),
    bottom: height - (lineHeight * 2 + 10),
  };
  const plotWidth = Math.max(1, plot.right - plot.left);
  const x = (value: number) => plot.left + (value / axis.max) * plotWidth;

  const grid: LaidLine[] = [];
  const ticks: LaidLine[] = [];
  const labelY = plot.bottom + 6 + fontSize;
  const centres = axis.ticks.map(x);
  const shown = new Set(spacedLabels(centres, axis.labels.map(m), 8));
  axis.ticks.forEach((tick, i) => {
    const at = centres[i] ?? 0;
    if (tick > 0) grid.push({ x1: at, y1: plot.top, x2: at, y2: plot.bottom });
    if (shown.has(i)) texts.push({ x: at, y: labelY, text: axis.labels[i] ?? '', anchor: 'middle', role: 'label' });
  });
  texts.push({
    x: (plot.left + plot.right) / 2,
    y: labelY + lineHeight + 2,
    text: axis.title,
    anchor: 'middle',
    role: 'title',
  });

  const bands = spec.categories.length;
  const band = (plot.bottom - plot.top) / Math.max(1, bands);
  const barHeight = Math.min(band * 0.7, 28);
  const bars: LaidBar[] = [];
  spec.values.forEach((value, index) => {
    const centre = plot.top + band * (index + 0.5);
    ticks.push({ x1: plot.left - 4, y1: centre, x2: plot.left, y2: centre });
    texts.push({
      x: plot.left - 6,
      y: centre + fontSize * 0.35,
      text: names[index] ?? '',
      anchor: 'end',
      role: 'label',
    });
    bars.push({
      x: plot.left,
      y: centre - barHeight / 2,
      width: x(Math.max(0, value)) - plot.left,
      height: barHeight,
      index,
      series: 0,
    });
  });

  return {
    orientation: 'horizontal',
    width,
    height,
    plot,
    bands,
    categories: spec.categories,
    categoryTitle: spec.categoryTitle,
    series,
    texts,
    grid,
    ticks,
    axis: [{ x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom }],
    bars,
    lines: [],
    legend: [],
  };
}
