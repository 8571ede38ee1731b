/**
 * Travel distances and times between points. The default is the great-circle distance × a road factor at an
 * average speed — good enough to order a day's visits in a county. A road-network provider (a map service's
 * distance matrix) plugs in by producing the same `TravelMatrix`; the solver never knows which one it got.
 */

export interface LatLng {
  lat: number;
  lng: number;
}

/** Row-major size×size matrices: metres for the objective, minutes for the schedule. */
export interface TravelMatrix {
  size: number;
  meters: ArrayLike<number>;
  minutes: ArrayLike<number>;
}

/** Anything that turns points into a travel matrix: straight lines here, a road network later. */
export interface TravelProvider {
  matrix(points: readonly LatLng[]): TravelMatrix;
}

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine: stable for the short distances of a day's route). */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface StraightLineOptions {
  /** Road distance ÷ straight-line distance; about 1.3 on county roads. Default 1.3. */
  roadFactor?: number;
  /** Average door-to-door speed in km/h, parking included. Default 25. */
  speedKmh?: number;
}

export const DEFAULT_ROAD_FACTOR = 1.3;
export const DEFAULT_SPEED_KMH = 25;

/** Haversine × road factor, at an average speed. */
export function straightLineProvider(options: StraightLineOptions = {}): TravelProvider {
  const factor = options.roadFactor ?? DEFAULT_ROAD_FACTOR;
  const speed = options.speedKmh ?? DEFAULT_SPEED_KMH;
  if (!(factor >= 1) || !Number.isFinite(factor)) throw new RangeError('roadFactor must be a finite number ≥ 1');
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError('speedKmh must be a positive finite number');
  const metersPerMinute = (speed * 1000) / 60;
  return {
    matrix(points) {
      const n = points.length;
      const meters = new Float64Array(n * n);
      const minutes = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const d = haversineMeters(points[i] as LatLng, points[j] as LatLng) * factor;
          meters[i * n + j] = d;
          meters[j * n + i] = d;
          minutes[i * n + j] = d / metersPerMinute;
          minutes[j * n + i] = d / metersPerMinute;
        }
      }
      return { size: n, meters, minutes };
    },
  };
}
