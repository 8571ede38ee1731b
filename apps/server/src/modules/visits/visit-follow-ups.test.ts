import type { FollowUpItem, FollowUpListResponse, VisitDetail } from '@siyi/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { auditLog, timelineEvents, visits } from '../../db/schema';
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

const targets = await databaseTargets();

describe.each(targets)('promised follow-ups on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let shopA: RetailerRow;
  let shopA2: RetailerRow;
  let shopOther: RetailerRow;
  const usernames: Record<string, string> = {};
  const sessions: Record<string, Session> = {};
  const ids: Record<string, number> = {};
  const clock = new ManualClock('2026-11-26T02:00:00Z');

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database, { clock });
    const db = database.db;
    const districtA = await makeDistrict(db);
    const districtB = await makeDistrict(db, { parentId: districtA.parentId });
    const people = {
      managerA: await makeSignedInUser(app, db, { role: 'manager', orgUnitId: districtA.id }),
      otherManagerA: await makeSignedInUser(app, db, { role: 'manager', orgUnitId: districtA.id }),
      supervisorA: await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: districtA.id }),
      supervisorB: await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: districtB.id }),
      admin: await makeSignedInUser(app, db, { role: 'admin', orgUnitId: districtA.parentId ?? districtA.id }),
    };
    for (const [name, made] of Object.entries(people)) {
      usernames[name] = made.user.username;
      sessions[name] = made.session;
      ids[name] = made.user.id;
    }
    shopA = await makeRetailer(db, { districtId: districtA.id, managerId: ids.managerA });
    shopA2 = await makeRetailer(db, { districtId: districtA.id, managerId: ids.managerA });
    shopOther = await makeRetailer(db, { districtId: districtA.id, managerId: ids.otherManagerA });
    usernames.retailerA = (await makeRetailerUser(db, shopA)).username;
    sessions.retailerA = await signIn(app, usernames.retailerA, FIXTURE_PASSWORD);
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
  const send = (method: 'POST' | 'PUT', who: string, url: string, payload: unknown, language = 'zh-CN') => {
    const s = session(who);
    return app.inject({
      method,
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'accept-language': language },
      payload: payload as Record<string, unknown>,
    });
  };
  const post = (who: string, url: string, payload: unknown = {}, language = 'zh-CN') =>
    send('POST', who, url, payload, language);
  const get = (who: string, url: string) => getAs(app, session(who), url);
  const signInAgain = async () => {
    for (const [name, username] of Object.entries(usernames)) {
      sessions[name] = await signIn(app, username, FIXTURE_PASSWORD);
    }
  };

  /** A visit by `who` at `shop`, checked in, its record holding these follow-ups; checked out when asked. */
  const visitWith = async (
    who: string,
    shop: RetailerRow,
    followUps: { text: string; dueDate: string; done?: boolean }[],
    checkOut = true,
  ) => {
    const started = await post(who, '/api/visits', { retailerId: shop.id });
    expect([200, 201], started.body).toContain(started.statusCode);
    const visit = started.json<VisitDetail>();
    const checked = await post(who, `/api/visits/${visit.id}/check-in`, { lat: shop.lat, lng: shop.lng, accuracy: 10 });
    expect(checked.statusCode, checked.body).toBe(200);
    const saved = await send('PUT', who, `/api/visits/${visit.id}/record`, { followUps });
    expect(saved.statusCode, saved.body).toBe(200);
    if (checkOut) expect((await post(who, `/api/visits/${visit.id}/check-out`)).statusCode).toBe(200);
    return visit.id;
  };
  const open = async (who: string, query = '') => {
    const response = await get(who, `/api/visits/follow-ups${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<FollowUpListResponse>();
  };
  const followUpsOf = async (visitId: number) => {
    const [row] = await database.db.select({ record: visits.record }).from(visits).where(eq(visits.id, visitId));
    return row?.record?.followUps ?? [];
  };
  const writes = async () => {
    const [row] = await database.db
      .select({
        audit: sql<number>`(select count(*)::int from ${auditLog} where ${auditLog.action} = 'visit.follow_up_done')`,
        timeline: sql<number>`(select count(*)::int from ${timelineEvents} where ${timelineEvents.kind} = 'visit.follow_up_done')`,
        versions: sql<number>`(select coalesce(sum(${visits.version}), 0)::int from ${visits})`,
      })
      .from(sql`(select 1) as one`);
    return row;
  };

  let first: number;
  let second: number;

  it('lists a manager’s open follow-ups by due date, each with its visit and shop; scoped per role', async () => {
    first = await visitWith('managerA', shopA, [
      { text: '下次带新品宣传册', dueDate: '2026-12-03' },
      { text: '已经办好的事', dueDate: '2026-11-20', done: true },
      { text: '确认上周补货到店', dueDate: '2026-11-25' },
    ]);
    clock.advanceMinutes(5);
    // Still in progress: its follow-ups count too.
    second = await visitWith('managerA', shopA2, [{ text: '帮忙申请新版价签', dueDate: '2026-11-28' }], false);
    await visitWith('otherManagerA', shopOther, [{ text: '别人的承诺', dueDate: '2026-11-27' }]);

    const mine = await open('managerA');
    expect(mine.truncated).toBe(false);
    expect(mine.items.map((f) => [f.text, f.dueDate, f.overdue])).toEqual([
      ['确认上周补货到店', '2026-11-25', true],
      ['帮忙申请新版价签', '2026-11-28', false],
      ['下次带新品宣传册', '2026-12-03', false],
    ]);
    expect(mine.items[0]).toMatchObject({
      visitId: first,
      index: 2,
      retailerId: shopA.id,
      shopName: shopA.shopName,
      manager: { id: ids.managerA },
      done: false,
      canMarkDone: true,
    });
    expect(mine.items[0]?.visitedAt).toBe('2026-11-26T02:00:00.000Z');

    // Another manager sees only its own; the district's supervisor all three managers' (read only); the other
    // district's supervisor none; an admin may narrow to one manager; the retailer may not ask.
    expect((await open('otherManagerA')).items.map((f) => f.text)).toEqual(['别人的承诺']);
    const district = await open('supervisorA');
    expect(district.items.map((f) => f.text)).toEqual([
      '确认上周补货到店',
      '别人的承诺',
      '帮忙申请新版价签',
      '下次带新品宣传册',
    ]);
    expect(district.items.every((f) => !f.canMarkDone)).toBe(true);
    expect((await open('supervisorB')).items).toEqual([]);
    expect((await open('admin', `?managerId=${ids.otherManagerA}`)).items.map((f) => f.text)).toEqual(['别人的承诺']);
    expect((await open('managerA', '?limit=2')).truncated).toBe(true);
    expect((await get('retailerA', '/api/visits/follow-ups')).statusCode).toBe(403);
    for (const bad of ['?limit=0', '?limit=201', '?managerId=abc', '?managerId=-3']) {
      const response = await get('supervisorA', `/api/visits/follow-ups${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('lets the visit’s manager mark one done, days after the visit: audited, on the timeline, off the list', async () => {
    // Three days on: the record's edit window (24 h after check-out) has passed; marking done still works.
    clock.advanceMinutes(3 * 24 * 60);
    await signInAgain();
    const url = `/api/visits/${first}/follow-ups/2/done`;
    const before = await writes();

    // Wrong people: another manager 404 (not its visit or shop), the supervisor and retailer 403.
    expect((await post('otherManagerA', url, { text: '确认上周补货到店' })).statusCode).toBe(404);
    expect((await post('supervisorA', url, { text: '确认上周补货到店' })).statusCode).toBe(403);
    expect((await post('retailerA', url, { text: '确认上周补货到店' })).statusCode).toBe(403);
    // Bad input: no such line 404; not a number / out of range / no text 400; a changed line 409; done already 409.
    expect((await post('managerA', `/api/visits/${first}/follow-ups/3/done`, { text: 'x' })).statusCode).toBe(404);
    expect((await post('managerA', `/api/visits/${first}/follow-ups/abc/done`, { text: 'x' })).statusCode).toBe(400);
    expect((await post('managerA', `/api/visits/${first}/follow-ups/20/done`, { text: 'x' })).statusCode).toBe(400);
    expect((await post('managerA', url, {})).statusCode).toBe(400);
    expect((await post('managerA', url, { text: 5 })).statusCode).toBe(400);
    expect((await post('managerA', '/api/visits/999999999/follow-ups/0/done', { text: 'x' })).statusCode).toBe(404);
    const changed = await post('managerA', url, { text: '另一件事' }, 'en');
    expect(changed.statusCode).toBe(409);
    expect(changed.json().fields.text).toMatch(/changed/);
    const doneAlready = await post('managerA', `/api/visits/${first}/follow-ups/1/done`, { text: '已经办好的事' });
    expect(doneAlready.statusCode).toBe(409);
    expect(doneAlready.json().code).toBe('ILLEGAL_TRANSITION');
    expect(await writes()).toEqual(before);

    const marked = await post('managerA', url, { text: '确认上周补货到店' });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json<FollowUpItem>()).toMatchObject({ visitId: first, index: 2, done: true, canMarkDone: false });
    expect((await followUpsOf(first)).map((f) => f.done)).toEqual([false, true, true]);
    const [audit] = await database.db
      .select({ actor: auditLog.actorUserId, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(first)), eq(auditLog.action, 'visit.follow_up_done')));
    expect(audit).toMatchObject({
      actor: ids.managerA,
      before: { index: 2, done: false },
      after: { index: 2, text: '确认上周补货到店', done: true },
    });
    const [event] = await database.db
      .select({ retailerId: timelineEvents.retailerId, data: timelineEvents.data })
      .from(timelineEvents)
      .where(eq(timelineEvents.kind, 'visit.follow_up_done'));
    expect(event).toMatchObject({ retailerId: shopA.id, data: { visitId: first, text: '确认上周补货到店' } });

    // Off the list; a second tap is refused and writes nothing.
    expect((await open('managerA')).items.map((f) => f.text)).toEqual(['帮忙申请新版价签', '下次带新品宣传册']);
    const afterDone = await writes();
    expect((await post('managerA', url, { text: '确认上周补货到店' })).statusCode).toBe(409);
    expect(await writes()).toEqual(afterDone);
    // The in-progress visit's one too.
    const other = await post('managerA', `/api/visits/${second}/follow-ups/0/done`, { text: '帮忙申请新版价签' });
    expect(other.statusCode, other.body).toBe(200);
    expect((await open('managerA')).items.map((f) => f.text)).toEqual(['下次带新品宣传册']);
  });
});
