import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { ManualClock } from '../../lib/clock';
import {
  createTestApp,
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
  type UserRow,
} from '../../testing';
import { databaseTargets } from '../../testing/test-database';

const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

const targets = await databaseTargets();

describe.each(targets)('retailers are handed between managers on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let admin: Session;
  let adminUser: UserRow;
  let supervisorA: Session;
  let supervisorAUser: UserRow;
  let managerA1: Session;
  let retailerA: Session;
  let districtA: number;
  let districtB: number;
  let a1: UserRow;
  let a2: UserRow;
  let aDisabled: UserRow;
  let b1: UserRow;
  const clock = new ManualClock('2026-11-30T03:00:00Z');

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database, { clock });
    const a = await makeDistrict(database.db, { name: '东片区' });
    districtA = a.id;
    districtB = (await makeDistrict(database.db, { parentId: a.parentId ?? -1, name: '西片区' })).id;
    const signedAdmin = await makeSignedInUser(app, database.db, { role: 'admin', orgUnitId: a.parentId ?? -1 });
    admin = signedAdmin.session;
    adminUser = signedAdmin.user;
    const sup = await makeSignedInUser(app, database.db, { role: 'supervisor', orgUnitId: districtA });
    supervisorA = sup.session;
    supervisorAUser = sup.user;
    a1 = await makeUser(database.db, { role: 'manager', orgUnitId: districtA, displayName: '甲一' });
    a2 = await makeUser(database.db, { role: 'manager', orgUnitId: districtA, displayName: '甲二' });
    aDisabled = await makeUser(database.db, {
      role: 'manager',
      orgUnitId: districtA,
      disabledAt: new Date('2026-11-01T00:00:00Z'),
    });
    b1 = await makeUser(database.db, { role: 'manager', orgUnitId: districtB, displayName: '乙一' });
    managerA1 = await signIn(app, a1.username, FIXTURE_PASSWORD);
    const shop = await makeRetailer(database.db, { districtId: districtA, managerId: a1.id });
    retailerA = await signIn(app, (await makeRetailerUser(database.db, shop)).username, FIXTURE_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const reassign = (session: Session, payload: unknown) =>
    app.inject({
      method: 'POST',
      url: '/api/retailers/reassign',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': 'en' },
      payload: payload as Record<string, unknown>,
    });
  const managersOf = async (ids: number[]) =>
    (await database.pool.query('select id, manager_id, version from retailers where id = any($1) order by id', [ids]))
      .rows;
  const shopsOf = async (count: number, districtId: number, managerId: number | null) => {
    const shops: RetailerRow[] = [];
    for (let i = 0; i < count; i++) shops.push(await makeRetailer(database.db, { districtId, managerId }));
    return shops;
  };

  it('moves many retailers at once, audited per retailer and on each timeline, with the reason', async () => {
    const shops = await shopsOf(3, districtA, a1.id);
    const answer = await reassign(admin, {
      retailerIds: shops.map((s) => s.id),
      toManagerId: a2.id,
      reason: '片区调整：甲一休产假',
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ moved: 3, unchanged: 0, toManager: { id: a2.id, name: '甲二' } });
    expect(await managersOf(shops.map((s) => s.id))).toEqual(
      shops.map((s) => ({ id: s.id, manager_id: a2.id, version: 2 })),
    );
    const audit = await database.pool.query(
      "select entity_id, action, actor_user_id, district_id, before, after from audit_log where entity_type = 'retailer' and entity_id = any($1) order by entity_id",
      [shops.map((s) => String(s.id))],
    );
    expect(audit.rows).toEqual(
      shops.map((s) => ({
        entity_id: String(s.id),
        action: 'reassigned',
        actor_user_id: adminUser.id,
        district_id: districtA,
        before: { managerId: a1.id, managerName: '甲一', reason: null },
        after: { managerId: a2.id, managerName: '甲二', reason: '片区调整：甲一休产假' },
      })),
    );
    const events = await database.pool.query(
      'select retailer_id, kind, actor_user_id, data from timeline_events where retailer_id = any($1) order by retailer_id',
      [shops.map((s) => s.id)],
    );
    expect(events.rows).toEqual(
      shops.map((s) => ({
        retailer_id: s.id,
        kind: 'assignment.changed',
        actor_user_id: adminUser.id,
        data: {
          fromManagerId: a1.id,
          fromManagerName: '甲一',
          toManagerId: a2.id,
          toManagerName: '甲二',
          reason: '片区调整：甲一休产假',
        },
      })),
    );
    // Again: nothing to do, nothing written.
    const again = await reassign(admin, { retailerIds: [shops[0]?.id], toManagerId: a2.id });
    expect(again.json()).toMatchObject({ moved: 0, unchanged: 1 });
    expect((await managersOf([shops[0]?.id ?? 0]))[0].version).toBe(2);
  });

  it('lets the supervisor reassign within their district; another district is not found; managers may not', async () => {
    const own = await shopsOf(2, districtA, null);
    const theirs = await shopsOf(1, districtB, b1.id);
    const bySupervisor = await reassign(supervisorA, { retailerIds: own.map((s) => s.id), toManagerId: a1.id });
    expect(bySupervisor.statusCode).toBe(200);
    expect(bySupervisor.json().moved).toBe(2);
    const audit = await database.pool.query(
      "select actor_user_id from audit_log where entity_type = 'retailer' and entity_id = $1",
      [String(own[0]?.id)],
    );
    expect(audit.rows).toEqual([{ actor_user_id: supervisorAUser.id }]);

    const outOfScope = await reassign(supervisorA, { retailerIds: theirs.map((s) => s.id), toManagerId: a1.id });
    expect(outOfScope.statusCode).toBe(404);
    for (const session of [managerA1, retailerA]) {
      const refused = await reassign(session, { retailerIds: [own[0]?.id], toManagerId: a2.id });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('FORBIDDEN');
      for (const url of [
        `/api/territory/managers?districtId=${districtA}`,
        `/api/territory/retailers?districtId=${districtA}&managerId=${a1.id}`,
      ]) {
        expect((await getAs(app, session, url)).statusCode).toBe(403);
      }
    }
    expect(await managersOf(theirs.map((s) => s.id))).toEqual([{ id: theirs[0]?.id, manager_id: b1.id, version: 1 }]);
    expect((await managersOf([own[0]?.id ?? 0]))[0].manager_id).toBe(a1.id);
  });

  it('is all or nothing: one retailer out of scope, a manager of another district or a disabled one moves none', async () => {
    const own = await shopsOf(2, districtA, a1.id);
    const other = await shopsOf(1, districtB, b1.id);
    const ids = own.map((s) => s.id);

    const mixed = await reassign(supervisorA, { retailerIds: [...ids, other[0]?.id], toManagerId: a2.id });
    expect(mixed.statusCode).toBe(404);
    const acrossDistricts = await reassign(admin, { retailerIds: [...ids, other[0]?.id], toManagerId: a2.id });
    expect(acrossDistricts.statusCode).toBe(400);
    expect(acrossDistricts.json().fields).toEqual({
      toManagerId: "The new customer manager must belong to the retailers' district (西片区).",
    });
    const wrongDistrict = await reassign(admin, { retailerIds: ids, toManagerId: b1.id });
    expect(wrongDistrict.json().fields.toManagerId).toMatch(/东片区/);
    const disabled = await reassign(admin, { retailerIds: ids, toManagerId: aDisabled.id });
    expect(disabled.json().fields).toEqual({
      toManagerId: 'This customer manager is disabled and cannot take retailers.',
    });
    for (const notManager of [supervisorAUser.id, adminUser.id, 99999999]) {
      const answer = await reassign(admin, { retailerIds: ids, toManagerId: notManager });
      expect(answer.statusCode).toBe(400);
      expect(answer.json().fields).toEqual({ toManagerId: 'Choose an active customer manager.' });
    }
    const unknownShop = await reassign(admin, { retailerIds: [...ids, 99999999], toManagerId: a2.id });
    expect(unknownShop.statusCode).toBe(404);

    expect(await managersOf([...ids, other[0]?.id ?? 0])).toEqual([
      ...ids.map((id) => ({ id, manager_id: a1.id, version: 1 })),
      { id: other[0]?.id, manager_id: b1.id, version: 1 },
    ]);
    const written = await database.pool.query(
      "select count(*)::int as n from audit_log where entity_type = 'retailer' and entity_id = any($1)",
      [[...ids, other[0]?.id].map(String)],
    );
    expect(written.rows[0].n).toBe(0);
  });

  it('refuses malformed bodies with field messages: no ids, duplicates, too many, unknown fields', async () => {
    const [shop] = await shopsOf(1, districtA, a1.id);
    const cases: [unknown, string][] = [
      [{ retailerIds: [], toManagerId: a2.id }, 'retailerIds'],
      [{ retailerIds: [shop?.id, shop?.id], toManagerId: a2.id }, 'retailerIds'],
      [{ retailerIds: Array.from({ length: 2001 }, (_, i) => i + 1), toManagerId: a2.id }, 'retailerIds'],
      [{ retailerIds: [shop?.id], toManagerId: 'a2' }, 'toManagerId'],
      [{ retailerIds: [shop?.id], toManagerId: a2.id, reason: 'x'.repeat(501) }, 'reason'],
      [{ retailerIds: [shop?.id], toManagerId: a2.id, managerId: 3 }, ''],
    ];
    for (const [payload, field] of cases) {
      const answer = await reassign(admin, payload);
      expect(answer.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(answer.json().code).toBe('VALIDATION_FAILED');
      if (field) expect(Object.keys(answer.json().fields ?? {})).toContain(field);
    }
  });

  it('lists a district’s managers with their retailer counts and one manager’s retailers, scoped', async () => {
    const district = await makeDistrict(database.db, { parentId: (await makeDistrict(database.db)).parentId ?? -1 });
    const m1 = await makeUser(database.db, { role: 'manager', orgUnitId: district.id, displayName: '丙一' });
    const m2 = await makeUser(database.db, { role: 'manager', orgUnitId: district.id, displayName: '丙二' });
    await makeRetailer(database.db, { districtId: district.id, managerId: m1.id, shopName: '乙店' });
    await makeRetailer(database.db, { districtId: district.id, managerId: m1.id, shopName: '甲店' });
    await makeRetailer(database.db, { districtId: district.id, managerId: null, shopName: '无主店' });
    const managers = await getAs(app, admin, `/api/territory/managers?districtId=${district.id}`);
    expect(managers.json()).toEqual({
      items: [
        { id: m1.id, name: '丙一', username: m1.username, disabled: false, retailerCount: 2 },
        { id: m2.id, name: '丙二', username: m2.username, disabled: false, retailerCount: 0 },
      ],
      unassigned: 1,
    });
    const shops = await getAs(app, admin, `/api/territory/retailers?districtId=${district.id}&managerId=${m1.id}`);
    expect(shops.json().items.map((s: { shopName: string }) => s.shopName)).toEqual(['乙店', '甲店'].sort());
    const loose = await getAs(app, admin, `/api/territory/retailers?districtId=${district.id}&managerId=none`);
    expect(loose.json()).toMatchObject({ items: [{ shopName: '无主店' }], truncated: false });

    expect((await getAs(app, supervisorA, `/api/territory/managers?districtId=${district.id}`)).statusCode).toBe(404);
    expect((await getAs(app, supervisorA, `/api/territory/managers?districtId=${districtA}`)).statusCode).toBe(200);
    expect(
      (await getAs(app, supervisorA, `/api/territory/retailers?districtId=${district.id}&managerId=none`)).statusCode,
    ).toBe(404);
    expect((await getAs(app, admin, '/api/territory/managers?districtId=99999999')).statusCode).toBe(404);
    expect((await getAs(app, admin, '/api/territory/managers?districtId=abc')).statusCode).toBe(400);
    expect((await getAs(app, admin, `/api/territory/retailers?districtId=${districtA}&managerId=x`)).statusCode).toBe(
      400,
    );
  });

  it('takes every naughty string as a reason or query without a 500', async () => {
    const [shop] = await shopsOf(1, districtA, a1.id);
    for (let i = 0; i < naughtyStrings.length; i += 8) {
      const batch = naughtyStrings.slice(i, i + 8);
      const answers = await Promise.all(
        batch.flatMap((text) => [
          reassign(admin, { retailerIds: [shop?.id], toManagerId: i % 64 === 0 ? a2.id : a1.id, reason: text }),
          getAs(app, admin, `/api/territory/retailers?districtId=${districtA}&managerId=${encodeURIComponent(text)}`),
        ]),
      );
      for (const [k, answer] of answers.entries()) {
        expect(answer.statusCode, JSON.stringify(batch[Math.floor(k / 2)])).toBeLessThan(500);
      }
    }
  }, 240_000);
});
