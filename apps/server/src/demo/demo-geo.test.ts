import { describe, expect, it } from 'vitest';
import { XUCHANG_COUNTIES } from './data/xuchang';
import { gcj02ToWgs84, haversineKm, offsetKm, pointInRings, wgs84ToGcj02 } from './demo-geo';

describe('GCJ-02 ⇄ WGS-84', () => {
  it('shifts points around 许昌 by roughly 500–600 m and converts back', () => {
    for (const county of XUCHANG_COUNTIES) {
      const wgs = { lng: county.seatLng, lat: county.seatLat };
      const gcj = wgs84ToGcj02(wgs.lng, wgs.lat);
      const shift = haversineKm(wgs, gcj);
      expect(shift).toBeGreaterThan(0.4);
      expect(shift).toBeLessThan(0.7);
      const back = gcj02ToWgs84(gcj.lng, gcj.lat);
      expect(haversineKm(back, wgs)).toBeLessThan(0.001);
    }
  });

  it('puts the 魏都区 seat back where the source has it (GCJ-02 113.828307, 34.02711)', () => {
    const weidu = XUCHANG_COUNTIES.find((c) => c.code === '411002');
    expect(weidu).toBeDefined();
    const gcj = wgs84ToGcj02(weidu?.seatLng ?? 0, weidu?.seatLat ?? 0);
    expect(gcj.lng).toBeCloseTo(113.828307, 5);
    expect(gcj.lat).toBeCloseTo(34.02711, 5);
  });
});

describe('distances and polygons', () => {
  it('measures kilometres and moves points by kilometres consistently', () => {
    const origin = { lng: 113.8, lat: 34 };
    expect(haversineKm(origin, offsetKm(origin, 3, 4))).toBeCloseTo(5, 1);
    expect(haversineKm(origin, origin)).toBe(0);
  });

  it('tells inside from outside, holes included', () => {
    const square = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const hole = [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ];
    expect(pointInRings({ lng: 1, lat: 1 }, [square])).toBe(true);
    expect(pointInRings({ lng: 11, lat: 1 }, [square])).toBe(false);
    expect(pointInRings({ lng: 5, lat: 5 }, [square, hole])).toBe(false);
    expect(pointInRings({ lng: 3, lat: 5 }, [square, hole])).toBe(true);
  });
});
