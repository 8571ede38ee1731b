import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { nearestNeighbours, solveTsp, tourLength } from './tsp';
import { parseTsplib, tsplibMatrix } from './tsplib';

/** A clock that never moves: the run ends on its iteration cap alone, so it depends on the seed only. */
const frozen = () => 0;

function euclidean(points: readonly (readonly [number, number])[]): Float64Array {
  const n = points.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [xi, yi] = points[i] as readonly [number, number];
      const [xj, yj] = points[j] as readonly [number, number];
      m[i * n + j] = Math.round(Math.hypot(xi - xj, yi - yj));
    }
  }
  return m;
}

/** The optimum by enumerating every tour that starts at node 0 (n ≤ 9). */
function bruteForce(m: Float64Array, n: number): number {
  let best = Number.POSITIVE_INFINITY;
  const rest = Array.from({ length: n - 1 }, (_, i) => i + 1);
  const permute = (k: number) => {
    if (k === rest.length) {
      best = Math.min(best, tourLength(m, n, [0, ...rest]));
      return;
    }
    for (let i = k; i < rest.length; i++) {
      [rest[k], rest[i]] = [rest[i] as number, rest[k] as number];
      permute(k + 1);
      [rest[k], rest[i]] = [rest[i] as number, rest[k] as number];
    }
  };
  permute(0);
  return best;
}

const pointsArb = (min: number, max: number) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), {
    minLength: min,
    maxLength: max,
  });

describe('solveTsp', () => {
  test.prop([pointsArb(1, 60), fc.integer()], { numRuns: 40 })(
    'returns a permutation of the nodes starting at node 0, its true length, never longer than its construction',
    (points, seed) => {
      const n = points.length;
      const m = euclidean(points);
      const r = solveTsp(m, n, { seed, maxIterations: 200, clock: frozen });
      expect(r.tour[0]).toBe(0);
      expect([...r.tour].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(r.length).toBe(n <= 1 ? 0 : tourLength(m, n, r.tour));
      expect(r.length).toBeLessThanOrEqual(r.constructionLength);
    },
  );

  test.prop([pointsArb(4, 9), fc.integer()], { numRuns: 60 })(
    'finds the brute-force optimum of small instances',
    (points, seed) => {
      const n = points.length;
      const m = euclidean(points);
      const r = solveTsp(m, n, { seed, maxIterations: 300, clock: frozen });
      expect(r.length).toBe(bruteForce(m, n));
    },
  );

  test.prop([pointsArb(5, 80), fc.integer()], { numRuns: 15 })('same seed, same tour', (points, seed) => {
    const m = euclidean(points);
    const a = solveTsp(m, points.length, { seed, maxIterations: 300, clock: frozen });
    const b = solveTsp(m, points.length, { seed, maxIterations: 300, clock: frozen });
    expect(b).toEqual(a);
  });

  it('stops on its time budget, read from the injected clock', () => {
    let now = 0;
    const clock = () => {
      now += 1;
      return now;
    };
    const points: [number, number][] = Array.from({ length: 40 }, (_, i) => [(i * 37) % 101, (i * 53) % 97]);
    const r = solveTsp(euclidean(points), points.length, { seed: 1, timeLimitMs: 50, clock });
    // The clock is read every 8 iterations and moves 1 ms per read: 50 ms ≈ 400 iterations.
    expect(r.iterations).toBeGreaterThanOrEqual(390);
    expect(r.iterations).toBeLessThanOrEqual(410);
  });

  it('solves berlin52 (TSPLIB) to its proven optimum 7542 within 2,000 kicks', () => {
    const inst = parseTsplib(
      readFileSync(new URL('../../../../../shared/data/tsplib/berlin52.tsp', import.meta.url), 'utf8'),
    );
    const r = solveTsp(tsplibMatrix(inst), inst.dimension, { seed: 7, maxIterations: 2000, clock: frozen });
    expect(r.length).toBe(7542);
  });

  it('lists each node’s nearest neighbours, nearest first, ties by index', () => {
    const m = euclidean([
      [0, 0],
      [1, 0],
      [0, 1],
      [5, 5],
    ]);
    expect(Array.from(nearestNeighbours(m, 4, 2))).toEqual([1, 2, 0, 2, 0, 1, 1, 2]);
  });
});
