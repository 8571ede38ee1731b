import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Random } from '../random';
import { parseSolomon, solomonProblem } from './solomon';
import { solveVrptw, type VrpProblem, type VrpResult } from './vrptw';

const frozen = () => 0;
const TOL = 1e-6;

/**
 * Checks a result against the problem from first principles (not through the solver's caches) and returns the
 * recomputed distance: each customer exactly once over routes and unassigned, capacities, stop caps, allowed
 * vehicles, every service start within its window, every vehicle back in time, schedule figures as claimed.
 */
function check(p: VrpProblem, r: VrpResult): number {
  const n = p.size;
  const time = p.travelTime ?? p.distance;
  const seen = new Array<number>(p.customers.length).fill(0);
  let total = 0;
  expect(r.routes.length).toBe(p.vehicles.length);
  r.routes.forEach((route, v) => {
    const veh = p.vehicles[v];
    if (!veh) throw new Error('no vehicle');
    expect(route.vehicle).toBe(v);
    let t = veh.earliest ?? 0;
    let prev = veh.start;
    let load = 0;
    let dist = 0;
    let prevService = 0;
    route.customers.forEach((c, k) => {
      const cust = p.customers[c];
      if (!cust) throw new Error(`unknown customer ${c}`);
      seen[c] = (seen[c] ?? 0) + 1;
      if (cust.vehicles) expect(cust.vehicles).toContain(v);
      const arrive = t + prevService + (time[prev * n + cust.node] as number);
      expect(route.arrival[k]).toBeCloseTo(arrive, 6);
      t = Math.max(arrive, cust.ready ?? Number.NEGATIVE_INFINITY);
      expect(route.start[k]).toBeCloseTo(t, 6);
      expect(t).toBeLessThanOrEqual((cust.due ?? Number.POSITIVE_INFINITY) + TOL);
      dist += p.distance[prev * n + cust.node] as number;
      load += cust.demand ?? 0;
      prevService = cust.service ?? 0;
      prev = cust.node;
    });
    if (route.customers.length > 0) {
      dist += p.distance[prev * n + veh.end] as number;
      const back = t + prevService + (time[prev * n + veh.end] as number);
      expect(back).toBeLessThanOrEqual((veh.latest ?? Number.POSITIVE_INFINITY) + TOL);
      expect(route.returnTime).toBeCloseTo(back, 6);
    }
    expect(load).toBeLessThanOrEqual((veh.capacity ?? Number.POSITIVE_INFINITY) + TOL);
    expect(route.customers.length).toBeLessThanOrEqual(veh.maxStops ?? Number.POSITIVE_INFINITY);
    expect(route.distance).toBeCloseTo(dist, 6);
    total += dist;
  });
  for (const u of r.unassigned) seen[u.customer] = (seen[u.customer] ?? 0) + 1;
  expect(seen.every((s) => s === 1)).toBe(true);
  expect(r.distance).toBeCloseTo(total, 6);
  return total;
}

/** A random instance: points on a 100×100 grid, optional windows, demands and pinned vehicles. */
const problemArb = fc
  .record({
    points: fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), {
      minLength: 2,
      maxLength: 30,
    }),
    vehicles: fc.array(
      fc.record({
        capacity: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
        maxStops: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        earliest: fc.integer({ min: 0, max: 100 }),
        length: fc.integer({ min: 50, max: 1000 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    extras: fc.array(
      fc.record({
        demand: fc.integer({ min: 0, max: 15 }),
        service: fc.integer({ min: 0, max: 20 }),
        window: fc.option(fc.tuple(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 300 })), {
          nil: undefined,
        }),
        pin: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined, freq: 4 }),
      }),
      { minLength: 30, maxLength: 30 },
    ),
  })
  .map(({ points, vehicles, extras }): VrpProblem => {
    const n = points.length;
    const distance = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const [xi, yi] = points[i] as [number, number];
        const [xj, yj] = points[j] as [number, number];
        distance[i * n + j] = Math.hypot(xi - xj, yi - yj);
      }
    }
    return {
      size: n,
      distance,
      customers: points.slice(1).map((_, i) => {
        const e = extras[i] as (typeof extras)[number];
        return {
          node: i + 1,
          demand: e.demand,
          service: e.service,
          ...(e.window ? { ready: e.window[0], due: e.window[0] + e.window[1] } : {}),
          ...(e.pin === undefined ? {} : { vehicles: [e.pin] }),
        };
      }),
      vehicles: vehicles.map((v) => ({
        start: 0,
        end: 0,
        ...(v.capacity === undefined ? {} : { capacity: v.capacity }),
        ...(v.maxStops === undefined ? {} : { maxStops: v.maxStops }),
        earliest: v.earliest,
        latest: v.earliest + v.length,
      })),
    };
  });

