import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convexHull, type Point2 } from './convex-hull';

const cross = (o: Point2, a: Point2, b: Point2) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

describe('convexHull', () => {
  it('keeps the corners of a square and drops points inside and on its edges', () => {
    const hull = convexHull([
      [0, 0],
      [2, 0],
      [1, 0],
      [2, 2],
      [0, 2],
      [1, 1],
      [0, 0],
    ]);
    expect(hull).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ]);
  });

  it('returns fewer than three distinct points as they are', () => {
    expect(convexHull([])).toEqual([]);
    expect(
      convexHull([
        [1, 1],
        [1, 1],
      ]),
    ).toEqual([[1, 1]]);
  });

  it('property: every point lies inside or on the hull, and the hull turns left at every corner', () => {
    const point = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 3, maxLength: 60 }), (points) => {
        const hull = convexHull(points);
        if (hull.length < 3) return;
        for (let i = 0; i < hull.length; i++) {
          const a = hull[i] as Point2;
          const b = hull[(i + 1) % hull.length] as Point2;
          expect(cross(a, b, hull[(i + 2) % hull.length] as Point2)).toBeGreaterThan(0);
          for (const p of points) expect(cross(a, b, p)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
