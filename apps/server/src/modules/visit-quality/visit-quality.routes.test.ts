import { readFileSync } from 'node:fs';
import { DEFAULT_VISIT_FLAG_RULES } from '@siyi/algorithms';
import type {
  CoverageItemsResponse,
  CoverageResponse,
  VisitDetail,
  VisitFlag,
  VisitFlagListResponse,
  VisitFlagRulesView,
  VisitQuality,
} from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
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
import { runVisitQualityChecks } from './visit-quality.jobs';
import { visitFlagsOf } from './visit-quality.service';

const targets = await databaseTargets();
const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

// Thursday 26 November 2026, 10:00 in Shanghai; its week starts Monday 23 November.
const NOW = '2026-11-26T02:00:00Z';
const WEEK = '2026-11-23';

interface VisitInput {
  shop: RetailerRow;
  managerId: number;
  weekStart?: string;
  plannedDate?: string | null;
  source?: 'plan' | 'unplanned' | 'added';
  status?: 'planned' | 'in_progress' | 'done' | 'cancelled';
  checkInAt?: string | null;
  seconds?: number;
  distanceM?: number;
  record?: 'full' | 'empty';
  rating?: number;
}

describe.each(targets)('visit quality on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  const clock = new ManualClock(NOW);
  const sessions: Record<string, Session> = {};
  const ids: Record<string, number> = {};
  let districtA: number;
  let districtB: number;
  let shops: RetailerRow[] = [];
  let shopB: RetailerRow;

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database, { clock });
    const db = database.db;
    const a = await makeDistrict(db);
    const b = await makeDistrict(db, { parentId: a.parentId });
    districtA = a.id;
    districtB = b.id;
    const made = {
      managerA: await makeSignedInUser(app, db, { role: 'manager', orgUnitId: a.id }),
      managerA2: await makeSignedInUser(app, db, { role: 'manager', orgUnitId: a.id }),
      supervisorA: await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: a.id }),
      supervisorB: await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: b.id }),
      admin: await makeSignedInUser(app, db, { role: 'admin', orgUnitId: a.parentId ?? a.id }),
    };
    for (const [name, m] of Object.entries(made)) {
      sessions[name] = m.session;
      ids[name] = m.user.id;
    }
    shops = [];
    for (let i = 0; i < 5; i++)
      shops.push(await makeRetailer(db, { districtId: a.id, managerId: made.managerA.user.id }));
    shops.push(await makeRetailer(db, { districtId: a.id, managerId: made.managerA2.user.id }));
    shopB = await makeRetailer(db, { districtId: b.id });
    // The shops existed all of October (the month the job looks back on).
    await db.execute(sql`update retailers set created_at = '2026-01-01T00:00:00Z'`);
    const retailerUser = await makeRetailerUser(db, shops[0] as RetailerRow);
    sessions.retailer = await signIn(app, retailerUser.username, FIXTURE_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const s = (who: string) => {
    const session = sessions[who];
    if (!session) throw new Error(`no session ${who}`);
    return session;
  };
  const id = (who: string) => ids[who] ?? -1;
  const shop = (i: number) => shops[i] as RetailerRow;
  const send = (method: 'POST' | 'PUT', who: string, url: string, payload: unknown, language = 'zh-CN') =>
    app.inject({
      method,
      url,
      headers: {
        cookie: s(who).cookie,
        'x-csrf-token': s(who).csrfToken,
        'accept-language': language,
        // A string goes as raw JSON text (a malformed body).
        ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}),
      },
      payload: payload as Record<string, unknown>,
    });
  const post = (who: string, url: string, payload: unknown = {}, language = 'zh-CN') =>
    send('POST', who, url, payload, language);
  const get = (who: string, url: string) => getAs(app, s(who), url);

  /** A visit row as the visits module would have left it. */
  async function insertVisit(v: VisitInput): Promise<number> {
    const status = v.status ?? 'done';
    const checkIn = status === 'done' || status === 'in_progress' ? new Date(v.checkInAt ?? NOW) : null;
    const checkOut = status === 'done' && checkIn ? new Date(checkIn.getTime() + (v.seconds ?? 900) * 1000) : null;
    const record =
      status === 'planned'
        ? null
        : v.record === 'empty'
          ? { checklist: {}, summary: '' }
          : { checklist: { licence_displayed: { answer: 'yes', note: '' } }, summary: '陈列整齐' };
    const result = await database.db.execute<{ id: string }>(sql`
      insert into visits (retailer_id, manager_id, district_id, week_start, planned_date, source, status, check_in_at,
                          check_in_lat, check_in_lng, check_in_accuracy_m, check_in_distance_m, check_in_reason,
                          check_out_at, seconds_on_site, record)
      values (${v.shop.id}, ${v.managerId}, ${v.shop.districtId}, ${v.weekStart ?? WEEK}, ${v.plannedDate ?? null},
              ${v.source ?? 'plan'}, ${status}, ${checkIn}, ${checkIn ? v.shop.lat : null},
              ${checkIn ? v.shop.lng : null}, ${checkIn ? 10 : null}, ${checkIn ? (v.distanceM ?? 25) : null},
              ${checkIn && (v.distanceM ?? 0) > 200 ? '门口修路' : ''}, ${checkOut},
              ${checkOut ? (v.seconds ?? 900) : null}, ${record === null ? null : JSON.stringify(record)}::jsonb)
      returning id`);
    const visitId = Number(result.rows[0]?.id);
    if (v.rating !== undefined) {
      const retailerUser = await database.db.execute<{ id: number }>(
        sql`select id from users where role = 'admin' limit 1`,
      );
      await database.db.execute(sql`
        insert into visit_ratings (visit_id, retailer_id, district_id, score, rated_by_user_id)
        values (${visitId}, ${v.shop.id}, ${v.shop.districtId}, ${v.rating}, ${retailerUser.rows[0]?.id})`);
    }
    return visitId;
  }

  const flags = async (who: string, query: string) => {
    const response = await get(who, `/api/visits/flags?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<VisitFlagListResponse>();
  };

  it('flags a short visit at check-out, on the timeline', async () => {
    const started = await post('managerA', '/api/visits', { retailerId: shop(4).id });
    expect(started.statusCode, started.body).toBe(201);
    const visit = started.json<VisitDetail>();
    const checkIn = await post('managerA', `/api/visits/${visit.id}/check-in`, {
      lat: shop(4).lat,
      lng: shop(4).lng,
      accuracy: 10,
    });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    clock.advanceMinutes(0.5);
    const out = await post('managerA', `/api/visits/${visit.id}/check-out`);
    expect(out.statusCode, out.body).toBe(200);
    const list = await flags('supervisorA', `visitId=${visit.id}`);
    expect(list.items.map((f) => f.kind)).toEqual(['short_visit']);
    expect(list.items[0]).toMatchObject({
      visitId: visit.id,
      retailerId: shop(4).id,
      manager: { id: id('managerA') },
      open: true,
      detail: { secondsOnSite: 30, minSeconds: 60 },
    });
    const timeline = await database.db.execute<{ kind: string }>(
      sql`select kind from timeline_events where source_type = 'visit' and source_id = ${String(visit.id)} order by id`,
    );
    expect(timeline.rows.map((r) => r.kind)).toContain('visit.flagged');
  });

  it('raises empty-record, manager-day and retailer-month flags in the daily job, and a second run adds nothing', async () => {
    // Checked out 2 days ago with an empty record: the record can no longer be edited.
    const empty = await insertVisit({
      shop: shop(1),
      managerId: id('managerA'),
      checkInAt: '2026-11-24T02:00:00Z',
      seconds: 1200,
      record: 'empty',
    });
    // Checked out an hour ago with an empty record: still editable, not flagged yet.
    const fresh = await insertVisit({
      shop: shop(2),
      managerId: id('managerA'),
      checkInAt: '2026-11-26T00:30:00Z',
      seconds: 1800,
      record: 'empty',
    });
    // Manager A2 spent 10 minutes on site on Wednesday 25 November: a short day.
    await insertVisit({ shop: shop(5), managerId: id('managerA2'), checkInAt: '2026-11-25T03:00:00Z', seconds: 600 });
    // In October only shop 1 had a valid visit.
    await insertVisit({
      shop: shop(1),
      managerId: id('managerA'),
      weekStart: '2026-10-12',
      checkInAt: '2026-10-14T03:00:00Z',
      seconds: 1500,
    });
    await insertVisit({
      shop: shop(2),
      managerId: id('managerA'),
      weekStart: '2026-10-12',
      checkInAt: '2026-10-14T04:00:00Z',
      seconds: 20,
    });

    const first = await runVisitQualityChecks(database.db, clock.now());
    expect(first.visitFlags).toBeGreaterThanOrEqual(1);
    expect(first.managerDayFlags).toBeGreaterThanOrEqual(1);
    expect(first.retailerMonthFlags).toBeGreaterThanOrEqual(1);
    const before = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from visit_flags`);
    const second = await runVisitQualityChecks(database.db, clock.now());
    expect(second).toEqual({ visitFlags: 0, managerDayFlags: 0, retailerMonthFlags: 0 });
    // And through the job queue, as the servers run it.
    await app.jobs.runDue();
    const after = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from visit_flags`);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);

    expect((await flags('supervisorA', `visitId=${empty}`)).items.map((f) => f.kind)).toEqual(['empty_record']);
    expect((await flags('supervisorA', `visitId=${fresh}`)).items).toEqual([]);
    const day = await flags('supervisorA', `kind=low_daily_time&managerId=${id('managerA2')}`);
    expect(day.items.map((f) => [f.day, f.detail.secondsOnSite])).toEqual([['2026-11-25', 600]]);
    const month = await flags('supervisorA', 'kind=retailer_missed_month');
    const missed = month.items.map((f) => f.retailerId);
    expect(missed).not.toContain(shop(1).id);
    expect(missed).toEqual(expect.arrayContaining([shop(0).id, shop(2).id, shop(3).id, shop(5).id]));
    expect(month.items.every((f) => f.month === '2026-10' && f.districtId === districtA)).toBe(true);
  });

  it('keeps flags to their scope: 404 for another district or manager, 403 for a retailer', async () => {
    expect((await get('supervisorB', `/api/visits/flags?districtId=${districtA}`)).statusCode).toBe(404);
    expect((await flags('supervisorB', '')).total).toBe(0);
    const own = await flags('managerA', 'pageSize=100');
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((f) => f.manager.id === id('managerA'))).toBe(true);
    expect((await get('managerA', `/api/visits/flags?managerId=${id('managerA2')}`)).statusCode).toBe(404);
    expect((await get('retailer', '/api/visits/flags')).statusCode).toBe(403);
    const all = await flags('admin', `districtId=${districtA}&pageSize=100`);
    expect(all.total).toBe((await flags('supervisorA', 'pageSize=100')).total);
  });

  it('answers bad filters with 400 and field messages', async () => {
    for (const query of [
      'kind=nonsense',
      'open=maybe',
      'from=2026-11-30&to=2026-11-01',
      'from=2026-02-30',
      'pageSize=1000',
      'districtId=-1',
      'managerId=NaN',
    ]) {
      const response = await get('supervisorA', `/api/visits/flags?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
    }
  });

  it('lets the supervisor spot-check a done visit, closing its flags, audited and on the timeline', async () => {
    const visitId = await insertVisit({
      shop: shop(3),
      managerId: id('managerA'),
      checkInAt: '2026-11-25T06:00:00Z',
      seconds: 15,
      distanceM: 640,
    });
    await runVisitQualityChecks(database.db, clock.now());
    expect((await flags('supervisorA', `visitId=${visitId}&open=true`)).items.map((f) => f.kind).sort()).toEqual([
      'far_check_in',
      'short_visit',
    ]);
    const body = { outcome: 'confirmed', note: '电话核实：只停留了十几秒' };
    expect((await post('supervisorB', `/api/visits/${visitId}/spot-check`, body)).statusCode).toBe(404);
    expect((await post('managerA', `/api/visits/${visitId}/spot-check`, body)).statusCode).toBe(403);
    expect((await post('retailer', `/api/visits/${visitId}/spot-check`, body)).statusCode).toBe(403);
    const bad = await post('supervisorA', `/api/visits/${visitId}/spot-check`, { outcome: 'maybe' }, 'en');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: Record<string, string> }>().fields).toHaveProperty('outcome');
    const control = await post('supervisorA', `/api/visits/${visitId}/spot-check`, {
      outcome: 'cleared',
      note: 'a\u0000b',
    });
    expect(control.statusCode).toBe(400);
    const inB = await insertVisit({ shop: shopB, managerId: id('managerA2'), checkInAt: '2026-11-25T06:00:00Z' });
    expect((await post('supervisorA', `/api/visits/${inB}/spot-check`, body)).statusCode).toBe(404);
    expect((await post('supervisorA', `/api/visits/${inB}/callback`, { reached: false })).statusCode).toBe(404);
    expect((await post('supervisorB', `/api/visits/${inB}/spot-check`, body)).statusCode).toBe(201);
    const planned = await insertVisit({ shop: shop(3), managerId: id('managerA'), status: 'planned' });
    expect((await post('supervisorA', `/api/visits/${planned}/spot-check`, body)).statusCode).toBe(409);

    const done = await post('supervisorA', `/api/visits/${visitId}/spot-check`, body);
    expect(done.statusCode, done.body).toBe(201);
    const quality = done.json<VisitQuality>();
    expect(quality.flags.every((f) => !f.open && f.spotCheck?.outcome === 'confirmed')).toBe(true);
    expect(quality.spotChecks).toHaveLength(1);
    expect(quality.spotChecks[0]?.by?.id).toBe(id('supervisorA'));
    expect((await flags('supervisorA', `visitId=${visitId}&open=true`)).total).toBe(0);
    expect((await flags('supervisorA', `visitId=${visitId}&open=false`)).total).toBe(2);
    const audit = await database.db.execute<{ action: string }>(
      sql`select action from audit_log where entity_type = 'visit' and entity_id = ${String(visitId)}`,
    );
    expect(audit.rows.map((r) => r.action)).toContain('visit.spot_checked');
    const timeline = await database.db.execute<{ kind: string; data: { outcome: string } }>(sql`
      select kind, data from timeline_events where source_type = 'visit' and source_id = ${String(visitId)}
        and kind = 'visit.spot_checked'`);
    expect(timeline.rows[0]?.data.outcome).toBe('confirmed');
    // The manager reads its own visit's quality, read-only.
    expect((await get('managerA', `/api/visits/${visitId}/quality`)).statusCode).toBe(200);
    expect((await get('managerA2', `/api/visits/${visitId}/quality`)).statusCode).toBe(404);
  });

  it('spot-checks a manager-day flag once', async () => {
    const day = await flags('supervisorA', `kind=low_daily_time&managerId=${id('managerA2')}`);
    const flagId = day.items[0]?.id;
    expect(flagId).toBeDefined();
    const body = { outcome: 'cleared', note: '当天下午开会' };
    expect((await post('supervisorB', `/api/visits/flags/${flagId}/spot-check`, body)).statusCode).toBe(404);
    const first = await post('supervisorA', `/api/visits/flags/${flagId}/spot-check`, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<VisitFlag>()).toMatchObject({
      open: false,
      spotCheck: { outcome: 'cleared', note: '当天下午开会' },
    });
    expect((await post('supervisorA', `/api/visits/flags/${flagId}/spot-check`, body)).statusCode).toBe(409);
  });

  it('records a call-back (回访): reached needs what the retailer said, unreached refuses it', async () => {
    const visitId = await insertVisit({ shop: shop(0), managerId: id('managerA'), checkInAt: '2026-11-25T07:00:00Z' });
    const url = `/api/visits/${visitId}/callback`;
    const missing = await post('supervisorA', url, { reached: true, note: '' }, 'en');
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ fields: Record<string, string> }>().fields.retailerSays).toMatch(/retailer said/);
    expect((await post('supervisorA', url, { reached: false, retailerSays: 'perfunctory' })).statusCode).toBe(400);
    expect((await post('supervisorA', url, { reached: 'yes' })).statusCode).toBe(400);
    expect((await post('supervisorA', url, '{"reached":true,')).statusCode).toBe(400);
    expect((await post('supervisorB', url, { reached: false })).statusCode).toBe(404);
    expect((await post('managerA', url, { reached: false })).statusCode).toBe(403);
    const ok = await post('supervisorA', url, { reached: true, retailerSays: 'perfunctory', note: '说只待了两分钟' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<VisitQuality>().callbacks).toMatchObject([
      { reached: true, retailerSays: 'perfunctory', note: '说只待了两分钟', by: { id: id('supervisorA') } },
    ]);
    const unreached = await post('supervisorA', url, { reached: false });
    expect(unreached.json<VisitQuality>().callbacks.map((c) => c.retailerSays)).toEqual(['perfunctory', null]);
    const timeline = await database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from timeline_events where kind = 'visit.callback' and source_id = ${String(visitId)}`);
    expect(timeline.rows[0]?.n).toBe(2);
  });

  it('answers naughty strings in every text field with 201 or 400, never a 500, and writes nothing on a 400', async () => {
    const visitId = await insertVisit({ shop: shop(1), managerId: id('managerA'), checkInAt: '2026-11-25T08:00:00Z' });
    const count = async () =>
      (
        await database.db.execute<{ n: number }>(sql`
          select ((select count(*) from visit_callbacks where visit_id = ${visitId})
                + (select count(*) from visit_spot_checks where visit_id = ${visitId}))::int as n`)
      ).rows[0]?.n ?? 0;
    for (const note of naughtyStrings.slice(0, 120)) {
      for (const [url, body] of [
        [`/api/visits/${visitId}/callback`, { reached: true, retailerSays: 'as_recorded', note }],
        [`/api/visits/${visitId}/spot-check`, { outcome: 'cleared', note }],
      ] as const) {
        const before = await count();
        const response = await post('supervisorA', url, body);
        expect([201, 400], `${url} ${JSON.stringify(note)}`).toContain(response.statusCode);
        expect(await count()).toBe(before + (response.statusCode === 201 ? 1 : 0));
      }
    }
  });

  it('computes coverage per district and manager, and every figure equals its list', async () => {
    const m = id('managerA');
    // This week: 4 due (2 done, one planned for Tuesday and missed, one for Saturday), 1 unplanned done, 1 cancelled.
    await insertVisit({
      shop: shop(0),
      managerId: m,
      plannedDate: '2026-11-23',
      checkInAt: '2026-11-23T02:00:00Z',
      rating: 5,
    });
    await insertVisit({
      shop: shop(1),
      managerId: m,
      plannedDate: '2026-11-24',
      checkInAt: '2026-11-24T05:00:00Z',
      seconds: 30,
      rating: 2,
    });
    await insertVisit({ shop: shop(2), managerId: m, plannedDate: '2026-11-24', status: 'planned' });
    await insertVisit({ shop: shop(3), managerId: m, plannedDate: '2026-11-28', status: 'planned' });
    await insertVisit({ shop: shop(3), managerId: m, status: 'cancelled', plannedDate: '2026-11-25' });
    await runVisitQualityChecks(database.db, clock.now());

    const response = await get('supervisorA', `/api/coverage?week=${WEEK}`);
    expect(response.statusCode, response.body).toBe(200);
    const coverage = response.json<CoverageResponse>();
    expect(coverage.weeks).toHaveLength(9);
    expect(coverage.weeks[8]).toBe(WEEK);
    expect(coverage.today).toBe('2026-11-26');
    expect(coverage.districts.map((d) => d.districtId)).toEqual([districtA]);
    expect(coverage.managers.map((x) => x.managerId).sort()).toEqual([id('managerA'), id('managerA2')].sort());
    const mine = coverage.managers.find((x) => x.managerId === m)?.series.at(-1);
    expect(mine).toMatchObject({ overdue: 1, rated: 2, averageRating: 3.5 });
    expect(mine?.due).toBeGreaterThanOrEqual(4);
    expect(mine?.flagged).toBeGreaterThanOrEqual(1);

    for (const row of [...coverage.districts, ...coverage.managers]) {
      const scope = 'managerId' in row ? `managerId=${row.managerId}` : `districtId=${row.districtId}`;
      for (const figure of ['due', 'done', 'overdue', 'flagged', 'rated'] as const) {
        for (const weekFigures of [row.series.at(-1), row.series.at(-7)]) {
          if (!weekFigures) continue;
          const items = await get(
            'supervisorA',
            `/api/coverage/items?${scope}&week=${weekFigures.weekStart}&figure=${figure}`,
          );
          expect(items.statusCode, items.body).toBe(200);
          const list = items.json<CoverageItemsResponse>();
          expect(list.total, `${scope} ${figure} ${weekFigures.weekStart}`).toBe(weekFigures[figure]);
          expect(list.items).toHaveLength(weekFigures[figure]);
        }
      }
    }
    // The district's figures add up its managers'.
    const district = coverage.districts[0]?.series.at(-1);
    const sum = (k: 'due' | 'done') => coverage.managers.reduce((n, x) => n + (x.series.at(-1)?.[k] ?? 0), 0);
    expect(district?.due).toBe(sum('due'));
    expect(district?.done).toBe(sum('done'));
  });

  it('keeps coverage to its scope and refuses bad weeks', async () => {
    expect((await get('supervisorB', `/api/coverage?districtId=${districtA}`)).statusCode).toBe(404);
    expect((await get('supervisorB', `/api/coverage/items?managerId=${id('managerA')}&figure=due`)).statusCode).toBe(
      404,
    );
    expect((await get('admin', '/api/coverage?districtId=999999')).statusCode).toBe(404);
    expect((await get('retailer', '/api/coverage')).statusCode).toBe(403);
    const own = (await get('managerA', `/api/coverage?week=${WEEK}`)).json<CoverageResponse>();
    expect(own.districts).toEqual([]);
    expect(own.managers.map((x) => x.managerId)).toEqual([id('managerA')]);
    expect((await get('managerA', `/api/coverage/items?managerId=${id('managerA2')}&figure=done`)).statusCode).toBe(
      404,
    );
    for (const query of ['week=2026-11-24', 'week=2026-13-02', 'week=x', 'districtId=0']) {
      expect((await get('supervisorA', `/api/coverage?${query}`)).statusCode, query).toBe(400);
    }
    expect((await get('supervisorA', '/api/coverage/items?figure=everything')).statusCode).toBe(400);
    expect((await get('supervisorA', '/api/coverage/items')).statusCode).toBe(400);
    const admin = (await get('admin', `/api/coverage?week=${WEEK}`)).json<CoverageResponse>();
    expect(admin.districts.map((d) => d.districtId)).toContain(districtA);
    expect(districtB).toBeGreaterThan(0);
  });

  it('never flags far a check-in the district’s check-in radius let through without a reason', () => {
    const row = {
      id: 1,
      retailerId: 1,
      managerId: 1,
      districtId: 7,
      status: 'done',
      checkInAt: new Date(NOW),
      checkOutAt: new Date(Date.parse(NOW) + 600_000),
      secondsOnSite: 600,
      checkInDistanceM: 350,
      checkInReason: '',
      checklistAnswers: 3,
      summary: '好',
      photoCount: 0,
    };
    const kinds = (radius: number) =>
      visitFlagsOf([row], DEFAULT_VISIT_FLAG_RULES, clock.now(), () => radius).map((f) => [
        f.kind,
        f.detail.maxDistanceM,
      ]);
    expect(kinds(200)).toEqual([['far_check_in', 200]]);
    expect(kinds(300)).toEqual([['far_check_in', 300]]);
    expect(kinds(400)).toEqual([]);
  });

  it('raises a flag once when two servers run the job at the same moment', async () => {
    const visitId = await insertVisit({
      shop: shop(2),
      managerId: id('managerA'),
      checkInAt: '2026-11-25T09:00:00Z',
      seconds: 5,
    });
    const [a, b] = await Promise.all([
      runVisitQualityChecks(database.db, clock.now()),
      runVisitQualityChecks(database.db, clock.now()),
    ]);
    expect(a.visitFlags + b.visitFlags).toBe(1);
    expect((await flags('supervisorA', `visitId=${visitId}`)).items.map((f) => f.kind)).toEqual(['short_visit']);
  });

  it('lets an admin change the flag rules (versioned, audited); others may not', async () => {
    const current = (await get('supervisorA', '/api/visits/flag-rules')).json<VisitFlagRulesView>();
    expect(current).toMatchObject({ version: 1, minSecondsOnSite: 60, maxCheckInDistanceM: 200 });
    const { createdAt: _c, createdBy: _b, ...rules } = current;
    const next = { ...rules, minSecondsOnSite: 120 };
    expect((await send('PUT', 'supervisorA', '/api/visits/flag-rules', next)).statusCode).toBe(403);
    expect((await get('managerA', '/api/visits/flag-rules')).statusCode).toBe(403);
    for (const bad of [
      { ...next, minSecondsOnSite: 20_000 },
      { ...next, maxSecondsOnSite: 900, minSecondsOnSite: 1000 },
      { ...next, enabled: { ...next.enabled, extra: true } },
      { ...next, maxCheckInDistanceM: 'far' },
      { ...next, surprise: 1 },
      { ...next, version: undefined },
    ]) {
      const response = await send('PUT', 'admin', '/api/visits/flag-rules', bad);
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const saved = await send('PUT', 'admin', '/api/visits/flag-rules', next);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<VisitFlagRulesView>()).toMatchObject({
      version: 2,
      minSecondsOnSite: 120,
      createdBy: { id: id('admin') },
    });
    const stale = await send('PUT', 'admin', '/api/visits/flag-rules', next);
    expect(stale.statusCode).toBe(409);
    const audit = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'visitFlagRules.updated'`,
    );
    expect(audit.rows[0]?.n).toBe(1);
    // A 90-second visit is short under the new rules.
    const visitId = await insertVisit({
      shop: shop(4),
      managerId: id('managerA'),
      checkInAt: '2026-11-26T01:00:00Z',
      seconds: 90,
    });
    await runVisitQualityChecks(database.db, clock.now());
    const list = await flags('supervisorA', `visitId=${visitId}`);
    expect(list.items.map((f) => [f.kind, f.ruleVersion])).toEqual([['short_visit', 2]]);
  });
});
