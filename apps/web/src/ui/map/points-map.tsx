/**
 * A map of many points over optional tiles, with outlines beneath: the retailer list's map, and any page that
 * needs one (the 360 page's shop). Loaded lazily (`lazy-points-map.tsx`): Leaflet and its CSS stay out of the
 * first download of a page that only may show a map. Positions, tiles and their failure: see map-frame.tsx.
 *
 * Thousands of points: drawn as circles on one canvas (`preferCanvas`), no DOM node per shop; one popup at a
 * time, for the point clicked.
 */
import { type ReactNode, useMemo, useState } from 'react';
import { CircleMarker, Polygon, Popup, Tooltip } from 'react-leaflet';
import { boundsOf, displayPosition, MapFrame, type MapTileSource } from './map-frame';

export type { MapTileSource } from './map-frame';

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

export function PointsMap({ points, outlines, tiles, label, noTilesText, height = 480 }: PointsMapProps) {
  const crs = tiles?.crs ?? null;
  const [selected, setSelected] = useState<number | null>(null);

  const shown = useMemo(() => points.map((p) => ({ ...p, at: displayPosition(p.lat, p.lng, crs) })), [points, crs]);
  const rings = useMemo(
    () => outlines.map((o) => ({ ...o, at: o.ring.map(([lat, lng]) => displayPosition(lat, lng, crs)) })),
    [outlines, crs],
  );
  const bounds = useMemo(
    () => boundsOf(shown.length > 0 ? shown.map((p) => p.at) : rings.flatMap((r) => r.at)),
    [shown, rings],
  );
  const chosen = shown.find((p) => p.id === selected);

  return (
    <MapFrame
      tiles={tiles}
      label={label}
      noTilesText={noTilesText}
      height={height}
      bounds={bounds}
      fitPadding={16}
      zoom={9}
      preferCanvas
    >
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
    </MapFrame>
  );
}