/** Lexicographic cost: unserved first, then distance. */
const served = (r: VrpResult) => r.unassigned.length;

describe('solveVrptw', () => {
  test.prop([problemArb, fc.integer()], { numRuns: 120 })(
    'every customer once (served or unassigned with a reason); capacities, caps, pins and windows hold',
    (p, seed) => {
      const r = solveVrptw(p, { seed, maxIterations: 150, clock: frozen });
      check(p, r);
    },
  );

  test.prop([problemArb, fc.integer()], { numRuns: 60 })(
    'the search never ends worse than its construction',
    (p, seed) => {
      const r = solveVrptw(p, { seed, maxIterations: 150, clock: frozen });
      expect(served(r)).toBeLessThanOrEqual(r.construction.unassigned);
      if (served(r) === r.construction.unassigned) {
        expect(r.distance).toBeLessThanOrEqual(r.construction.distance + TOL);
      }
    },
  );

  test.prop([problemArb, fc.integer()], { numRuns: 150 })(
    'the local search alone (relocate, swap, 2-opt*) keeps every constraint and never lengthens the construction',
    (p, seed) => {
      // One iteration: the budget ends before any ruin and recreate, so only the local search changes anything.
      const r = solveVrptw(p, { seed, maxIterations: 1, clock: frozen });
      check(p, r);
      expect(served(r)).toBe(r.construction.unassigned);
      expect(r.distance).toBeLessThanOrEqual(r.construction.distance + TOL);
    },
  );

  it('the local search shortens a greedy construction (Solomon R101)', () => {
    const inst = parseSolomon(
      readFileSync(new URL('../../../../../shared/data/solomon/R101.txt', import.meta.url), 'utf8'),
    );
    const p = solomonProblem(inst);
    const r = solveVrptw(p, { seed: 1, maxIterations: 1, clock: frozen });
    expect(r.iterations).toBe(1);
    expect(check(p, r)).toBeLessThan(r.construction.distance * 0.95);
  });

  test.prop([problemArb, fc.integer()], { numRuns: 25 })('same seed, same result', (p, seed) => {
    const a = solveVrptw(p, { seed, maxIterations: 120, clock: frozen });
    const b = solveVrptw(p, { seed, maxIterations: 120, clock: frozen });
    expect(b).toEqual(a);
  });

  test.prop([problemArb.filter((p) => p.customers.length <= 6), fc.integer()], { numRuns: 60 })(
    'never claims more than brute force can do: no more customers served, and no shorter distance when as many',
    (p, seed) => {
      // Random instances and seeds: the search must be feasible (check) and consistent with the exhaustive
      // optimum, which it can match but never beat. Reaching it is required below, on fixed instances, so that a
      // heuristic's rare slow run can never make CI flaky.
      const r = solveVrptw(p, { seed, maxIterations: 3000, clock: frozen });
      check(p, r);
      const best = bruteForce(p);
      const servedBySolver = p.customers.length - served(r);
      expect(servedBySolver).toBeLessThanOrEqual(best.served);
      if (servedBySolver === best.served) expect(r.distance).toBeGreaterThanOrEqual(best.distance - TOL);
    },
  );

  it('reaches the brute-force optimum on the two instances of CI seeds 857003593 and -1827464832', () => {
    // Found by the property above with the seeds it was run with (solver seeds 977162579 and 10). The first
    // needs the one vehicle with room for two (an equally long empty route of another vehicle used to win every
    // tie); the second needs a route of three emptied into the only vehicle a pinned visit may take (strings were
    // never longer than the mean route, two).
    const cases: [VrpProblem, number, number][] = [
      [
        euclidean(
          [
            [48, 52],
            [95, 75],
            [12, 31],
            [75, 67],
          ],
          [
            { node: 1, demand: 14 },
            { node: 2, demand: 4, service: 18, ready: 313, due: 455, vehicles: [1] },
            { node: 3, demand: 15, service: 9 },
          ],
          [
            { start: 0, end: 0, capacity: 20, maxStops: 11, earliest: 5, latest: 529 },
            { start: 0, end: 0, capacity: 19, earliest: 30, latest: 601 },
            { start: 0, end: 0, capacity: 18, earliest: 40, latest: 540 },
            { start: 0, end: 0, capacity: 36, maxStops: 11, earliest: 53, latest: 785 },
          ],
        ),
        977162579,
        188.108,
      ],
      [
        euclidean(
          [
            [70, 62],
            [7, 28],
            [81, 17],
            [100, 77],
            [10, 83],
            [11, 42],
          ],
          [
            { node: 1, demand: 3, service: 20 },
            { node: 2, demand: 8, service: 10, ready: 0, due: 0, vehicles: [2] },
            { node: 3, demand: 3, service: 20, ready: 582, due: 769, vehicles: [1] },
            { node: 4 },
            { node: 5, demand: 6, service: 5, ready: 447, due: 615 },
          ],
          [
            { start: 0, end: 0, capacity: 22, maxStops: 8, earliest: 5, latest: 955 },
            { start: 0, end: 0, capacity: 36, maxStops: 4, earliest: 17, latest: 933 },
          ],
        ),
        10,
        250.902,
      ],
    ];
    for (const [p, seed, optimum] of cases) {
      expect(bruteForce(p).distance).toBeCloseTo(optimum, 3);
      for (const s of [seed, 1, 2, 3]) {
        const r = solveVrptw(p, { seed: s, maxIterations: 3000, clock: frozen });
        expect(check(p, r)).toBeCloseTo(optimum, 3);
      }
    }
  });

  // 300 fixed instances (≤ 6 customers, ≤ 4 vehicles of different capacities, stop caps and hours, windows,
  // pinned visits), in six groups so that each test stays short on a loaded machine. The solver before the fix
  // (first cheapest position; strings no longer than the mean route) missed the optimum on 8 of them.
  const tiny = tinyProblems(8, 300);
  for (let from = 0; from < tiny.length; from += 50) {
    it(`reaches the brute-force optimum on tiny instances ${from + 1}–${from + 50} of 300 (fixed seed)`, () => {
      const misses: string[] = [];
      tiny.slice(from, from + 50).forEach((p, k) => {
        const i = from + k;
        const r = solveVrptw(p, { seed: i + 1, maxIterations: 2000, clock: frozen });
        const distance = check(p, r);
        const best = bruteForce(p);
        const served = p.customers.length - r.unassigned.length;
        if (served !== best.served || distance > best.distance + TOL) {
          misses.push(`#${i}: ${served} served, ${distance.toFixed(2)} vs ${best.served}, ${best.distance.toFixed(2)}`);
        }
      });
      expect(misses).toEqual([]);
    });
  }

  it('gives the reason a customer cannot be served', () => {
    // Node 0 the depot; customers on a line at distance 10, 20, …
    const pts = [0, 10, 20, 30, 40, 50, 60];
    const n = pts.length;
    const distance = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) distance[i * n + j] = Math.abs((pts[i] as number) - (pts[j] as number));
    const p: VrpProblem = {
      size: n,
      distance,
      customers: [
        { node: 1, vehicles: [5] }, // no such vehicle
        { node: 2, demand: 11 }, // capacity 10
        { node: 3, ready: 0, due: 5 }, // 30 away: window closed on arrival
        { node: 4, service: 100 }, // reachable, but not back by 150
        { node: 5 },
        { node: 6 },
      ],
      vehicles: [{ start: 0, end: 0, capacity: 10, maxStops: 1, earliest: 0, latest: 150 }],
    };
    const r = solveVrptw(p, { seed: 1, maxIterations: 50, clock: frozen });
    check(p, r);
    expect(r.unassigned).toEqual([
      { customer: 0, reason: 'no-vehicle' },
      { customer: 1, reason: 'capacity' },
      { customer: 2, reason: 'time-window' },
      { customer: 3, reason: 'shift' },
      { customer: 5, reason: 'no-room' },
    ]);
    // The one stop allowed goes to the nearer of the two that fit.
    expect(r.routes[0]?.customers).toEqual([4]);
  });

  it('waits for a window to open and reports arrival and start apart', () => {
    const distance = Float64Array.from([0, 10, 10, 0]);
    const p: VrpProblem = {
      size: 2,
      distance,
      customers: [{ node: 1, ready: 30, due: 40, service: 5 }],
      vehicles: [{ start: 0, end: 0, earliest: 0, latest: 100 }],
    };
    const r = solveVrptw(p, { seed: 1, maxIterations: 10, clock: frozen });
    expect(r.routes[0]).toMatchObject({ arrival: [10], start: [30], returnTime: 45, distance: 20 });
  });

  it('refuses malformed problems', () => {
    const d = Float64Array.from([0, 1, 1, 0]);
    const vehicles = [{ start: 0, end: 0 }];
    expect(() => solveVrptw({ size: 2, distance: [0, 1, 1], customers: [], vehicles })).toThrow(/size²/);
    expect(() => solveVrptw({ size: 2, distance: [0, Number.NaN, 1, 0], customers: [], vehicles })).toThrow(/finite/);
    expect(() => solveVrptw({ size: 2, distance: d, customers: [{ node: 0 }], vehicles })).toThrow(/start or end/);
    expect(() => solveVrptw({ size: 2, distance: d, customers: [{ node: 1 }, { node: 1 }], vehicles })).toThrow(
      /another customer/,
    );
  });

  it('solves Solomon C101 feasibly to its optimum 828.94 within 3,000 iterations', () => {
    const inst = parseSolomon(
      readFileSync(new URL('../../../../../shared/data/solomon/C101.txt', import.meta.url), 'utf8'),
    );
    const p = solomonProblem(inst);
    const r = solveVrptw(p, { seed: 3, maxIterations: 3000, clock: frozen });
    expect(r.unassigned).toEqual([]);
    expect(check(p, r)).toBeCloseTo(828.94, 2);
  });
});

