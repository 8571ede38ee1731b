import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from './app';
import { buildApp } from './app';
import { testConfig } from './config';
import type { Database } from './db/database';
import { createTestApp, databaseTargets, FIXTURE_PASSWORD, seedFixture, signIn } from './testing';

const targets = await databaseTargets();
const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

/** A fingerprint of every business table, to prove that a request changed nothing. */
async function fingerprint(database: Database): Promise<string> {
  // A session's last_seen_at moves once a minute while it is used (sliding idle expiry): that is reading, not a
  // change, and a slow run would otherwise see it. Everything else about a session counts.
  const rows: Record<string, string> = {
    sessions: 'row(t.id, t.user_id, t.csrf_token, t.created_at, t.expires_at, t.ip, t.user_agent)',
  };
  const tables = ['org_units', 'users', 'sessions', 'retailers', 'orders', 'order_lines', 'audit_log', 'sales_weekly'];
  const parts: string[] = [];
  for (const table of tables) {
    const row = rows[table] ?? 't';
    const result = await database.pool.query(
      `select md5(coalesce(string_agg(${row}::text, '|' order by ${row}::text), '')) as h from ${table} t`,
    );
    parts.push(`${table}:${result.rows[0].h}`);
  }
  return parts.join(',');
}

describe.each(targets)('HTTP conventions on $kind', (target) => {
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

  it('answers health with the database kind', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: target.kind });
  });

  it('answers health while a slow query holds the database', async () => {
    let slowDone = false;
    const slow = database.pool.query('select pg_sleep(2)').then(() => {
      slowDone = true;
    });
    // Give the slow query time to reach the database before asking for health.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(slowDone).toBe(false);
    await slow;
    expect(slowDone).toBe(true);
  });

  it('puts the security headers on every answer, errors included', async () => {
    const answers = [
      await app.inject({ method: 'GET', url: '/api/health' }),
      await app.inject({ method: 'GET', url: '/api/nope' }),
      await app.inject({ method: 'GET', url: '/api/me' }),
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: {} }),
    ];
    for (const response of answers) {
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/does-not-exist' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', message: '没有找到该记录，或不在您的管辖范围内。' });
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", "password": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('MALFORMED_REQUEST');
    const huge = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'x'.repeat(200_000) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers wrong types with per-field messages', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { username: 42, password: ['a'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { username: 'Expected text.', password: 'Expected text.' },
    });
    const session = await signIn(app, 'admin', FIXTURE_PASSWORD);
    const badQuery = await app.inject({
      method: 'GET',
      url: '/api/retailers?page=-1&pageSize=abc&tier=31',
      headers: { cookie: session.cookie },
    });
    expect(badQuery.statusCode).toBe(400);
    expect(Object.keys(badQuery.json().fields).sort()).toEqual(['page', 'pageSize', 'tier']);
    const badId = await app.inject({ method: 'GET', url: '/api/retailers/abc', headers: { cookie: session.cookie } });
    expect(badId.statusCode).toBe(400);
    const hugeId = await app.inject({
      method: 'GET',
      url: '/api/retailers/99999999999999',
      headers: { cookie: session.cookie },
    });
    expect(hugeId.statusCode).toBe(400);
  });

  it('answers every naughty string as a search and as a login name with 2xx/4xx and changes nothing', async () => {
    const session = await signIn(app, 'admin', FIXTURE_PASSWORD);
    const before = await fingerprint(database);
    const statuses = new Set<number>();
    // Two at a time: sign-in verifies a password hash per attempt, which is meant to be slow.
    for (let i = 0; i < naughtyStrings.length; i += 2) {
      await Promise.all(
        naughtyStrings.slice(i, i + 2).map(async (text) => {
          const search = await app.inject({
            method: 'GET',
            url: `/api/retailers?q=${encodeURIComponent(text)}`,
            headers: { cookie: session.cookie },
          });
          const login = await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: text, password: text || 'x' },
          });
          for (const response of [search, login]) {
            statuses.add(response.statusCode);
            expect(response.statusCode, `${JSON.stringify(text)} → ${response.body}`).toBeLessThan(500);
            expect(response.body).not.toMatch(/\bat .+\.ts:\d+|SELECT |syntax error/i);
          }
        }),
      );
    }
    expect(await fingerprint(database)).toBe(before);
    expect([...statuses].every((s) => s === 200 || s === 400 || s === 401)).toBe(true);
    // 515 sign-ins each verify an argon2id hash (a dummy one for unknown names), slow by design: a generous budget,
    // not a speed claim.
  }, 300_000);

  it('publishes OpenAPI 3 at /api/openapi.json and a browsable page at /api/docs', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/retailers', '/api/retailers/{id}']),
    );
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});

describe('route declarations and unexpected errors', () => {
  let database: Database;
  beforeAll(async () => {
    const [first] = await databaseTargets();
    if (!first) throw new Error('no database target');
    database = await first.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('refuses to start when an API route does not declare who may call it', async () => {
    const app = await buildApp({ config: testConfig(), database, webDist: '/nonexistent' });
    expect(() => app.get('/api/undeclared', async () => ({ ok: true }))).toThrow(/does not declare who may call it/);
    await app.close();
  });

  it('answers an unexpected failure with a generic 500 that leaks nothing', async () => {
    const app = await buildApp({ config: testConfig(), database, webDist: '/nonexistent' });
    app.get('/api/boom', { config: { access: 'public' } }, async () => {
      throw new Error('relation "secret_table" does not exist: SELECT * FROM secret_table');
    });
    await app.ready();
    const response = await app.inject({ method: 'GET', url: '/api/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'INTERNAL', message: '服务器出现问题，请稍后再试。' });
    expect(response.body).not.toContain('secret_table');
    await app.close();
  });
});
