import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import type { RouteMapProps } from './route-map';

const RouteMap = lazy(() => import('./route-map').then((m) => ({ default: m.RouteMap })));

/** The route map, fetched only when first drawn (Leaflet and its CSS are a chunk of their own). */
export function LazyRouteMap(props: RouteMapProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height }} />}>
      <RouteMap {...props} />
    </Suspense>
  );
}

export type { RouteMapProps, RouteStop } from './route-map';
