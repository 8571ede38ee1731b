import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { AppConfig } from '../../config';
import { loadConfig } from '../../config';
import type { Database } from '../../db/database';
import { ManualClock } from '../../lib/clock';
import { createTestApp, FIXTURE_PASSWORD, seedFixture } from '../../testing';
import { databaseTargets } from '../../testing/test-database';

const targets = await databaseTargets();

function attempt(app: AppInstance, username: string, password: string, address = '127.0.0.1', locale?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: address,
    headers: locale ? { 'accept-language': locale } : {},
    payload: { username, password },
  });
}

/** A sign-in through a real socket, as a browser or a script would send it. */
function postOverHttp(url: string, username: string, password: string) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

/** What a caller can observe of an answer, without the request id. */
function observed(response: Awaited<ReturnType<typeof attempt>>) {
  const { requestId: _r, ...body } = response.json<Record<string, unknown>>();
  return { status: response.statusCode, body, retryAfter: response.headers['retry-after'] ?? null };
}

describe.each(targets)('sign-in throttling on $kind', (target) => {
  let database: Database;
  const clock = new ManualClock('2026-11-26T01:00:00Z');
  const apps: AppInstance[] = [];
  const open = async (config: Partial<AppConfig> = {}) => {
    const app = await createTestApp(database, { clock, config });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    database = await target.open();
    await seedFixture(database.db);
  });
  afterAll(async () => {
    await Promise.allSettled(apps.map((app) => app.close()));
    await database?.close();
  });

  it('checks at most 5 of 60 parallel wrong passwords against a real listening server, then locks', async () => {
    const app = await open();
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const post = (password: string) => postOverHttp(url, 'mgrA1', password);
    const statuses = (await Promise.all(Array.from({ length: 60 }, (_, i) => post(`wrong-guess-${i}`)))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s !== 423).length).toBeLessThanOrEqual(5);
    expect(statuses.every((s) => s === 401 || s === 423)).toBe(true);
    expect((await post(FIXTURE_PASSWORD)).status).toBe(423);
    const { rows } = await database.pool.query(
      "select count from sign_in_counters where kind = 'pair_failures' and username = 'mgrA1'",
    );
    expect(rows).toEqual([{ count: 61 }]);
  });

  it('lets 39 wrong and 1 right in parallel check at most 5 of them: the right one, past the fifth, is refused', async () => {
    const app = await open();
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const post = (password: string) => postOverHttp(url, 'mgrA2', password);
    const wrong = Array.from({ length: 39 }, (_, i) => post(`wrong-guess-${i}`));
    // While the wrong ones are still being checked, the right one arrives after the fifth place was taken.
    await expect
      .poll(
        async () =>
          (
            await database.pool.query(
              "select count from sign_in_counters where kind = 'pair_failures' and username = 'mgrA2'",
            )
          ).rows[0]?.count ?? 0,
        { interval: 5, timeout: 10_000 },
      )
      .toBeGreaterThanOrEqual(5);
    const right = await post(FIXTURE_PASSWORD);
    const statuses = (await Promise.all(wrong)).map((r) => r.status);
    expect(right.status).toBe(423);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s !== 423).length).toBeLessThanOrEqual(5);
  });

  it('locks only the attacking address: the user signs in from their own', async () => {
    const app = await open();
    for (let i = 0; i < 4; i++) expect((await attempt(app, 'supA', 'wrong', '203.0.113.9')).statusCode).toBe(401);
    expect((await attempt(app, 'supA', 'wrong', '203.0.113.9')).statusCode).toBe(423);
    expect((await attempt(app, 'supA', FIXTURE_PASSWORD, '203.0.113.9')).statusCode).toBe(423);
    expect((await attempt(app, 'supA', FIXTURE_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
  });

  it('answers unknown and known names identically through the whole lock cycle', async () => {
    const app = await open({ loginRateLimit: 8 });
    const cycle = async (username: string, address: string) => {
      const seen = [];
      for (let i = 0; i < 7; i++) seen.push(observed(await attempt(app, username, `wrong-${i}`, address)));
      seen.push(observed(await attempt(app, username, 'wrong-en', address, 'en')));
      seen.push(observed(await attempt(app, username, 'wrong-again', address))); // over the rate: 429
      return seen;
    };
    const start = clock.now().getTime();
    const known = await cycle('supB', '192.0.2.10');
    const unknown = await cycle('no-such-user', '192.0.2.11');
    expect(unknown).toEqual(known);
    expect(known.map((o) => o.status)).toEqual([401, 401, 401, 401, 423, 423, 423, 423, 429]);
    expect(known[4]?.body).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(known[7]?.body).toMatchObject({ message: expect.stringContaining('15 minutes') });
    expect(known[8]?.body).toMatchObject({ code: 'RATE_LIMITED' });
    // After the lock and the rate window, both start over alike.
    clock.advanceMinutes(16);
    const afterKnown = observed(await attempt(app, 'supB', 'wrong', '192.0.2.10'));
    const afterUnknown = observed(await attempt(app, 'no-such-user', 'wrong', '192.0.2.11'));
    expect(afterUnknown).toEqual(afterKnown);
    expect(afterKnown.status).toBe(401);
    expect(clock.now().getTime() - start).toBe(16 * 60_000);
  });

  it('keeps limits in the database: they hold across two app servers and after a restart', async () => {
    const first = await open();
    const second = await open();
    const name = 'mgrB1';
    for (let i = 0; i < 4; i++) {
      expect((await attempt(i % 2 ? first : second, name, 'wrong', '192.0.2.20')).statusCode).toBe(401);
    }
    expect((await attempt(first, name, 'wrong', '192.0.2.20')).statusCode).toBe(423);
    expect((await attempt(second, name, FIXTURE_PASSWORD, '192.0.2.20')).statusCode).toBe(423);
    await first.close();
    await second.close();
    const restarted = await open();
    expect((await attempt(restarted, name, FIXTURE_PASSWORD, '192.0.2.20')).statusCode).toBe(423);
    clock.advanceMinutes(16);
    expect((await attempt(restarted, name, FIXTURE_PASSWORD, '192.0.2.20')).statusCode).toBe(200);
  });

  it('is fair to an office behind one address: per name and address, and a larger budget per address', async () => {
    const app = await open({ loginRateLimit: 2 });
    const office = '192.0.2.30';
    const names = ['admin', 'supA', 'supB', 'mgrA1', 'mgrA2', 'mgrB1'];
    clock.advanceMinutes(16);
    // One colleague mistyping past their own limit…
    expect((await attempt(app, 'mgrA1', 'wrong', office)).statusCode).toBe(401);
    expect((await attempt(app, 'mgrA1', 'wrong', office)).statusCode).toBe(401);
    const limited = await attempt(app, 'mgrA1', FIXTURE_PASSWORD, office);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // …does not stop the others at the same address (the address allows ten times as many).
    for (const name of names.filter((n) => n !== 'mgrA1')) {
      expect((await attempt(app, name, FIXTURE_PASSWORD, office)).statusCode, name).toBe(200);
    }
    // The address budget (2 × 10 = 20 per 5 minutes) is used up by a sprayer trying many names.
    for (let i = 0; i < 13; i++) await attempt(app, `spray-${i}`, 'wrong', office);
    expect((await attempt(app, 'supB', FIXTURE_PASSWORD, office)).statusCode).toBe(429);
    clock.advanceMinutes(6);
    expect((await attempt(app, 'supB', FIXTURE_PASSWORD, office)).statusCode).toBe(200);
  });

  it('pauses a name under attack from many addresses, except where it signed in before', async () => {
    const app = await open({ lockout: { maxFailures: 5, minutes: 15, accountCeiling: 8 } });
    clock.advanceMinutes(16);
    expect((await attempt(app, 'supA', FIXTURE_PASSWORD, '198.51.100.50')).statusCode).toBe(200);
    for (let i = 0; i < 8; i++) {
      expect((await attempt(app, 'supA', 'wrong', `203.0.113.${100 + i}`)).statusCode).toBe(401);
    }
    const paused = await attempt(app, 'supA', FIXTURE_PASSWORD, '203.0.113.200');
    expect(paused.statusCode).toBe(429);
    expect(paused.json().code).toBe('RATE_LIMITED');
    expect((await attempt(app, 'supA', FIXTURE_PASSWORD, '198.51.100.50')).statusCode).toBe(200);
  });
});

describe('trusted proxies', () => {
  it('believes X-Forwarded-For only from listed proxies; SIYI_BEHIND_HTTPS alone trusts none', async () => {
    const [target] = targets;
    if (!target) throw new Error('no database target');
    const database = await target.open();
    try {
      await seedFixture(database.db);
      const clock = new ManualClock('2026-11-26T01:00:00Z');
      const guess = (app: AppInstance, i: number) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '10.1.2.3',
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
          payload: { username: 'mgrA1', password: 'wrong' },
        });
      // Untrusted: every forged address is the proxy's one address, so the sixth guess is refused.
      const untrusted = await createTestApp(database, { clock, config: { behindHttps: true } });
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await guess(untrusted, i)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
      await untrusted.close();
      clock.advanceMinutes(16);
      // A listed proxy (by CIDR): the forwarded addresses are the clients', each counted on its own.
      const trusted = await createTestApp(database, { clock, config: { trustedProxies: ['10.0.0.0/8'] } });
      for (let i = 0; i < 6; i++) expect((await guess(trusted, i)).statusCode).toBe(401);
      await trusted.close();
    } finally {
      await database.close();
    }
  });

  it('reads SIYI_TRUSTED_PROXIES as addresses or CIDRs, none by default', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ SIYI_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.1,::1' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '192.168.1.1',
      '::1',
    ]);
    expect(() => loadConfig({ SIYI_TRUSTED_PROXIES: 'proxy.example' })).toThrow(/SIYI_TRUSTED_PROXIES/);
    expect(() => loadConfig({ SIYI_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/SIYI_TRUSTED_PROXIES/);
  });
});
