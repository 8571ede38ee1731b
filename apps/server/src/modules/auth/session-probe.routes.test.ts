import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { createTestApp, databaseTargets, FIXTURE_PASSWORD, seedFixture, signIn } from '../../testing';

const targets = await databaseTargets();

describe.each(targets)('GET /api/session on $kind', (target) => {
  let database: Database;
  let app: AppInstance;

  beforeAll(async () => {
    database = await target.open();
    await seedFixture(database.db);
    app = await createTestApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers 200 with no session when nobody is signed in — never 401', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/session' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ session: null });
    const unknownCookie = await app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: 'siyi_sid=not-a-session' },
    });
    expect(unknownCookie.statusCode).toBe(200);
    expect(unknownCookie.json()).toEqual({ session: null });
  });

  it('gives the signed-in user and the CSRF token, like /api/me', async () => {
    const session = await signIn(app, 'mgrA1', FIXTURE_PASSWORD);
    const probe = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: session.cookie } });
    expect(probe.statusCode).toBe(200);
    expect(probe.json()).toMatchObject({ session: { user: { username: 'mgrA1' }, csrfToken: session.csrfToken } });
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
    expect(probe.json().session).toEqual(me.json());
  });
});