/** A problem on points in the plane (the first the depot, node 0), with Euclidean distances. */
function euclidean(
  points: readonly (readonly [number, number])[],
  customers: VrpProblem['customers'],
  vehicles: VrpProblem['vehicles'],
): VrpProblem {
  const n = points.length;
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [xi, yi] = points[i] as readonly [number, number];
      const [xj, yj] = points[j] as readonly [number, number];
      distance[i * n + j] = Math.hypot(xi - xj, yi - yj);
    }
  }
  return { size: n, distance, customers, vehicles };
}

/** `count` tiny instances drawn from a fixed seed: the same every run, on every machine. */
function tinyProblems(seed: number, count: number): VrpProblem[] {
  const rng = new Random(seed);
  return Array.from({ length: count }, () => {
    const C = rng.int(1, 6);
    const V = rng.int(1, 4);
    const points = Array.from({ length: C + 1 }, () => [rng.int(0, 100), rng.int(0, 100)] as const);
    const customers = Array.from({ length: C }, (_, i) => {
      const ready = rng.int(0, 800);
      return {
        node: i + 1,
        demand: rng.int(0, 15),
        service: rng.int(0, 20),
        ...(rng.chance(0.5) ? { ready, due: ready + rng.int(0, 300) } : {}),
        ...(rng.chance(0.2) ? { vehicles: [rng.int(0, V - 1)] } : {}),
      };
    });
    const vehicles = Array.from({ length: V }, () => {
      const earliest = rng.int(0, 100);
      return {
        start: 0,
        end: 0,
        ...(rng.chance(0.7) ? { capacity: rng.int(10, 40) } : {}),
        ...(rng.chance(0.3) ? { maxStops: rng.int(1, 6) } : {}),
        earliest,
        latest: earliest + rng.int(200, 1000),
      };
    });
    return euclidean(points, customers, vehicles);
  });
}

