import { lazy, Suspense, useMemo } from 'react';
import { type ChartSpec, chartOption, clickedCategory, withClickableCategories } from './chart-options';
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
  onOpen,
  openHint,
}: {
  spec: ChartSpec;
  /** What the chart shows, for screen readers. */
  label: string;
  height: number;
  locale: string;
  /**
   * Opens what is behind a category (its index in the spec): on a desktop a click on its bar or label, on a phone
   * a second tap on the category whose values show (or Enter).
   */
  onOpen?: (index: number) => void;
  /** The phone tooltip's hint that a second tap opens the category ("再点一下查看清单"). */
  openHint?: string;
}) {
  const isPhone = useIsPhone();
  const clickable = onOpen !== undefined;
  const option = useMemo(() => {
    if (isPhone) return null;
    const drawn = chartOption(spec);
    return clickable ? withClickableCategories(drawn) : drawn;
  }, [spec, isPhone, clickable]);
  if (!option) {
    return <SvgChart spec={spec} label={label} height={height} locale={locale} onOpen={onOpen} openHint={openHint} />;
  }
  return (
    // The box keeps the chart's height while its code loads, so nothing below moves.
    <Suspense fallback={<div role="img" aria-label={label} style={{ height }} />}>
      <EChart
        option={option}
        label={label}
        locale={locale}
        height={height}
        onClick={
          onOpen
            ? (click) => {
                const index = clickedCategory(spec, click);
                if (index !== null) onOpen(index);
              }
            : undefined
        }
      />
    </Suspense>
  );
}
