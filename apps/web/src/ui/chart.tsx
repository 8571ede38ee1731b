import { useMemo } from 'react';
import { type ChartSpec, chartOption } from './chart-options';
import { EChart } from './echart';
import { SvgChart } from './svg-chart';
import { useIsPhone } from './use-media-query';

/**
 * A chart of figures people compare. On a desktop it is ECharts; on a phone our own SVG chart with the same data,
 * titles and units (ADR 0006), so a phone does not download ECharts (~150 KB compressed) for its first screen.
 */
export function Chart({
  spec,
  label,
  height,
  locale,
}: {
  spec: ChartSpec;
  /** What the chart shows, for screen readers. */
  label: string;
  height: number;
  locale: string;
}) {
  const isPhone = useIsPhone();
  const option = useMemo(() => (isPhone ? null : chartOption(spec)), [spec, isPhone]);
  if (!option) return <SvgChart spec={spec} label={label} height={height} locale={locale} />;
  return <EChart option={option} label={label} locale={locale} height={height} />;
}
