import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption, EChartsType } from 'echarts/core';
import { type CSSProperties, useEffect, useRef, useState } from 'react';
import { usePreferences } from '@/modules/shell/preferences';
import { CHART_THEME, type ChartClick, chartFontSize } from './chart-options';

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

/**
 * Calls `start` once `element` is within a screen of the viewport and the main thread is idle; returns a cancel
 * function. Without IntersectionObserver (old browsers, tests) it only waits for idle.
 */
function whenNearAndIdle(element: Element, start: () => void): () => void {
  let cancelIdle: (() => void) | undefined;
  const onIdle = () => {
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(start, { timeout: 2000 });
      cancelIdle = () => window.cancelIdleCallback(id);
    } else {
      const id = window.setTimeout(start, 0);
      cancelIdle = () => window.clearTimeout(id);
    }
  };
  if (typeof IntersectionObserver !== 'function') {
    onIdle();
    return () => cancelIdle?.();
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      onIdle();
    },
    { rootMargin: '100% 0px' },
  );
  observer.observe(element);
  return () => {
    observer.disconnect();
    cancelIdle?.();
  };
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
  /** A click on a series item (a bar) or a label with `triggerEvent`; ECharts' own event, narrowed. */
  onClick?: (click: ChartClick) => void;
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
 * Text follows the user's type size, so large type also enlarges chart labels; colours are the theme's
 * (CHART_THEME), so a chart needs no antd.
 */
export function EChart({ option, label, height = 280, locale = 'zh-CN', style, onClick }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  // The latest handler, read at click time: a new function each render does not re-register the listener.
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const clickable = onClick !== undefined;
  const [chart, setChart] = useState<EChartsType | null>(null);
  const fontSize = chartFontSize(usePreferences().fontScale);
  const echartsLocale = locale === 'en' ? 'EN' : 'ZH';

  // One instance per container and language (echarts fixes its locale at init). Not before the chart's box is
  // near the screen and the browser is idle: a phone paints the page's text and figures first, and echarts' code
  // (~140 KB) and first drawing do not hold up the taps in between. The box keeps its height, so nothing moves.
  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    let instance: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    let disposed = false;
    const stopWaiting = whenNearAndIdle(element, () => {
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
    });
    return () => {
      disposed = true;
      stopWaiting();
      observer?.disconnect();
      instance?.dispose();
      setChart(null);
    };
  }, [echartsLocale]);

  useEffect(() => {
    chart?.setOption(
      {
        // The grow-in animation redraws the canvas every frame for a second: on a slow phone that is a second of
        // busy main thread for nothing the reader needs.
        animation: false,
        aria: { enabled: true },
        color: [...CHART_THEME.series],
        textStyle: { fontFamily: CHART_THEME.fontFamily, fontSize, color: CHART_THEME.text },
        ...withTextSize(option, fontSize),
      },
      { notMerge: true },
    );
  }, [chart, option, fontSize]);

  useEffect(() => {
    if (!chart || !clickable) return undefined;
    const handler = (params: { componentType?: string; dataIndex?: number; value?: unknown }) =>
      clickRef.current?.({ componentType: params.componentType, dataIndex: params.dataIndex, value: params.value });
    chart.on('click', handler);
    return () => {
      if (!chart.isDisposed()) chart.off('click', handler);
    };
  }, [chart, clickable]);

  return <div ref={container} role="img" aria-label={label} style={{ width: '100%', height, ...style }} />;
}
