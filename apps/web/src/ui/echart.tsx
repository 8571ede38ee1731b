import { theme } from 'antd';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption, EChartsType } from 'echarts/core';
import { type CSSProperties, useEffect, useRef, useState } from 'react';

/** echarts itself (~140 KB compressed) loads once, when the first chart mounts; types only above. */
let echartsSetup: Promise<typeof import('./echarts-setup')> | undefined;
function loadEcharts() {
  echartsSetup ??= import('./echarts-setup').catch((error: unknown) => {
    // Offline for a moment: the next chart to mount tries again; this one keeps its reserved, labelled box.
    echartsSetup = undefined;
    throw error;
  });
  return echartsSetup;
}

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

export interface EChartProps {
  option: ChartOption;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  label: string;
  height?: number;
  /** 'zh-CN' or 'en': the language of echarts' own words (aria description, tooltips). */
  locale?: string;
  style?: CSSProperties;
}

/** Tooltips are HTML, not canvas text: give them the theme's size too (large type). */
function withTooltipText(tooltip: ChartOption['tooltip'], fontSize: number): ChartOption['tooltip'] {
  if (Array.isArray(tooltip)) return tooltip;
  return { ...tooltip, textStyle: { fontSize, ...tooltip?.textStyle } };
}

type AxisOption = NonNullable<ChartOption['xAxis']>;

function sizeAxes(axes: AxisOption | undefined, fontSize: number): AxisOption | undefined {
  if (axes === undefined) return undefined;
  const size = (axis: Record<string, unknown>) => ({
    ...axis,
    axisLabel: { fontSize, ...(axis.axisLabel as object | undefined) },
    nameTextStyle: { fontSize, ...(axis.nameTextStyle as object | undefined) },
  });
  return (
    Array.isArray(axes) ? axes.map((a) => size(a as Record<string, unknown>)) : size(axes as Record<string, unknown>)
  ) as AxisOption;
}

/**
 * ECharts gives axis labels and the legend a fixed 12 px that ignores the global text style;
 * set them from the theme so large type (A+) reaches the charts too.
 */
function withTextSize(option: ChartOption, fontSize: number): ChartOption {
  const legend = option.legend;
  return {
    ...option,
    xAxis: sizeAxes(option.xAxis, fontSize),
    yAxis: sizeAxes(option.yAxis as AxisOption | undefined, fontSize) as ChartOption['yAxis'],
    ...(legend && !Array.isArray(legend)
      ? { legend: { ...legend, textStyle: { fontSize, ...legend.textStyle } } }
      : {}),
    tooltip: withTooltipText(option.tooltip, fontSize),
  };
}

/**
 * A thin ECharts wrapper: init on a div, setOption on change, resize with the container, dispose on unmount.
 * Text follows the antd theme, so large type also enlarges chart labels.
 */
export function EChart({ option, label, height = 280, locale = 'zh-CN', style }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);
  const { token } = theme.useToken();
  const echartsLocale = locale === 'en' ? 'EN' : 'ZH';

  // One instance per container and language (echarts fixes its locale at init).
  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    let instance: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    let disposed = false;
    loadEcharts().then(
      ({ init }) => {
        if (disposed) return;
        const created = init(element, undefined, { renderer: 'canvas', locale: echartsLocale });
        instance = created;
        observer = new ResizeObserver(() => created.resize());
        observer.observe(element);
        setChart(created);
      },
      () => {},
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      instance?.dispose();
      setChart(null);
    };
  }, [echartsLocale]);

  useEffect(() => {
    chart?.setOption(
      {
        aria: { enabled: true },
        color: [token.colorPrimary, token.colorWarning, token.colorSuccess, token.colorInfo, token.colorError],
        textStyle: { fontFamily: token.fontFamily, fontSize: token.fontSizeSM, color: token.colorText },
        ...withTextSize(option, token.fontSizeSM),
      },
      { notMerge: true },
    );
  }, [chart, option, token]);

  return <div ref={container} role="img" aria-label={label} style={{ width: '100%', height, ...style }} />;
}
