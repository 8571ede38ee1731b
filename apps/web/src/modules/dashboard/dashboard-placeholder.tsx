import { Card, Skeleton, Statistic } from 'antd';

/**
 * What a dashboard looks like while its figures load: the same grid of figure cards and chart cards, each as tall
 * as it will be, so the content below (the retailer list) does not jump when the figures arrive.
 */
export function DashboardPlaceholder({ figures, chartHeights }: { figures: number; chartHeights: readonly number[] }) {
  return (
    <div className="siyi-page" aria-busy="true">
      <div className="siyi-grid siyi-grid--kpi">
        {Array.from({ length: figures }, (_, i) => (
          // A figure card's title line and value line, with the value's skeleton in place of the number.
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity but their place.
          <Card size="small" key={i}>
            <Statistic title={'\u00a0'} value={0} loading />
          </Card>
        ))}
      </div>
      <div className="siyi-grid siyi-grid--charts">
        {chartHeights.map((height, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity but their place.
          <Card key={i} title={<Skeleton.Input active size="small" />}>
            <div style={{ height }} />
          </Card>
        ))}
      </div>
    </div>
  );
}
