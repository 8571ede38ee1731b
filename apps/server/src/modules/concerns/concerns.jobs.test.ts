import type { ConcernDetail, NotificationListResponse } from '@siyi/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { concernEvents, concerns, notifications } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import {
  createTestApp,
  databaseTargets,
  FIXTURE_PASSWORD,
  getAs,
  makeDistrict,
  makeRetailer,
  makeRetailerUser,
  makeUser,
  signIn,
} from '../../testing';
import type { Actor } from '../access/actor';
import type { ConcernNotification } from './concern-notify';
import { autoCloseResolved, escalateOverdue, remindDueSoon } from './concerns.jobs';
import { createConcern, getConcern, transitionConcern } from './concerns.service';

const targets = await databaseTargets();

describe.each(targets)('concern escalation, reminders and auto-close with a controlled clock on $kind', (target) => {
  let database: Database;
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  const sent: ConcernNotification[] = [];
  const deps = () => ({
    db: database.db,
    clock,
    notify: async (_tx: unknown, n: ConcernNotification) => {
      sent.push(n);
    },
  });
  let manager: Actor;
  let supervisor: Actor;
  let retailer: Actor;
  let retailerId: number;
  let retailerUsername: string;
  let supervisorUsername: string;
  const names: Record<string, string> = {};

  beforeAll(async () => {
    database = await target.open();
    const db = database.db;
    const district = await makeDistrict(db);
    const m = await makeUser(db, { role: 'manager', orgUnitId: district.id });
    const s = await makeUser(db, { role: 'supervisor', orgUnitId: district.id });
    const shop = await makeRetailer(db, { districtId: district.id, managerId: m.id });
    const r = await makeRetailerUser(db, shop);
    retailerId = shop.id;
    retailerUsername = r.username;
    supervisorUsername = s.username;
    names.manager = m.displayName;
    names.supervisor = s.displayName;
    manager = { id: m.id, role: 'manager', orgUnitId: district.id, retailerId: null };
    supervisor = { id: s.id, role: 'supervisor', orgUnitId: district.id, retailerId: null };
    retailer = { id: r.id, role: 'retailer', orgUnitId: district.id, retailerId: shop.id };
  });
  afterAll(async () => {
    await database?.close();
  });

  const row = async (id: number) => {
    const [c] = await database.db.select().from(concerns).where(eq(concerns.id, id));
    if (!c) throw new Error(`no concern ${id}`);
    return c;
  };
  const eventKinds = async (id: number) =>
    (
      await database.db
        .select({ kind: concernEvents.kind })
        .from(concernEvents)
        .where(eq(concernEvents.concernId, id))
        .orderBy(concernEvents.id)
    ).map((e) => e.kind);

  it('reminds the owner once before the due time, then escalates once to the supervisor when it passes', async () => {
    const concern = await createConcern(
      deps(),
      { actor: retailer },
      {
        category: 'supply',
        text: '断货',
        priority: 'normal',
      },
    );
    expect(concern.owner?.id).toBe(manager.id);
    sent.length = 0;

    // 24 h SLA, 4 h reminder lead: nothing at 19 h.
    clock.advanceMinutes(19 * 60);
    expect(await remindDueSoon(deps(), clock.now())).toBe(0);
    expect(await escalateOverdue(deps(), clock.now())).toBe(0);

    // 21 h: one reminder, to the owner; running again changes nothing.
    clock.advanceMinutes(2 * 60);
    expect(await remindDueSoon(deps(), clock.now())).toBe(1);
    expect(await remindDueSoon(deps(), clock.now())).toBe(0);
    expect(sent).toEqual([
      expect.objectContaining({
        userId: manager.id,
        kind: 'concern.dueSoon',
        params: expect.objectContaining({ hours: 3 }),
      }),
    ]);
    expect((await row(concern.id)).remindedAt).not.toBeNull();

    // 24 h exactly: due now — breached. The supervisor owns it, both are told; once only.
    clock.advanceMinutes(3 * 60);
    expect(await escalateOverdue(deps(), clock.now())).toBe(1);
    expect(await escalateOverdue(deps(), clock.now())).toBe(0);
    const escalated = await row(concern.id);
    expect(escalated.ownerUserId).toBe(supervisor.id);
    expect(escalated.escalatedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(
      sent
        .filter((n) => n.kind === 'concern.escalated')
        .map((n) => n.userId)
        .sort(),
    ).toEqual([manager.id, supervisor.id].sort());
    expect(await eventKinds(concern.id)).toEqual(['created', 'reminded', 'escalated', 'reassigned']);
    // The history names the owners it moved between (the page says who has it now).
    const history = (await getConcern(deps(), supervisor, concern.id)).history;
    const moved = {
      fromOwner: { id: manager.id, name: names.manager },
      toOwner: { id: supervisor.id, name: names.supervisor },
    };
    expect(history.find((e) => e.kind === 'escalated')?.data).toMatchObject(moved);
    expect(history.find((e) => e.kind === 'reassigned')?.data).toMatchObject(moved);

    // The manager still works its retailer's concern; resolving stops the clock, reopening starts a new SLA.
    await transitionConcern(deps(), { actor: manager }, concern.id, { to: 'accepted', note: '' });
    await transitionConcern(deps(), { actor: manager }, concern.id, { to: 'resolved', note: '已补货' });
    clock.advanceMinutes(48 * 60);
    expect(await escalateOverdue(deps(), clock.now())).toBe(0);
    await transitionConcern(deps(), { actor: retailer }, concern.id, { to: 'reopened', note: '还是缺' });
    const reopened = await row(concern.id);
    expect(reopened.dueAt.getTime()).toBe(clock.now().getTime() + 24 * 3_600_000);
    expect(reopened.escalatedAt).toBeNull();
    expect(reopened.remindedAt).toBeNull();
    clock.advanceMinutes(25 * 60);
    expect(await escalateOverdue(deps(), clock.now())).toBe(1);
  });

  it('closes a resolution the retailer leaves unanswered after N days, counted apart (closedBy auto)', async () => {
    const concern = await createConcern(
      deps(),
      { actor: manager },
      {
        retailerId,
        category: 'price',
        text: '价签不清',
        priority: 'normal',
        source: 'visit',
      },
    );
    await transitionConcern(deps(), { actor: manager }, concern.id, { to: 'accepted', note: '' });
    await transitionConcern(deps(), { actor: manager }, concern.id, { to: 'resolved', note: '已换新价签' });
    sent.length = 0;

    clock.advanceMinutes(7 * 24 * 60 - 1);
    expect(await autoCloseResolved(deps(), clock.now())).toBe(0);
    clock.advanceMinutes(1);
    expect(await autoCloseResolved(deps(), clock.now())).toBe(1);
    expect(await autoCloseResolved(deps(), clock.now())).toBe(0);
    const closed = await row(concern.id);
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'auto' });
    expect(sent.map((n) => n.kind)).toEqual(['concern.autoClosed', 'concern.autoClosed']);
    expect(sent.map((n) => n.userId).sort()).toEqual([manager.id, retailer.id].sort());
    // Closed is final: the retailer can no longer reopen it.
    await expect(
      transitionConcern(deps(), { actor: retailer }, concern.id, { to: 'reopened', note: '没解决' }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('sends a sensitive concern to the supervisor from the start; escalation keeps it there', async () => {
    const concern = await createConcern(
      deps(),
      { actor: retailer },
      {
        category: 'forced_ordering',
        text: '经理要求搭配订购',
        priority: 'high',
      },
    );
    expect(concern.owner?.id).toBe(supervisor.id);
    clock.advanceMinutes(49 * 60);
    sent.length = 0;
    expect(await escalateOverdue(deps(), clock.now())).toBeGreaterThanOrEqual(1);
    expect((await row(concern.id)).ownerUserId).toBe(supervisor.id);
    // Never a word to the manager about a concern about the manager.
    expect(sent.filter((n) => n.params.concernId === concern.id).map((n) => n.userId)).toEqual([supervisor.id]);
    expect(await eventKinds(concern.id)).toEqual(['created', 'escalated']);
  });

  it('runs on the app’s job queue by the app clock, and the supervisor reads the escalation in its bell', async () => {
    const app = await createTestApp(database, { clock });
    try {
      const shop = await signIn(app, retailerUsername, FIXTURE_PASSWORD);
      const raised = await app.inject({
        method: 'POST',
        url: '/api/concerns',
        headers: { cookie: shop.cookie, 'x-csrf-token': shop.csrfToken },
        payload: { category: 'delivery', text: '配送车今天没来' },
      });
      expect(raised.statusCode, raised.body).toBe(201);
      const id = raised.json<ConcernDetail>().id;
      const toManager = await database.db
        .select({ kind: notifications.kind, link: notifications.link })
        .from(notifications)
        .where(and(eq(notifications.userId, manager.id), eq(notifications.kind, 'concern.assigned')));
      expect(toManager).toContainEqual({ kind: 'concern.assigned', link: `/concerns/${id}` });

      clock.advanceMinutes(25 * 60);
      const run = await app.jobs.runDue();
      expect(run.failed).toBe(0);
      expect((await row(id)).ownerUserId).toBe(supervisor.id);
      await app.jobs.runDue();
      expect((await eventKinds(id)).filter((k) => k === 'escalated')).toHaveLength(1);

      const boss = await signIn(app, supervisorUsername, FIXTURE_PASSWORD);
      const bell = (await getAs(app, boss, '/api/notifications?pageSize=50')).json<NotificationListResponse>();
      const escalation = bell.items.find((n) => n.kind === 'concern.escalated' && n.link === `/concerns/${id}`);
      expect(escalation?.body).toContain('配送');
    } finally {
      await app.close();
    }
  });
});
