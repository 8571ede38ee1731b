import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { type PlanDay, type PlanStop, planRoutes } from './plan';
import { haversineMeters, straightLineProvider, type TravelMatrix } from './travel';

const frozen = () => 0;
const base = { lat: 34.0357, lng: 113.8523 }; // 许昌 city centre
const TOL = 1e-6;

describe('haversineMeters', () => {
  it('measures a degree of latitude as about 111.2 km and is symmetric', () => {
    const a = { lat: 34, lng: 113.85 };
    const b = { lat: 35, lng: 113.85 };
    expect(haversineMeters(a, b)).toBeCloseTo(111_195, -1);
    expect(haversineMeters(b, a)).toBe(haversineMeters(a, b));
    expect(haversineMeters(a, a)).toBe(0);
  });

  it('a degree of longitude shrinks with the cosine of the latitude', () => {
    const d = haversineMeters({ lat: 60, lng: 10 }, { lat: 60, lng: 11 });
    expect(d).toBeCloseTo(111_195 * 0.5, -2);
  });

  it('the straight-line provider scales by the road factor and converts at the speed', () => {
    const m = straightLineProvider({ roadFactor: 1.5, speedKmh: 30 }).matrix([
      { lat: 34, lng: 113.85 },
      { lat: 35, lng: 113.85 },
    ]);
    expect(m.meters[1]).toBeCloseTo(111_195 * 1.5, -1);
    expect(m.minutes[1]).toBeCloseTo((111_195 * 1.5) / 500, 0);
    expect(() => straightLineProvider({ roadFactor: 0.5 })).toThrow(/roadFactor/);
    expect(() => straightLineProvider({ speedKmh: Number.NaN })).toThrow(/speedKmh/);
  });
});

/** A line of points 1 km apart east of node 0, travelled at 1 km per minute: easy to reason about by hand. */
function lineMatrix(count: number): TravelMatrix {
  const n = count + 1;
  const meters = new Float64Array(n * n);
  const minutes = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      meters[i * n + j] = Math.abs(i - j) * 1000;
      minutes[i * n + j] = Math.abs(i - j);
    }
  }
  return { size: n, meters, minutes };
}

function stop(id: string, extra: Partial<PlanStop> = {}): PlanStop {
  return { id, lat: base.lat, lng: base.lng, ...extra };
}