/**
 * Exhaustive search: every customer to a vehicle or unassigned, every order within each vehicle; the most
 * customers served, then the least distance.
 */
function bruteForce(p: VrpProblem): { served: number; distance: number } {
  const n = p.size;
  const time = p.travelTime ?? p.distance;
  const C = p.customers.length;
  const V = p.vehicles.length;
  let best = { served: -1, distance: Number.POSITIVE_INFINITY };
  // Best distance of one vehicle over all orders of a set of customers (Infinity when none is feasible).
  const memo = new Map<string, number>();
  const routeBest = (v: number, set: number[]): number => {
    const key = `${v}:${set.join(',')}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const veh = p.vehicles[v];
    if (!veh) throw new Error('no vehicle');
    let out = Number.POSITIVE_INFINITY;
    const load = set.reduce((a, c) => a + (p.customers[c]?.demand ?? 0), 0);
    const allowed = set.every((c) => !p.customers[c]?.vehicles || p.customers[c]?.vehicles?.includes(v));
    if (set.length === 0) out = 0;
    else if (allowed && load <= (veh.capacity ?? Number.POSITIVE_INFINITY) && set.length <= (veh.maxStops ?? 1e9)) {
      const perm = set.slice();
      const go = (k: number) => {
        if (k === perm.length) {
          let t = veh.earliest ?? 0;
          let prev = veh.start;
          let s = 0;
          let d = 0;
          for (const c of perm) {
            const cu = p.customers[c];
            if (!cu) return;
            t = Math.max(t + s + (time[prev * n + cu.node] as number), cu.ready ?? Number.NEGATIVE_INFINITY);
            if (t > (cu.due ?? Number.POSITIVE_INFINITY) + TOL) return;
            d += p.distance[prev * n + cu.node] as number;
            s = cu.service ?? 0;
            prev = cu.node;
          }
          if (t + s + (time[prev * n + veh.end] as number) > (veh.latest ?? Number.POSITIVE_INFINITY) + TOL) return;
          d += p.distance[prev * n + veh.end] as number;
          out = Math.min(out, d);
          return;
        }
        for (let i = k; i < perm.length; i++) {
          [perm[k], perm[i]] = [perm[i] as number, perm[k] as number];
          go(k + 1);
          [perm[k], perm[i]] = [perm[i] as number, perm[k] as number];
        }
      };
      go(0);
    }
    memo.set(key, out);
    return out;
  };
  const assign = new Array<number>(C).fill(-1);
  const rec = (i: number) => {
    if (i === C) {
      let d = 0;
      let count = 0;
      for (let v = 0; v < V && d < Number.POSITIVE_INFINITY; v++) {
        const set = [];
        for (let c = 0; c < C; c++) if (assign[c] === v) set.push(c);
        count += set.length;
        d += routeBest(v, set);
      }
      if (d === Number.POSITIVE_INFINITY) return;
      if (count > best.served || (count === best.served && d < best.distance - TOL))
        best = { served: count, distance: d };
      return;
    }
    for (let v = -1; v < V; v++) {
      assign[i] = v;
      rec(i + 1);
    }
  };
  rec(0);
  return best;
}
