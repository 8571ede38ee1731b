import { describe, expect, it } from 'vitest';
import {
  amapNavigationUrl,
  baiduNavigationUrl,
  distanceMeters,
  durationParts,
  formatDistance,
  isPosition,
  secondsBetween,
} from './visit-geo';

const xuchang = { lat: 34.0357, lng: 113.8523 };

describe('distance to the shop', () => {
  it('measures metres on the ground', () => {
    expect(distanceMeters(xuchang, xuchang)).toBe(0);
    // 0.001° of latitude is about 111 m anywhere.
    expect(distanceMeters(xuchang, { lat: xuchang.lat + 0.001, lng: xuchang.lng })).toBeCloseTo(111.2, 0);
    // 0.01° of longitude at 34° N is about 922 m.
    const east = distanceMeters(xuchang, { lat: xuchang.lat, lng: xuchang.lng + 0.01 });
    expect(east).toBeGreaterThan(915);
    expect(east).toBeLessThan(930);
  });

  it('reads as metres, tens of metres, a decimal of a kilometre, then whole kilometres', () => {
    expect(formatDistance(34.4, 'en')).toBe('34 m');
    expect(formatDistance(347, 'en')).toBe('350 m');
    expect(formatDistance(994, 'en')).toBe('990 m');
    expect(formatDistance(996, 'en')).toBe('1 km');
    expect(formatDistance(1_234, 'en')).toBe('1.2 km');
    expect(formatDistance(18_400, 'en')).toBe('18 km');
    expect(formatDistance(347, 'zh-CN')).toBe('350米');
    expect(formatDistance(1_234, 'zh-CN')).toBe('1.2公里');
  });

  it('shows nothing for a distance that is not one', () => {
    expect(formatDistance(Number.NaN, 'en')).toBe('');
    expect(formatDistance(-3, 'en')).toBe('');
  });
});

describe('time on site', () => {
  it('splits into hours and minutes, seconds only under a minute', () => {
    expect(durationParts(42)).toEqual({ hours: 0, minutes: 0, seconds: 42 });
    expect(durationParts(59.9)).toEqual({ hours: 0, minutes: 0, seconds: 59 });
    expect(durationParts(60)).toEqual({ hours: 0, minutes: 1, seconds: 0 });
    expect(durationParts(3_725)).toEqual({ hours: 1, minutes: 2, seconds: 0 });
    expect(durationParts(-5)).toEqual({ hours: 0, minutes: 0, seconds: 0 });
    expect(durationParts(Number.NaN)).toEqual({ hours: 0, minutes: 0, seconds: 0 });
  });

  it('counts from check-in to check-out, or to now while on site', () => {
    expect(secondsBetween('2026-12-01T02:00:00Z', '2026-12-01T02:12:30Z')).toBe(750);
    expect(secondsBetween('2026-12-01T02:00:00Z', null, new Date('2026-12-01T02:01:00Z'))).toBe(60);
    expect(secondsBetween('2026-12-01T02:00:00Z', '2026-12-01T01:00:00Z')).toBe(0);
    expect(secondsBetween('not a time', null)).toBe(0);
  });
});

describe('navigation links', () => {
  it('opens AMap in GCJ-02 (shifted a few hundred metres from the stored WGS-84) with the shop as destination', () => {
    const url = new URL(amapNavigationUrl({ ...xuchang, name: '便民超市 & 烟酒' }));
    expect(url.host).toBe('uri.amap.com');
    const [lng, lat, name] = (url.searchParams.get('to') ?? '').split(',');
    expect(name).toBe('便民超市 & 烟酒');
    const shift = distanceMeters(xuchang, { lat: Number(lat), lng: Number(lng) });
    expect(shift).toBeGreaterThan(100);
    expect(shift).toBeLessThan(1000);
    expect(url.searchParams.get('coordinate')).toBe('gaode');
  });

  it('opens Baidu with directions when the phone knows where it is, the shop marker otherwise', () => {
    const shop = { ...xuchang, name: 'A 店' };
    const withStart = new URL(baiduNavigationUrl(shop, { lat: 34.03, lng: 113.85 }));
    expect(withStart.pathname).toBe('/direction');
    expect(withStart.searchParams.get('destination')).toBe('latlng:34.035700,113.852300|name:A 店');
    expect(withStart.searchParams.get('coord_type')).toBe('wgs84');
    const marker = new URL(baiduNavigationUrl(shop, null));
    expect(marker.pathname).toBe('/marker');
    expect(marker.searchParams.get('location')).toBe('34.035700,113.852300');
  });
});

describe('a position from the browser', () => {
  it('is finite and on Earth', () => {
    expect(isPosition(xuchang)).toBe(true);
    expect(isPosition({ lat: Number.NaN, lng: 1 })).toBe(false);
    expect(isPosition({ lat: 91, lng: 1 })).toBe(false);
    expect(isPosition(null)).toBe(false);
  });
});
