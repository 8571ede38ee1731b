import { readFileSync } from 'node:fs';
import {
  type ConcernDetail,
  type ConcernListResponse,
  type ConcernStats,
  concernCategories,
  concernStatuses,
  type TimelinePage,
} from '@siyi/contracts';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { auditLog, concernEvents, concerns, timelineEvents } from '../../db/schema';
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
const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

describe.each(targets)('retailer concerns on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let shopA: RetailerRow;
  let shopA2: RetailerRow;
  let shopB: RetailerRow;
  const ids: Record<string, number> = {};
  const usernames: Record<string, string> = {};
  const sessions: Record<string, Session> = {};
  const clock = new ManualClock('2026-11-26T02:00:00Z');

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database, { clock });
    const db = database.db;
    const districtA = await makeDistrict(db);
    const districtB = await makeDistrict(db, { parentId: districtA.parentId });
    const managerA = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: districtA.id });
    const otherManagerA = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: districtA.id });
    const supervisorA = await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: districtA.id });
    ids.managerA = managerA.user.id;
    usernames.managerA = managerA.user.username;
    usernames.supervisorA = supervisorA.user.username;
    ids.supervisorA = supervisorA.user.id;
    shopA = await makeRetailer(db, { districtId: districtA.id, managerId: managerA.user.id });
    shopA2 = await makeRetailer(db, { districtId: districtA.id, managerId: otherManagerA.user.id });
    shopB = await makeRetailer(db, { districtId: districtB.id });
    sessions.managerA = managerA.session;
    sessions.otherManagerA = otherManagerA.session;
    sessions.supervisorA = supervisorA.session;
    sessions.supervisorB = (await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: districtB.id })).session;
    sessions.admin = (
      await makeSignedInUser(app, db, { role: 'admin', orgUnitId: districtA.parentId ?? districtA.id })
    ).session;
    sessions.retailerA = await signIn(app, (await makeRetailerUser(db, shopA)).username, FIXTURE_PASSWORD);
    sessions.retailerA2 = await signIn(app, (await makeRetailerUser(db, shopA2)).username, FIXTURE_PASSWORD);
    sessions.retailerB = await signIn(app, (await makeRetailerUser(db, shopB)).username, FIXTURE_PASSWORD);
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
  const post = (who: string, url: string, payload: unknown, language = 'zh-CN') => {
    const s = session(who);
    return app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'accept-language': language },
      payload: payload as Record<string, unknown>,
    });
  };
  const get = (who: string, url: string) => getAs(app, session(who), url);
  const raise = async (who: string, payload: Record<string, unknown>) => {
    const response = await post(who, '/api/concerns', payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<ConcernDetail>();
  };
  const move = (who: string, id: number, to: string, note = '') =>
    post(who, `/api/concerns/${id}/transition`, { to, note });
  const counts = async () => {
    const [row] = await database.db
      .select({
        concerns: sql<number>`(select count(*)::int from ${concerns})`,
        events: sql<number>`(select count(*)::int from ${concernEvents})`,
        audit: sql<number>`(select count(*)::int from ${auditLog} where ${auditLog.entityType} = 'concern')`,
        timeline: sql<number>`(select count(*)::int from ${timelineEvents} where ${timelineEvents.sourceType} = 'concern')`,
      })
      .from(sql`(select 1) as one`);
    return row;
  };

  it('walks a supply concern from the retailer’s portal to its confirmation, rating and call-back', async () => {
    const raised = await raise('retailerA', { category: 'supply', text: '黄金叶(天叶)连续三周断货，\n能否多投放？' });
    expect(raised).toMatchObject({
      retailerId: shopA.id,
      status: 'new',
      source: 'retailer_portal',
      owner: { id: ids.managerA },
      allowedTransitions: [],
      overdue: false,
    });
    // 24 h SLA for supply (the migration's default).
    expect(new Date(raised.dueAt).getTime() - new Date(raised.createdAt).getTime()).toBe(24 * 3_600_000);
    expect(raised.history.map((e) => e.kind)).toEqual(['created']);

    const mine = (await get('managerA', '/api/concerns?owner=me&status=open')).json<ConcernListResponse>();
    expect(mine.items.map((c) => c.id)).toContain(raised.id);
    expect(mine.items.find((c) => c.id === raised.id)?.allowedTransitions).toEqual(['accepted']);

    expect((await move('managerA', raised.id, 'accepted')).statusCode).toBe(200);
    expect((await move('managerA', raised.id, 'in_progress')).statusCode).toBe(200);
    const noNote = await move('managerA', raised.id, 'resolved', '   ');
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { note: expect.any(String) } });
    expect((await move('managerA', raised.id, 'resolved', '已协调下周加投 2 条。')).statusCode).toBe(200);

    const noReason = await post('retailerA', `/api/concerns/${raised.id}/transition`, { to: 'reopened' }, 'en');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields.note).toMatch(/why/i);
    const reopened = await move('retailerA', raised.id, 'reopened', '这周还是没到货。');
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json<ConcernDetail>()).toMatchObject({ status: 'reopened', reopenCount: 1 });

    expect((await move('managerA', raised.id, 'resolved', '本周已到货 2 条。')).statusCode).toBe(200);
    const confirmed = await move('retailerA', raised.id, 'confirmed');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<ConcernDetail>()).toMatchObject({
      status: 'confirmed',
      closedBy: 'confirmed',
      canRate: true,
      allowedTransitions: [],
    });

    const rated = await post('retailerA', `/api/concerns/${raised.id}/rating`, { stars: 5, comment: '很及时' });
    expect(rated.statusCode).toBe(200);
    expect(rated.json<ConcernDetail>()).toMatchObject({
      rating: { stars: 5, comment: '很及时' },
      canRate: false,
      callbackCount: 0,
    });
    expect((await post('retailerA', `/api/concerns/${raised.id}/rating`, { stars: 1 })).statusCode).toBe(409);

    expect((await post('managerA', `/api/concerns/${raised.id}/callbacks`, { outcome: 'satisfied' })).statusCode).toBe(
      403,
    );
    const called = await post('supervisorA', `/api/concerns/${raised.id}/callbacks`, {
      outcome: 'satisfied',
      note: '电话回访，店主满意。',
    });
    expect(called.statusCode).toBe(200);
    const detail = called.json<ConcernDetail>();
    expect(detail.callbacks).toHaveLength(1);
    // The supervisor's list of finished concerns says which ones were called back.
    const finished = (await get('supervisorA', '/api/concerns?status=final&limit=100')).json<ConcernListResponse>();
    expect(finished.items.find((c) => c.id === raised.id)?.callbackCount).toBe(1);
    expect(detail.history.map((e) => e.to ?? e.kind)).toEqual([
      'new',
      'accepted',
      'in_progress',
      'resolved',
      'reopened',
      'resolved',
      'confirmed',
      'rated',
      'callback',
    ]);

    // Every step is audited and on the retailer's timeline.
    const audit = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(sql`${auditLog.entityType} = 'concern' and ${auditLog.entityId} = ${String(raised.id)}`);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['concern.created', 'concern.resolved', 'concern.reopened', 'concern.confirmed']),
    );
    const timeline = (await get('managerA', `/api/retailers/${shopA.id}/timeline?limit=50`)).json<TimelinePage>();
    expect(timeline.items.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['concern.raised', 'concern.resolved', 'concern.reopened', 'concern.confirmed']),
    );
  });

  it('answers an illegal move 409 and another party’s move 403, writing nothing', async () => {
    const raised = await raise('managerA', { retailerId: shopA.id, category: 'delivery', text: '送货晚了两小时' });
    expect(raised.source).toBe('phone');
    const before = await counts();
    const illegal = await move('managerA', raised.id, 'resolved', '已解决');
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION', fields: { to: expect.any(String) } });
    expect((await move('retailerA', raised.id, 'accepted')).statusCode).toBe(403);
    expect((await move('managerA', raised.id, 'confirmed')).statusCode).toBe(409);
    expect((await move('managerA', raised.id, 'closed')).statusCode).toBe(409);
    expect((await move('retailerA2', raised.id, 'accepted')).statusCode).toBe(404);
    expect((await move('otherManagerA', raised.id, 'accepted')).statusCode).toBe(404);
    await move('managerA', raised.id, 'accepted');
    await move('managerA', raised.id, 'resolved', '已改到上午送货');
    const mid = await counts();
    // Only the retailer confirms or reopens: staff (even an admin) are refused.
    expect((await move('managerA', raised.id, 'confirmed')).statusCode).toBe(403);
    expect((await move('admin', raised.id, 'reopened', 'x')).statusCode).toBe(403);
    expect((await move('supervisorA', raised.id, 'confirmed')).statusCode).toBe(403);
    expect((await post('retailerA', `/api/concerns/${raised.id}/rating`, { stars: 3 })).statusCode).toBe(409);
    const stale = await post('retailerA', `/api/concerns/${raised.id}/transition`, { to: 'confirmed', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    expect(await counts()).toEqual(mid);
    expect(mid?.events).toBe((before?.events ?? 0) + 2);
  });

  it('keeps scope per role: retailers raise only for themselves, staff for retailers in scope (else 404)', async () => {
    const before = await counts();
    expect(
      (await post('retailerA', '/api/concerns', { retailerId: shopB.id, category: 'price', text: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await post('managerA', '/api/concerns', { retailerId: shopA2.id, category: 'price', text: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await post('supervisorB', '/api/concerns', { retailerId: shopA.id, category: 'price', text: 'x' })).statusCode,
    ).toBe(404);
    const noRetailer = await post('managerA', '/api/concerns', { category: 'price', text: 'x' });
    expect(noRetailer.statusCode).toBe(400);
    expect(noRetailer.json().fields.retailerId).toBeTruthy();
    expect(
      (await post('retailerA', '/api/concerns', { category: 'price', text: 'x', source: 'visit' })).statusCode,
    ).toBe(400);
    expect(
      (
        await post('managerA', '/api/concerns', {
          retailerId: shopA.id,
          category: 'price',
          text: 'x',
          source: 'retailer_portal',
        })
      ).statusCode,
    ).toBe(400);

    // Refused: nothing written (no concern, event, audit or timeline entry).
    expect(await counts()).toEqual(before);

    const onA2 = await raise('retailerA2', { category: 'price', text: '零售指导价标签缺失' });
    const listed = async (who: string) =>
      (await get(who, '/api/concerns?limit=100')).json<ConcernListResponse>().items.map((c) => c.id);
    expect(await listed('retailerA2')).toContain(onA2.id);
    expect(await listed('retailerA')).not.toContain(onA2.id);
    expect(await listed('managerA')).not.toContain(onA2.id);
    expect(await listed('otherManagerA')).toContain(onA2.id);
    expect(await listed('supervisorA')).toContain(onA2.id);
    expect(await listed('supervisorB')).not.toContain(onA2.id);
    expect(await listed('admin')).toContain(onA2.id);
    expect((await get('retailerA', `/api/concerns/${onA2.id}`)).statusCode).toBe(404);
    expect((await get('supervisorB', `/api/concerns/${onA2.id}`)).statusCode).toBe(404);
    expect((await get('supervisorA', `/api/concerns/${onA2.id}`)).statusCode).toBe(200);
  });

  it('sends 服务态度 and 强制搭配 to the supervisor; the manager concerned cannot read them anywhere (404)', async () => {
    const attitude = await raise('retailerA', { category: 'service_attitude', text: '客户经理态度很差，爱答不理。' });
    const forced = await raise('retailerA', { category: 'forced_ordering', text: '要求必须搭配订滞销烟。' });
    expect(attitude.owner?.id).toBe(ids.supervisorA);
    expect(forced.owner?.id).toBe(ids.supervisorA);
    for (const c of [attitude, forced]) {
      expect((await get('managerA', `/api/concerns/${c.id}`)).statusCode).toBe(404);
      expect((await move('managerA', c.id, 'accepted')).statusCode).toBe(404);
      expect((await get('supervisorA', `/api/concerns/${c.id}`)).statusCode).toBe(200);
      expect((await get('retailerA', `/api/concerns/${c.id}`)).statusCode).toBe(200);
    }
    const list = (await get('managerA', '/api/concerns?limit=100')).json<ConcernListResponse>();
    expect(list.items.map((c) => c.id)).not.toContain(attitude.id);
    expect(list.items.some((c) => c.category === 'service_attitude' || c.category === 'forced_ordering')).toBe(false);
    expect(
      (await get('managerA', '/api/concerns?category=service_attitude')).json<ConcernListResponse>().items,
    ).toEqual([]);
    const stats = (await get('managerA', '/api/concerns/stats')).json<ConcernStats>();
    expect(stats.byCategory.map((c) => c.category)).not.toContain('service_attitude');
    expect(stats.byCategory.map((c) => c.category)).not.toContain('forced_ordering');
    const supervisorStats = (await get('supervisorA', '/api/concerns/stats')).json<ConcernStats>();
    expect(supervisorStats.byCategory.map((c) => c.category)).toEqual(
      expect.arrayContaining(['service_attitude', 'forced_ordering']),
    );
    // The retailer's timeline: the supervisor sees them, the manager does not.
    const timeline = async (who: string) =>
      (await get(who, `/api/retailers/${shopA.id}/timeline?limit=100`))
        .json<TimelinePage>()
        .items.filter((i) => i.sourceType === 'concern')
        .map((i) => Number(i.sourceId));
    expect(await timeline('supervisorA')).toEqual(expect.arrayContaining([attitude.id, forced.id]));
    const managerSees = await timeline('managerA');
    expect(managerSees).not.toContain(attitude.id);
    expect(managerSees).not.toContain(forced.id);
    // The supervisor works them.
    expect((await move('supervisorA', attitude.id, 'accepted')).statusCode).toBe(200);
  });

  it('raises a concern heard on a visit (关注点) as a tracked concern with source visit', async () => {
    const heard = await post('managerA', `/api/retailers/${shopA.id}/heard-concerns`, {
      heardOn: '2026-11-25',
      topic: '配送时间',
      body: '希望周三上午送货。',
      category: 'delivery',
    });
    expect(heard.statusCode, heard.body).toBe(201);
    const concernId = heard.json<{ concernId: number }>().concernId;
    const concern = (await get('managerA', `/api/concerns/${concernId}`)).json<ConcernDetail>();
    expect(concern).toMatchObject({
      retailerId: shopA.id,
      category: 'delivery',
      source: 'visit',
      status: 'new',
      owner: { id: ids.managerA },
      text: '配送时间\n希望周三上午送货。',
    });
    // Without a category it is `other`; the retailer sees it in its own list.
    const plain = await post('managerA', `/api/retailers/${shopA.id}/heard-concerns`, {
      heardOn: '2026-11-25',
      topic: '门头',
      body: '宣传牌旧了。',
    });
    expect(plain.statusCode).toBe(201);
    const plainId = plain.json<{ concernId: number }>().concernId;
    expect((await get('retailerA', `/api/concerns/${plainId}`)).json<ConcernDetail>().category).toBe('other');
    const refused = await post('managerA', `/api/retailers/${shopA.id}/heard-concerns`, {
      heardOn: '2026-11-25',
      topic: '门头',
      body: '宣传牌旧了。',
      category: 'nonsense',
    });
    expect(refused.statusCode).toBe(400);
  });

  it('lists by due time with filters and keyset pages', async () => {
    const all = (await get('supervisorA', '/api/concerns?limit=100')).json<ConcernListResponse>().items;
    const dues = all.map((c) => `${c.dueAt}#${String(c.id).padStart(8, '0')}`);
    expect(dues).toEqual([...dues].sort());
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(
        'supervisorA',
        `/api/concerns?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.statusCode).toBe(200);
      const page = response.json<ConcernListResponse>();
      pages.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.map((c) => c.id));
    const suppliesOnly = (await get('supervisorA', '/api/concerns?category=supply')).json<ConcernListResponse>();
    expect(suppliesOnly.items.every((c) => c.category === 'supply')).toBe(true);
    const finals = (await get('supervisorA', '/api/concerns?status=final')).json<ConcernListResponse>();
    expect(finals.items.every((c) => c.status === 'confirmed' || c.status === 'closed')).toBe(true);
    expect((await get('supervisorA', '/api/concerns?cursor=bogus')).statusCode).toBe(400);
    expect((await get('supervisorA', '/api/concerns?status=nope')).statusCode).toBe(400);
    expect((await get('supervisorA', `/api/concerns?overdue=true`)).statusCode).toBe(200);
  });

  it('answers naughty strings in the text 201 or 400, never 500', async () => {
    for (const text of naughtyStrings) {
      const response = await post('retailerA', '/api/concerns', { category: 'other', text });
      expect([201, 400], `${JSON.stringify(text)} → ${response.statusCode} ${response.body}`).toContain(
        response.statusCode,
      );
      if (response.statusCode === 201) expect(response.json<ConcernDetail>().text).toBe(text.trim());
    }
    for (const note of naughtyStrings.slice(0, 80)) {
      const response = await post('retailerA', '/api/concerns/1/transition', { to: 'reopened', note });
      expect(response.statusCode).toBeLessThan(500);
    }
  }, 600_000);

  it('takes an image as a photo and refuses anything else', async () => {
    const raised = await raise('retailerA', { category: 'counterfeit', text: '隔壁店疑似卖假烟' });
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const upload = (who: string, bytes: Buffer, name: string) => {
      const boundary = '----siyiconcern';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const s = session(who);
      return app.inject({
        method: 'POST',
        url: `/api/concerns/${raised.id}/photos`,
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrfToken,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: body,
      });
    };
    const before = await counts();
    const notImage = await upload('retailerA', Buffer.from('%PDF-1.4 not a photo'), 'x.png');
    expect([400, 415]).toContain(notImage.statusCode);
    expect(notImage.json().fields.file).toBeTruthy();
    expect(await counts()).toEqual(before);
    expect((await upload('retailerA2', png, 'a.png')).statusCode).toBe(404);
    const ok = await upload('retailerA', png, 'a.png');
    expect(ok.statusCode, ok.body).toBe(201);
    const photo = ok.json<{ url: string; thumbnailUrl: string }>();
    const bytes = await get('managerA', photo.url);
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/webp');
    expect((await get('retailerA2', photo.thumbnailUrl)).statusCode).toBe(404);
    expect((await get('retailerA', `/api/concerns/${raised.id}`)).json<ConcernDetail>().photos).toHaveLength(1);
  });

  it('lets an admin change the SLA settings (others 403; stale 409), and new concerns follow them', async () => {
    const current = (await get('managerA', '/api/concern-settings')).json();
    expect(current).toMatchObject({ autoCloseDays: 7, slaHours: { supply: 24, suggestion: 72 } });
    const body = { ...current, slaHours: { ...current.slaHours, suggestion: 96 }, autoCloseDays: 5 };
    delete body.updatedAt;
    delete body.updatedBy;
    const put = (who: string, payload: unknown) => {
      const s = session(who);
      return app.inject({
        method: 'PUT',
        url: '/api/concern-settings',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
        payload: payload as Record<string, unknown>,
      });
    };
    expect((await put('supervisorA', body)).statusCode).toBe(403);
    expect((await put('admin', { ...body, autoCloseDays: 0 })).statusCode).toBe(400);
    const saved = await put('admin', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      autoCloseDays: 5,
      slaHours: { suggestion: 96 },
      version: current.version + 1,
    });
    expect((await put('admin', body)).statusCode).toBe(409);
    const raised = await raise('retailerA', { category: 'suggestion', text: '建议增加新品品鉴活动' });
    expect(new Date(raised.dueAt).getTime() - new Date(raised.createdAt).getTime()).toBe(96 * 3_600_000);
    const back = { slaHours: current.slaHours, autoCloseDays: 7, reminderLeadHours: current.reminderLeadHours };
    expect((await put('admin', { ...back, version: current.version + 1 })).statusCode).toBe(200);
  });

  it('lists the categories and states as enums in the OpenAPI document', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      components: { schemas: Record<string, { enum?: string[]; properties?: Record<string, { $ref?: string }> }> };
    }>();
    const schemas = spec.components.schemas;
    expect(schemas.ConcernCategory?.enum).toEqual([...concernCategories]);
    expect(schemas.ConcernStatus?.enum).toEqual([...concernStatuses]);
    expect(schemas.Concern?.properties?.category?.$ref).toBe('#/components/schemas/ConcernCategory');
    expect(schemas.Concern?.properties?.status?.$ref).toBe('#/components/schemas/ConcernStatus');
  });

  it('gives the supervisor the figures: open and overdue by owner and category, rates and a weekly series', async () => {
    clock.advanceMinutes(3 * 24 * 60);
    // Three days on, the sessions have expired: sign in again.
    for (const name of ['managerA', 'supervisorA']) {
      sessions[name] = await signIn(app, usernames[name] ?? '', FIXTURE_PASSWORD);
    }
    const retailerUser = await signIn(app, shopA.licenceNo, FIXTURE_PASSWORD);
    sessions.retailerA = retailerUser;
    const statsResponse = await get('supervisorA', '/api/concerns/stats?weeks=4');
    expect(statsResponse.statusCode, statsResponse.body).toBe(200);
    const stats = statsResponse.json<ConcernStats>();
    expect(stats.weekly).toHaveLength(4);
    expect(stats.open).toBeGreaterThan(0);
    expect(stats.overdue).toBeGreaterThan(0);
    expect(stats.confirmed).toBeGreaterThanOrEqual(1);
    expect(stats.confirmedRate).toBeGreaterThan(0);
    expect(stats.reopenedRate).toBeGreaterThan(0);
    expect(stats.medianHoursToResolve).not.toBeNull();
    expect(stats.averageStars).toBe(5);
    expect(stats.byOwner.some((o) => o.owner?.id === ids.managerA)).toBe(true);
    expect(stats.weekly.reduce((s, w) => s + w.raised, 0)).toBeGreaterThan(0);
    expect((await get('retailerA', '/api/concerns/stats')).statusCode).toBe(403);
    const overdue = (await get('managerA', '/api/concerns?overdue=true&owner=me')).json<ConcernListResponse>();
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.every((c) => c.overdue)).toBe(true);
    const [row] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(concerns)
      .where(eq(concerns.sensitive, true));
    expect(row?.n).toBe(2);
  });
});
