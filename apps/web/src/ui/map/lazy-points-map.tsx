import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import type { PointsMapProps } from './points-map';

const PointsMap = lazy(() => import('./points-map').then((m) => ({ default: m.PointsMap })));

/** The map, fetched only when first drawn (Leaflet, its CSS and gcoord are a chunk of their own). */
export function LazyPointsMap(props: PointsMapProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 480 }} />}>
      <PointsMap {...props} />
    </Suspense>
  );
}

export type { MapOutlineItem, MapPointItem, MapTileSource, PointsMapProps } from './points-map';
