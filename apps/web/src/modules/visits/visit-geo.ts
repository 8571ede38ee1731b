/**
 * Positions, distances and navigation links of a visit. Pure: words come from Intl (units) or from the i18n
 * resources (durations, through the parts returned here), never from literals.
 */
import gcoord from 'gcoord';

export interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres between two WGS-84 positions (haversine; what the server measures too). */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

const unitFormats = new Map<string, Intl.NumberFormat>();
function unitFormat(locale: string, unit: 'meter' | 'kilometer', digits: number): Intl.NumberFormat {
  const key = `${locale}|${unit}|${digits}`;
  let format = unitFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: digits,
      minimumFractionDigits: 0,
    });
    unitFormats.set(key, format);
  }
  return format;
}

/**
 * A distance as a person reads it on a phone: whole metres under 100 m, tens of metres under 1 km, one decimal
 * of a kilometre under 10 km, whole kilometres beyond ("35 m", "350 m", "1.2 km", "18 km"; "350米", "1.2公里").
 */
export function formatDistance(meters: number, locale: string): string {
  if (!Number.isFinite(meters) || meters < 0) return '';
  if (meters < 100) return unitFormat(locale, 'meter', 0).format(Math.round(meters));
  if (meters < 995) return unitFormat(locale, 'meter', 0).format(Math.round(meters / 10) * 10);
  if (meters < 9_950) return unitFormat(locale, 'kilometer', 1).format(Math.round(meters / 100) / 10);
  return unitFormat(locale, 'kilometer', 0).format(Math.round(meters / 1000));
}

/** Seconds on site → whole hours, minutes and (under a minute only) seconds, for the i18n words. */
export function durationParts(seconds: number): { hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  if (total < 60) return { hours: 0, minutes: 0, seconds: total };
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return { hours, minutes, seconds: 0 };
}

/** Seconds between two instants (ISO-8601), never negative; `to` defaults to now. */
export function secondsBetween(fromIso: string, toIso: string | null, now: Date = new Date()): number {
  const from = new Date(fromIso).getTime();
  const to = toIso ? new Date(toIso).getTime() : now.getTime();
  if (Number.isNaN(from) || Number.isNaN(to)) return 0;
  return Math.max(0, Math.round((to - from) / 1000));
}

/** WGS-84 → GCJ-02, as Chinese map services expect. */
export function toGcj02({ lat, lng }: LatLng): LatLng {
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return { lat: y, lng: x };
}

/**
 * Turn-by-turn navigation to a shop in AMap (高德), from wherever the phone is: the app when installed
 * (`callnative=1`), its web page otherwise. Positions are stored WGS-84 and converted to GCJ-02 here.
 */
export function amapNavigationUrl(shop: LatLng & { name: string }): string {
  const to = toGcj02(shop);
  const params = new URLSearchParams({
    to: `${to.lng.toFixed(6)},${to.lat.toFixed(6)},${shop.name}`,
    mode: 'car',
    coordinate: 'gaode',
    callnative: '1',
    src: 'siyi',
  });
  return `https://uri.amap.com/navigation?${params.toString()}`;
}

/**
 * The same in Baidu Maps (百度): directions from `from` when the phone's position is known, the shop's marker
 * otherwise (Baidu's web directions need a start). Baidu takes WGS-84 itself (`coord_type=wgs84`).
 */
export function baiduNavigationUrl(shop: LatLng & { name: string }, from?: LatLng | null): string {
  const where = `${shop.lat.toFixed(6)},${shop.lng.toFixed(6)}`;
  if (from) {
    const params = new URLSearchParams({
      origin: `latlng:${from.lat.toFixed(6)},${from.lng.toFixed(6)}`,
      destination: `latlng:${where}|name:${shop.name}`,
      mode: 'driving',
      coord_type: 'wgs84',
      output: 'html',
      src: 'siyi',
    });
    return `https://api.map.baidu.com/direction?${params.toString()}`;
  }
  const params = new URLSearchParams({
    location: where,
    title: shop.name,
    content: shop.name,
    coord_type: 'wgs84',
    output: 'html',
    src: 'siyi',
  });
  return `https://api.map.baidu.com/marker?${params.toString()}`;
}

/** A plausible position (finite, on Earth): what a browser's geolocation may be trusted to give. */
export function isPosition(value: Partial<LatLng> | null | undefined): value is LatLng {
  return (
    !!value &&
    typeof value.lat === 'number' &&
    typeof value.lng === 'number' &&
    Number.isFinite(value.lat) &&
    Number.isFinite(value.lng) &&
    Math.abs(value.lat) <= 90 &&
    Math.abs(value.lng) <= 180
  );
}
