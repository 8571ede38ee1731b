import type { RouteOptimizeResponse } from '@siyi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { createTestApp, makeCompany, makeDistrict, makeSignedInUser, type Session } from '../../testing';
import { databaseTargets } from '../../testing/test-database';

const targets = await databaseTargets();

const base = { lat: 34.0357, lng: 113.8523 }; // 许昌 city centre

/** Shops a few kilometres around the base, 15 minutes each, some with opening hours. */
const dayStops = [
  { id: 'r1', lat: 34.05, lng: 113.83, serviceMinutes: 15, window: ['09:00', '11:00'] },
  { id: 'r2', lat: 34.02, lng: 113.87, serviceMinutes: 15, window: ['14:00', '16:00'] },
  { id: 'r3', lat: 34.04, lng: 113.89, serviceMinutes: 15 },
  { id: 'r4', lat: 34.01, lng: 113.82, serviceMinutes: 15, window: ['10:30', '12:00'] },
  { id: 'r5', lat: 34.06, lng: 113.86, serviceMinutes: 15 },
  { id: 'r6', lat: 34.03, lng: 113.85, serviceMinutes: 15, window: ['08:00', '08:40'] },
];

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));

describe.each(targets)('POST /api/routes/optimize on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let manager: Session;
  let supervisor: Session;
  let admin: Session;
  let english: Session;

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database);
    const company = await makeCompany(database.db);
    const district = await makeDistrict(database.db, { parentId: company.id });
    manager = (await makeSignedInUser(app, database.db, { role: 'manager', orgUnitId: district.id })).session;
    supervisor = (await makeSignedInUser(app, database.db, { role: 'supervisor', orgUnitId: district.id })).session;
    admin = (await makeSignedInUser(app, database.db, { role: 'admin', orgUnitId: company.id })).session;
    english = (await makeSignedInUser(app, database.db, { role: 'manager', orgUnitId: district.id, locale: 'en' }))
      .session;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const optimize = (session: Session | null, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/routes/optimize',
      headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...headers } : headers,
      payload: payload as Record<string, unknown>,
    });

  it('plans a manager’s day: every stop once, each visit inside its opening hours, times in order', async () => {
    const response = await optimize(manager, { start: base, stops: dayStops, startTime: '08:00', endTime: '17:30' });
    expect(response.statusCode).toBe(200);
    const plan = response.json<RouteOptimizeResponse>();
    expect(plan.unassigned).toEqual([]);
    expect(plan.routes).toHaveLength(1);
    const route = plan.routes[0];
    if (!route) throw new Error('no route');
    expect(route.day).toBeUndefined();
    expect(route.stops.map((s) => s.id).sort()).toEqual(dayStops.map((s) => s.id).sort());
    let previous = minutes(route.leave);
    expect(previous).toBeGreaterThanOrEqual(minutes('08:00'));
    for (const stop of route.stops) {
      const input = dayStops.find((s) => s.id === stop.id);
      if (!input) throw new Error(`unknown ${stop.id}`);
      const start = minutes(stop.arrival) + stop.waitMinutes;
      expect(minutes(stop.arrival)).toBeGreaterThanOrEqual(previous);
      expect(minutes(stop.departure) - start).toBe(15);
      if (input.window) {
        expect(start).toBeGreaterThanOrEqual(minutes(input.window[0] as string));
        expect(minutes(stop.departure)).toBeLessThanOrEqual(minutes(input.window[1] as string));
      }
      previous = minutes(stop.departure);
    }
    expect(minutes(route.back)).toBeGreaterThanOrEqual(previous);
    expect(minutes(route.back)).toBeLessThanOrEqual(minutes('17:30'));
    // The 08:00–08:40 shop is first; the afternoon one after the morning ones.
    expect(route.stops[0]?.id).toBe('r6');
    expect(route.stops.findIndex((s) => s.id === 'r2')).toBeGreaterThan(route.stops.findIndex((s) => s.id === 'r4'));
    expect(route.meters).toBeGreaterThan(0);
    expect(plan.totalMeters).toBe(route.meters);
  });

  it('plans a week for a supervisor: pinned visits on their day, caps kept, the unplaceable said why', async () => {
    const stops = [
      ...Array.from({ length: 14 }, (_, i) => ({
        id: `w${i}`,
        lat: 34.0 + (i % 5) * 0.02,
        lng: 113.8 + Math.floor(i / 5) * 0.03,
        serviceMinutes: 20,
        ...(i < 3 ? { day: 4 } : {}),
      })),
      { id: 'night', lat: 34.01, lng: 113.81, window: ['20:00', '22:00'] },
    ];
    const days = [
      { maxVisits: 3 },
      { maxVisits: 3 },
      { start: '13:00', maxVisits: 3 },
      { maxMinutes: 120, maxVisits: 3 },
      { maxVisits: 4 },
    ];
    const response = await optimize(supervisor, { start: base, stops, days });
    expect(response.statusCode).toBe(200);
    const plan = response.json<RouteOptimizeResponse>();
    expect(plan.routes.map((r) => r.day)).toEqual([0, 1, 2, 3, 4]);
    for (const [i, route] of plan.routes.entries()) {
      expect(route.stops.length).toBeLessThanOrEqual(days[i]?.maxVisits ?? 0);
    }
    expect(plan.routes[4]?.stops.map((s) => s.id)).toEqual(expect.arrayContaining(['w0', 'w1', 'w2']));
    expect(minutes(plan.routes[2]?.leave ?? '00:00')).toBeGreaterThanOrEqual(minutes('13:00'));
    const r3 = plan.routes[3];
    if (r3 && r3.stops.length > 0) expect(minutes(r3.back) - minutes(r3.leave)).toBeLessThanOrEqual(120);
    // 16 places for 15 stops, but 'night' opens after every day ends: 14 planned, 1 unassigned.
    expect(plan.routes.reduce((a, r) => a + r.stops.length, 0)).toBe(14);
    expect(plan.unassigned).toEqual([
      { id: 'night', reason: 'shift', message: '在当天的工作时间内无法完成拜访并返回出发地。' },
    ]);
  });

  it('names the reason in the caller’s language', async () => {
    const stops = [
      { id: 'a', lat: 34.04, lng: 113.85 },
      { id: 'b', lat: 34.05, lng: 113.85 },
    ];
    const response = await optimize(english, { start: base, stops, days: [{ maxVisits: 1 }] });
    expect(response.statusCode).toBe(200);
    expect(response.json<RouteOptimizeResponse>().unassigned).toEqual([
      { id: 'b', reason: 'no-room', message: 'It would fit alone, but the days are full with the other visits.' },
    ]);
    // A plain apostrophe: the web font draws the typographic one full width.
    const late = await optimize(english, {
      start: base,
      stops: [{ id: 'night', lat: 34.01, lng: 113.81, window: ['20:00', '22:00'] }],
    });
    expect(late.json<RouteOptimizeResponse>().unassigned).toEqual([
      {
        id: 'night',
        reason: 'shift',
        message: "It cannot be visited and the base reached again within the day's hours.",
      },
    ]);
  });

  it('is for managers and supervisors only, signed in, with the CSRF token', async () => {
    const payload = { start: base, stops: dayStops.slice(0, 2) };
    expect((await optimize(admin, payload)).statusCode).toBe(403);
    expect((await optimize(null, payload)).statusCode).toBe(401);
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/routes/optimize',
      headers: { cookie: manager.cookie },
      payload,
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('refuses out-of-range and non-numeric coordinates with a message at each field, in Chinese and English', async () => {
    const payload = {
      start: { lat: 34, lng: 181 },
      stops: [
        { id: 'a', lat: 91, lng: 113.8 },
        { id: 'b', lat: 'NaN', lng: 113.8 },
        { id: 'c', lat: 34, lng: null },
      ],
    };
    const zh = await optimize(manager, payload);
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: {
        'start.lng': '不能大于 180。',
        'stops.0.lat': '不能大于 90。',
        'stops.1.lat': '格式不正确，应为数字。',
        'stops.2.lng': '格式不正确，应为数字。',
      },
    });
    const en = await optimize(manager, payload, { 'accept-language': 'en' });
    expect(en.json()).toMatchObject({
      fields: {
        'start.lng': 'Must be at most 180.',
        'stops.0.lat': 'Must be at most 90.',
        'stops.1.lat': 'Expected a number.',
      },
    });
    // A bare NaN is not JSON at all.
    const bare = await app.inject({
      method: 'POST',
      url: '/api/routes/optimize',
      headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken, 'content-type': 'application/json' },
      payload: '{"start":{"lat":NaN,"lng":113.8},"stops":[]}',
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ code: 'MALFORMED_REQUEST' });
  });

  it('refuses a misspelt field at its path rather than planning without it', async () => {
    const response = await optimize(
      manager,
      {
        start: { lat: 34, lng: 113.8, alt: 80 },
        stops: [{ id: 'a', lat: 34.01, lng: 113.8, serviceMinute: 30 }],
        days: [{ maxVisit: 3 }],
        endtime: '17:00',
      },
      { 'accept-language': 'en' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: {
        body: 'Unexpected field(s): endtime.',
        start: 'Unexpected field(s): alt.',
        'stops.0': 'Unexpected field(s): serviceMinute.',
        'days.0': 'Unexpected field(s): maxVisit.',
      },
    });
  });

  it('refuses more than 500 stops, and none, with a clear message', async () => {
    const stops = Array.from({ length: 501 }, (_, i) => ({ id: `s${i}`, lat: 34 + i * 1e-4, lng: 113.8 }));
    const tooMany = await optimize(manager, { start: base, stops }, { 'accept-language': 'en' });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { stops: 'At most 500 items.' } });
    const none = await optimize(manager, { start: base, stops: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ fields: { stops: '至少需要 1 项。' } });
  });

  it('plans the largest request allowed, 500 stops over 5 days, placing or explaining every stop', async () => {
    const stops = Array.from({ length: 500 }, (_, i) => ({
      id: `retailer-${i}`,
      lat: 33.9 + ((i * 7919) % 997) / 997 / 4,
      lng: 113.7 + ((i * 104729) % 991) / 991 / 4,
      serviceMinutes: 10,
    }));
    // Its speed is measured by `npm run bench:routing`, never asserted here.
    const response = await optimize(manager, { start: base, stops, days: Array.from({ length: 5 }, () => ({})) });
    expect(response.statusCode).toBe(200);
    const plan = response.json<RouteOptimizeResponse>();
    const planned = plan.routes.flatMap((r) => r.stops.map((s) => s.id));
    expect(new Set([...planned, ...plan.unassigned.map((u) => u.id)]).size).toBe(500);
    expect(planned.length + plan.unassigned.length).toBe(500);
  });

  it('checks what relates two fields: windows and days that end after they start, unique ids, pins to real days', async () => {
    const response = await optimize(
      manager,
      {
        start: base,
        stops: [
          { id: 'a', lat: 34, lng: 113.8, window: ['12:00', '09:00'] },
          { id: 'a', lat: 34, lng: 113.8 },
          { id: 'c', lat: 34, lng: 113.8, day: 2 },
        ],
        days: [{}, { start: '18:00', end: '08:00' }],
      },
      { 'accept-language': 'en' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: {
        'stops.0.window': 'The end must be later than the start.',
        'stops.1.id': 'Same id as stop 0 (counting from 0); every stop needs its own id.',
        'stops.2.day': 'The plan has 2 day(s), counted from 0; there is no such day.',
        'days.1.end': 'The day must end later than it starts.',
      },
    });
    const badClock = await optimize(manager, {
      start: base,
      stops: [{ id: 'x', lat: 34, lng: 113.8, window: ['9:00', '25:00'] }],
    });
    expect(badClock.statusCode).toBe(400);
    expect(Object.keys(badClock.json<{ fields: Record<string, string> }>().fields)).toEqual(
      expect.arrayContaining(['stops.0.window.0', 'stops.0.window.1']),
    );
  });
});
