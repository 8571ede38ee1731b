import type { RetailerMapPoint } from '@siyi/contracts';
import { Alert, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatCount } from '@/ui/format';
import { LazyPointsMap, type MapPointItem } from '@/ui/map/lazy-points-map';
import { ErrorState } from '@/ui/states';
import { useIsPhone } from '@/ui/use-media-query';
import { mapQueryOf, type RetailerListFilters } from './retailer-filters';
import { useRetailerMap } from './retailers.api';

/** Tiers from small (light) to large (dark) in one hue; suspended and closed shops grey. */
function pointColour(point: RetailerMapPoint): string {
  if (point.status !== 'active') return '#8c8c8c';
  const lightness = 68 - Math.round(((point.tier - 1) / 29) * 40);
  return `hsl(211, 80%, ${lightness}%)`;
}

/** The filtered list on a map: each shop a point (tier by shade), each county of the scope outlined. */
export function RetailerMapView({ filters, from }: { filters: RetailerListFilters; from: { from: string } }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const query = useRetailerMap(mapQueryOf(filters));
  const data = query.data;
  const points = useMemo<MapPointItem[]>(
    () =>
      (data?.points ?? []).map((p) => ({
        id: p.id,
        lat: p.lat,
        lng: p.lng,
        color: pointColour(p),
        popup: (
          <div>
            <Link to={`/retailers/${p.id}`} state={from}>
              {p.shopName}
            </Link>
            <div>
              {t('retailers.tierValue', { tier: p.tier })}
              {p.status !== 'active' ? ` · ${t(`statuses.${p.status}`)}` : ''}
            </div>
          </div>
        ),
      })),
    [data, from, t],
  );
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <div className="siyi-page" aria-busy={query.isFetching}>
      {data ? (
        <Typography.Text type="secondary">
          {data.sampled
            ? t('find.map.sampled', {
                shown: formatCount(data.points.length, i18n.language),
                total: formatCount(data.total, i18n.language),
              })
            : t('find.map.count', { count: data.total, total: formatCount(data.total, i18n.language) })}
        </Typography.Text>
      ) : null}
      {data && data.total === 0 ? <Alert type="info" showIcon message={t('retailers.list.empty')} /> : null}
      {data ? (
        <LazyPointsMap
          points={points}
          outlines={data.outlines}
          tiles={data.tiles}
          label={t('find.map.label')}
          noTilesText={data.tiles ? t('find.map.tilesFailed') : t('find.map.noTiles')}
          height={isPhone ? '62vh' : 560}
        />
      ) : (
        <Skeleton.Node active style={{ width: '100%', height: isPhone ? '62vh' : 560 }} />
      )}
    </div>
  );
}
