import { fc, test } from '@fast-check/vitest';
import { RouteOptimizeRequest, RouteOptimizeResponse } from '@siyi/contracts';
import { afterAll, describe, expect } from 'vitest';
import { AppError } from '../../lib/app-error';
import { optimizeRoutes } from './routes.service';

const clockArb = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));

/** Any request the schema accepts (with few stops, so that a run takes milliseconds). */
const requestArb = fc
  .record(
    {
      start: fc.record({
        lat: fc.double({ min: -90, max: 90, noNaN: true }),
        lng: fc.double({ min: -180, max: 180, noNaN: true }),
      }),
      stops: fc.array(
        fc.record(
          {
            id: fc.string({ minLength: 1, maxLength: 8 }),
            lat: fc.double({ min: 33.5, max: 34.5, noNaN: true }),
            lng: fc.double({ min: 113.5, max: 114.5, noNaN: true }),
            serviceMinutes: fc.integer({ min: 0, max: 720 }),
            window: fc.tuple(clockArb, clockArb),
            day: fc.integer({ min: 0, max: 6 }),
          },
          { requiredKeys: ['id', 'lat', 'lng'] },
        ),
        { minLength: 1, maxLength: 25 },
      ),
      startTime: clockArb,
      endTime: clockArb,
      days: fc.array(
        fc.record(
          {
            start: clockArb,
            end: clockArb,
            maxVisits: fc.integer({ min: 0, max: 30 }),
            maxMinutes: fc.integer({ min: 1, max: 1440 }),
          },
          { requiredKeys: [] },
        ),
        { minLength: 1, maxLength: 7 },
      ),
    },
    { requiredKeys: ['start', 'stops'] },
  )
  // Mostly consistent requests (ordered hours, pins to days that exist) so that most runs plan; ids may repeat.
  .map((r) => {
    const order = <T extends { start?: string; end?: string }>(x: T): T =>
      x.start && x.end && x.start > x.end ? { ...x, start: x.end, end: x.start } : x;
    const days = r.days?.map(order);
    const hours = order({ start: r.startTime, end: r.endTime });
    return {
      ...r,
      ...(r.startTime ? { startTime: hours.start } : {}),
      ...(r.endTime ? { endTime: hours.end } : {}),
      ...(days ? { days } : {}),
      stops: r.stops.map((stop) => {
        const { day, window, ...rest } = stop;
        const ordered = window && window[0] > window[1] ? ([window[1], window[0]] as [string, string]) : window;
        return {
          ...rest,
          ...(ordered ? { window: ordered } : {}),
          ...(day === undefined ? {} : { day: day % (days?.length ?? 1) }),
        };
      }),
    };
  })
  .filter((r) => RouteOptimizeRequest.safeParse(r).success);

describe('optimizeRoutes', () => {
  const outcomes = { total: 0, refused: 0 };
  afterAll(() => {
    // The property must mostly exercise planning, not only the refusals.
    expect(outcomes.total - outcomes.refused).toBeGreaterThan(outcomes.total / 2);
  });

  test.prop([requestArb], { numRuns: 200 })(
    'any request the schema accepts is planned (every stop once, windows kept) or refused field by field — never a crash',
    (request) => {
      const input = RouteOptimizeRequest.parse(request);
      let plan: RouteOptimizeResponse;
      outcomes.total++;
      try {
        plan = optimizeRoutes({ budget: { maxIterations: 30, clock: () => 0 } }, input, 'en');
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('VALIDATION_FAILED');
        expect(Object.keys((error as AppError).fields ?? {}).length).toBeGreaterThan(0);
        outcomes.refused++;
        return;
      }
      expect(RouteOptimizeResponse.safeParse(plan).success).toBe(true);
      const ids = [...plan.routes.flatMap((r) => r.stops.map((s) => s.id)), ...plan.unassigned.map((u) => u.id)];
      expect(ids.sort()).toEqual(input.stops.map((s) => s.id).sort());
      for (const route of plan.routes) {
        for (const stop of route.stops) {
          const given = input.stops.find((s) => s.id === stop.id);
          if (!given?.window) continue;
          expect(minutes(stop.arrival) + stop.waitMinutes).toBeGreaterThanOrEqual(minutes(given.window[0]));
          expect(minutes(stop.departure)).toBeLessThanOrEqual(minutes(given.window[1]));
        }
      }
      // Each figure is rounded to the metre on its own.
      const sum = plan.routes.reduce((a, r) => a + r.meters, 0);
      expect(Math.abs(plan.totalMeters - sum)).toBeLessThanOrEqual(plan.routes.length);
    },
  );
});
