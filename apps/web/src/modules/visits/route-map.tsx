/**
 * The day's route on a map: each stop numbered in visiting order (its colour its status), the route as a line,
 * and the phone's position when known. Loaded lazily with Leaflet (see lazy-route-map.tsx). Positions are stored
 * WGS-84 and shifted to GCJ-02 for Chinese tiles, as the shared points map does.
 */
import 'leaflet/dist/leaflet.css';
import '@/ui/map/points-map.css';
import type { MapTiles, VisitStatus } from '@siyi/contracts';
import gcoord from 'gcoord';
import { divIcon, type LatLngBoundsExpression, type LatLngTuple } from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { CircleMarker, MapContainer, Marker, Polyline, TileLayer, Tooltip, useMap } from 'react-leaflet';

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

function shown(lat: number, lng: number, crs: 'gcj02' | 'wgs84' | null): LatLngTuple {
  if (crs !== 'gcj02') return [lat, lng];
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return [y, x];
}

function FitBounds({ bounds }: { bounds: LatLngBoundsExpression | null }) {
  const map = useMap();
  useEffect(() => {
    if (bounds) map.fitBounds(bounds, { padding: [28, 28], maxZoom: 16 });
  }, [map, bounds]);
  return null;
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
  const [tileErrors, setTileErrors] = useState(0);
  const [tileLoads, setTileLoads] = useState(0);
  const tilesFailed = tileErrors >= 4 && tileLoads === 0;
  const points = useMemo(() => stops.map((s) => ({ ...s, at: shown(s.lat, s.lng, crs) })), [stops, crs]);
  const mine = me ? shown(me.lat, me.lng, crs) : null;
  // The position moves a little at each reading: refit on the stops, and when the position first appears only.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  const bounds = useMemo<LatLngBoundsExpression | null>(() => {
    const all = [...points.map((p) => p.at), ...(mine ? [mine] : [])];
    if (all.length === 0) return null;
    const lats = all.map((p) => p[0]);
    const lngs = all.map((p) => p[1]);
    return [
      [Math.min(...lats), Math.min(...lngs)],
      [Math.max(...lats), Math.max(...lngs)],
    ];
  }, [points, mine !== null]);

  return (
    <div className="siyi-map" style={{ height }}>
      <MapContainer
        className="siyi-map__canvas"
        center={[34.03, 113.85]}
        zoom={12}
        style={{ height: '100%', width: '100%' }}
        aria-label={label}
        attributionControl={Boolean(tiles)}
      >
        <FitBounds bounds={bounds} />
        {tiles && !tilesFailed ? (
          <TileLayer
            url={tiles.url}
            subdomains={tiles.subdomains || 'abc'}
            attribution={tiles.attribution}
            maxZoom={18}
            eventHandlers={{
              tileerror: () => setTileErrors((n) => n + 1),
              tileload: () => setTileLoads((n) => n + 1),
            }}
          />
        ) : null}
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
      </MapContainer>
      {!tiles || tilesFailed ? (
        <p className="siyi-map__note" role="status">
          {noTilesText}
        </p>
      ) : null}
    </div>
  );
}
