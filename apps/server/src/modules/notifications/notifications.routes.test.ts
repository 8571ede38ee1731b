import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { notifications, outboundMessages, users } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import {
  createTestApp,
  databaseTargets,
  getAs,
  makeDistrict,
  makeSignedInUser,
  makeUser,
  type Session,
} from '../../testing';
import { registerNotificationTexts } from './notification-texts';
import { createNotify, deliverNotification, type NotifyInput } from './notifications.service';
import { smsChannel } from './outbound-channels';

const targets = await databaseTargets();
const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

registerNotificationTexts(
  {
    'test.assigned': {
      title: { 'zh-CN': '新任务', en: 'A new task' },
      body: { 'zh-CN': '{shopName} 的{category}事项（#{n}）', en: 'The {category} matter of {shopName} (#{n})' },
    },
    'test.loud': {
      title: { 'zh-CN': '紧急', en: 'Urgent' },
      body: { 'zh-CN': '{shopName} 需要处理', en: '{shopName} needs you' },
    },
  },
  { words: { category: { supply: { 'zh-CN': '货源', en: 'supply' } } }, outbound: ['test.loud'] },
);

describe.each(targets)('notifications on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  let alice: { user: { id: number }; session: Session };
  let bob: { user: { id: number }; session: Session };
  let admin: { user: { id: number }; session: Session };
  let districtId: number;

  const post = (s: Session, url: string, language = 'zh-CN') =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'accept-language': language },
    });
  const notifyInTx = (input: Parameters<AppInstance['notify']>[1]) =>
    database.db.transaction((tx) => app.notify(tx, input));

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database, { clock });
    const district = await makeDistrict(database.db);
    districtId = district.id;
    alice = await makeSignedInUser(app, database.db, { role: 'manager', orgUnitId: district.id, phone: '13700001111' });
    bob = await makeSignedInUser(app, database.db, { role: 'manager', orgUnitId: district.id });
    admin = await makeSignedInUser(app, database.db, { role: 'admin', orgUnitId: district.parentId ?? district.id });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lists one’s own notifications, worded in the reader’s language, and counts the unread', async () => {
    const id = await notifyInTx({
      userId: alice.user.id,
      kind: 'test.assigned',
      params: { shopName: '好运来烟酒', category: 'supply', n: 12 },
      link: '/concerns/12',
    });
    await notifyInTx({
      userId: bob.user.id,
      kind: 'test.assigned',
      params: { shopName: 'B', category: 'supply', n: 1 },
    });

    const zh = await app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: { cookie: alice.session.cookie, 'accept-language': 'zh-CN' },
    });
    expect(zh.statusCode).toBe(200);
    const list = zh.json();
    expect(list.total).toBe(1);
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({
      id,
      kind: 'test.assigned',
      title: '新任务',
      body: '好运来烟酒 的货源事项（#12）',
      link: '/concerns/12',
      createdAt: '2026-11-26T02:00:00.000Z',
      readAt: null,
    });
    const en = await app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: { cookie: alice.session.cookie, 'accept-language': 'en' },
    });
    expect(en.json().items[0]).toMatchObject({ title: 'A new task', body: 'The supply matter of 好运来烟酒 (#12)' });
    expect((await getAs(app, alice.session, '/api/notifications/unread-count')).json()).toEqual({ count: 1 });
  });

  it('marks read one’s own only: someone else’s notification is 404 and stays unread', async () => {
    const bobsId = await notifyInTx({ userId: bob.user.id, kind: 'test.assigned', params: {} });
    const denied = await post(alice.session, `/api/notifications/${bobsId}/read`);
    expect(denied.statusCode).toBe(404);
    expect(denied.json().code).toBe('NOT_FOUND');
    const [row] = await database.db.select().from(notifications).where(eq(notifications.id, bobsId));
    expect(row?.readAt).toBeNull();

    clock.advanceMinutes(5);
    const ok = await post(bob.session, `/api/notifications/${bobsId}/read`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().readAt).toBe('2026-11-26T02:05:00.000Z');
    clock.advanceMinutes(5);
    // Idempotent: the first reading time stays.
    expect((await post(bob.session, `/api/notifications/${bobsId}/read`)).json().readAt).toBe(
      '2026-11-26T02:05:00.000Z',
    );

    expect((await post(alice.session, '/api/notifications/999999999/read')).statusCode).toBe(404);
    const bad = await post(alice.session, '/api/notifications/abc/read');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('marks all one’s own read, leaving others’ alone', async () => {
    await notifyInTx({ userId: alice.user.id, kind: 'test.assigned', params: {} });
    const before = (await getAs(app, bob.session, '/api/notifications/unread-count')).json().count;
    const all = await post(alice.session, '/api/notifications/read-all');
    expect(all.statusCode).toBe(200);
    expect(all.json().updated).toBeGreaterThanOrEqual(2);
    expect((await getAs(app, alice.session, '/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await getAs(app, bob.session, '/api/notifications/unread-count')).json().count).toBe(before);
    const unreadOnly = await getAs(app, alice.session, '/api/notifications?unread=true');
    expect(unreadOnly.json().items).toEqual([]);
  });

  it('pages and refuses bad paging with a 400 and field messages', async () => {
    for (let i = 0; i < 5; i += 1) await notifyInTx({ userId: bob.user.id, kind: 'test.assigned', params: { n: i } });
    const page = await getAs(app, bob.session, '/api/notifications?page=2&pageSize=2');
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toHaveLength(2);
    expect(page.json().page).toBe(2);
    for (const query of ['page=0', 'pageSize=1000', 'unread=maybe', 'page=%00']) {
      const bad = await getAs(app, bob.session, `/api/notifications?${query}`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('needs a session; the outbox is for admins only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    expect((await getAs(app, alice.session, '/api/dev/outbox')).statusCode).toBe(403);
    expect((await getAs(app, admin.session, '/api/dev/outbox')).statusCode).toBe(200);
  });

  it('keeps naughty params as plain text in both languages, and refuses bad kinds, params and links', async () => {
    const ids: number[] = [];
    for (const text of naughtyStrings) {
      ids.push(
        await notifyInTx({
          userId: admin.user.id,
          kind: 'test.assigned',
          params: { shopName: text.slice(0, 500), n: 1 },
        }),
      );
    }
    const response = await app.inject({
      method: 'GET',
      url: `/api/notifications?pageSize=200`,
      headers: { cookie: admin.session.cookie, 'accept-language': 'en' },
    });
    expect(response.statusCode).toBe(200);
    const bodies = response.json().items.map((i: { body: string }) => i.body);
    expect(bodies).toContain(`The  matter of ${naughtyStrings.at(-1)?.slice(0, 500)} (#1)`);

    const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, i]));
    const bad: NotifyInput[] = [
      { userId: admin.user.id, kind: 'Not A Kind', params: {} },
      { userId: admin.user.id, kind: 'test.assigned', params: { shopName: 'x'.repeat(501) } },
      { userId: admin.user.id, kind: 'test.assigned', params: tooMany },
      { userId: admin.user.id, kind: 'test.assigned', params: { 'bad key': 1 } },
      { userId: admin.user.id, kind: 'test.assigned', params: { nested: { a: 1 } as unknown as string } },
      { userId: admin.user.id, kind: 'test.assigned', link: 'https://evil.example/' },
      { userId: admin.user.id, kind: 'test.assigned', link: '//evil.example/' },
      { userId: admin.user.id, kind: 'test.assigned', link: 'javascript:alert(1)' },
    ];
    const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(notifications);
    for (const input of bad) await expect(notifyInTx(input)).rejects.toThrow();
    const after = await database.db.select({ n: sql<number>`count(*)::int` }).from(notifications);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('writes nothing when the announcing transaction rolls back', async () => {
    const before = (await getAs(app, bob.session, '/api/notifications/unread-count')).json().count;
    await database.db
      .transaction(async (tx) => {
        await app.notify(tx, { userId: bob.user.id, kind: 'test.loud', params: { shopName: 'X' } });
        throw new Error('the change failed');
      })
      .catch(() => {});
    expect((await getAs(app, bob.session, '/api/notifications/unread-count')).json().count).toBe(before);
    expect((await app.jobs.runDue({ recurring: false })).completed).toBe(0);
  });

  it('delivers outbound kinds to the outbox in the recipient’s language; the admin sees them with the phone masked', async () => {
    await database.db.update(users).set({ locale: 'en' }).where(eq(users.id, alice.user.id));
    const id = await notifyInTx({
      userId: alice.user.id,
      kind: 'test.loud',
      params: { shopName: '好运来' },
      link: '/x',
    });
    // Not outbound by registration, but asked for.
    await notifyInTx({ userId: bob.user.id, kind: 'test.assigned', params: { shopName: 'B' }, outbound: true });
    expect(await app.jobs.runDue({ recurring: false })).toEqual({ completed: 2, failed: 0 });
    // Run again: nothing is sent twice.
    await app.jobs.runDue({ recurring: false });
    const outbox = await getAs(app, admin.session, '/api/dev/outbox');
    expect(outbox.statusCode).toBe(200);
    const items = outbox.json().items;
    expect(items).toHaveLength(2);
    const toAlice = items.find((m: { notificationId: number }) => m.notificationId === id);
    expect(toAlice).toMatchObject({
      channel: 'outbox',
      status: 'held',
      recipient: '137****1111',
      locale: 'en',
      title: 'Urgent',
      body: '好运来 needs you',
      link: '/x',
    });
    expect(JSON.stringify(items)).not.toContain('13700001111');
  });

  it('sends by SMS through the gateway, retries when it refuses, and skips users without a phone', async () => {
    const received: { auth: string | undefined; body: string }[] = [];
    let refuse = true;
    const gateway: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({ auth: request.headers.authorization, body });
        response.statusCode = refuse ? 503 : 200;
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
      const deliver = deliverNotification(smsChannel({ url, token: 'gateway-token-1' }));
      const notify = createNotify({ clock, jobs: app.jobs });
      const id = await database.db.transaction((tx) =>
        notify(tx, { userId: alice.user.id, kind: 'test.loud', params: { shopName: 'S' }, outbound: false }),
      );
      const ctx = { clock, db: database.db, log: app.log, name: 'test', jobId: 'x', attempt: 0 };
      await expect(deliver({ notificationId: id }, ctx)).rejects.toThrow(/sms gateway answered 503/);
      const [failed] = await database.db.select().from(outboundMessages).where(eq(outboundMessages.notificationId, id));
      expect(failed?.status).toBe('failed');
      refuse = false;
      await deliver({ notificationId: id }, ctx);
      await deliver({ notificationId: id }, ctx);
      expect(received).toHaveLength(2);
      expect(received[1]?.auth).toBe('Bearer gateway-token-1');
      expect(JSON.parse(received[1]?.body ?? '{}')).toEqual({ to: '13700001111', text: '【四意】Urgent：S needs you' });
      const [sent] = await database.db.select().from(outboundMessages).where(eq(outboundMessages.notificationId, id));
      expect(sent).toMatchObject({ status: 'sent', channel: 'sms', recipient: '137****1111' });

      const nobody = await makeUser(database.db, { role: 'manager', orgUnitId: districtId, phone: null });
      const other = await database.db.transaction((tx) =>
        notify(tx, { userId: nobody.id, kind: 'test.loud', params: { shopName: 'S' }, outbound: false }),
      );
      await deliver({ notificationId: other }, ctx);
      const [skipped] = await database.db
        .select()
        .from(outboundMessages)
        .where(eq(outboundMessages.notificationId, other));
      expect(skipped?.status).toBe('skipped');
      expect(received).toHaveLength(2);
    } finally {
      await new Promise((resolve) => gateway.close(resolve));
    }
  });
});
