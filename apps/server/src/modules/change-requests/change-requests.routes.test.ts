import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { auditLog, retailerChangeRequests, retailers, timelineEvents } from '../../db/schema';
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

describe.each(targets)('retailer change requests on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let shopA: RetailerRow;
  let shopB: RetailerRow;
  const sessions: Record<string, Session> = {};

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database, { clock: new ManualClock('2026-11-26T02:00:00Z') });
    const db = database.db;
    const districtA = await makeDistrict(db);
    const districtB = await makeDistrict(db, { parentId: districtA.parentId });
    const managerA = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: districtA.id });
    shopA = await makeRetailer(db, {
      districtId: districtA.id,
      managerId: managerA.user.id,
      phone: '13700001111',
      opensAt: 8 * 60,
      closesAt: 21 * 60,
    });
    shopB = await makeRetailer(db, { districtId: districtB.id });
    sessions.managerA = managerA.session;
    sessions.otherManagerA = (await makeSignedInUser(app, db, { role: 'manager', orgUnitId: districtA.id })).session;
    sessions.supervisorA = (await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: districtA.id })).session;
    sessions.supervisorB = (await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: districtB.id })).session;
    sessions.admin = (
      await makeSignedInUser(app, db, { role: 'admin', orgUnitId: districtA.parentId ?? districtA.id })
    ).session;
    sessions.retailerA = await signIn(app, (await makeRetailerUser(db, shopA)).username, FIXTURE_PASSWORD);
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
  const ask = (who: string, retailerId: number, payload: unknown) =>
    post(who, `/api/retailers/${retailerId}/change-requests`, payload);
  const retailerRow = async (id: number) => {
    const [row] = await database.db.select().from(retailers).where(eq(retailers.id, id));
    if (!row) throw new Error('no retailer');
    return row;
  };
  const requestCount = async () =>
    (await database.db.select({ n: sql<number>`count(*)::int` }).from(retailerChangeRequests))[0]?.n ?? 0;

  const wanted = {
    changes: {
      phone: '0374-1234567',
      otherContacts: [{ name: '王芳', phone: '13912345678', role: '店员' }],
      opensAt: 7 * 60 + 30,
      closesAt: 21 * 60,
      closedWeekdays: [7],
      bestVisitFrom: 14 * 60,
      bestVisitTo: 16 * 60,
    },
    note: '换了店里的座机，周日休息。\n下午两点到四点来最好。',
  };

  it('lets the retailer ask for a change of its contacts and hours, keeping only what differs', async () => {
    const response = await ask('retailerA', shopA.id, wanted);
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ retailerId: shopA.id, status: 'pending', note: wanted.note, canWithdraw: true });
    // closesAt is what the record already says: not part of the request.
    expect(Object.keys(body.changes).sort()).toEqual(
      ['bestVisitFrom', 'bestVisitTo', 'closedWeekdays', 'opensAt', 'otherContacts', 'phone'].sort(),
    );
    expect(body.before).toMatchObject({ phone: '13700001111', opensAt: 480, closedWeekdays: [], bestVisitFrom: null });
    expect(body.current).toEqual(body.before);
    // The record is untouched until someone decides.
    expect((await retailerRow(shopA.id)).phone).toBe('13700001111');
    // One request waits at a time.
    const again = await ask('retailerA', shopA.id, { changes: { phone: '13800000000' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().fields.changes).toBeTruthy();
  });

  it('answers 404 out of scope and 403 to those who may not ask', async () => {
    const count = await requestCount();
    expect((await ask('retailerB', shopA.id, wanted)).statusCode).toBe(404);
    expect((await ask('retailerA', shopB.id, wanted)).statusCode).toBe(404);
    for (const who of ['managerA', 'supervisorA', 'admin', 'otherManagerA', 'supervisorB']) {
      expect((await ask(who, shopA.id, wanted)).statusCode, who).toBe(403);
    }
    expect(await requestCount()).toBe(count);

    for (const [who, status] of [
      ['retailerA', 200],
      ['managerA', 200],
      ['supervisorA', 200],
      ['admin', 200],
      ['otherManagerA', 404],
      ['supervisorB', 404],
      ['retailerB', 404],
    ] as const) {
      const list = await getAs(app, session(who), `/api/retailers/${shopA.id}/change-requests`);
      expect(list.statusCode, who).toBe(status);
      if (status === 200) {
        expect(list.json().items, who).toHaveLength(1);
        expect(list.json().canRequest, who).toBe(false);
        expect(list.json().items[0].canDecide, who).toBe(who !== 'retailerA');
      }
    }

    for (const [who, seen] of [
      ['managerA', 1],
      ['supervisorA', 1],
      ['admin', 1],
      ['otherManagerA', 0],
      ['supervisorB', 0],
    ] as const) {
      const pending = await getAs(app, session(who), '/api/change-requests?status=pending');
      expect(pending.statusCode, who).toBe(200);
      expect(pending.json().total, who).toBe(seen);
    }
    for (const who of ['retailerA', 'retailerB']) {
      expect((await getAs(app, session(who), '/api/change-requests')).statusCode, who).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/api/change-requests' })).statusCode).toBe(401);
  });

  it('refuses bad requests with per-field messages and writes nothing', async () => {
    const count = await requestCount();
    const cases: [string, unknown, string][] = [
      ['no changes', { changes: {} }, 'changes'],
      ['the same values', { changes: { phone: shopB.phone, closesAt: shopB.closesAt } }, 'changes'],
      ['a field the portal may not change', { changes: { shopName: '新名字' } }, 'changes'],
      ['a tier', { changes: { tier: 30 } }, 'changes'],
      ['a bad phone', { changes: { phone: '12345' } }, 'changes.phone'],
      ['closing before opening', { changes: { opensAt: 22 * 60 } }, 'changes.closesAt'],
      ['half the best visit hours', { changes: { bestVisitFrom: 600 } }, 'changes.bestVisitTo'],
      ['every day closed', { changes: { closedWeekdays: [1, 2, 3, 4, 5, 6, 7] } }, 'changes.closedWeekdays'],
      ['a weekday twice', { changes: { closedWeekdays: [6, 6] } }, 'changes.closedWeekdays'],
      [
        'a contact without a name',
        { changes: { otherContacts: [{ name: ' ', phone: '13912345678' }] } },
        'changes.otherContacts.0.name',
      ],
      ['minutes past midnight', { changes: { closesAt: 1441 } }, 'changes.closesAt'],
      ['a note with a NUL', { changes: { phone: '13811112222' }, note: 'a\u0000b' }, 'note'],
    ];
    // shopB's retailer has nothing pending, so each refusal is about its body.
    for (const [label, payload, field] of cases) {
      const response = await ask('retailerB', shopB.id, payload);
      expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
      expect(Object.keys(response.json().fields ?? {}), label).toContain(field);
    }
    // Every naughty string as a contact's name and role (ten contacts a request) and, one a request, as the note.
    for (let i = 0; i < naughtyStrings.length; i += 10) {
      const batch = naughtyStrings.slice(i, i + 10);
      const response = await ask('retailerB', shopB.id, {
        changes: { otherContacts: batch.map((text) => ({ name: text, phone: '13912345678', role: text })) },
        note: batch[0],
      });
      expect(response.statusCode, `${JSON.stringify(batch)}: ${response.body}`).toBeLessThan(500);
      if (response.statusCode === 201) {
        const withdrawn = await post('retailerB', `/api/change-requests/${response.json().id}/withdraw`, {
          version: response.json().version,
        });
        expect(withdrawn.statusCode).toBe(200);
        expect(withdrawn.json().status).toBe('withdrawn');
      }
    }
    const clean = naughtyStrings.filter(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: leaving out the strings the hygiene check refuses
      (text) => text.trim() !== '' && text.length <= 40 && !/[\u0000-\u001f\u007f]/.test(text),
    );
    const accepted = await ask('retailerB', shopB.id, {
      changes: { otherContacts: clean.slice(0, 10).map((text) => ({ name: text, phone: '13912345678', role: '' })) },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json().changes.otherContacts.map((c: { name: string }) => c.name)).toEqual(
      clean.slice(0, 10).map((text) => text.trim()),
    );
    await post('retailerB', `/api/change-requests/${accepted.json().id}/withdraw`, {
      version: accepted.json().version,
    });
    const [pendingOfB] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(retailerChangeRequests)
      .where(and(eq(retailerChangeRequests.retailerId, shopB.id), eq(retailerChangeRequests.status, 'pending')));
    expect(pendingOfB?.n).toBe(0);
    expect(await requestCount()).toBeGreaterThanOrEqual(count);
  });

  it('approves atomically: a stale version is 409 and changes nothing; then the change lands, audited', async () => {
    const [listed] = (await getAs(app, session('managerA'), '/api/change-requests')).json().items;
    const url = `/api/change-requests/${listed.id}/approve`;
    const body = { version: listed.version, retailerVersion: listed.retailerVersion };

    expect((await post('retailerA', url, body)).statusCode).toBe(403);
    expect((await post('otherManagerA', url, body)).statusCode).toBe(404);
    expect((await post('supervisorB', url, body)).statusCode).toBe(404);
    expect((await post('managerA', url, { version: listed.version })).statusCode).toBe(400);

    // Someone edits the retailer after the manager read the request: the approval must not overwrite it.
    await database.db
      .update(retailers)
      .set({ notes: 'edited meanwhile', version: sql`${retailers.version} + 1` })
      .where(eq(retailers.id, shopA.id));
    const before = await retailerRow(shopA.id);
    const stale = await post('managerA', url, body);
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'CONFLICT',
      current: { version: before.version, phone: '13700001111' },
    });
    const afterStale = await retailerRow(shopA.id);
    expect(afterStale).toEqual(before);
    const [stillPending] = await database.db
      .select()
      .from(retailerChangeRequests)
      .where(eq(retailerChangeRequests.id, listed.id));
    expect(stillPending?.status).toBe('pending');
    expect((await post('managerA', url, { ...body, version: listed.version + 1 })).statusCode).toBe(409);

    const approved = await post('managerA', url, { version: listed.version, retailerVersion: before.version });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      canDecide: false,
      decidedBy: { id: expect.any(Number) },
    });
    const after = await retailerRow(shopA.id);
    expect(after).toMatchObject({
      phone: '0374-1234567',
      opensAt: 450,
      closesAt: 21 * 60,
      closedWeekdays: [7],
      bestVisitFrom: 840,
      bestVisitTo: 960,
      otherContacts: [{ name: '王芳', phone: '13912345678', role: '店员' }],
      version: before.version + 1,
      notes: 'edited meanwhile',
    });
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'retailer'), eq(auditLog.entityId, String(shopA.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'profile.updated',
      actorRole: 'manager',
      before: { phone: '13700001111', opensAt: 480 },
      after: { phone: '0374-1234567', opensAt: 450 },
    });
    const events = await database.db.select().from(timelineEvents).where(eq(timelineEvents.retailerId, shopA.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'profile.updated',
      sourceType: 'retailer_change_request',
      sourceId: String(listed.id),
    });
    // Deciding twice: the request has moved on.
    expect(
      (await post('supervisorA', url, { version: listed.version, retailerVersion: after.version })).statusCode,
    ).toBe(409);
    const own = (await getAs(app, session('retailerA'), `/api/retailers/${shopA.id}/change-requests`)).json();
    expect(own.items[0]).toMatchObject({ status: 'approved', canWithdraw: false });
    expect(own.canRequest).toBe(true);
  });

  it('rejects only with a reason, which the retailer then reads; the record stays as it was', async () => {
    const asked = await ask('retailerA', shopA.id, { changes: { phone: '13899990000' }, note: '' });
    expect(asked.statusCode, asked.body).toBe(201);
    const { id, version } = asked.json();
    const url = `/api/change-requests/${id}/reject`;
    expect((await post('supervisorA', url, { version })).statusCode).toBe(400);
    expect((await post('supervisorA', url, { version, reason: '   ' })).statusCode).toBe(400);
    expect((await post('retailerA', url, { version, reason: '不行' })).statusCode).toBe(403);
    expect((await post('supervisorB', url, { version, reason: '不行' })).statusCode).toBe(404);
    const before = await retailerRow(shopA.id);
    const rejected = await post('supervisorA', url, { version, reason: '号码无法接通，请到店核实后再提交。' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(await retailerRow(shopA.id)).toEqual(before);
    const own = (await getAs(app, session('retailerA'), `/api/retailers/${shopA.id}/change-requests`)).json();
    expect(own.items[0]).toMatchObject({ status: 'rejected', decisionReason: '号码无法接通，请到店核实后再提交。' });
    // A decided request cannot be withdrawn, nor decided again.
    expect((await post('retailerA', `/api/change-requests/${id}/withdraw`, { version: version + 1 })).statusCode).toBe(
      409,
    );
    expect((await post('admin', url, { version: version + 1, reason: 'x' })).statusCode).toBe(409);
    const decided = await getAs(app, session('admin'), '/api/change-requests?status=rejected');
    expect(decided.json().items.map((r: { id: number }) => r.id)).toContain(id);
  });

  it('lets only one of two requests sent at the same instant through (the last test: it adds a pending request)', async () => {
    const db = database.db;
    const shop = await makeRetailer(db, { districtId: shopA.districtId, managerId: shopA.managerId });
    sessions.sameInstant = await signIn(app, (await makeRetailerUser(db, shop)).username, FIXTURE_PASSWORD);
    const answers = await Promise.all(
      ['13811110001', '13811110002', '13811110003'].map((phone) => ask('sameInstant', shop.id, { changes: { phone } })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    const pending = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(retailerChangeRequests)
      .where(and(eq(retailerChangeRequests.retailerId, shop.id), eq(retailerChangeRequests.status, 'pending')));
    expect(pending[0]?.n).toBe(1);
  });
});
