import type { CurrentOrderResponse, ProposalView, TimelineItem, TimelinePage } from '@siyi/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { notifications } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import {
  createTestApp,
  makeCompany,
  makeDistrict,
  makeProduct,
  makeRetailer,
  makeRetailerUser,
  makeSignedInUser,
  type ProductRow,
  type RetailerRow,
  type Session,
  signIn,
} from '../../testing';
import { FIXTURE_PASSWORD } from '../../testing/fixture';
import { databaseTargets } from '../../testing/test-database';

const targets = await databaseTargets();

// Wednesday 2026-12-02, 10:00 in Shanghai: the open week is 2026-11-30.
const NOW = '2026-12-02T02:00:00Z';
const WEEK = '2026-11-30';

type Who = 'admin' | 'sup' | 'mgr' | 'mgrOther' | 'shop' | 'peer';

describe.each(targets)('orders on the retailer’s 360 timeline on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  const clock = new ManualClock(NOW);
  let shop: RetailerRow;
  let peer: RetailerRow;
  let d1: number;
  const p: Record<'open' | 'open2' | 'scarce', ProductRow> = {} as never;
  const s: Record<Who, Session> = {} as never;

  const call = (who: Who, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { cookie: s[who].cookie, 'x-csrf-token': s[who].csrfToken, 'accept-language': 'zh-CN', ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  /** The order events of a retailer's timeline as `who` reads it, oldest first. */
  const orderEvents = async (who: Who, retailerId: number): Promise<TimelineItem[]> => {
    const response = await call(who, 'GET', `/api/retailers/${retailerId}/timeline?limit=100`);
    expect(response.statusCode, response.body).toBe(200);
    return response
      .json<TimelinePage>()
      .items.filter((i) => i.kind.startsWith('order.'))
      .reverse();
  };
  const kinds = async (who: Who, retailerId: number) => (await orderEvents(who, retailerId)).map((e) => e.kind);
  const codeOf = async (proposalId: number) => {
    const rows = await database.db
      .select({ params: notifications.params })
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, 'order.proposal'),
          sql`${notifications.params}->>'proposalId' = ${String(proposalId)}`,
        ),
      );
    return String(rows[0]?.params.code);
  };
  const propose = async (retailerId: number, lines: { productId: number; quantity: number }[]) => {
    const made = await call('mgr', 'POST', '/api/orders/proposals', { retailerId, lines });
    expect(made.statusCode, made.body).toBe(200);
    return made.json<ProposalView>();
  };

  beforeAll(async () => {
    database = await target.open();
    const db = database.db;
    app = await createTestApp(database, { clock });
    const company = await makeCompany(db);
    const district1 = await makeDistrict(db, { parentId: company.id });
    d1 = district1.id;
    p.open = await makeProduct(db, { name: '常订烟' });
    p.open2 = await makeProduct(db, { name: '第二种' });
    p.scarce = await makeProduct(db, { name: '紧俏烟', isScarce: true });
    const admin = await makeSignedInUser(app, db, { role: 'admin', orgUnitId: company.id });
    const sup = await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: d1 });
    const mgr = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1 });
    const mgrOther = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1 });
    Object.assign(s, { admin: admin.session, sup: sup.session, mgr: mgr.session, mgrOther: mgrOther.session });
    shop = await makeRetailer(db, { districtId: d1, managerId: mgr.user.id, tier: 10, orderWeekday: 5 });
    peer = await makeRetailer(db, { districtId: d1, managerId: mgr.user.id, tier: 26, orderWeekday: 5 });
    for (const [who, row] of [
      ['shop', shop],
      ['peer', peer],
    ] as const) {
      await makeRetailerUser(db, row);
      s[who] = await signIn(app, row.licenceNo, FIXTURE_PASSWORD);
    }
    const published = await call('sup', 'PUT', `/api/supply-strategies/${WEEK}`, {
      items: [
        { productId: p.open.id, mode: 'open' },
        { productId: p.open2.id, mode: 'open' },
        { productId: p.scarce.id, mode: 'scarce', supply: 5 },
      ],
      publish: true,
    });
    expect(published.statusCode, published.body).toBe(200);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('a submitted order is on the timeline once, with its products and cartons; a replay adds nothing', async () => {
    const body = {
      lines: [
        { productId: p.open.id, quantity: 3 },
        { productId: p.open2.id, quantity: 2 },
        { productId: p.scarce.id, quantity: 4 },
      ],
    };
    const first = await call('shop', 'POST', '/api/orders/current/submit', body, { 'idempotency-key': 'timeline-1' });
    expect(first.statusCode, first.body).toBe(200);
    const replay = await call('shop', 'POST', '/api/orders/current/submit', body, { 'idempotency-key': 'timeline-1' });
    expect(replay.json().replayed).toBe(true);
    for (const who of ['mgr', 'sup', 'admin'] as const) {
      const events = await orderEvents(who, shop.id);
      expect(events.map((e) => e.kind)).toEqual(['order.submitted']);
      expect(events[0]?.data).toEqual({ orderId: first.json().orderId, week: WEEK, lines: 3, cartons: 9 });
      expect(events[0]).toMatchObject({ sourceType: 'order', sourceId: String(first.json().orderId) });
      expect(events[0]?.actorName).toBeTruthy();
    }
    // The timeline is staff's: another manager's retailer is not found, the retailer itself may not read it.
    expect((await call('mgrOther', 'GET', `/api/retailers/${shop.id}/timeline`)).statusCode).toBe(404);
    expect((await call('shop', 'GET', `/api/retailers/${shop.id}/timeline`)).statusCode).toBe(403);
  });

  it('a proposal made and accepted with the code read back is on the timeline', async () => {
    const proposal = await propose(shop.id, [{ productId: p.open2.id, quantity: 6 }]);
    expect(await kinds('mgr', shop.id)).toEqual(['order.submitted', 'order.proposal_made']);
    const accepted = await call('mgr', 'POST', `/api/orders/proposals/${proposal.id}/accept`, {
      code: await codeOf(proposal.id),
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const events = await orderEvents('sup', shop.id);
    expect(events.map((e) => [e.kind, e.data])).toEqual([
      ['order.submitted', expect.anything()],
      ['order.proposal_made', { proposalId: proposal.id, week: WEEK, lines: 1, cartons: 6 }],
      ['order.proposal_accepted', expect.objectContaining({ proposalId: proposal.id, via: 'code', lines: 1 })],
    ]);
  });

  it('a pressure report reaches the supervisor’s timeline and never the manager’s', async () => {
    const line = (await call('shop', 'GET', '/api/orders/current'))
      .json<CurrentOrderResponse>()
      .lines.find((l) => l.productId === p.open2.id);
    if (!line) throw new Error('no proposed line');
    const reported = await call('shop', 'POST', `/api/orders/lines/${line.id}/pressured`, { note: '不订就不给紧俏烟' });
    expect(reported.statusCode, reported.body).toBe(200);
    const pressured = (await orderEvents('sup', shop.id)).find((e) => e.kind === 'order.line_pressured');
    expect(pressured?.data).toMatchObject({
      productId: p.open2.id,
      productName: '第二种',
      quantity: 6,
      concernId: reported.json().concernId,
    });
    expect((await orderEvents('admin', shop.id)).map((e) => e.kind)).toContain('order.line_pressured');
    const seenByManager = await call('mgr', 'GET', `/api/retailers/${shop.id}/timeline?limit=100`);
    expect(seenByManager.body).not.toContain('line_pressured');
    expect(seenByManager.body).not.toContain('forced_ordering');
    expect(seenByManager.body).not.toContain('不订就不给紧俏烟');
  });

  it('a rejection is everyone’s; that it was pressured only the supervisor’s', async () => {
    const plain = await propose(peer.id, [{ productId: p.open.id, quantity: 2 }]);
    const pressed = await propose(peer.id, [{ productId: p.open2.id, quantity: 9 }]);
    expect((await call('peer', 'POST', `/api/orders/proposals/${plain.id}/reject`, {})).statusCode).toBe(200);
    const rejected = await call('peer', 'POST', `/api/orders/proposals/${pressed.id}/reject`, { pressured: true });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const manager = await orderEvents('mgr', peer.id);
    expect(manager.map((e) => [e.kind, e.data])).toEqual([
      ['order.proposal_made', expect.objectContaining({ proposalId: plain.id })],
      ['order.proposal_made', expect.objectContaining({ proposalId: pressed.id })],
      ['order.proposal_rejected', { proposalId: plain.id, via: 'portal' }],
      ['order.proposal_rejected', { proposalId: pressed.id, via: 'portal' }],
    ]);
    const supervisor = await orderEvents('sup', peer.id);
    expect(supervisor.map((e) => e.kind)).toEqual([...manager.map((e) => e.kind), 'order.line_pressured']);
    expect(supervisor.at(-1)?.data).toMatchObject({ proposalId: pressed.id, pressured: true, lines: 1, cartons: 9 });
    // The proposals read back: the manager sees both rejected and no line marked; the supervisor sees the mark.
    const pressedLines = async (who: Who) =>
      (await call(who, 'GET', `/api/orders/proposals?retailerId=${peer.id}`))
        .json<ProposalView[]>()
        .flatMap((proposal) => proposal.lines.filter((line) => line.pressured).map((line) => line.productId));
    const managerView = (await call('mgr', 'GET', `/api/orders/proposals?retailerId=${peer.id}`)).json<
      ProposalView[]
    >();
    expect(managerView.map((proposal) => proposal.status)).toEqual(['rejected', 'rejected']);
    expect(await pressedLines('mgr')).toEqual([]);
    expect(await pressedLines('sup')).toEqual([p.open2.id]);
  });

  it('an allocation run tells each requesting retailer what it got, once per change', async () => {
    const asked = await call('peer', 'PUT', '/api/orders/current', {
      lines: [{ productId: p.scarce.id, quantity: 3 }],
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const run = await call('sup', 'POST', `/api/allocations/${WEEK}/run`, {});
    expect(run.statusCode, run.body).toBe(200);
    const got = async (retailerId: number) =>
      (await orderEvents('mgr', retailerId)).filter((e) => e.kind === 'order.allocated').map((e) => e.data);
    const shopGot = await got(shop.id);
    const peerGot = await got(peer.id);
    expect(shopGot).toEqual([expect.objectContaining({ productId: p.scarce.id, productName: '紧俏烟', requested: 4 })]);
    expect(peerGot).toEqual([expect.objectContaining({ productId: p.scarce.id, requested: 3 })]);
    expect(Number(shopGot[0]?.allocated) + Number(peerGot[0]?.allocated)).toBe(5);
    // The same run again changes no cartons: no new events.
    expect((await call('sup', 'POST', `/api/allocations/${WEEK}/run`, {})).statusCode).toBe(200);
    expect(await got(shop.id)).toHaveLength(1);
    expect(await got(peer.id)).toHaveLength(1);
  });
});
