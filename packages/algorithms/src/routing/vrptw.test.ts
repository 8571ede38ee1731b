import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
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
      // The search is a heuristic: on some tiny instances with zero-length legs it stops on a plateau short of the
      // optimum (CI seeds 857003593 and -1827464832), an open finding for the solver. What must always hold: its
      // answer is feasible (check) and consistent with the exhaustive optimum, which it can match but never beat.
      const r = solveVrptw(p, { seed, maxIterations: 3000, clock: frozen });
      check(p, r);
      const best = bruteForce(p);
      const servedBySolver = p.customers.length - served(r);
      expect(servedBySolver).toBeLessThanOrEqual(best.served);
      if (servedBySolver === best.served) expect(r.distance).toBeGreaterThanOrEqual(best.distance - TOL);
    },
  );

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
