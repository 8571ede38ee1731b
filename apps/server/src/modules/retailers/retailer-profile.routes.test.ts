import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { auditLog, retailers, timelineEvents } from '../../db/schema';
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

/** Thursday 2026-11-26, 10:00 in Shanghai. */
const NOW = '2026-11-26T02:00:00Z';

type Who = 'admin' | 'supA' | 'supB' | 'mgr1' | 'mgr2' | 'shop' | 'otherShop';

describe.each(targets)('retailer profile, history, timeline and concerns heard on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let clock: ManualClock;
  let shop: RetailerRow;
  let otherShop: RetailerRow;
  const sessions = {} as Record<Who, Session>;
  const names = {} as Record<Who, string>;

  beforeAll(async () => {
    database = await target.open();
    const db = database.db;
    clock = new ManualClock(NOW);
    app = await createTestApp(database, { clock });
    const districtA = await makeDistrict(db);
    const districtB = await makeDistrict(db, { parentId: districtA.parentId });
    const signedIn = async (who: Who, role: 'admin' | 'supervisor' | 'manager', orgUnitId: number) => {
      const { user, session } = await makeSignedInUser(app, db, { role, orgUnitId });
      sessions[who] = session;
      names[who] = user.displayName;
      return user;
    };
    await signedIn('admin', 'admin', districtA.parentId ?? districtA.id);
    await signedIn('supA', 'supervisor', districtA.id);
    await signedIn('supB', 'supervisor', districtB.id);
    const mgr1 = await signedIn('mgr1', 'manager', districtA.id);
    await signedIn('mgr2', 'manager', districtA.id);
    shop = await makeRetailer(db, {
      districtId: districtA.id,
      managerId: mgr1.id,
      shopName: '红星便利店',
      licenceValidFrom: '2022-01-01',
      licenceValidTo: '2026-12-26',
      notes: '店主年纪大',
    });
    otherShop = await makeRetailer(db, { districtId: districtA.id, managerId: mgr1.id });
    sessions.shop = await signIn(app, (await makeRetailerUser(db, shop)).username, FIXTURE_PASSWORD);
    sessions.otherShop = await signIn(app, (await makeRetailerUser(db, otherShop)).username, FIXTURE_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const send = (who: Who, method: 'PATCH' | 'POST', url: string, payload: unknown, language = 'zh-CN') =>
    app.inject({
      method,
      url,
      payload: payload as object,
      headers: {
        cookie: sessions[who].cookie,
        'x-csrf-token': sessions[who].csrfToken,
        'accept-language': language,
      },
    });
  const versionOf = async (id: number) =>
    (await database.db.select({ v: retailers.version }).from(retailers).where(eq(retailers.id, id)))[0]?.v ?? 0;

  /** Everything a profile edit may touch, to prove a refused one touched nothing. */
  async function fingerprint(id: number): Promise<string> {
    const [row] = await database.db.select().from(retailers).where(eq(retailers.id, id));
    const audits = await database.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'retailer'), eq(auditLog.entityId, String(id))));
    const events = await database.db
      .select({ id: timelineEvents.id })
      .from(timelineEvents)
      .where(eq(timelineEvents.retailerId, id));
    return JSON.stringify([row, audits.length, events.length]);
  }

  it('answers each role by scope (404) and action (403) on every route', async () => {
    const expected: Record<Who, { read: number; edit: number; internal: number }> = {
      admin: { read: 200, edit: 200, internal: 200 },
      supA: { read: 200, edit: 200, internal: 200 },
      supB: { read: 404, edit: 404, internal: 404 },
      mgr1: { read: 200, edit: 200, internal: 200 },
      mgr2: { read: 404, edit: 404, internal: 404 },
      // The retailer reads its own profile; it may not edit it nor read the staff's timeline, history, concerns.
      shop: { read: 200, edit: 403, internal: 403 },
      otherShop: { read: 404, edit: 403, internal: 403 },
    };
    for (const who of Object.keys(expected) as Who[]) {
      const want = expected[who];
      const base = `/api/retailers/${shop.id}`;
      expect((await getAs(app, sessions[who], base)).statusCode, `${who} GET`).toBe(want.read);
      for (const path of ['timeline', 'history', 'heard-concerns']) {
        expect((await getAs(app, sessions[who], `${base}/${path}`)).statusCode, `${who} ${path}`).toBe(want.internal);
      }
      const version = await versionOf(shop.id);
      const patch = await send(who, 'PATCH', base, { version, businessScope: `卷烟零售 ${who}` });
      expect(patch.statusCode, `${who} PATCH ${patch.body}`).toBe(want.edit);
      const concern = await send(who, 'POST', `${base}/heard-concerns`, {
        heardOn: '2026-11-25',
        topic: '货源',
        body: `${who} 听到：希望多进细支烟`,
      });
      expect(concern.statusCode, `${who} POST concern ${concern.body}`).toBe(want.edit === 200 ? 201 : want.edit);
    }
  });

  it('gives every archive field, the version and the licence flagged as expiring within 60 days', async () => {
    const body = (await getAs(app, sessions.mgr1, `/api/retailers/${shop.id}`)).json();
    expect(body).toMatchObject({
      id: shop.id,
      licenceNo: shop.licenceNo,
      licenceValidTo: '2026-12-26',
      licenceDaysLeft: 30,
      licenceState: 'expiringSoon',
      notes: '店主年纪大',
      otherContacts: [],
      closedWeekdays: [],
      canEdit: true,
    });
    expect(body.version).toBeGreaterThanOrEqual(1);
    for (const field of [
      'orderMethod',
      'orderFrequency',
      'licenceType',
      'creditGrade',
      'bestVisitFrom',
      'nearSchool',
    ]) {
      expect(body, field).toHaveProperty(field);
    }
    // The retailer reads itself without the staff's notes, and cannot edit.
    const own = (await getAs(app, sessions.shop, `/api/retailers/${shop.id}`)).json();
    expect(own).toMatchObject({ notes: null, canEdit: false });
    expect((await getAs(app, sessions.supA, `/api/retailers/${shop.id}`)).json().canEdit).toBe(true);
  });

  it('saves an edit: version bumped, audit of the changed fields only, timeline event, pinyin, history by name', async () => {
    const before = (await getAs(app, sessions.mgr1, `/api/retailers/${shop.id}`)).json();
    const response = await send('mgr1', 'PATCH', `/api/retailers/${shop.id}`, {
      version: before.version,
      shopName: '东升烟酒店',
      phone: '0374-1234567',
      // Unchanged: not in the audit entry.
      ownerName: before.ownerName,
      closedWeekdays: [7, 6],
      otherContacts: [{ name: '王芳', phone: '13912345678', role: '配偶' }],
      bestVisitFrom: 9 * 60,
      bestVisitTo: 11 * 60,
      creditGrade: 'A',
      notes: '周六上午客流大\n尽量避开',
    });
    expect(response.statusCode, response.body).toBe(200);
    const saved = response.json();
    expect(saved).toMatchObject({
      version: before.version + 1,
      shopName: '东升烟酒店',
      phone: '0374-1234567',
      closedWeekdays: [6, 7],
      creditGrade: 'A',
      notes: '周六上午客流大\n尽量避开',
    });
    const [row] = await database.db.select().from(retailers).where(eq(retailers.id, shop.id));
    expect(row?.searchPinyin).toContain('dongshengyanjiudian dsyjd');

    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'retailer'), eq(auditLog.entityId, String(shop.id))))
      .orderBy(auditLog.id)
      .then((rows) => rows.slice(-1));
    expect(audit?.action).toBe('profile.updated');
    expect(Object.keys(audit?.after as object).sort()).toEqual(
      [
        'bestVisitFrom',
        'bestVisitTo',
        'closedWeekdays',
        'creditGrade',
        'notes',
        'otherContacts',
        'phone',
        'shopName',
      ].sort(),
    );
    expect(audit?.before).toMatchObject({ shopName: '红星便利店', phone: before.phone, creditGrade: null });

    const timeline = (await getAs(app, sessions.mgr1, `/api/retailers/${shop.id}/timeline?limit=1`)).json();
    expect(timeline.items[0]).toMatchObject({ kind: 'profile.updated', actorName: names.mgr1 });
    expect(timeline.items[0].data.fields).toContain('shopName');

    const history = (await getAs(app, sessions.supA, `/api/retailers/${shop.id}/history?limit=1`)).json();
    expect(history.items[0]).toMatchObject({ action: 'profile.updated', actorName: names.mgr1, actorRole: 'manager' });
    expect(history.items[0].changes).toContainEqual({ field: 'shopName', before: '红星便利店', after: '东升烟酒店' });

    // The same values again change nothing: no new version, no audit entry.
    const again = await send('mgr1', 'PATCH', `/api/retailers/${shop.id}`, {
      version: saved.version,
      shopName: '东升烟酒店',
    });
    expect(again.json().version).toBe(saved.version);
  });

  it('answers a stale version with 409, the current record, and changes nothing', async () => {
    const current = (await getAs(app, sessions.mgr1, `/api/retailers/${shop.id}`)).json();
    const first = await send('supA', 'PATCH', `/api/retailers/${shop.id}`, {
      version: current.version,
      address: '许昌市东城区新兴路1号',
    });
    expect(first.statusCode, first.body).toBe(200);
    const before = await fingerprint(shop.id);
    const stale = await send(
      'mgr1',
      'PATCH',
      `/api/retailers/${shop.id}`,
      { version: current.version, address: '别的地址' },
      'en',
    );
    expect(stale.statusCode).toBe(409);
    const body = stale.json();
    expect(body.code).toBe('CONFLICT');
    expect(body.fields.version).toMatch(/Someone saved this record/);
    expect(body.current).toMatchObject({ id: shop.id, version: current.version + 1, address: '许昌市东城区新兴路1号' });
    expect(await fingerprint(shop.id)).toBe(before);
  });

  it('checks every field on the server with a message per field, in Chinese and English', async () => {
    const version = await versionOf(shop.id);
    const before = await fingerprint(shop.id);
    const cases: [Record<string, unknown>, string, RegExp, RegExp][] = [
      [{ licenceNo: '41100212345' }, 'licenceNo', /12 位数字/, /12 digits/],
      [{ licenceNo: '110101123456' }, 'licenceNo', /前 6 位/, /county code/],
      [{ phone: '12345' }, 'phone', /手机号/, /mobile number/],
      [{ licenceValidFrom: '2026-05-01', licenceValidTo: '2026-04-30' }, 'licenceValidTo', /早于/, /cannot end before/],
      [{ licenceValidTo: '2026-02-30' }, 'licenceValidTo', /有效日期/, /valid date/],
      [{ opensAt: 20 * 60, closesAt: 8 * 60 }, 'closesAt', /晚于开门/, /after opening/],
      [{ bestVisitFrom: 600, bestVisitTo: null }, 'bestVisitTo', /同时填写/, /both ends/],
      [{ creditGrade: 'E' }, 'creditGrade', /取值无效/, /Invalid value/],
      [{ countyCode: '999999' }, 'countyCode', /没有这个区县/, /no county/],
      [{ otherContacts: [{ name: ' ', phone: '139' }] }, 'otherContacts.0.name', /不能为空/, /cannot be empty/],
      [{ closedWeekdays: [1, 2, 3, 4, 5, 6, 7] }, 'closedWeekdays', /至少要有一天/, /at least one day/],
      [{ shopName: 'x'.repeat(61) }, 'shopName', /最多 60/, /at most 60/],
      [{ tier: 30 }, 'body', /不接受的字段/, /Unexpected field/],
      [{ lat: 0 }, 'lat', /境内/, /outside China/],
    ];
    for (const [patch, field, zh, en] of cases) {
      for (const [language, pattern] of [
        ['zh-CN', zh],
        ['en', en],
      ] as const) {
        const response = await send('mgr1', 'PATCH', `/api/retailers/${shop.id}`, { version, ...patch }, language);
        expect(response.statusCode, `${JSON.stringify(patch)} ${response.body}`).toBe(400);
        const fields = response.json().fields ?? {};
        const message = fields[field] ?? Object.values(fields).join(' ');
        expect(message, `${JSON.stringify(patch)} ${language} ${response.body}`).toMatch(pattern);
      }
    }
    const noVersion = await send('mgr1', 'PATCH', `/api/retailers/${shop.id}`, { notes: 'x' });
    expect(noVersion.statusCode).toBe(400);
    expect(await fingerprint(shop.id)).toBe(before);
  });

  it('moves the retailer’s sign-in to a new licence number, and refuses one another retailer holds', async () => {
    const version = await versionOf(shop.id);
    const taken = await send('mgr1', 'PATCH', `/api/retailers/${shop.id}`, { version, licenceNo: otherShop.licenceNo });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().fields.licenceNo).toMatch(/另一家/);
    const renumbered = `${shop.countyCode}${String(900000 + shop.id).slice(-6)}`;
    const moved = await send('mgr1', 'PATCH', `/api/retailers/${shop.id}`, { version, licenceNo: renumbered });
    expect(moved.statusCode, moved.body).toBe(200);
    await expect(signIn(app, renumbered, FIXTURE_PASSWORD)).resolves.toMatchObject({ csrfToken: expect.any(String) });
  });

  it('records a concern heard, lists it and shows it on the timeline; a future day is refused', async () => {
    const posted = await send('mgr1', 'POST', `/api/retailers/${shop.id}/heard-concerns`, {
      heardOn: '2026-11-26',
      topic: '价格',
      body: '希望 12 月多给一些紧俏烟。\n另：门口路灯坏了。',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json()).toMatchObject({ topic: '价格', heardByName: names.mgr1, heardOn: '2026-11-26' });
    const list = (await getAs(app, sessions.supA, `/api/retailers/${shop.id}/heard-concerns`)).json();
    expect(list.items[0]).toMatchObject({ id: posted.json().id, topic: '价格' });
    const timeline = (await getAs(app, sessions.mgr1, `/api/retailers/${shop.id}/timeline?limit=1`)).json();
    expect(timeline.items[0]).toMatchObject({
      kind: 'concern.heard',
      actorName: names.mgr1,
      sourceType: 'heard_concern',
      sourceId: String(posted.json().id),
      data: { topic: '价格', heardOn: '2026-11-26' },
    });
    const future = await send('mgr1', 'POST', `/api/retailers/${shop.id}/heard-concerns`, {
      heardOn: '2026-11-27',
      topic: '价格',
      body: '明天的事',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().fields.heardOn).toMatch(/不能晚于今天/);
  });

  it('pages the timeline newest first by keyset, every event once, and refuses a forged cursor', async () => {
    for (let i = 0; i < 5; i += 1) {
      clock.advanceMinutes(1);
      const r = await send('mgr1', 'POST', `/api/retailers/${otherShop.id}/heard-concerns`, {
        heardOn: '2026-11-26',
        topic: `话题${i}`,
        body: `第 ${i} 条`,
      });
      expect(r.statusCode).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url = `/api/retailers/${otherShop.id}/timeline?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await getAs(app, sessions.mgr1, url);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json();
      seen.push(...page.items.map((item: { data: { topic: string } }) => item.data.topic));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['话题4', '话题3', '话题2', '话题1', '话题0']);
    expect(pages).toBe(3);
    for (const forged of ['x~1', '2026-13-45T00:00:00Z~1', '+275760-09-13T00:00:00Z~1', 'abc']) {
      const response = await getAs(
        app,
        sessions.mgr1,
        `/api/retailers/${otherShop.id}/timeline?cursor=${encodeURIComponent(forged)}`,
      );
      expect(response.statusCode, forged).toBe(400);
    }
    // An empty timeline is an empty page, not a 404.
    const quiet = await makeRetailer(database.db, { districtId: shop.districtId, managerId: shop.managerId });
    expect((await getAs(app, sessions.mgr1, `/api/retailers/${quiet.id}/timeline`)).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('never answers a naughty string in any text field with a 500, and keeps what it accepts intact', async () => {
    const free = ['shopName', 'ownerName', 'address', 'businessScope', 'notes'];
    const formatted = ['phone', 'licenceNo', 'countyCode', 'townCode', 'licenceValidFrom', 'licenceValidTo'];
    const statuses = new Set<number>();
    for (const text of naughtyStrings) {
      const version = await versionOf(otherShop.id);
      const asText = await send('mgr1', 'PATCH', `/api/retailers/${otherShop.id}`, {
        version,
        ...Object.fromEntries(free.map((f) => [f, text])),
        otherContacts: [{ name: text, phone: '13900000000', role: text }],
      });
      const asFormat = await send('mgr1', 'PATCH', `/api/retailers/${otherShop.id}`, {
        version: asText.statusCode === 200 ? version + 1 : version,
        ...Object.fromEntries(formatted.map((f) => [f, text])),
        otherContacts: [{ name: '王芳', phone: text, role: '' }],
      });
      const asCursor = await getAs(
        app,
        sessions.mgr1,
        `/api/retailers/${otherShop.id}/history?cursor=${encodeURIComponent(text)}`,
      );
      const concern = await send('mgr1', 'POST', `/api/retailers/${otherShop.id}/heard-concerns`, {
        heardOn: text,
        topic: text,
        body: text,
      });
      const concernText = await send('mgr1', 'POST', `/api/retailers/${otherShop.id}/heard-concerns`, {
        heardOn: '2026-11-20',
        topic: text,
        body: text,
      });
      for (const response of [asText, asFormat, asCursor, concern, concernText]) {
        statuses.add(response.statusCode);
        expect(response.statusCode, `${JSON.stringify(text)} → ${response.body}`).toBeLessThan(500);
        expect(response.body).not.toMatch(/\bat .+\.ts:\d+|SELECT |syntax error/i);
      }
      if (asText.statusCode === 200) {
        expect(asText.json().shopName, JSON.stringify(text)).toBe(text.trim());
      }
    }
    expect([...statuses].sort()).toEqual([200, 201, 400].filter((s) => statuses.has(s)));
    expect(statuses.has(200)).toBe(true);
  }, 240_000);
});
