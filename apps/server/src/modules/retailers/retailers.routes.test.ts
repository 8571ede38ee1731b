import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { ManualClock } from '../../lib/clock';
import {
  createTestApp,
  databaseTargets,
  FIXTURE_PASSWORD,
  type Fixture,
  type FixtureUser,
  getAs,
  type Session,
  seedFixture,
  signIn,
} from '../../testing';

const targets = await databaseTargets();

/** The oracle: which fixture retailers an actor may see, stated independently of the service's SQL. */
function visibleIds(fixture: Fixture, user: FixtureUser): Set<number> {
  return new Set(
    fixture.retailers
      .filter((r) => {
        switch (user.role) {
          case 'admin':
            return true;
          case 'supervisor':
            return r.districtId === user.orgUnitId;
          case 'manager':
            return r.managerId === user.id;
          case 'retailer':
            return r.id === user.retailerId;
          default:
            return false;
        }
      })
      .map((r) => r.id),
  );
}

describe.each(targets)('retailer data scope on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let fixture: Fixture;
  const sessions = new Map<string, Session>();
  let actors: FixtureUser[] = [];

  beforeAll(async () => {
    database = await target.open();
    fixture = await seedFixture(database.db);
    // Thursday 2026-11-26 in Shanghai: last week is the fixture's order week, 2026-11-16.
    app = await createTestApp(database, { clock: new ManualClock('2026-11-26T02:00:00Z') });
    actors = Object.values(fixture.users).filter((u) => u.username !== 'demo-manager');
    for (const actor of actors) sessions.set(actor.username, await signIn(app, actor.username, FIXTURE_PASSWORD));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const session = (username: string) => {
    const s = sessions.get(username);
    if (!s) throw new Error(`no session for ${username}`);
    return s;
  };

  it('lists exactly the retailers in each role’s scope', async () => {
    const expectations: [string, number][] = [
      ['admin', 10],
      ['supA', 7],
      ['supB', 3],
      ['mgrA1', 3],
      ['mgrB1', 3],
    ];
    for (const [username, count] of expectations) {
      const response = await getAs(app, session(username), '/api/retailers?pageSize=100');
      expect(response.statusCode, username).toBe(200);
      const body = response.json();
      expect(body.total, username).toBe(count);
      const user = fixture.users[username];
      if (!user) throw new Error(username);
      expect(new Set(body.items.map((r: { id: number }) => r.id))).toEqual(visibleIds(fixture, user));
    }
  });

  it('shows a retailer only itself, and answers 404 for another shop', async () => {
    const [own, other] = fixture.retailers;
    if (!own || !other) throw new Error('fixture');
    const s = session(own.licenceNo);
    const list = (await getAs(app, s, '/api/retailers')).json();
    expect(list.items.map((r: { id: number }) => r.id)).toEqual([own.id]);
    expect((await getAs(app, s, `/api/retailers/${own.id}`)).statusCode).toBe(200);
    const foreign = await getAs(app, s, `/api/retailers/${other.id}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain(other.shopName);
    expect((await getAs(app, s, `/api/retailers/${other.id}/sales`)).statusCode).toBe(404);
  });

  it('names the customer manager a list is filtered by, only to those who see that manager’s retailers', async () => {
    const mgrB1 = fixture.users.mgrB1?.id;
    const url = `/api/retailers?managerId=${mgrB1}&q=${encodeURIComponent('nothing matches this')}`;
    // Even with no row on the page, the filter's manager is named.
    const admin = (await getAs(app, session('admin'), url)).json();
    expect(admin).toMatchObject({ total: 0, manager: { id: mgrB1, name: '乙经理一' } });
    expect((await getAs(app, session('supB'), url)).json().manager).toMatchObject({ name: '乙经理一' });
    // Another district's supervisor learns nothing about this manager.
    const foreign = await getAs(app, session('supA'), url);
    expect(foreign.json().manager).toBeNull();
    expect(foreign.body).not.toContain('乙经理一');
    expect((await getAs(app, session('admin'), '/api/retailers')).json().manager).toBeUndefined();
  });

  it('answers 404 — not 403 — when a manager asks for another manager’s retailer', async () => {
    const foreign = fixture.retailers.find((r) => r.managerId === fixture.users.mgrB1?.id);
    const response = await getAs(app, session('mgrA1'), `/api/retailers/${foreign?.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('returns the detail with manager, district, tier history and sales from the rollups', async () => {
    const mine = fixture.retailers.find((r) => r.managerId === fixture.users.mgrA1?.id);
    const detail = (await getAs(app, session('mgrA1'), `/api/retailers/${mine?.id}`)).json();
    expect(detail).toMatchObject({
      id: mine?.id,
      managerName: '甲经理一',
      districtName: '甲片区',
      countyName: '魏都区',
    });
    const sales = (await getAs(app, session('mgrA1'), `/api/retailers/${mine?.id}/sales?weeks=4`)).json();
    expect(sales.weeks.map((w: { weekStart: string }) => w.weekStart)).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
    expect(sales.lastWeek.weekStart).toBe('2026-11-16');
    expect(sales.topProducts).toHaveLength(2);
    const rawTotal = await database.pool.query(
      `select sum(l.quantity)::int as q from order_lines l join orders o on o.id = l.order_id where o.retailer_id = $1`,
      [mine?.id],
    );
    expect(sales.lastWeek.quantity).toBe(rawTotal.rows[0].q);
    expect(sales.recentFourWeeks.quantity).toBe(rawTotal.rows[0].q);
  });

  it('searches by shop name, licence number and owner; wildcards are literal', async () => {
    const s = session('admin');
    expect((await getAs(app, s, `/api/retailers?q=${encodeURIComponent('CANARY-mgrB1')}`)).json().total).toBe(3);
    expect((await getAs(app, s, '/api/retailers?q=411002199999')).json().total).toBe(1);
    expect((await getAs(app, s, `/api/retailers?q=${encodeURIComponent('无人管')}`)).json().total).toBe(1);
    expect((await getAs(app, s, `/api/retailers?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
    expect((await getAs(app, s, `/api/retailers?q=${encodeURIComponent('_')}`)).json().total).toBe(0);
    expect((await getAs(app, s, `/api/retailers?districtId=${fixture.districtB}`)).json().total).toBe(3);
    // A supervisor asking for another district's list gets nothing: the filter narrows, never widens.
    const supA = session('supA');
    expect((await getAs(app, supA, `/api/retailers?districtId=${fixture.districtB}`)).json().total).toBe(0);
  });

  it('pages: page 2 of size 4 continues page 1, past the end is empty with the right total', async () => {
    const s = session('admin');
    const one = (await getAs(app, s, '/api/retailers?pageSize=4&page=1')).json();
    const two = (await getAs(app, s, '/api/retailers?pageSize=4&page=2')).json();
    const far = (await getAs(app, s, '/api/retailers?pageSize=4&page=50')).json();
    expect(one.items).toHaveLength(4);
    expect(two.items).toHaveLength(4);
    expect(new Set([...one.items, ...two.items].map((r: { id: number }) => r.id)).size).toBe(8);
    expect(far).toMatchObject({ items: [], total: 10, page: 50 });
  });

  it('property: no actor ever reads a retailer outside its scope, by list, search or id', async () => {
    const everyRetailer = fixture.retailers;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...actors),
        fc.constantFrom(...everyRetailer),
        fc.constantFrom('detail', 'sales', 'search', 'filter'),
        async (actor, retailer, how) => {
          const allowed = visibleIds(fixture, actor).has(retailer.id);
          const s = session(actor.username);
          if (how === 'detail' || how === 'sales') {
            const url = how === 'detail' ? `/api/retailers/${retailer.id}` : `/api/retailers/${retailer.id}/sales`;
            const response = await getAs(app, s, url);
            expect(response.statusCode).toBe(allowed ? 200 : 404);
            if (!allowed) expect(response.body).not.toContain('CANARY');
          } else {
            const query =
              how === 'search' ? `q=${encodeURIComponent(retailer.shopName)}` : `managerId=${retailer.managerId ?? 1}`;
            const body = (await getAs(app, s, `/api/retailers?${query}&pageSize=100`)).json();
            const ids: number[] = body.items.map((r: { id: number }) => r.id);
            for (const id of ids) expect(visibleIds(fixture, actor).has(id)).toBe(true);
            if (how === 'search') expect(ids.includes(retailer.id)).toBe(allowed);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps dashboards within scope: supervisors see their district, managers only theirs', async () => {
    const supA = await getAs(app, session('supA'), '/api/dashboard/district');
    expect(supA.statusCode).toBe(200);
    expect(supA.json()).toMatchObject({ district: { id: fixture.districtA }, retailerCount: 7, managerCount: 2 });
    const peek = await getAs(app, session('supA'), `/api/dashboard/district?districtId=${fixture.districtB}`);
    expect(peek.statusCode).toBe(404);
    const adminNoDistrict = await getAs(app, session('admin'), '/api/dashboard/district');
    expect(adminNoDistrict.statusCode).toBe(400);
    expect(adminNoDistrict.json().fields.districtId).toBe('请选择片区。');
    const admin = await getAs(app, session('admin'), `/api/dashboard/district?districtId=${fixture.districtB}`);
    expect(admin.json().retailerCount).toBe(3);
    expect((await getAs(app, session('mgrA1'), '/api/dashboard/district')).statusCode).toBe(403);
    const mine = (await getAs(app, session('mgrA1'), '/api/dashboard/manager')).json();
    expect(mine.retailerCount).toBe(3);
    expect(mine.weekly).toHaveLength(26);
    const managers = supA.json().managers as { name: string; retailerCount: number }[];
    expect(managers.map((m) => [m.name, m.retailerCount])).toEqual([
      ['甲经理一', 3],
      ['甲经理二', 3],
    ]);
  });

  it('lets only admins list users, and supervisors see only their own district unit', async () => {
    expect((await getAs(app, session('mgrA1'), '/api/users')).statusCode).toBe(403);
    const users = (await getAs(app, session('admin'), '/api/users?role=manager')).json();
    expect(users.total).toBe(4);
    const units = (await getAs(app, session('supB'), '/api/org-units')).json();
    expect(units.items.map((u: { id: number }) => u.id)).toEqual([fixture.districtB]);
  });
});
