import { readFileSync } from 'node:fs';
import type { Role } from '@siyi/contracts';
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
  type Session,
  signIn,
} from '../../testing';
import { databaseTargets } from '../../testing/test-database';
import { generatePassword } from './users.service';

const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

const targets = await databaseTargets();

describe('generatePassword', () => {
  it('makes 16 unambiguous random characters in four groups, different every time', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
    expect(new Set(Array.from({ length: 50 }, generatePassword)).size).toBe(50);
  });
});

describe.each(targets)('admins manage people on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let admin: Session;
  let adminId: number;
  let companyId: number;
  let districtA: number;
  let districtB: number;
  const clock = new ManualClock('2026-11-30T02:00:00Z');
  /** One signed-in user of every other role, in district A. */
  const others: Partial<Record<Role, Session>> = {};

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database, { clock });
    const a = await makeDistrict(database.db);
    companyId = a.parentId ?? -1;
    districtA = a.id;
    districtB = (await makeDistrict(database.db, { parentId: companyId })).id;
    const signedAdmin = await makeSignedInUser(app, database.db, { role: 'admin', orgUnitId: companyId });
    admin = signedAdmin.session;
    adminId = signedAdmin.user.id;
    others.supervisor = (
      await makeSignedInUser(app, database.db, { role: 'supervisor', orgUnitId: districtA })
    ).session;
    others.manager = (await makeSignedInUser(app, database.db, { role: 'manager', orgUnitId: districtA })).session;
    const shop = await makeRetailer(database.db, { districtId: districtA });
    const shopUser = await makeRetailerUser(database.db, shop);
    others.retailer = await signIn(app, shopUser.username, FIXTURE_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const send = (session: Session, method: 'POST' | 'PATCH', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': 'en' },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const auditOf = async (id: number) =>
    (
      await database.pool.query(
        "select action, actor_user_id, before, after from audit_log where entity_type = 'user' and entity_id = $1 order by id",
        [String(id)],
      )
    ).rows;
  const login = (username: string, password: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { username, password },
    });

  it('lets only admins create, edit, disable, enable and reset users; an unknown id is not found', async () => {
    const someone = await makeUser(database.db, { role: 'manager', orgUnitId: districtA });
    const commands: [string, 'POST' | 'PATCH', string, unknown][] = [
      ['create', 'POST', '/api/users', { username: 'nobody1', name: '某人', role: 'manager', orgUnitId: districtA }],
      ['edit', 'PATCH', `/api/users/${someone.id}`, { version: 1, name: '新名字' }],
      ['disable', 'POST', `/api/users/${someone.id}/disable`, {}],
      ['enable', 'POST', `/api/users/${someone.id}/enable`, {}],
      ['reset', 'POST', `/api/users/${someone.id}/reset-password`, {}],
      ['unlock', 'POST', `/api/users/${someone.id}/unlock`, undefined],
    ];
    for (const role of ['supervisor', 'manager', 'retailer'] as const) {
      const session = others[role];
      if (!session) throw new Error(role);
      for (const [name, method, url, payload] of commands) {
        const answer = await send(session, method, url, payload);
        expect(answer.statusCode, `${role} ${name} ${answer.body}`).toBe(403);
        expect(answer.json().code, `${role} ${name}`).toBe('FORBIDDEN');
      }
      expect((await getAs(app, session, `/api/users/${someone.id}`)).statusCode).toBe(403);
    }
    for (const [name, method, url, payload] of commands.slice(1)) {
      const answer = await send(admin, method, url.replace(String(someone.id), '99999999'), payload);
      expect(answer.statusCode, name).toBe(404);
    }
    // Nothing the refused calls tried was written.
    expect(await auditOf(someone.id)).toEqual([]);
    const withoutCsrf = await app.inject({
      method: 'POST',
      url: `/api/users/${someone.id}/disable`,
      headers: { cookie: admin.cookie },
    });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(withoutCsrf.json().code).toBe('CSRF_INVALID');
  });

  it('creates a manager with a generated password shown once, who must change it before anything else', async () => {
    const created = await send(admin, 'POST', '/api/users', {
      username: 'wang.wei',
      name: '王伟',
      phone: '139 0374 1234',
      role: 'manager',
      orgUnitId: districtA,
    });
    expect(created.statusCode).toBe(200);
    const { user, generatedPassword } = created.json();
    expect(generatedPassword).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    expect(user).toMatchObject({
      username: 'wang.wei',
      name: '王伟',
      phone: '139 0374 1234',
      role: 'manager',
      orgUnitId: districtA,
      disabled: false,
      mustChangePassword: true,
      retailerCount: 0,
      version: 1,
    });
    expect(await auditOf(user.id)).toEqual([
      {
        action: 'created',
        actor_user_id: adminId,
        before: null,
        after: { username: 'wang.wei', name: '王伟', phone: '139 0374 1234', role: 'manager', orgUnitId: districtA },
      },
    ]);
    const hash = await database.pool.query('select password_hash from users where id = $1', [user.id]);
    expect(hash.rows[0].password_hash).not.toContain(generatedPassword);

    const first = await login('wang.wei', generatedPassword);
    expect(first.statusCode).toBe(200);
    expect(first.json().user.mustChangePassword).toBe(true);
    const session = await signIn(app, 'wang.wei', generatedPassword);
    const blocked = await app.inject({
      method: 'GET',
      url: '/api/retailers',
      headers: { cookie: session.cookie, 'accept-language': 'en' },
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: expect.stringMatching(/reset/) });
    expect((await getAs(app, session, '/api/me')).json().user.mustChangePassword).toBe(true);
    const changed = await send(session, 'POST', '/api/me/password', {
      currentPassword: generatedPassword,
      newPassword: 'Lantern-orchard-47-quietly',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    const renewed = { cookie: `siyi_sid=${changed.cookies.find((c) => c.name === 'siyi_sid')?.value}`, csrfToken: '' };
    // The gate is lifted: what answers now is the route's own rule (a manager may not list users).
    expect((await getAs(app, renewed, '/api/users')).json().code).toBe('FORBIDDEN');
    const after = (await getAs(app, admin, `/api/users/${user.id}`)).json();
    expect(after).toMatchObject({ mustChangePassword: false, version: 2 });
  });

  it('takes the admin’s initial password through the password policy, and refuses taken names and wrong units', async () => {
    const base = { name: '李娜', role: 'supervisor', orgUnitId: districtB };
    const weak = await send(admin, 'POST', '/api/users', { ...base, username: 'li.na', password: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_POLICY', fields: { password: expect.any(String) } });
    const ok = await send(admin, 'POST', '/api/users', {
      ...base,
      username: 'li.na',
      password: 'Copper-kettle-91-sings',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().generatedPassword).toBeNull();
    expect((await login('li.na', 'Copper-kettle-91-sings')).statusCode).toBe(200);

    const taken = await send(admin, 'POST', '/api/users', { ...base, username: 'LI.NA' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().fields).toEqual({ username: 'This user name is taken; choose another.' });
    const adminInDistrict = await send(admin, 'POST', '/api/users', {
      ...base,
      username: 'admin2',
      role: 'admin',
    });
    expect(adminInDistrict.json().fields).toEqual({
      orgUnitId: 'An administrator belongs to the company, not to a district.',
    });
    const managerInCompany = await send(admin, 'POST', '/api/users', {
      ...base,
      username: 'mgr-co',
      role: 'manager',
      orgUnitId: companyId,
    });
    expect(managerInCompany.json().fields).toEqual({
      orgUnitId: 'A supervisor or customer manager belongs to a district.',
    });
    const retailer = await send(admin, 'POST', '/api/users', { ...base, username: 'shop1', role: 'retailer' });
    expect(retailer.statusCode).toBe(400);
    expect(Object.keys(retailer.json().fields)).toEqual(['role']);
    const unknownUnit = await send(admin, 'POST', '/api/users', { ...base, username: 'x-y-z', orgUnitId: 99999999 });
    expect(unknownUnit.json().fields).toEqual({ orgUnitId: 'There is no such organisation unit.' });
    const count = await database.pool.query(
      "select count(*)::int as n from users where username in ('admin2','mgr-co','shop1','x-y-z')",
    );
    expect(count.rows[0].n).toBe(0);
  });

  it('edits a user with their version; a stale version is 409 with the user as it is, and changes nothing', async () => {
    const user = await makeUser(database.db, { role: 'supervisor', orgUnitId: districtA, displayName: '赵敏' });
    const edited = await send(admin, 'PATCH', `/api/users/${user.id}`, {
      version: 1,
      name: '赵敏敏',
      phone: '13803741111',
      orgUnitId: districtB,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: '赵敏敏', phone: '13803741111', orgUnitId: districtB, version: 2 });
    const stale = await send(admin, 'PATCH', `/api/users/${user.id}`, { version: 1, name: '别人改的' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT', current: { name: '赵敏敏', version: 2 } });
    expect((await getAs(app, admin, `/api/users/${user.id}`)).json()).toMatchObject({ name: '赵敏敏', version: 2 });
    const trail = await auditOf(user.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      action: 'updated',
      before: { name: '赵敏', phone: null, orgUnitId: districtA },
      after: { name: '赵敏敏', phone: '13803741111', orgUnitId: districtB },
    });
    // Clearing the phone; an admin cannot be moved to a district.
    const cleared = await send(admin, 'PATCH', `/api/users/${user.id}`, { version: 2, phone: null });
    expect(cleared.json()).toMatchObject({ phone: null, version: 3 });
    const moveAdmin = await send(admin, 'PATCH', `/api/users/${adminId}`, { version: 1, orgUnitId: districtA });
    expect(moveAdmin.statusCode).toBe(400);
  });

  it('moves a manager to another district only once their retailers are handed over', async () => {
    const manager = await makeUser(database.db, { role: 'manager', orgUnitId: districtA });
    const colleague = await makeUser(database.db, { role: 'manager', orgUnitId: districtA });
    const shops = [
      await makeRetailer(database.db, { districtId: districtA, managerId: manager.id }),
      await makeRetailer(database.db, { districtId: districtA, managerId: manager.id }),
    ];
    const refused = await send(admin, 'PATCH', `/api/users/${manager.id}`, { version: 1, orgUnitId: districtB });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields.orgUnitId).toMatch(/still has 2 retailers/);
    expect((await getAs(app, admin, `/api/users/${manager.id}`)).json()).toMatchObject({
      orgUnitId: districtA,
      retailerCount: 2,
      version: 1,
    });
    const handed = await send(admin, 'POST', '/api/retailers/reassign', {
      retailerIds: shops.map((s) => s.id),
      toManagerId: colleague.id,
      reason: '调岗',
    });
    expect(handed.statusCode).toBe(200);
    const moved = await send(admin, 'PATCH', `/api/users/${manager.id}`, { version: 1, orgUnitId: districtB });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ orgUnitId: districtB, retailerCount: 0, version: 2 });
  });

  it('disables a user: their sessions end, sign-in is refused with a clear message; enabling lets them back', async () => {
    const { user, session } = await makeSignedInUser(app, database.db, { role: 'manager', orgUnitId: districtB });
    expect((await getAs(app, session, '/api/me')).statusCode).toBe(200);
    const stale = await send(admin, 'POST', `/api/users/${user.id}/disable`, { version: 7 });
    expect(stale.statusCode).toBe(409);
    const disabled = await send(admin, 'POST', `/api/users/${user.id}/disable`, { version: 1 });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ disabled: true, activeSessions: 0, version: 2 });
    expect((await getAs(app, session, '/api/me')).statusCode).toBe(401);

    const refused = await login(user.username, FIXTURE_PASSWORD);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ACCOUNT_DISABLED', message: expect.stringMatching(/disabled/) });
    expect(refused.cookies.find((c) => c.name === 'siyi_sid')).toBeUndefined();
    // A wrong password learns nothing about the account.
    expect((await login(user.username, 'not-the-password-at-all')).json().code).toBe('INVALID_CREDENTIALS');
    // Disabling twice changes nothing more.
    expect((await send(admin, 'POST', `/api/users/${user.id}/disable`)).json()).toMatchObject({ version: 2 });

    const enabled = await send(admin, 'POST', `/api/users/${user.id}/enable`, { version: 2 });
    expect(enabled.json()).toMatchObject({ disabled: false, version: 3 });
    expect((await login(user.username, FIXTURE_PASSWORD)).statusCode).toBe(200);
    expect((await auditOf(user.id)).map((a) => [a.action, a.before, a.after])).toEqual([
      ['disabled', { disabled: false }, { disabled: true, sessionsEnded: 1 }],
      ['enabled', { disabled: true }, { disabled: false }],
    ]);

    const self = await send(admin, 'POST', `/api/users/${adminId}/disable`);
    expect(self.statusCode).toBe(400);
    expect(self.json().fields).toEqual({ user: 'You cannot disable your own account.' });
  });

  it('resets a password: sessions end, the old password stops working, the new one must be changed', async () => {
    const { user, session } = await makeSignedInUser(app, database.db, { role: 'supervisor', orgUnitId: districtB });
    const reset = await send(admin, 'POST', `/api/users/${user.id}/reset-password`, { version: 1 });
    expect(reset.statusCode).toBe(200);
    const { generatedPassword } = reset.json();
    expect(reset.json().user).toMatchObject({ mustChangePassword: true, activeSessions: 0, version: 2 });
    expect((await getAs(app, session, '/api/me')).statusCode).toBe(401);
    expect((await login(user.username, FIXTURE_PASSWORD)).statusCode).toBe(401);
    const fresh = await signIn(app, user.username, generatedPassword);
    const dashboard = await getAs(app, fresh, '/api/users');
    expect(dashboard.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await auditOf(user.id)).map((a) => [a.action, a.after])).toEqual([
      ['password_reset', { mustChangePassword: true, sessionsEnded: 1 }],
    ]);
    const own = await send(admin, 'POST', `/api/users/${adminId}/reset-password`);
    expect(own.statusCode).toBe(400);
    const weak = await send(admin, 'POST', `/api/users/${user.id}/reset-password`, { password: '123456789012' });
    expect(weak.json().code).toBe('PASSWORD_POLICY');
  });

  it('answers every naughty string in every text field of these commands with 2xx/4xx, never 500', async () => {
    const user = await makeUser(database.db, { role: 'manager', orgUnitId: districtA });
    let created = 0;
    for (let i = 0; i < naughtyStrings.length; i += 4) {
      const batch = naughtyStrings.slice(i, i + 4);
      const answers = await Promise.all(
        batch.flatMap((text, j) => [
          send(admin, 'POST', '/api/users', {
            username: text,
            name: text,
            phone: text,
            role: 'manager',
            orgUnitId: districtA,
          }),
          // Every account made costs a password hash: one string in eight is saved for real.
          send(admin, 'POST', '/api/users', {
            username: (i + j) % 8 === 0 ? `naughty-${i + j}` : text,
            name: text,
            role: 'manager',
            orgUnitId: districtA,
            password: `${text}-Zebra-harbour-83`,
          }),
          send(admin, 'PATCH', `/api/users/${user.id}`, { version: 1, name: text, phone: text }),
          send(admin, 'POST', `/api/users/${encodeURIComponent(text)}/disable`),
        ]),
      );
      for (const [k, answer] of answers.entries()) {
        expect(answer.statusCode, `${JSON.stringify(batch[Math.floor(k / 4)])} #${k % 4}`).toBeLessThan(500);
        if (answer.statusCode === 200 && k % 4 < 2) created++;
      }
    }
    // Names made only of ordinary characters are accepted; the rest get field messages.
    expect(created).toBeGreaterThan(10);
  }, 240_000);
});
