/**
 * A map of many points over optional tiles, with outlines beneath: the retailer list's map, and any page that
 * needs one (the 360 page's shop). Loaded lazily (`lazy-points-map.tsx`): Leaflet and its CSS stay out of the
 * first download of a page that only may show a map.
 *
 * Positions arrive in WGS-84 (as stored). Chinese tile services draw in GCJ-02, so for `crs: 'gcj02'` tiles
 * every point and outline corner is shifted with gcoord (about 500 m around 许昌) — otherwise shops would sit
 * beside their streets. Without tiles, or when they fail to load (offline, blocked), the points and outlines
 * still draw on a blank background and a note says so.
 *
 * Thousands of points: drawn as circles on one canvas (`preferCanvas`), no DOM node per shop; one popup at a
 * time, for the point clicked.
 */
import 'leaflet/dist/leaflet.css';
import './points-map.css';
import gcoord from 'gcoord';
import type { LatLngBoundsExpression, LatLngTuple } from 'leaflet';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { CircleMarker, MapContainer, Polygon, Popup, TileLayer, Tooltip, useMap } from 'react-leaflet';

export interface MapPointItem {
  id: number;
  /** WGS-84. */
  lat: number;
  lng: number;
  /** Fill colour of the point. */
  color: string;
  /** Shown in the popup when the point is clicked. */
  popup: ReactNode;
}

export interface MapOutlineItem {
  code: string;
  name: string;
  /** WGS-84 [lat, lng] corners. */
  ring: [number, number][];
}

export interface MapTileSource {
  url: string;
  subdomains: string;
  crs: 'gcj02' | 'wgs84';
  attribution: string;
}

export interface PointsMapProps {
  points: readonly MapPointItem[];
  outlines: readonly MapOutlineItem[];
  tiles: MapTileSource | null;
  /** The map's accessible name. */
  label: string;
  /** Shown over the map when there are no tiles or they cannot load. */
  noTilesText: string;
  height?: number | string;
}

/** Where the map draws a stored (WGS-84) position: shifted to GCJ-02 for Chinese tiles. */
function displayPosition(lat: number, lng: number, crs: 'gcj02' | 'wgs84' | null): LatLngTuple {
  if (crs !== 'gcj02') return [lat, lng];
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return [y, x];
}

function FitBounds({ bounds }: { bounds: LatLngBoundsExpression | null }) {
  const map = useMap();
  useEffect(() => {
    if (bounds) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 16 });
  }, [map, bounds]);
  return null;
}

export function PointsMap({ points, outlines, tiles, label, noTilesText, height = 480 }: PointsMapProps) {
  const crs = tiles?.crs ?? null;
  const [tilesFailed, setTilesFailed] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);

  const shown = useMemo(() => points.map((p) => ({ ...p, at: displayPosition(p.lat, p.lng, crs) })), [points, crs]);
  const rings = useMemo(
    () => outlines.map((o) => ({ ...o, at: o.ring.map(([lat, lng]) => displayPosition(lat, lng, crs)) })),
    [outlines, crs],
  );
  const bounds = useMemo<LatLngBoundsExpression | null>(() => {
    const all = shown.length > 0 ? shown.map((p) => p.at) : rings.flatMap((r) => r.at);
    if (all.length === 0) return null;
    const lats = all.map((p) => p[0]);
    const lngs = all.map((p) => p[1]);
    return [
      [Math.min(...lats), Math.min(...lngs)],
      [Math.max(...lats), Math.max(...lngs)],
    ];
  }, [shown, rings]);
  const chosen = shown.find((p) => p.id === selected);
  // A few failed tiles and none loaded: the tile server is out of reach.
  const [tileErrors, setTileErrors] = useState(0);
  const [tileLoads, setTileLoads] = useState(0);
  useEffect(() => {
    if (tileErrors >= 4 && tileLoads === 0) setTilesFailed(true);
  }, [tileErrors, tileLoads]);

  return (
    <div className="siyi-map" style={{ height }}>
      <MapContainer
        className="siyi-map__canvas"
        preferCanvas
        center={[34.03, 113.85]}
        zoom={9}
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
        {rings.map((r) => (
          <Polygon
            key={r.code}
            positions={r.at}
            pathOptions={{ color: '#5b6b7f', weight: 1.5, fillColor: '#9fb3c8', fillOpacity: 0.08, dashArray: '4 4' }}
          >
            <Tooltip sticky>{r.name}</Tooltip>
          </Polygon>
        ))}
        {shown.map((p) => (
          <CircleMarker
            key={p.id}
            center={p.at}
            radius={5}
            pathOptions={{ color: '#ffffff', weight: 1, fillColor: p.color, fillOpacity: 0.9 }}
            eventHandlers={{ click: () => setSelected(p.id) }}
          />
        ))}
        {chosen ? (
          <Popup position={chosen.at} eventHandlers={{ remove: () => setSelected(null) }}>
            {chosen.popup}
          </Popup>
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
