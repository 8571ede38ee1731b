import type { ConcernDetail, ConcernOwnerCandidates } from '@siyi/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { auditLog, concernEvents, concerns, notifications } from '../../db/schema';
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
  makeUser,
  type RetailerRow,
  type Session,
  signIn,
} from '../../testing';
import { escalateOverdue } from './concerns.jobs';

const targets = await databaseTargets();

describe.each(targets)('concerns change owner on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let shop: RetailerRow;
  let shop2: RetailerRow;
  const ids: Record<string, number> = {};
  const sessions: Record<string, Session> = {};
  const clock = new ManualClock('2026-11-26T02:00:00Z');

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database, { clock });
    const db = database.db;
    const districtA = await makeDistrict(db);
    const districtB = await makeDistrict(db, { parentId: districtA.parentId });
    const people = {
      managerA: await makeSignedInUser(app, db, { role: 'manager', orgUnitId: districtA.id }),
      managerA2: await makeSignedInUser(app, db, { role: 'manager', orgUnitId: districtA.id }),
      managerA3: await makeSignedInUser(app, db, { role: 'manager', orgUnitId: districtA.id }),
      supervisorA: await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: districtA.id }),
      managerB: await makeSignedInUser(app, db, { role: 'manager', orgUnitId: districtB.id }),
      supervisorB: await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: districtB.id }),
      admin: await makeSignedInUser(app, db, { role: 'admin', orgUnitId: districtA.parentId ?? districtA.id }),
    };
    for (const [name, made] of Object.entries(people)) {
      ids[name] = made.user.id;
      sessions[name] = made.session;
    }
    ids.disabledA = (
      await makeUser(db, { role: 'manager', orgUnitId: districtA.id, disabledAt: new Date('2026-11-01T00:00:00Z') })
    ).id;
    shop = await makeRetailer(db, { districtId: districtA.id, managerId: ids.managerA });
    shop2 = await makeRetailer(db, { districtId: districtA.id, managerId: ids.managerA });
    const retailerUser = await makeRetailerUser(db, shop);
    ids.retailer = retailerUser.id;
    sessions.retailer = await signIn(app, retailerUser.username, FIXTURE_PASSWORD);
    sessions.retailer2 = await signIn(app, (await makeRetailerUser(db, shop2)).username, FIXTURE_PASSWORD);
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
  const id = (name: string) => {
    const value = ids[name];
    if (value === undefined) throw new Error(`no id ${name}`);
    return value;
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
  const ownerOf = async (concernId: number) => {
    const [row] = await database.db
      .select({ owner: concerns.ownerUserId })
      .from(concerns)
      .where(eq(concerns.id, concernId));
    return row?.owner;
  };
  const reassignedEvents = async (concernId: number) =>
    database.db
      .select({ data: concernEvents.data, note: concernEvents.note, actor: concernEvents.actorUserId })
      .from(concernEvents)
      .where(and(eq(concernEvents.concernId, concernId), eq(concernEvents.kind, 'reassigned')));
  const notificationsOf = async (userId: number, concernId: number) =>
    database.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), sql`(${notifications.params}->>'concernId')::int = ${concernId}`));
  const writes = async () => {
    const [row] = await database.db
      .select({
        events: sql<number>`(select count(*)::int from ${concernEvents})`,
        audit: sql<number>`(select count(*)::int from ${auditLog} where ${auditLog.entityType} = 'concern')`,
        notes: sql<number>`(select count(*)::int from ${notifications})`,
        version: sql<number>`(select coalesce(sum(${concerns.version}), 0)::int from ${concerns})`,
      })
      .from(sql`(select 1) as one`);
    return row;
  };

  it('moves a retailer’s open concerns its manager owned to the new manager, and leaves the rest', async () => {
    const supply = await raise('retailer', { category: 'supply', text: '断货两周了' });
    const working = await raise('managerA', {
      retailerId: shop.id,
      category: 'delivery',
      text: '送货晚',
      source: 'phone',
    });
    for (const to of ['accepted', 'in_progress']) {
      expect((await post('managerA', `/api/concerns/${working.id}/transition`, { to, note: '' })).statusCode).toBe(200);
    }
    const attitude = await raise('retailer', { category: 'service_attitude', text: '态度不好' });
    const done = await raise('retailer', { category: 'price', text: '价格' });
    for (const [who, to, note] of [
      ['managerA', 'accepted', ''],
      ['managerA', 'resolved', '已说明'],
      ['retailer', 'confirmed', ''],
    ] as const) {
      expect((await post(who, `/api/concerns/${done.id}/transition`, { to, note })).statusCode).toBe(200);
    }
    // One escalated by its breached SLA: the supervisor owns it, and it stays with the supervisor.
    const late = await raise('retailer', { category: 'ordering', text: '订货系统打不开' });
    await database.db
      .update(concerns)
      .set({ dueAt: new Date(clock.now().getTime() - 60_000) })
      .where(eq(concerns.id, late.id));
    await escalateOverdue({ db: database.db, notify: async () => {} }, clock.now());
    expect(await ownerOf(late.id)).toBe(id('supervisorA'));
    expect(await ownerOf(attitude.id)).toBe(id('supervisorA'));

    const moved = await post('supervisorA', '/api/retailers/reassign', {
      retailerIds: [shop.id],
      toManagerId: id('managerA2'),
      reason: '片区调整',
    });
    expect(moved.statusCode, moved.body).toBe(200);

    expect(await ownerOf(supply.id)).toBe(id('managerA2'));
    expect(await ownerOf(working.id)).toBe(id('managerA2'));
    expect(await ownerOf(attitude.id)).toBe(id('supervisorA'));
    expect(await ownerOf(late.id)).toBe(id('supervisorA'));
    expect(await ownerOf(done.id)).toBe(id('managerA'));

    // The old manager no longer sees them; the new one does, and works them.
    expect((await get('managerA', `/api/concerns/${supply.id}`)).statusCode).toBe(404);
    expect(
      (await post('managerA', `/api/concerns/${working.id}/transition`, { to: 'resolved', note: 'x' })).statusCode,
    ).toBe(404);
    const seen = (await get('managerA2', `/api/concerns/${supply.id}`)).json<ConcernDetail>();
    expect(seen).toMatchObject({
      owner: { id: id('managerA2') },
      allowedTransitions: ['accepted'],
      canReassign: false,
    });
    const resolved = await post('managerA2', `/api/concerns/${working.id}/transition`, {
      to: 'resolved',
      note: '已补送',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    // The sensitive one stays invisible to the new manager too.
    expect((await get('managerA2', `/api/concerns/${attitude.id}`)).statusCode).toBe(404);

    // The history names both owners and why; audited; the new owner told, the old one not.
    const line = seen.history.find((e) => e.kind === 'reassigned');
    expect(line?.data).toMatchObject({
      reason: 'retailer_moved',
      fromOwner: { id: id('managerA') },
      toOwner: { id: id('managerA2') },
    });
    expect(line?.actor?.id).toBe(id('supervisorA'));
    const [audit] = await database.db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(supply.id)), eq(auditLog.action, 'concern.reassigned')));
    expect(audit).toMatchObject({
      before: { ownerUserId: id('managerA') },
      after: { ownerUserId: id('managerA2'), reason: 'retailer_moved' },
    });
    expect(await notificationsOf(id('managerA2'), supply.id)).toEqual([{ kind: 'concern.reassigned' }]);
    expect((await reassignedEvents(attitude.id)).length).toBe(0);
    expect((await reassignedEvents(done.id)).length).toBe(0);

    // A retailer that is not moved (the same manager again) moves nothing.
    const before = await writes();
    const again = await post('supervisorA', '/api/retailers/reassign', {
      retailerIds: [shop.id],
      toManagerId: id('managerA2'),
    });
    expect(again.json()).toMatchObject({ moved: 0, unchanged: 1 });
    expect(await writes()).toEqual(before);
  });

  it('lets the district’s supervisor or an admin hand an open concern to another manager or supervisor', async () => {
    const concern = await raise('managerA', {
      retailerId: shop2.id,
      category: 'supply',
      text: '缺货',
      source: 'phone',
    });
    const owners = await get('supervisorA', `/api/concerns/${concern.id}/owners`);
    expect(owners.statusCode, owners.body).toBe(200);
    const names = owners.json<ConcernOwnerCandidates>().items.map((c) => c.id);
    expect(names).toEqual(expect.arrayContaining([id('managerA2'), id('managerA3'), id('supervisorA')]));
    expect(names).not.toContain(id('managerA'));
    expect(names).not.toContain(id('disabledA'));
    expect(names).not.toContain(id('managerB'));

    const handed = await post('supervisorA', `/api/concerns/${concern.id}/reassign`, {
      ownerUserId: id('managerA3'),
      reason: '甲一本周休假，由甲三代办',
      version: concern.version,
    });
    expect(handed.statusCode, handed.body).toBe(200);
    const after = handed.json<ConcernDetail>();
    expect(after.owner?.id).toBe(id('managerA3'));
    const line = after.history.find((e) => e.kind === 'reassigned');
    expect(line).toMatchObject({
      note: '甲一本周休假，由甲三代办',
      actor: { id: id('supervisorA') },
      data: { reason: 'manual', fromOwner: { id: id('managerA') }, toOwner: { id: id('managerA3') } },
    });
    expect(await notificationsOf(id('managerA3'), concern.id)).toEqual([{ kind: 'concern.reassigned' }]);
    const [audit] = await database.db
      .select({ actor: auditLog.actorUserId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(concern.id)), eq(auditLog.action, 'concern.reassigned')));
    expect(audit).toMatchObject({
      actor: id('supervisorA'),
      after: { ownerUserId: id('managerA3'), reason: 'manual', note: '甲一本周休假，由甲三代办' },
    });

    // The new owner (not the shop's manager) sees it in its own list and works it.
    const mine = (await get('managerA3', '/api/concerns?owner=me&status=open')).json<{ items: { id: number }[] }>();
    expect(mine.items.map((c) => c.id)).toContain(concern.id);
    const accepted = await post('managerA3', `/api/concerns/${concern.id}/transition`, { to: 'accepted', note: '' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // A manager of the district who neither owns it nor has the shop: 404.
    expect((await get('managerA2', `/api/concerns/${concern.id}`)).statusCode).toBe(404);

    // An admin hands it on to the supervisor.
    const toSupervisor = await post('admin', `/api/concerns/${concern.id}/reassign`, {
      ownerUserId: id('supervisorA'),
      reason: '需要主管协调',
    });
    expect(toSupervisor.statusCode, toSupervisor.body).toBe(200);
    expect(toSupervisor.json<ConcernDetail>().owner?.id).toBe(id('supervisorA'));
    // Handed away, the manager has it no more.
    expect((await get('managerA3', `/api/concerns/${concern.id}`)).statusCode).toBe(404);
  });

  it('refuses the wrong people and the wrong owners with a clear message, writing nothing', async () => {
    const concern = await raise('managerA', {
      retailerId: shop2.id,
      category: 'price',
      text: '价格问题',
      source: 'phone',
    });
    const attitude = await raise('managerA', {
      retailerId: shop2.id,
      category: 'forced_ordering',
      text: '被要求搭配',
      source: 'phone',
    });
    // Logged by the manager, it went to the supervisor: the answer is what was written, with nothing to do; after
    // that the manager cannot read it.
    expect(attitude).toMatchObject({ owner: { id: id('supervisorA') }, allowedTransitions: [], canAddPhoto: false });
    expect((await get('managerA', `/api/concerns/${attitude.id}`)).statusCode).toBe(404);
    const url = `/api/concerns/${concern.id}/reassign`;
    const before = await writes();
    const good = { ownerUserId: id('managerA2'), reason: '调整' };

    // Scope and role: another district's supervisor 404; managers and the retailer 403.
    expect((await post('supervisorB', url, good)).statusCode).toBe(404);
    expect((await get('supervisorB', `/api/concerns/${concern.id}/owners`)).statusCode).toBe(404);
    expect((await post('managerA', url, good)).statusCode).toBe(403);
    expect((await post('retailer', url, good)).statusCode).toBe(403);
    expect((await post('supervisorA', '/api/concerns/999999999/reassign', good)).statusCode).toBe(404);

    const field = async (payload: unknown, language = 'en') => {
      const response = await post('supervisorA', url, payload, language);
      expect(response.statusCode, response.body).toBe(400);
      return response.json<{ code: string; fields: Record<string, string> }>();
    };
    expect((await field({ ownerUserId: id('managerB'), reason: 'x' })).fields.ownerUserId).toMatch(/district/);
    expect((await field({ ownerUserId: id('disabledA'), reason: 'x' })).fields.ownerUserId).toMatch(/active/);
    expect((await field({ ownerUserId: id('retailer'), reason: 'x' })).fields.ownerUserId).toBeTruthy();
    expect((await field({ ownerUserId: id('admin'), reason: 'x' })).fields.ownerUserId).toBeTruthy();
    expect((await field({ ownerUserId: 2_000_000_000, reason: 'x' })).fields.ownerUserId).toBeTruthy();
    expect((await field({ ownerUserId: id('managerA'), reason: 'x' })).fields.ownerUserId).toMatch(/already/);
    expect((await field({ ownerUserId: id('managerA2'), reason: '   ' }, 'zh-CN')).fields.reason).toBeTruthy();
    expect((await field({ ownerUserId: id('managerA2') })).fields.reason).toBeTruthy();
    expect((await field({ ownerUserId: 'two', reason: 'x' })).fields.ownerUserId).toBeTruthy();
    expect((await field({ ...good, extra: 1 })).code).toBe('VALIDATION_FAILED');
    expect((await field({ ownerUserId: -1, reason: 'x' })).fields.ownerUserId).toBeTruthy();
    const sensitive = await post('supervisorA', `/api/concerns/${attitude.id}/reassign`, good, 'zh-CN');
    expect(sensitive.statusCode).toBe(400);
    expect(sensitive.json().fields.ownerUserId).toMatch(/主管/);
    const candidates = (await get('supervisorA', `/api/concerns/${attitude.id}/owners`)).json<ConcernOwnerCandidates>();
    expect(candidates.items.every((c) => c.role === 'supervisor')).toBe(true);
    // A stale version: 409.
    const stale = await post('supervisorA', url, { ...good, version: concern.version + 5 });
    expect(stale.statusCode).toBe(409);
    expect(await writes()).toEqual(before);

    // Finished: nobody's work any more (409), nothing written.
    for (const [who, to, note] of [
      ['managerA', 'accepted', ''],
      ['managerA', 'resolved', '已说明'],
      ['retailer2', 'confirmed', ''],
    ] as const) {
      expect((await post(who, `/api/concerns/${concern.id}/transition`, { to, note })).statusCode).toBe(200);
    }
    const finishedBefore = await writes();
    const finished = await post('supervisorA', url, good);
    expect(finished.statusCode).toBe(409);
    expect(finished.json().code).toBe('ILLEGAL_TRANSITION');
    expect(await writes()).toEqual(finishedBefore);
    expect((await get('supervisorA', `/api/concerns/${concern.id}`)).json<ConcernDetail>().canReassign).toBe(false);
  });
});
