/**
 * Small geographic helpers for the demo city: GCJ-02 ⇄ WGS-84 and distances.
 *
 * Siyi stores WGS-84 (what phones' GPS reports); Chinese map data (the county seats and boundaries we derive
 * the demo city from) is GCJ-02, offset by about 500–600 m around 许昌. The conversion is the widely published
 * public formula for the GCJ-02 obfuscation (accurate to about a metre); the inverse is solved by fixed-point
 * iteration. If the app grows a shared geo module, these belong there.
 */

const A = 6378245.0;
const EE = 0.006693421622965943;

function transformLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

export interface LngLat {
  lng: number;
  lat: number;
}

/** WGS-84 → GCJ-02 (mainland China; the formula is not meant for points abroad). */
export function wgs84ToGcj02(lng: number, lat: number): LngLat {
  const dLat0 = transformLat(lng - 105, lat - 35);
  const dLng0 = transformLng(lng - 105, lat - 35);
  const radLat = (lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (dLat0 * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (dLng0 * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lng: lng + dLng, lat: lat + dLat };
}

/** GCJ-02 → WGS-84 by fixed-point iteration of the forward formula (converges to < 1e-9° in a few steps). */
export function gcj02ToWgs84(lng: number, lat: number): LngLat {
  let wLng = lng;
  let wLat = lat;
  for (let i = 0; i < 10; i++) {
    const g = wgs84ToGcj02(wLng, wLat);
    const dLng = g.lng - lng;
    const dLat = g.lat - lat;
    wLng -= dLng;
    wLat -= dLat;
    if (Math.abs(dLng) < 1e-10 && Math.abs(dLat) < 1e-10) break;
  }
  return { lng: wLng, lat: wLat };
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres. */
export function haversineKm(a: LngLat, b: LngLat): number {
  const dLat = ((b.lat - a.lat) * Math.PI) / 180;
  const dLng = ((b.lng - a.lng) * Math.PI) / 180;
  const s =
    Math.sin(dLat / 2) ** 2 +
    Math.cos((a.lat * Math.PI) / 180) * Math.cos((b.lat * Math.PI) / 180) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Kilometres per degree at a latitude: a local flat projection is plenty inside one county. */
export function kmPerDegree(lat: number): { lng: number; lat: number } {
  return { lng: 111.32 * Math.cos((lat * Math.PI) / 180), lat: 110.574 };
}

/** Moves a point by (east, north) kilometres on a local flat projection. */
export function offsetKm(origin: LngLat, eastKm: number, northKm: number): LngLat {
  const k = kmPerDegree(origin.lat);
  return { lng: origin.lng + eastKm / k.lng, lat: origin.lat + northKm / k.lat };
}

/** Even–odd point-in-polygon over rings of [lng, lat] pairs (holes work as rings of the same polygon). */
export function pointInRings(point: LngLat, rings: readonly (readonly (readonly number[])[])[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const pi = ring[i] as readonly number[];
      const pj = ring[j] as readonly number[];
      const xi = pi[0] as number;
      const yi = pi[1] as number;
      const xj = pj[0] as number;
      const yj = pj[1] as number;
      if (yi > point.lat !== yj > point.lat && point.lng < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
  }
  return inside;
}
