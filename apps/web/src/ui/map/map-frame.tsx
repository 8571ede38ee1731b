/**
 * What every map of the app shares: stored WGS-84 positions shifted to GCJ-02 for Chinese tiles (gcoord; about
 * 500 m around 许昌 — otherwise shops would sit beside their streets), the view fitted to what is drawn, and the
 * frame: optional tiles that, when they fail to load (offline, blocked), give way to a blank background and a note
 * saying so, while the points and lines still draw. Imported only by lazily loaded maps (Leaflet stays out of the
 * first download of a page that only may show one).
 */
import 'leaflet/dist/leaflet.css';
import './points-map.css';
import gcoord from 'gcoord';
import type { LatLngBoundsExpression, LatLngTuple } from 'leaflet';
import { type ReactNode, useEffect, useState } from 'react';
import { MapContainer, TileLayer, useMap } from 'react-leaflet';

export type MapCrs = 'gcj02' | 'wgs84';

export interface MapTileSource {
  url: string;
  subdomains: string;
  crs: MapCrs;
  attribution: string;
}

/** Where the map draws a stored (WGS-84) position: shifted to GCJ-02 for Chinese tiles. */
export function displayPosition(lat: number, lng: number, crs: MapCrs | null): LatLngTuple {
  if (crs !== 'gcj02') return [lat, lng];
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return [y, x];
}

/** The box around the positions; null when there are none. */
export function boundsOf(positions: readonly LatLngTuple[]): LatLngBoundsExpression | null {
  if (positions.length === 0) return null;
  const lats = positions.map((p) => p[0]);
  const lngs = positions.map((p) => p[1]);
  return [
    [Math.min(...lats), Math.min(...lngs)],
    [Math.max(...lats), Math.max(...lngs)],
  ];
}

function FitBounds({ bounds, padding }: { bounds: LatLngBoundsExpression | null; padding: number }) {
  const map = useMap();
  useEffect(() => {
    if (bounds) map.fitBounds(bounds, { padding: [padding, padding], maxZoom: 16 });
  }, [map, bounds, padding]);
  return null;
}

export interface MapFrameProps {
  tiles: MapTileSource | null;
  /** The map's accessible name. */
  label: string;
  /** Shown over the map when there are no tiles or they cannot load. */
  noTilesText: string;
  height: number | string;
  /** The view is fitted to this box whenever it changes. */
  bounds: LatLngBoundsExpression | null;
  fitPadding: number;
  zoom: number;
  /** Many points: drawn on one canvas instead of one DOM node each. */
  preferCanvas?: boolean;
  children: ReactNode;
}

export function MapFrame({
  tiles,
  label,
  noTilesText,
  height,
  bounds,
  fitPadding,
  zoom,
  preferCanvas = false,
  children,
}: MapFrameProps) {
  // A few failed tiles and none loaded: the tile server is out of reach.
  const [tileErrors, setTileErrors] = useState(0);
  const [tileLoads, setTileLoads] = useState(0);
  const tilesFailed = tileErrors >= 4 && tileLoads === 0;
  return (
    <div className="siyi-map" style={{ height }}>
      <MapContainer
        className="siyi-map__canvas"
        preferCanvas={preferCanvas}
        center={[34.03, 113.85]}
        zoom={zoom}
        style={{ height: '100%', width: '100%' }}
        aria-label={label}
        attributionControl={Boolean(tiles)}
      >
        <FitBounds bounds={bounds} padding={fitPadding} />
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
        {children}
      </MapContainer>
      {!tiles || tilesFailed ? (
        <p className="siyi-map__note" role="status">
          {noTilesText}
        </p>
      ) : null}
    </div>
  );
}
