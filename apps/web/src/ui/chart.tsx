import { lazy, Suspense, useMemo } from 'react';
import { type ChartSpec, chartOption } from './chart-options';
import { SvgChart } from './svg-chart';
import { useIsPhone } from './use-media-query';

// The ECharts wrapper is a desktop matter: a phone never loads it (nor ECharts, which it loads in turn).
const EChart = lazy(() => import('./echart').then((m) => ({ default: m.EChart })));

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
  return (
    // The box keeps the chart's height while its code loads, so nothing below moves.
    <Suspense fallback={<div role="img" aria-label={label} style={{ height }} />}>
      <EChart option={option} label={label} locale={locale} height={height} />
    </Suspense>
  );
}
