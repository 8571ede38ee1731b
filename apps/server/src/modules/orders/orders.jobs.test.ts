import type { NotificationListResponse, ProposalView } from '@siyi/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import { loadConfig } from '../../config';
import type { Database } from '../../db/database';
import { auditLog, notifications, orderProposals, timelineEvents, users } from '../../db/schema';
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
import { orderJobNames } from './orders.job-names';
import { expireProposals } from './orders.service';

const targets = await databaseTargets();

// Wednesday 2026-12-02, 10:00 in Shanghai. This week is 2026-11-30, the next 2026-12-07.
const NOW = '2026-12-02T02:00:00Z';
const WEEK = '2026-11-30';
const NEXT = '2026-12-07';
/** Not the default 3: the reminder lead comes from the configuration. */
const REMINDER_HOURS = 5;

type Shop = 'thu' | 'fri' | 'fri2' | 'mon' | 'shut' | 'far';
type Who = 'sup' | 'mgr' | Shop;

describe('the ordering reminder setting', () => {
  it('is 3 hours unless SIYI_ORDER_REMINDER_HOURS says otherwise (1–72 whole hours)', () => {
    expect(loadConfig({}).orderReminderHours).toBe(3);
    expect(loadConfig({ SIYI_ORDER_REMINDER_HOURS: '6' }).orderReminderHours).toBe(6);
    for (const bad of ['0', '73', '1.5', 'soon', '-3']) {
      expect(() => loadConfig({ SIYI_ORDER_REMINDER_HOURS: bad }), bad).toThrow(/SIYI_ORDER_REMINDER_HOURS/);
    }
  });
});

