import { readFileSync } from 'node:fs';
import type { GeneratePlansResponse, VisitPlanView, VisitRulesHistory, VisitRulesView } from '@siyi/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { auditLog, visitFlags, visitPlanRuns, visits } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import {
  createTestApp,
  databaseTargets,
  FIXTURE_PASSWORD,
  getAs,
  makeDistrict,
  makeRetailer,
  makeRetailerUser,
  makeSignedInUser,
  type RetailerRow,
  type Session,
  signIn,
} from '../../testing';
import { checkInRadiusMeters } from '../visits/visits.service';
import { generateNextWeek } from './visit-plans.service';

const targets = await databaseTargets();
const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

// Tuesday 1 December 2026, 10:00 in Shanghai: this week is 2026-11-30, next week 2026-12-07 (2026-W50).
const NOW = '2026-12-01T02:00:00Z';

describe.each(targets)('visit plans on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  const clock = new ManualClock(NOW);
  const ids: Record<string, number> = {};
  const sessions: Record<string, Session> = {};
  const shopsA: RetailerRow[] = [];
  let shopA2: RetailerRow;

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database, { clock });
    const db = database.db;
    const districtA = await makeDistrict(db);
    const districtB = await makeDistrict(db, { parentId: districtA.parentId });
    ids.districtA = districtA.id;
    ids.districtB = districtB.id;
    ids.company = districtA.parentId ?? 0;
    const people = {
      managerA: { role: 'manager' as const, orgUnitId: districtA.id },
      managerA2: { role: 'manager' as const, orgUnitId: districtA.id },
      managerB: { role: 'manager' as const, orgUnitId: districtB.id },
      supervisorA: { role: 'supervisor' as const, orgUnitId: districtA.id },
      supervisorB: { role: 'supervisor' as const, orgUnitId: districtB.id },
      admin: { role: 'admin' as const, orgUnitId: districtA.parentId ?? districtA.id },
    };
    for (const [name, values] of Object.entries(people)) {
      const { user, session } = await makeSignedInUser(app, db, values);
      ids[name] = user.id;
      sessions[name] = session;
    }
    // 20 weekly shops (tier 28, never visited: overdue) for managerA: more than a week of 3 a day holds.
    for (let i = 0; i < 20; i++) {
      shopsA.push(
        await makeRetailer(db, {
          districtId: districtA.id,
          managerId: ids.managerA,
          tier: 28,
          lat: 34.02 + (i % 5) * 0.004,
          lng: 113.82 + Math.floor(i / 5) * 0.004,
          ...(i === 0 ? { closedWeekdays: [1, 2, 3, 4] } : {}),
          ...(i === 1 ? { bestVisitFrom: 840, bestVisitTo: 900 } : {}),
        }),
      );
    }
    shopA2 = await makeRetailer(db, { districtId: districtA.id, managerId: ids.managerA2, tier: 28 });
    await makeRetailer(db, { districtId: districtB.id, managerId: ids.managerB, tier: 5 });
    sessions.retailerA = await signIn(
      app,
      (await makeRetailerUser(db, shopsA[2] as RetailerRow)).username,
      FIXTURE_PASSWORD,
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const session = (name: string) => {
    const s = sessions[name];
    if (!s) throw new Error(`no session ${name}`);
    return s;
  };
  const send = (who: string, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, language = 'zh-CN') => {
    const s = session(who);
    return app.inject({
      method,
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'accept-language': language },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  };
  const get = (who: string, url: string) => getAs(app, session(who), url);
  const plan = async (who: string, query: string) => {
    const response = await get(who, `/api/visits/plan${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<VisitPlanView>();
  };
  const stops = (view: VisitPlanView) => view.days.flatMap((d) => d.stops);
  const weekRows = (managerId: number, week: string) =>
    database.db
      .select({ id: visits.id, status: visits.status })
      .from(visits)
      .where(and(eq(visits.managerId, managerId), eq(visits.weekStart, week)));

  describe('coverage rules', () => {
    it('start as the defaults; only an admin saves, each save a new audited version; a stale version is 409', async () => {
      const first = await get('supervisorA', '/api/visits/rules');
      expect(first.statusCode).toBe(200);
      expect(first.json<VisitRulesView>()).toMatchObject({
        districtId: ids.districtA,
        version: 0,
        source: 'default',
        rules: { dailyCap: 25, checkInRadiusMeters: 200, workDays: [1, 2, 3, 4, 5] },
      });
      const rules = { ...first.json<VisitRulesView>().rules, dailyCap: 10, checkInRadiusMeters: 300 };
      expect(
        (await send('supervisorA', 'PUT', '/api/visits/rules', { districtId: null, rules, version: 0 })).statusCode,
      ).toBe(403);
      expect(
        (await send('managerA', 'PUT', '/api/visits/rules', { districtId: null, rules, version: 0 })).statusCode,
      ).toBe(403);

      const city = await send('admin', 'PUT', '/api/visits/rules', { districtId: null, rules, version: 0 });
      expect(city.statusCode, city.body).toBe(200);
      expect(city.json<VisitRulesView>()).toMatchObject({
        districtId: null,
        version: 1,
        source: 'city',
        createdBy: { id: ids.admin },
      });
      const stale = await send('admin', 'PUT', '/api/visits/rules', { districtId: null, rules, version: 0 });
      expect(stale.statusCode).toBe(409);
      // District A: three visits a day (the plans below rely on it).
      const own = await send('admin', 'PUT', '/api/visits/rules', {
        districtId: ids.districtA,
        rules: { ...rules, dailyCap: 3, checkInRadiusMeters: 250 },
        version: 0,
      });
      expect(own.statusCode, own.body).toBe(200);
      expect((await get('supervisorA', '/api/visits/rules')).json<VisitRulesView>()).toMatchObject({
        version: 1,
        source: 'district',
        rules: { dailyCap: 3 },
      });
      expect((await get('supervisorB', '/api/visits/rules')).json<VisitRulesView>()).toMatchObject({
        districtId: ids.districtB,
        version: 0,
        source: 'city',
        rules: { dailyCap: 10 },
      });
      expect((await get('supervisorB', `/api/visits/rules?districtId=${ids.districtA}`)).statusCode).toBe(404);
      expect((await get('retailerA', '/api/visits/rules')).statusCode).toBe(403);

      const history = await get('admin', '/api/visits/rules/history');
      expect(history.json<VisitRulesHistory>().items.map((i) => i.version)).toEqual([1]);
      const audits = await database.db.select().from(auditLog).where(eq(auditLog.entityType, 'visit_rules'));
      expect(audits.map((a) => a.action)).toEqual(['visitRules.updated', 'visitRules.updated']);
      // The check-in radius of visits reads the rules of the visit's district.
      expect(await checkInRadiusMeters(database.db, ids.districtA as number)).toBe(250);
      expect(await checkInRadiusMeters(database.db, ids.districtB as number)).toBe(300);
    });

    it('refuses overlapping bands, a day that ends before it starts, and junk with 400 in both languages', async () => {
      const rules = (await get('admin', '/api/visits/rules')).json<VisitRulesView>().rules;
      const overlap = await send(
        'admin',
        'PUT',
        '/api/visits/rules',
        {
          districtId: null,
          rules: {
            ...rules,
            bands: [
              { minTier: 10, maxTier: 30, everyWeeks: 1 },
              { minTier: 1, maxTier: 12, everyWeeks: 4 },
            ],
            dayStart: 900,
            dayEnd: 600,
          },
          version: 1,
        },
        'en',
      );
      expect(overlap.statusCode).toBe(400);
      expect(overlap.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { 'rules.bands.0': expect.stringMatching(/overlap/), 'rules.dayEnd': expect.any(String) },
      });
      for (const bad of [{ ...rules, dailyCap: 'many' }, { ...rules, workDays: [0] }, { ...rules, extra: 1 }, null]) {
        const r = await send('admin', 'PUT', '/api/visits/rules', { districtId: null, rules: bad, version: 1 });
        expect(r.statusCode, r.body).toBe(400);
      }
      expect(
        (await send('admin', 'PUT', '/api/visits/rules', { districtId: 999_999, rules, version: 0 })).statusCode,
      ).toBe(400);
      expect((await get('admin', '/api/visits/rules?districtId=abc')).statusCode).toBe(400);
      expect(
        (await send('admin', 'PUT', '/api/visits/rules', { districtId: ids.company, rules, version: 0 })).statusCode,
      ).toBe(400);
      // Without `districtId`: city-wide, the next version.
      const again = await send('admin', 'PUT', '/api/visits/rules', { rules, version: 1 });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json<VisitRulesView>()).toMatchObject({ districtId: null, version: 2, source: 'city' });
    });
  });

  describe('week plans', () => {
    it('generated on demand: overdue first within the daily cap, closed days and best hours held, the rest unassigned with the reason', async () => {
      expect((await send('retailerA', 'POST', '/api/visits/plan/generate', { week: '2026-12-07' })).statusCode).toBe(
        403,
      );
      // A manager generates only its own plan.
      const othersPlan = await send('managerA2', 'POST', '/api/visits/plan/generate', {
        week: '2026-12-07',
        managerId: ids.managerA,
      });
      expect(othersPlan.statusCode).toBe(404);
      const generated = await send('supervisorA', 'POST', '/api/visits/plan/generate', { week: '2026-W50' });
      expect(generated.statusCode, generated.body).toBe(200);
      const body = generated.json<GeneratePlansResponse>();
      expect(body.week).toBe('2026-12-07');
      expect(body.plans.map((p) => p.managerId).sort()).toEqual([ids.managerA, ids.managerA2].sort());
      expect(body.plans.find((p) => p.managerId === ids.managerA)).toMatchObject({ planned: 15, unassigned: 5 });
      const own = await send('managerA2', 'POST', '/api/visits/plan/generate', { week: '2026-12-07' });
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json<GeneratePlansResponse>().plans).toEqual([
        { managerId: ids.managerA2, planned: 1, unassigned: 0 },
      ]);

      const view = await plan('managerA', '?week=2026-12-09');
      expect(view.tiles).toMatchObject({ url: expect.any(String), crs: expect.stringMatching(/gcj02|wgs84/) });
      expect(view).toMatchObject({
        week: '2026-12-07',
        isoWeek: '2026-W50',
        manager: { id: ids.managerA },
        dailyCap: 3,
        canEdit: true,
      });
      expect(view.days.map((d) => d.workDay)).toEqual([true, true, true, true, true, false, false]);
      for (const day of view.days) {
        expect(day.stops.length).toBeLessThanOrEqual(3);
        expect(day.stops.map((s) => s.plannedOrder)).toEqual(day.stops.map((_, i) => i + 1));
        for (const s of day.stops) {
          expect(s).toMatchObject({
            status: 'planned',
            source: 'plan',
            pinned: false,
            dueStatus: 'overdue',
            dueReason: 'never-visited',
          });
          expect(s.plannedArrival).toBeGreaterThanOrEqual(510);
        }
      }
      const closedMonThu = stops(view).find((s) => s.retailerId === shopsA[0]?.id);
      // Shops 0 and 1 come first among equals (lowest ids), so they are always in the plan.
      expect(closedMonThu?.plannedDate).toBe('2026-12-11');
      const afternoon = stops(view).find((s) => s.retailerId === shopsA[1]?.id);
      expect(afternoon?.plannedArrival).toBeGreaterThanOrEqual(840);
      expect(afternoon?.plannedArrival).toBeLessThanOrEqual(880);
      expect(view.unassigned).toHaveLength(5);
      expect(view.unassigned.every((u) => u.reason === 'capacity' && u.shopName.length > 0)).toBe(true);
      expect(new Set([...stops(view).map((s) => s.retailerId), ...view.unassigned.map((u) => u.retailerId)]).size).toBe(
        20,
      );
      const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'visitPlan.generated'));
      expect(audits.length).toBe(3);
    });

    it('scope: a manager its own plan, a supervisor its district’s, an admin all; another’s is 404', async () => {
      const mine = await plan('managerA', '');
      expect(mine.week).toBe('2026-11-30');
      expect((await get('managerA', `/api/visits/plan?managerId=${ids.managerA2}`)).statusCode).toBe(404);
      expect((await get('managerB', `/api/visits/plan?managerId=${ids.managerA}&week=2026-12-07`)).statusCode).toBe(
        404,
      );
      expect(stops(await plan('supervisorA', `?managerId=${ids.managerA}&week=2026-12-07`))).toHaveLength(15);
      expect((await get('supervisorB', `/api/visits/plan?managerId=${ids.managerA}&week=2026-12-07`)).statusCode).toBe(
        404,
      );
      expect(stops(await plan('admin', `?managerId=${ids.managerA2}&week=2026-12-07`))).toHaveLength(1);
      expect((await get('supervisorA', '/api/visits/plan')).statusCode).toBe(400);
      expect((await get('supervisorA', `/api/visits/plan?managerId=${ids.supervisorB}`)).statusCode).toBe(404);
      expect((await get('retailerA', '/api/visits/plan')).statusCode).toBe(403);
      const visitOfA = stops(await plan('managerA', '?week=2026-12-07'))[0];
      expect(
        (await send('managerA2', 'PUT', `/api/visits/plan/visits/${visitOfA?.visitId}`, { pinned: true })).statusCode,
      ).toBe(404);
      expect((await send('managerA2', 'DELETE', `/api/visits/plan/visits/${visitOfA?.visitId}`)).statusCode).toBe(404);
      expect(
        (
          await send('supervisorB', 'POST', '/api/visits/plan/generate', {
            week: '2026-12-07',
            managerId: ids.managerA,
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await send('managerA2', 'POST', '/api/visits/plan/visits', {
            retailerId: shopsA[5]?.id,
            plannedDate: '2026-12-08',
          })
        ).statusCode,
      ).toBe(404);
    });

    it('the manager moves, pins, adds and removes; a new generation keeps them and leaves the removed one out', async () => {
      const before = await plan('managerA', '?week=2026-12-07');
      const monday = before.days[0]?.stops ?? [];
      const moved = monday[0];
      if (!moved) throw new Error('no Monday visit');
      const toFriday = await send('managerA', 'PUT', `/api/visits/plan/visits/${moved.visitId}`, {
        plannedDate: '2026-12-11',
        plannedOrder: 1,
      });
      expect(toFriday.statusCode, toFriday.body).toBe(200);
      const friday = toFriday.json<VisitPlanView>().days[4]?.stops ?? [];
      expect(friday[0]).toMatchObject({ visitId: moved.visitId, pinned: true, plannedOrder: 1 });
      expect(friday.map((s) => s.plannedOrder)).toEqual(friday.map((_, i) => i + 1));

      const removed = monday[1];
      const gone = await send('managerA', 'DELETE', `/api/visits/plan/visits/${removed?.visitId}`);
      expect(gone.statusCode, gone.body).toBe(200);
      expect(stops(gone.json<VisitPlanView>()).some((s) => s.visitId === removed?.visitId)).toBe(false);
      expect((await send('managerA', 'DELETE', `/api/visits/plan/visits/${removed?.visitId}`)).statusCode).toBe(409);

      const extra = before.unassigned[0];
      const added = await send('managerA', 'POST', '/api/visits/plan/visits', {
        retailerId: extra?.retailerId,
        plannedDate: '2026-12-08',
      });
      expect(added.statusCode, added.body).toBe(201);
      const addedStop = stops(added.json<VisitPlanView>()).find((s) => s.retailerId === extra?.retailerId);
      expect(addedStop).toMatchObject({ source: 'added', pinned: true, plannedDate: '2026-12-08' });
      expect(added.json<VisitPlanView>().unassigned.some((u) => u.retailerId === extra?.retailerId)).toBe(false);
      const again = await send(
        'managerA',
        'POST',
        '/api/visits/plan/visits',
        { retailerId: extra?.retailerId, plannedDate: '2026-12-09' },
        'en',
      );
      expect(again.statusCode).toBe(400);
      expect(again.json()).toMatchObject({ fields: { retailerId: expect.stringMatching(/already has a visit/) } });

      const regenerated = await send('admin', 'POST', '/api/visits/plan/generate', {
        week: '2026-12-07',
        managerId: ids.managerA,
      });
      expect(regenerated.statusCode, regenerated.body).toBe(200);
      const after = await plan('managerA', '?week=2026-12-07');
      expect(stops(after).find((s) => s.visitId === moved.visitId)).toMatchObject({
        plannedDate: '2026-12-11',
        pinned: true,
      });
      expect(stops(after).find((s) => s.visitId === addedStop?.visitId)).toMatchObject({ plannedDate: '2026-12-08' });
      expect(stops(after).some((s) => s.retailerId === removed?.retailerId)).toBe(false);
      for (const day of after.days) expect(day.stops.length).toBeLessThanOrEqual(3);
      // No retailer twice in the week.
      const retailersInWeek = stops(after).map((s) => s.retailerId);
      expect(new Set(retailersInWeek).size).toBe(retailersInWeek.length);
    });

    it('due reasons count the last valid visit: a visit flagged short does not count', async () => {
      const view = await plan('managerA', '?week=2026-12-07');
      const stop = view.days[2]?.stops[0];
      if (!stop) throw new Error('no Wednesday visit');
      expect(stop.dueReason).toBe('never-visited');
      const at = new Date('2026-11-25T02:00:00Z'); // a Wednesday, two weeks before
      const [past] = await database.db
        .insert(visits)
        .values({
          retailerId: stop.retailerId,
          managerId: ids.managerA as number,
          districtId: ids.districtA as number,
          weekStart: '2026-11-23',
          plannedDate: '2026-11-25',
          source: 'unplanned',
          status: 'done',
          checkInAt: at,
          checkOutAt: new Date(at.getTime() + 30_000),
          secondsOnSite: 30,
        })
        .returning({ id: visits.id });
      const dueOf = async () =>
        stops(await plan('managerA', '?week=2026-12-07')).find((s) => s.visitId === stop.visitId);
      expect(await dueOf()).toMatchObject({ dueStatus: 'overdue', dueReason: 'overdue' });
      await database.db.insert(visitFlags).values({
        kind: 'short_visit',
        visitId: past?.id as number,
        retailerId: stop.retailerId,
        managerId: ids.managerA as number,
        districtId: ids.districtA as number,
        day: '2026-11-25',
        ruleVersion: 1,
      });
      expect(await dueOf()).toMatchObject({ dueStatus: 'overdue', dueReason: 'never-visited' });
    });

    it('a started visit is neither moved nor removed (409, nothing written)', async () => {
      const view = await plan('managerA', '?week=2026-12-07');
      const started = view.days[1]?.stops[0];
      await database.db
        .update(visits)
        .set({ status: 'in_progress', checkInAt: new Date(NOW) })
        .where(eq(visits.id, started?.visitId as number));
      const move = await send('managerA', 'PUT', `/api/visits/plan/visits/${started?.visitId}`, {
        plannedDate: '2026-12-10',
      });
      expect(move.statusCode).toBe(409);
      expect((await send('managerA', 'DELETE', `/api/visits/plan/visits/${started?.visitId}`)).statusCode).toBe(409);
      const [row] = await database.db
        .select()
        .from(visits)
        .where(eq(visits.id, started?.visitId as number));
      expect(row).toMatchObject({ status: 'in_progress', plannedDate: '2026-12-08' });
    });

    it('re-optimise: the rest of today from where the manager stands, started visits first, times from now', async () => {
      const current = await send('supervisorA', 'POST', '/api/visits/plan/generate', {
        week: '2026-11-30',
        managerId: ids.managerA,
      });
      expect(current.statusCode, current.body).toBe(200);
      const week = await plan('managerA', '');
      expect(week.days[0]?.stops).toEqual([]); // Monday is past.
      const today = week.days[1]?.stops ?? [];
      expect(today.length).toBeGreaterThan(1);
      await database.db
        .update(visits)
        .set({ status: 'done', checkInAt: new Date(NOW), checkOutAt: new Date(NOW) })
        .where(eq(visits.id, today[today.length - 1]?.visitId as number));
      const response = await send('managerA', 'POST', '/api/visits/plan/reoptimize', {
        date: '2026-12-01',
        lat: 34.05,
        lng: 113.85,
      });
      expect(response.statusCode, response.body).toBe(200);
      const after = response.json<VisitPlanView>().days[1]?.stops ?? [];
      expect(after[0]).toMatchObject({ visitId: today[today.length - 1]?.visitId, status: 'done' });
      expect(after.map((s) => s.plannedOrder)).toEqual(after.map((_, i) => i + 1));
      for (const s of after.slice(1))
        if (s.plannedArrival !== null) expect(s.plannedArrival).toBeGreaterThanOrEqual(600);
      expect(
        (
          await send('managerA2', 'POST', '/api/visits/plan/reoptimize', {
            date: '2026-12-01',
            lat: 34.05,
            lng: 113.85,
            managerId: ids.managerA,
          })
        ).statusCode,
      ).toBe(404);
    });

    it('the weekly job generates next week once, however often it runs', async () => {
      const sunday = new ManualClock('2026-12-13T12:00:00Z'); // Sunday 20:00 in Shanghai
      const deps = { db: database.db, clock: sunday };
      const first = await generateNextWeek(deps);
      const rows = await weekRows(ids.managerA as number, '2026-12-14');
      expect(first).toBe(3); // managerA, managerA2, managerB
      expect(rows.length).toBe(15);
      expect(await generateNextWeek(deps)).toBe(0);
      await Promise.all([generateNextWeek(deps), generateNextWeek(deps)]);
      expect((await weekRows(ids.managerA as number, '2026-12-14')).map((r) => r.id).sort()).toEqual(
        rows.map((r) => r.id).sort(),
      );
      const runs = await database.db.select().from(visitPlanRuns).where(eq(visitPlanRuns.weekStart, '2026-12-14'));
      expect(runs.length).toBe(3);
      expect(runs.every((r) => r.generatedByUserId === null)).toBe(true);
      // Through the queue (the app clock's next week was generated on demand above): nothing twice.
      const count = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(visits))[0]?.n ?? 0;
      const n = await count();
      await app.jobs.runDue();
      // managerB had no plan for 2026-12-07 yet: its one overdue shop; the second run adds nothing.
      expect(await count()).toBe(n + 1);
      await app.jobs.runDue();
      expect(await count()).toBe(n + 1);
      const w50 = await database.db.select().from(visitPlanRuns).where(eq(visitPlanRuns.weekStart, '2026-12-07'));
      expect(w50.length).toBe(3);
      // Two servers at once on a week nobody planned yet: each manager's week once.
      const later = { db: database.db, clock: new ManualClock('2026-12-20T12:00:00Z') };
      const both = await Promise.all([generateNextWeek(later), generateNextWeek(later)]);
      expect(both[0] + both[1]).toBe(3);
      const w52 = await weekRows(ids.managerA as number, '2026-12-21');
      expect(w52.length).toBe(15);
    });
  });

  describe('bad input is 400, never 500', () => {
    it('weeks, dates, ids and coordinates', async () => {
      for (const week of [
        '2026-13-01',
        '2026-02-30',
        'foo',
        '2026-W60',
        '2025-W53',
        '2026-W00',
        '20261207',
        '1899-12-04',
        '',
      ]) {
        const r = await get('managerA', `/api/visits/plan?week=${encodeURIComponent(week)}`);
        expect(r.statusCode, `${week}: ${r.body}`).toBe(400);
      }
      expect((await get('managerA', '/api/visits/plan?week=2026-W53')).statusCode).toBe(200);
      expect((await get('managerA', '/api/visits/plan?managerId=abc')).statusCode).toBe(400);
      expect((await get('managerA', '/api/visits/plan?managerId=-1')).statusCode).toBe(400);
      const some = stops(await plan('managerA', '?week=2026-12-07')).find((s) => s.status === 'planned');
      const past = await send(
        'managerA',
        'PUT',
        `/api/visits/plan/visits/${some?.visitId}`,
        { plannedDate: '2026-11-20' },
        'en',
      );
      expect(past.statusCode).toBe(400);
      expect(past.json()).toMatchObject({ fields: { plannedDate: expect.stringMatching(/past/) } });
      expect(
        (await send('managerA', 'PUT', `/api/visits/plan/visits/${some?.visitId}`, { plannedDate: '2027-06-01' }))
          .statusCode,
      ).toBe(400);
      expect((await send('managerA', 'PUT', `/api/visits/plan/visits/${some?.visitId}`, {})).statusCode).toBe(400);
      expect((await send('managerA', 'PUT', '/api/visits/plan/visits/abc', { pinned: true })).statusCode).toBe(400);
      expect((await send('managerA', 'PUT', '/api/visits/plan/visits/99999999', { pinned: true })).statusCode).toBe(
        404,
      );
      expect(
        (
          await send('managerA', 'POST', '/api/visits/plan/visits', {
            retailerId: shopA2.id,
            plannedDate: '2026-12-08',
          })
        ).statusCode,
      ).toBe(404);
      for (const body of [
        { date: '2026-12-01', lat: Number.NaN, lng: 113.8 },
        { date: '2026-12-01', lat: 48.85, lng: 2.35 },
        { date: '2026-11-01', lat: 34.05, lng: 113.85 },
        { date: 'today', lat: 34.05, lng: 113.85 },
      ]) {
        const r = await send('managerA', 'POST', '/api/visits/plan/reoptimize', body);
        expect(r.statusCode, JSON.stringify(body)).toBe(400);
      }
      expect((await send('supervisorA', 'POST', '/api/visits/plan/generate', { week: '2026-11-16' })).statusCode).toBe(
        400,
      );
      expect((await send('supervisorA', 'POST', '/api/visits/plan/generate', { week: '2027-W40' })).statusCode).toBe(
        400,
      );
    });

    it('naughty strings in every text parameter', async () => {
      const some = stops(await plan('managerA', '?week=2026-12-07')).find((s) => s.status === 'planned');
      for (const s of naughtyStrings.slice(0, 120)) {
        const q = encodeURIComponent(s);
        for (const r of [
          await get('managerA', `/api/visits/plan?week=${q}`),
          await get('supervisorA', `/api/visits/plan?managerId=${q}`),
          await get('admin', `/api/visits/rules?districtId=${q}`),
          await send('managerA', 'PUT', `/api/visits/plan/visits/${some?.visitId}`, { plannedDate: s }),
          await send('managerA', 'POST', '/api/visits/plan/visits', { retailerId: s, plannedDate: s }),
          await send('supervisorA', 'POST', '/api/visits/plan/generate', { week: s }),
        ]) {
          expect(r.statusCode, `${JSON.stringify(s)} → ${r.body}`).toBeLessThan(500);
        }
      }
    });
  });
});
