import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { ManualClock } from '../../lib/clock';
import { createTestApp, FIXTURE_PASSWORD, type Fixture, seedFixture, sessionCookie, signIn } from '../../testing';
import { databaseTargets } from '../../testing/test-database';

const targets = await databaseTargets();

describe.each(targets)('sign-in and sessions on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let fixture: Fixture;
  const clock = new ManualClock('2026-11-26T01:00:00Z');

  beforeAll(async () => {
    database = await target.open();
    fixture = await seedFixture(database.db);
    app = await createTestApp(database, { clock });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('signs in a manager and returns the user, a CSRF token and an httpOnly SameSite cookie', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'mgrA1', password: FIXTURE_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ username: 'mgrA1', role: 'manager', orgUnitId: fixture.districtA });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = response.cookies.find((c) => c.name === 'siyi_sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(body).not.toHaveProperty('user.passwordHash');
  });

  it('signs a retailer in with its licence number', async () => {
    const shop = fixture.retailers[0];
    const session = await signIn(app, shop?.licenceNo ?? '', FIXTURE_PASSWORD);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
    expect(me.json().user).toMatchObject({ role: 'retailer', retailerId: shop?.id });
  });

  it('answers a wrong password with 401 and a Chinese message by default, English on request', async () => {
    const zh = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'supA', password: 'nope' },
    });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误，请重新输入。' });
    const en = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: 'supA', password: 'nope' },
    });
    expect(en.json().message).toBe('The user name or password is incorrect.');
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'whatever' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('gives per-field messages for missing fields', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(body.fields).sort()).toEqual(['password', 'username']);
    expect(body.fields.password).toBe('此项必填。');
  });

  it('accepts the demo password only for demo accounts', async () => {
    const demo = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: fixture.demoUser.username, password: 'siyi-demo' },
    });
    expect(demo.statusCode).toBe(200);
    const other = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'mgrB1', password: 'siyi-demo' },
    });
    expect(other.statusCode).toBe(401);
  });

  it('locks an account for 15 minutes after five wrong passwords, even for the right one', async () => {
    const attempt = (password: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mgrA2', password } });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
    const fifth = await attempt('wrong-password');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().message).toContain('15 分钟');
    expect((await attempt(FIXTURE_PASSWORD)).statusCode).toBe(423);
    clock.advanceMinutes(16);
    expect((await attempt(FIXTURE_PASSWORD)).statusCode).toBe(200);
  });

  it('issues a new session id at every sign-in', async () => {
    const first = await signIn(app, 'supB', FIXTURE_PASSWORD);
    const second = await signIn(app, 'supB', FIXTURE_PASSWORD);
    expect(first.cookie).not.toBe(second.cookie);
    expect(first.csrfToken).not.toBe(second.csrfToken);
  });

  it('ends a session after 30 idle minutes and after 12 hours however active', async () => {
    const session = await signIn(app, 'mgrB1', FIXTURE_PASSWORD);
    const me = () => app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
    clock.advanceMinutes(29);
    expect((await me()).statusCode).toBe(200);
    clock.advanceMinutes(29);
    expect((await me()).statusCode).toBe(200);
    clock.advanceMinutes(31);
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('SESSION_EXPIRED');

    const busy = await signIn(app, 'mgrB1', FIXTURE_PASSWORD);
    // A request every 20 minutes keeps it from idling out, until the 12th hour ends it regardless.
    for (let step = 1; step <= 36; step++) {
      clock.advanceMinutes(20);
      const answer = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: busy.cookie } });
      expect(answer.statusCode, `after ${step * 20} minutes`).toBe(step < 36 ? 200 : 401);
    }
  });

  it('refuses a state-changing request without the session CSRF token', async () => {
    const session = await signIn(app, 'mgrA1', FIXTURE_PASSWORD);
    const other = await signIn(app, 'mgrB1', FIXTURE_PASSWORD);
    const patch = (token: string | undefined, extra: Record<string, string> = {}) =>
      app.inject({
        method: 'PATCH',
        url: '/api/me/preferences',
        headers: { cookie: session.cookie, ...(token ? { 'x-csrf-token': token } : {}), ...extra },
        payload: { locale: 'en' },
      });
    expect((await patch(undefined)).statusCode).toBe(403);
    expect((await patch(other.csrfToken)).json().code).toBe('CSRF_INVALID');
    expect((await patch(session.csrfToken, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    const ok = await patch(session.csrfToken);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().locale).toBe('en');
  });

  it('refuses a form-encoded POST (a cross-site form cannot send JSON)', async () => {
    const session = await signIn(app, 'mgrA1', FIXTURE_PASSWORD);
    const response = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'currentPassword=a&newPassword=b',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('keeps the language preference per user and answers in it', async () => {
    const session = await signIn(app, 'supA', FIXTURE_PASSWORD);
    await app.inject({
      method: 'PATCH',
      url: '/api/me/preferences',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: { locale: 'en', fontScale: 2 },
    });
    const again = await signIn(app, 'supA', FIXTURE_PASSWORD);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: again.cookie } });
    expect(me.json().user).toMatchObject({ locale: 'en', fontScale: 2 });
    const missing = await app.inject({
      method: 'GET',
      url: '/api/retailers/999999',
      headers: { cookie: again.cookie },
    });
    expect(missing.json().message).toBe('Not found, or not within your scope.');
  });

  it('signs out: the cookie no longer works', async () => {
    const session = await signIn(app, 'mgrA1', FIXTURE_PASSWORD);
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('changes the password under the policy, renews the session, audits it and ends the others', async () => {
    const username = fixture.retailers[8]?.licenceNo ?? '';
    const session = await signIn(app, username, FIXTURE_PASSWORD);
    const elsewhere = await signIn(app, username, FIXTURE_PASSWORD);
    const change = (currentPassword: string, newPassword: string) =>
      app.inject({
        method: 'POST',
        url: '/api/me/password',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        payload: { currentPassword, newPassword },
      });
    const short = await change(FIXTURE_PASSWORD, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().fields.newPassword).toBe('至少需要 12 个字符。');
    const common = await change(FIXTURE_PASSWORD, 'password1234');
    expect(common.json()).toMatchObject({ code: 'PASSWORD_POLICY' });
    expect(common.json().fields.newPassword).toContain('password');
    const withName = await change(FIXTURE_PASSWORD, `my-${username}-shop`);
    expect(withName.json().fields.newPassword).toContain(`“${username}”`);
    const wrong = await change('not-the-password', 'a-much-better-passphrase');
    expect(wrong.json().fields.currentPassword).toBe('当前密码不正确。');
    const changed = await change(FIXTURE_PASSWORD, 'a-much-better-passphrase');
    expect(changed.statusCode).toBe(200);
    const renewed = { cookie: sessionCookie(changed), csrfToken: changed.json().csrfToken as string };
    expect(renewed.cookie).not.toBe(session.cookie);
    expect(renewed.csrfToken).not.toBe(session.csrfToken);
    expect(changed.json().user.username).toBe(username);

    const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect((await me(renewed.cookie)).json().csrfToken).toBe(renewed.csrfToken);
    expect((await me(session.cookie)).statusCode).toBe(401);
    expect((await me(elsewhere.cookie)).statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'a-much-better-passphrase' },
    });
    expect(sessionCookie(login)).toMatch(/^siyi_sid=/);
    const audit = await database.pool.query(
      "select action, before, after from audit_log where entity_type = 'user' and entity_id = $1",
      [String(fixture.users[username]?.id)],
    );
    expect(audit.rows).toEqual([{ action: 'password_changed', before: null, after: null }]);
  });

  it('counts wrong current passwords on the change form toward the sign-in lock', async () => {
    const username = fixture.retailers[7]?.licenceNo ?? '';
    const session = await signIn(app, username, FIXTURE_PASSWORD);
    const change = (currentPassword: string) =>
      app.inject({
        method: 'POST',
        url: '/api/me/password',
        remoteAddress: '192.0.2.77',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        payload: { currentPassword, newPassword: 'a-much-better-passphrase' },
      });
    for (let i = 0; i < 4; i++) expect((await change('not-the-password')).statusCode).toBe(400);
    expect((await change('not-the-password')).statusCode).toBe(423);
    expect((await change(FIXTURE_PASSWORD)).statusCode).toBe(423);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '192.0.2.77',
      payload: { username, password: FIXTURE_PASSWORD },
    });
    expect(login.statusCode).toBe(423);
    clock.advanceMinutes(16);
  });

  it('purges expired sessions when someone signs in', async () => {
    const early = await signIn(app, 'mgrA2', FIXTURE_PASSWORD);
    const sessionsOf = async (username: string) =>
      (
        await database.pool.query(
          'select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.username = $1',
          [username],
        )
      ).rows[0]?.n;
    expect(await sessionsOf('mgrA2')).toBeGreaterThan(0);
    clock.advanceMinutes(13 * 60);
    await signIn(app, 'supB', FIXTURE_PASSWORD);
    expect(await sessionsOf('mgrA2')).toBe(0);
    expect(await sessionsOf('supB')).toBe(1);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: early.cookie } })).statusCode).toBe(
      401,
    );
  });
});

describe('sign-in rate limit per client address', () => {
  it('answers 429 with a message once the address has used its attempts', async () => {
    const [target] = targets;
    if (!target) throw new Error('no database target');
    const database = await target.open();
    try {
      await seedFixture(database.db);
      const app = await createTestApp(database, { config: { loginRateLimit: 3 } });
      const attempt = () =>
        app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mgrA1', password: 'wrong-one' } });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试。' });
      expect(limited.headers['retry-after']).toBeDefined();
      await app.close();
    } finally {
      await database.close();
    }
  });
});
