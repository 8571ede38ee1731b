/**
 * The day's route on a map: each stop numbered in visiting order (its colour its status), the route as a line,
 * and the phone's position when known. Loaded lazily with Leaflet (see lazy-route-map.tsx). Positions are stored
 * WGS-84 and shifted to GCJ-02 for Chinese tiles (ui/map/map-frame.tsx, as every map).
 */
import type { MapTiles, VisitStatus } from '@siyi/contracts';
import { divIcon } from 'leaflet';
import { useMemo } from 'react';
import { CircleMarker, Marker, Polyline, Tooltip } from 'react-leaflet';
import { boundsOf, displayPosition, MapFrame } from '@/ui/map/map-frame';

export interface RouteStop {
  id: number;
  order: number;
  lat: number;
  lng: number;
  name: string;
  status: VisitStatus;
}

export interface RouteMapProps {
  stops: readonly RouteStop[];
  me: { lat: number; lng: number } | null;
  tiles: MapTiles;
  label: string;
  meLabel: string;
  noTilesText: string;
  height: number | string;
  onOpen: (id: number) => void;
}

const icons = new Map<string, ReturnType<typeof divIcon>>();
function stopIcon(order: number, status: VisitStatus) {
  const key = `${order}|${status}`;
  let icon = icons.get(key);
  if (!icon) {
    icon = divIcon({
      className: `siyi-route-pin siyi-route-pin--${status}`,
      html: `<span>${order}</span>`,
      iconSize: [30, 30],
      iconAnchor: [15, 15],
    });
    icons.set(key, icon);
  }
  return icon;
}

export function RouteMap({ stops, me, tiles, label, meLabel, noTilesText, height, onOpen }: RouteMapProps) {
  const crs = tiles?.crs ?? null;
  const points = useMemo(() => stops.map((s) => ({ ...s, at: displayPosition(s.lat, s.lng, crs) })), [stops, crs]);
  const mine = me ? displayPosition(me.lat, me.lng, crs) : null;
  // The position moves a little at each reading: refit on the stops, and when the position first appears only.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  const bounds = useMemo(
    () => boundsOf([...points.map((p) => p.at), ...(mine ? [mine] : [])]),
    [points, mine !== null],
  );

  return (
    <MapFrame
      tiles={tiles}
      label={label}
      noTilesText={noTilesText}
      height={height}
      bounds={bounds}
      fitPadding={28}
      zoom={12}
    >
      {points.length > 1 ? (
        <Polyline
          positions={points.map((p) => p.at)}
          pathOptions={{ color: '#1f6f5c', weight: 3, opacity: 0.7, dashArray: '6 6' }}
        />
      ) : null}
      {points.map((p) => (
        <Marker
          key={p.id}
          position={p.at}
          icon={stopIcon(p.order, p.status)}
          title={`${p.order}. ${p.name}`}
          alt={`${p.order}. ${p.name}`}
          eventHandlers={{ click: () => onOpen(p.id) }}
        >
          <Tooltip direction="top" offset={[0, -14]}>{`${p.order}. ${p.name}`}</Tooltip>
        </Marker>
      ))}
      {mine ? (
        <CircleMarker
          center={mine}
          radius={9}
          pathOptions={{ color: '#ffffff', weight: 3, fillColor: '#1677ff', fillOpacity: 1 }}
        >
          <Tooltip permanent direction="right" offset={[10, 0]}>
            {meLabel}
          </Tooltip>
        </CircleMarker>
      ) : null}
    </MapFrame>
  );
}