describe.each(targets)('the order window’s jobs on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  const clock = new ManualClock(NOW);
  const shops = {} as Record<Shop, RetailerRow>;
  const userOf = {} as Record<Shop, number>;
  const s = {} as Record<Who, Session>;
  let product: ProductRow;
  let d1: number;
  let version = 0;
  let nextVersion = 0;

  /** Sign-in names; a session is opened again when the clock has moved on (sessions idle out after 30 minutes). */
  const login = {} as Record<Who, string>;
  const signedAt = {} as Record<Who, number>;
  const session = async (who: Who) => {
    if (signedAt[who] !== clock.now().getTime()) {
      s[who] = await signIn(app, login[who], FIXTURE_PASSWORD);
      signedAt[who] = clock.now().getTime();
    }
    return s[who];
  };
  const call = async (who: Who, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, language = 'zh-CN') => {
    const { cookie, csrfToken } = await session(who);
    return app.inject({
      method,
      url,
      headers: { cookie, 'x-csrf-token': csrfToken, 'accept-language': language },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  };
  /** Moves the clock to `iso` (never back) and runs what is due. */
  const at = async (iso: string) => {
    const minutes = (new Date(iso).getTime() - clock.now().getTime()) / 60_000;
    expect(minutes).toBeGreaterThanOrEqual(0);
    clock.advanceMinutes(minutes);
    return app.jobs.runDue({ recurring: false });
  };
  /** The order notices sent so far: [shop, kind, params.week, params.pending?]. */
  const sent = async () => {
    const rows = await database.db
      .select({ userId: notifications.userId, kind: notifications.kind, params: notifications.params })
      .from(notifications)
      .where(sql`${notifications.kind} like 'order.window%'`)
      .orderBy(asc(notifications.id));
    const shopOf = new Map(Object.entries(userOf).map(([shop, id]) => [id, shop]));
    return rows.map((r) => [
      shopOf.get(r.userId) ?? `user ${r.userId}`,
      r.kind,
      r.params.week,
      r.params.pending ?? null,
    ]);
  };
  const waiting = async (name: string) =>
    (
      await database.db.execute<{ n: number }>(
        sql`select count(*)::int as n from pgboss.job where name = ${name} and state < 'active'`,
      )
    ).rows[0]?.n ?? 0;
  const publish = async (week: string, read: number, extra: Record<string, unknown> = {}) => {
    const response = await call('sup', 'PUT', `/api/supply-strategies/${week}`, {
      items: [{ productId: product.id, mode: 'open' }],
      publish: true,
      ...(read > 0 ? { version: read } : {}),
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ version: number }>().version;
  };

  beforeAll(async () => {
    database = await target.open();
    const db = database.db;
    app = await createTestApp(database, { clock, config: { orderReminderHours: REMINDER_HOURS } });
    const company = await makeCompany(db);
    d1 = (await makeDistrict(db, { parentId: company.id })).id;
    const d2 = (await makeDistrict(db, { parentId: company.id })).id;
    product = await makeProduct(db, { name: '提醒烟' });
    const sup = await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: d1 });
    const mgr = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1 });
    login.sup = sup.user.username;
    login.mgr = mgr.user.username;
    const make = (orderWeekday: number, extra: Record<string, unknown> = {}) =>
      makeRetailer(db, { districtId: d1, managerId: mgr.user.id, tier: 10, orderWeekday, ...extra });
    // Thursday shop: this week closes Wednesday 24:00; Friday shops: Thursday 24:00; Monday shop: closed already.
    shops.thu = await make(4);
    shops.fri = await make(5);
    shops.fri2 = await make(5);
    shops.mon = await make(1);
    shops.shut = await make(5, { status: 'suspended' });
    shops.far = await makeRetailer(db, { districtId: d2, tier: 10, orderWeekday: 5 });
    for (const shop of Object.keys(shops) as Shop[]) {
      await makeRetailerUser(db, shops[shop]);
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.retailerId, shops[shop].id));
      userOf[shop] = user?.id as number;
      login[shop] = shops[shop].licenceNo;
    }
    // A shop without a portal user is skipped quietly.
    await make(5);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('a publish queues one fan-out per district and week; it tells each affected active retailer once', async () => {
    version = await publish(WEEK, 0);
    expect(await waiting(orderJobNames.windowPublished)).toBe(1);
    expect(await sent()).toEqual([]);
    await at(NOW);
    // The Monday shop's window for this week closed on Sunday night; the suspended shop and the other district's
    // are not affected.
    expect(await sent()).toEqual([
      ['thu', 'order.windowOpen', WEEK, null],
      ['fri', 'order.windowOpen', WEEK, null],
      ['fri2', 'order.windowOpen', WEEK, null],
    ]);
    // Saved again (published stays published): the fan-out runs again and tells nobody twice.
    version = await publish(WEEK, version);
    expect(await waiting(orderJobNames.windowPublished)).toBe(1);
    await at(NOW);
    await at(NOW);
    expect(await sent()).toHaveLength(3);
    // Worded in the reader's language, with the cut-off as people say it.
    const zh = (await call('fri', 'GET', '/api/notifications')).json<NotificationListResponse>().items[0];
    expect(zh?.title).toBe('可以订货了');
    expect(zh?.body).toContain('2026-12-03 23:59 截止');
    expect(zh?.link).toBe('/my-shop/order');
    const en = (await call('fri', 'GET', '/api/notifications', undefined, 'en')).json<NotificationListResponse>()
      .items[0];
    expect(en?.body).toBe(
      'The supply strategy for the week of 2026-11-30 is published: you can order now, until 2026-12-03 23:59.',
    );
  });

  let proposal: ProposalView;

  it('reminds, the configured hours before each cut-off, only a retailer with a draft or a waiting proposal', async () => {
    const draft = await call('fri', 'PUT', '/api/orders/current', { lines: [{ productId: product.id, quantity: 2 }] });
    expect(draft.statusCode, draft.body).toBe(200);
    const fri2 = await session('fri2');
    const submitted = await app.inject({
      method: 'POST',
      url: '/api/orders/current/submit',
      headers: { cookie: fri2.cookie, 'x-csrf-token': fri2.csrfToken, 'idempotency-key': 'jobs-fri2-0001' },
      payload: { lines: [{ productId: product.id, quantity: 1 }] },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const made = await call('mgr', 'POST', '/api/orders/proposals', {
      retailerId: shops.thu.id,
      lines: [{ productId: product.id, quantity: 3 }],
    });
    expect(made.statusCode, made.body).toBe(200);
    proposal = made.json<ProposalView>();

    // The Thursday shop closes Wednesday 24:00 (16:00Z): its reminder is due 5 hours before, not a minute earlier.
    await at('2026-12-02T10:59:00Z');
    expect(await sent()).toHaveLength(3);
    await at('2026-12-02T11:00:00Z');
    expect((await sent()).slice(3)).toEqual([['thu', 'order.windowReminder', WEEK, 'proposal']]);
    const [reminder] = await database.db
      .select({ params: notifications.params })
      .from(notifications)
      .where(and(eq(notifications.userId, userOf.thu), eq(notifications.kind, 'order.windowReminder')));
    expect(reminder?.params).toMatchObject({ closesAt: '2026-12-02 23:59', hours: 5 });
    const en = (await call('thu', 'GET', '/api/notifications', undefined, 'en')).json<NotificationListResponse>()
      .items[0];
    expect(en?.body).toBe(
      'Ordering for the week of 2026-11-30 closes at 2026-12-02 23:59 (in about 5 hours) and you still have a ' +
        'proposed order waiting for your answer.',
    );

    // The Friday shops: the one with a draft is reminded, the one that submitted is not.
    await at('2026-12-03T11:00:00Z');
    expect((await sent()).slice(4)).toEqual([['fri', 'order.windowReminder', WEEK, 'draft']]);
    await at('2026-12-03T12:00:00Z');
    expect(await sent()).toHaveLength(5);
  });

  it('a proposal still pending when the window closes expires by its job: timeline and audit, then 409', async () => {
    const [expiredRow] = await database.db.select().from(orderProposals).where(eq(orderProposals.id, proposal.id));
    expect(expiredRow?.status).toBe('expired');
    // Expired at the close (Wednesday 24:00 in Shanghai), though the job ran later.
    expect(expiredRow?.decidedAt?.toISOString()).toBe('2026-12-02T16:00:00.000Z');
    const events = await database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.retailerId, shops.thu.id), eq(timelineEvents.kind, 'order.proposal_expired')));
    expect(events).toHaveLength(1);
    expect(events[0]?.occurredAt.toISOString()).toBe('2026-12-02T16:00:00.000Z');
    expect(events[0]?.data).toMatchObject({ proposalId: proposal.id, week: WEEK, lines: 1, cartons: 3 });
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'order.proposal.expired'), eq(auditLog.entityId, String(proposal.id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actorUserId).toBeNull();
    // Nothing happens twice: the daily sweep and another run find nothing left to expire.
    expect(await expireProposals({ db: database.db, jobs: app.jobs }, clock.now())).toBe(0);
    expect((await app.jobs.runDue({ recurring: false })).failed).toBe(0);
    expect(
      await database.db
        .select()
        .from(timelineEvents)
        .where(eq(timelineEvents.kind, 'order.proposal_expired'))
        .then((r) => r.length),
    ).toBe(1);
    expect((await call('thu', 'POST', `/api/orders/proposals/${proposal.id}/accept`, {})).statusCode).toBe(409);
  });

  it('next week’s publish tells each shop when its own window opens: at once, or when its week closes', async () => {
    // Thursday 21:00 in Shanghai: the Monday and Thursday shops order for next week now; the Friday shops still
    // have this week open until 24:00.
    await at('2026-12-03T13:00:00Z');
    nextVersion = await publish(NEXT, 0);
    await at('2026-12-03T13:00:00Z');
    const before = (await sent()).length;
    expect((await sent()).slice(before - 2)).toEqual([
      ['mon', 'order.windowOpen', NEXT, null],
      ['thu', 'order.windowOpen', NEXT, null],
    ]);
    await at('2026-12-03T15:59:00Z');
    expect(await sent()).toHaveLength(before);
    await at('2026-12-03T16:00:00Z');
    // (The two queued notices run in either order.)
    expect((await sent()).slice(before).sort()).toEqual([
      ['fri', 'order.windowOpen', NEXT, null],
      ['fri2', 'order.windowOpen', NEXT, null],
    ]);
    const fri = await call('fri', 'GET', '/api/orders/current');
    expect(fri.json()).toMatchObject({ week: NEXT, window: { open: true, closesAt: '2026-12-10T16:00:00.000Z' } });
  });

  it('a new closing time moves the reminders and a proposal’s expiry with it', async () => {
    // The Monday shop proposal and draft: its window closes Sunday 24:00 (12-06T16:00Z), the reminder at 11:00Z.
    const made = await call('mgr', 'POST', '/api/orders/proposals', {
      retailerId: shops.mon.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    expect(made.statusCode, made.body).toBe(200);
    const waitingProposal = made.json<ProposalView>();
    // The district sets one closing time for next week, before the week starts: Saturday 18:00 in Shanghai (10:00Z).
    const tooEarly = await call('sup', 'PUT', `/api/supply-strategies/${NEXT}`, {
      items: [{ productId: product.id, mode: 'open' }],
      version: nextVersion,
      closesAt: '2026-12-05T04:00:00.000Z',
    });
    expect(tooEarly.statusCode).toBe(400);
    expect(Object.keys(tooEarly.json().fields)).toEqual(['closesAt']);
    // After the week's end, or not a time at all: 400 on closesAt, nothing saved.
    for (const closesAt of [
      '2026-12-13T16:00:01.000Z',
      '周六中午',
      '2026-12-05T10:00:00',
      "'; drop table orders; --",
    ]) {
      const refused = await call('sup', 'PUT', `/api/supply-strategies/${NEXT}`, {
        items: [{ productId: product.id, mode: 'open' }],
        version: nextVersion,
        closesAt,
      });
      expect(refused.statusCode, closesAt).toBe(400);
      expect(Object.keys(refused.json().fields), closesAt).toEqual(['closesAt']);
    }
    const unchanged = await call('sup', 'GET', `/api/supply-strategies/${NEXT}`);
    expect(unchanged.json()).toMatchObject({ version: nextVersion, closesAt: null });
    nextVersion = await publish(NEXT, nextVersion, { closesAt: '2026-12-05T10:00:00.000Z' });
    await at('2026-12-05T04:59:00Z');
    const before = (await sent()).length;
    await at('2026-12-05T05:00:00Z');
    expect((await sent()).slice(before)).toEqual([['mon', 'order.windowReminder', NEXT, 'proposal']]);
    await at('2026-12-05T09:59:00Z');
    const [open] = await database.db
      .select({ status: orderProposals.status })
      .from(orderProposals)
      .where(eq(orderProposals.id, waitingProposal.id));
    expect(open?.status).toBe('pending');
    await at('2026-12-05T10:00:00Z');
    const [row] = await database.db
      .select({ status: orderProposals.status })
      .from(orderProposals)
      .where(eq(orderProposals.id, waitingProposal.id));
    expect(row?.status).toBe('expired');
    // Only the retailers' own users were ever sent anything.
    const recipients = await database.db
      .selectDistinct({ userId: notifications.userId })
      .from(notifications)
      .where(sql`${notifications.kind} like 'order.window%'`);
    const expected = [userOf.thu, userOf.fri, userOf.fri2, userOf.mon];
    expect(recipients.map((r) => r.userId).sort()).toEqual(expected.sort());
    expect(
      await database.db
        .select()
        .from(notifications)
        .where(and(inArray(notifications.userId, [userOf.shut, userOf.far])))
        .then((r) => r.length),
    ).toBe(0);
  });

  it('a job with data it cannot use is dropped (logged), never retried forever, and sends nothing', async () => {
    const before = (await sent()).length;
    for (const [name, data] of [
      [orderJobNames.windowReminder, { districtId: 'x', week: NEXT, orderWeekday: 5 }],
      [orderJobNames.windowNotice, { districtId: d1, week: '2026-13-45; drop table', orderWeekday: 5 }],
      [orderJobNames.windowNotice, { districtId: d1, week: NEXT, orderWeekday: 8 }],
      [orderJobNames.windowPublished, { districtId: -1, week: NEXT }],
      [orderJobNames.proposalExpire, { proposalId: 1.5 }],
      [orderJobNames.windowReminder, { districtId: 99_999_999, week: NEXT, orderWeekday: 5 }],
    ] as const) {
      await app.jobs.schedule(name, data);
    }
    const result = await app.jobs.runDue({ recurring: false });
    expect(result).toMatchObject({ failed: 0 });
    expect(result.completed).toBeGreaterThanOrEqual(6);
    expect(await sent()).toHaveLength(before);
  });
});