describe('planRoutes', () => {
  it('a day with opening hours: visits in window order, waiting reported, leaving as late as possible', () => {
    const plan = planRoutes(
      {
        base,
        travel: lineMatrix(3),
        stops: [
          stop('a', { serviceMinutes: 10, window: [600, 660] }), // 1 km out, opens 10:00
          stop('b', { serviceMinutes: 10, window: [540, 560] }), // 2 km out, 09:00–09:20
          stop('c', { serviceMinutes: 10, window: [560, 700] }), // 3 km out, from 09:20: so not before b
        ],
        days: [{ start: 480, end: 1080 }],
      },
      { seed: 1, maxIterations: 200, clock: frozen },
    );
    expect(plan.unassigned).toEqual([]);
    const route = plan.routes[0];
    expect(route?.stops.map((s) => s.id)).toEqual(['b', 'c', 'a']);
    // Leaves at 08:58 to be at b when it opens, not at 08:00.
    expect(route?.leave).toBe(538);
    expect(route?.stops[0]).toMatchObject({ id: 'b', arrival: 540, start: 540, departure: 550, waitMinutes: 0 });
    expect(route?.stops[1]).toMatchObject({ id: 'c', arrival: 551, start: 560, departure: 570, waitMinutes: 9 });
    // a opens at 10:00: two minutes' drive, then a wait of 28 minutes.
    expect(route?.stops[2]).toMatchObject({ id: 'a', arrival: 572, start: 600, departure: 610, waitMinutes: 28 });
    expect(route?.waitMinutes).toBe(37);
    expect(route?.back).toBe(611);
    expect(route?.meters).toBe(6000);
    expect(plan.totalMeters).toBe(6000);
  });

  it('the whole visit must fit in the window; a stop that cannot is unassigned with the reason', () => {
    const plan = planRoutes(
      {
        base,
        travel: lineMatrix(4),
        stops: [
          stop('short', { serviceMinutes: 30, window: [600, 620] }), // 30 minutes in a 20-minute window
          stop('late', { window: [1200, 1260] }), // opens after the day ends at 18:00
          stop('pinned', { day: 3 }), // there is no fourth day
          stop('ok'),
        ],
        days: [{ start: 480, end: 1080 }],
      },
      { seed: 1, maxIterations: 100, clock: frozen },
    );
    expect(plan.unassigned).toEqual([
      { id: 'short', reason: 'time-window' },
      { id: 'late', reason: 'shift' },
      { id: 'pinned', reason: 'no-vehicle' },
    ]);
    expect(plan.routes[0]?.stops.map((s) => s.id)).toEqual(['ok']);
  });

  it('a week: pinned visits on their day, caps on visits and minutes, every stop planned once', () => {
    const stops = Array.from({ length: 12 }, (_, i) =>
      stop(`s${i}`, { serviceMinutes: 20, ...(i < 2 ? { day: 2 } : {}) }),
    );
    const days: PlanDay[] = [
      { start: 510, end: 1050, maxVisits: 3 },
      { start: 510, end: 1050, maxMinutes: 100 },
      { start: 510, end: 1050 },
      { start: 510, end: 600 },
      { start: 510, end: 1050, maxVisits: 0 },
    ];
    const plan = planRoutes(
      { base, travel: lineMatrix(12), stops, days },
      { seed: 4, maxIterations: 500, clock: frozen },
    );
    const ids = plan.routes.flatMap((r) => r.stops.map((s) => s.id));
    expect([...ids, ...plan.unassigned.map((u) => u.id)].sort()).toEqual(stops.map((s) => s.id).sort());
    expect(plan.unassigned).toEqual([]);
    expect(plan.routes.map((r) => r.day)).toEqual([0, 1, 2, 3, 4]);
    expect(plan.routes[0]?.stops.length).toBeLessThanOrEqual(3);
    expect((plan.routes[1]?.back ?? 0) - 510).toBeLessThanOrEqual(100);
    expect(plan.routes[3]?.back ?? 0).toBeLessThanOrEqual(600);
    expect(plan.routes[4]?.stops).toEqual([]);
    expect(plan.routes[2]?.stops.map((s) => s.id)).toEqual(expect.arrayContaining(['s0', 's1']));
  });

  test.prop(
    [
      fc.array(
        fc.record({
          x: fc.integer({ min: 0, max: 40 }),
          y: fc.integer({ min: 0, max: 40 }),
          service: fc.integer({ min: 0, max: 60 }),
          window: fc.option(fc.tuple(fc.integer({ min: 480, max: 900 }), fc.integer({ min: 0, max: 180 })), {
            nil: undefined,
          }),
        }),
        { minLength: 1, maxLength: 7 },
      ),
      fc.integer({ min: 120, max: 600 }),
      fc.integer(),
    ],
    { numRuns: 60 },
  )('a day of up to 7 stops: as many visits as brute force fits, over its shortest distance', (raw, length, seed) => {
    // Points on a km grid around the base (node 0 at 20, 20), driven at 1 km a minute.
    const points = [{ x: 20, y: 20 }, ...raw];
    const n = points.length;
    const meters = new Float64Array(n * n);
    const minutes = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const a = points[i] as { x: number; y: number };
        const b = points[j] as { x: number; y: number };
        const km = Math.hypot(a.x - b.x, a.y - b.y);
        meters[i * n + j] = km * 1000;
        minutes[i * n + j] = km;
      }
    }
    const stops: PlanStop[] = raw.map((r, i) =>
      stop(`s${i}`, {
        serviceMinutes: r.service,
        ...(r.window ? { window: [r.window[0], r.window[0] + r.window[1]] as const } : {}),
      }),
    );
    const day = { start: 480, end: 480 + length };
    const plan = planRoutes(
      { base, travel: { size: n, meters, minutes }, stops, days: [day] },
      { seed, maxIterations: 3000, clock: frozen },
    );
    // Every order of every subset of the stops, timed from the day's start: the most visits, then the least metres.
    let best = { visits: 0, meters: 0 };
    const visit = (order: number[], used: boolean[]) => {
      let t = day.start;
      let at = 0;
      let m = 0;
      for (const k of order) {
        const s = stops[k] as PlanStop;
        const begin = Math.max(t + (minutes[at * n + k + 1] as number), s.window?.[0] ?? -Infinity);
        t = begin + (s.serviceMinutes ?? 0);
        if (t > (s.window?.[1] ?? Infinity) + TOL) return;
        m += meters[at * n + k + 1] as number;
        at = k + 1;
      }
      if (t + (minutes[at * n] as number) > day.end + TOL) return;
      m += meters[at * n] as number;
      if (order.length > best.visits || (order.length === best.visits && m < best.meters - TOL)) {
        best = { visits: order.length, meters: m };
      }
      for (let k = 0; k < stops.length; k++) {
        if (used[k]) continue;
        used[k] = true;
        visit([...order, k], used);
        used[k] = false;
      }
    };
    visit([], []);
    expect(stops.length - plan.unassigned.length).toBe(best.visits);
    expect(plan.totalMeters).toBeCloseTo(best.meters, 6);
  });

  test.prop(
    [
      fc.array(
        fc.record({
          lat: fc.double({ min: 33.9, max: 34.2, noNaN: true }),
          lng: fc.double({ min: 113.7, max: 114.0, noNaN: true }),
          service: fc.integer({ min: 0, max: 40 }),
          window: fc.option(fc.tuple(fc.integer({ min: 420, max: 1200 }), fc.integer({ min: 0, max: 240 })), {
            nil: undefined,
          }),
          day: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined, freq: 5 }),
        }),
        { minLength: 0, maxLength: 40 },
      ),
      fc.integer({ min: 1, max: 5 }),
      fc.integer(),
    ],
    { numRuns: 40 },
  )('windows hold and every stop is planned or unassigned exactly once', (raw, dayCount, seed) => {
    const stops: PlanStop[] = raw.map((r, i) => ({
      id: `s${i}`,
      lat: r.lat,
      lng: r.lng,
      serviceMinutes: r.service,
      ...(r.window ? { window: [r.window[0], r.window[0] + r.window[1]] as const } : {}),
      ...(r.day === undefined ? {} : { day: r.day }),
    }));
    const days = Array.from({ length: dayCount }, () => ({ start: 510, end: 1050 }));
    const plan = planRoutes({ base, stops, days }, { seed, maxIterations: 100, clock: frozen });
    const counted = new Map<string, number>();
    for (const r of plan.routes) {
      expect(r.leave).toBeGreaterThanOrEqual(510 - TOL);
      expect(r.back).toBeLessThanOrEqual(1050 + TOL);
      for (const s of r.stops) {
        counted.set(s.id, (counted.get(s.id) ?? 0) + 1);
        const input = stops.find((x) => x.id === s.id) as PlanStop;
        expect(s.start).toBeGreaterThanOrEqual(s.arrival - TOL);
        expect(s.departure).toBeCloseTo(s.start + (input.serviceMinutes ?? 0), 9);
        if (input.window) {
          expect(s.start).toBeGreaterThanOrEqual(input.window[0] - TOL);
          expect(s.departure).toBeLessThanOrEqual(input.window[1] + TOL);
        }
        if (input.day !== undefined) expect(r.day).toBe(input.day);
      }
    }
    for (const u of plan.unassigned) counted.set(u.id, (counted.get(u.id) ?? 0) + 1);
    expect(counted.size).toBe(stops.length);
    expect([...counted.values()].every((c) => c === 1)).toBe(true);
  });
});
