import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { ManualClock } from '../../lib/clock';
import { createTestApp, FIXTURE_PASSWORD, type Fixture, getAs, type Session, seedFixture, signIn } from '../../testing';
import { databaseTargets } from '../../testing/test-database';

const targets = await databaseTargets();

describe.each(targets)('an admin opens and unlocks a user on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let fixture: Fixture;
  let admin: Session;
  const clock = new ManualClock('2026-11-26T01:00:00Z');

  beforeAll(async () => {
    database = await target.open();
    fixture = await seedFixture(database.db);
    app = await createTestApp(database, { clock });
    admin = await signIn(app, 'admin', FIXTURE_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const idOf = (username: string) => fixture.users[username]?.id ?? -1;
  const wrongFrom = (username: string, address: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: address,
      payload: { username, password: 'wrong-password' },
    });
  const unlock = (id: number, session: Session = admin, csrf = true) =>
    app.inject({
      method: 'POST',
      url: `/api/users/${id}/unlock`,
      headers: { cookie: session.cookie, ...(csrf ? { 'x-csrf-token': session.csrfToken } : {}) },
    });

  it('shows a user: name, role, district, last sign-in, lock, failed attempts and live sessions', async () => {
    await signIn(app, 'mgrB1', FIXTURE_PASSWORD);
    await signIn(app, 'mgrB1', FIXTURE_PASSWORD);
    const detail = await getAs(app, admin, `/api/users/${idOf('mgrB1')}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toEqual({
      id: idOf('mgrB1'),
      username: 'mgrB1',
      name: '乙经理一',
      role: 'manager',
      orgUnitId: fixture.districtB,
      orgUnitName: '乙片区',
      phone: null,
      disabled: false,
      locked: false,
      lastSignInAt: '2026-11-26T01:00:00.000Z',
      lockedUntil: null,
      failedAttempts: 0,
      activeSessions: 2,
      mustChangePassword: false,
      retailerCount: fixture.retailers.filter((r) => r.managerId === idOf('mgrB1')).length,
      version: 1,
    });
    const never = (await getAs(app, admin, `/api/users/${idOf('supB')}`)).json();
    expect(never).toMatchObject({ lastSignInAt: null, activeSessions: 0 });
  });

  it('is for admins only; an unknown id is not found', async () => {
    const supervisor = await signIn(app, 'supA', FIXTURE_PASSWORD);
    expect((await getAs(app, supervisor, `/api/users/${idOf('mgrA1')}`)).statusCode).toBe(403);
    expect((await unlock(idOf('mgrA1'), supervisor)).statusCode).toBe(403);
    expect((await getAs(app, admin, '/api/users/999999')).statusCode).toBe(404);
    expect((await unlock(999999)).statusCode).toBe(404);
  });

  it('unlocks a user locked from two addresses, audited, and the user signs in again', async () => {
    for (let i = 0; i < 5; i++) await wrongFrom('mgrA1', '203.0.113.5');
    for (let i = 0; i < 2; i++) await wrongFrom('mgrA1', '203.0.113.6');
    const locked = (await getAs(app, admin, `/api/users/${idOf('mgrA1')}`)).json();
    expect(locked).toMatchObject({ locked: true, lockedUntil: '2026-11-26T01:15:00.000Z', failedAttempts: 7 });
    const list = (await getAs(app, admin, '/api/users?q=mgrA1')).json();
    expect(list.items).toEqual([expect.objectContaining({ username: 'mgrA1', locked: true })]);

    expect((await unlock(idOf('mgrA1'), admin, false)).statusCode).toBe(403);
    const answer = await unlock(idOf('mgrA1'));
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ locked: false, lockedUntil: null, failedAttempts: 0 });
    const audit = await database.pool.query(
      "select action, actor_user_id, before, after from audit_log where entity_type = 'user' and entity_id = $1",
      [String(idOf('mgrA1'))],
    );
    expect(audit.rows).toEqual([
      {
        action: 'unlocked',
        actor_user_id: idOf('admin'),
        before: { lockedUntil: '2026-11-26T01:15:00.000Z', failedAttempts: 7 },
        after: { lockedUntil: null, failedAttempts: 0 },
      },
    ]);
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '203.0.113.5',
      payload: { username: 'mgrA1', password: FIXTURE_PASSWORD },
    });
    expect(again.statusCode).toBe(200);
  });
});
