import './dashboard.css';
import { Card, Stat } from '@/ui/plain/plain';

/**
 * What a dashboard looks like while its figures load: the same grid of figure cards and chart cards, each as tall
 * as it will be, so the content below (the retailer list) does not jump when the figures arrive. Plain (no antd).
 */
export function DashboardPlaceholder({ figures, chartHeights }: { figures: number; chartHeights: readonly number[] }) {
  return (
    <div className="siyi-page" aria-busy="true">
      <div className="siyi-grid siyi-grid--kpi">
        {Array.from({ length: figures }, (_, i) => (
          // A figure card's label line and value line, with a grey line in place of the number.
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity but their place.
          <Card className="siyi-kpi-card" key={i}>
            <Stat label={'\u00a0'} value={<span className="siyi-dash-bar">{'\u00a0'}</span>} />
          </Card>
        ))}
      </div>
      <div className="siyi-grid siyi-grid--charts">
        {chartHeights.map((height, i) => (
          // The kit's card markup with a blank title line: an empty heading would be announced as one.
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity but their place.
          <div key={i} className="siyi-p-card">
            <div className="siyi-p-card__head">
              <span className="siyi-p-card__title siyi-dash-bar">{'\u00a0'}</span>
            </div>
            <div className="siyi-p-card__body">
              <div style={{ height }} />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
