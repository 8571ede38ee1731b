import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppInstance, buildApp } from '../app';
import { testConfig } from '../config';
import type { Database } from '../db/database';
import { createTestApp, databaseTargets, FIXTURE_PASSWORD, type Session, seedFixture, signIn } from '../testing';
import { serializeErrorSafely } from './security';

const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters under test
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const ZH_MESSAGE = '含有不允许的控制字符，请删除后重试。';

const targets = await databaseTargets();

describe.each(targets)('text fields refuse control characters on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let admin: Session;

  beforeAll(async () => {
    database = await target.open();
    await seedFixture(database.db);
    app = await createTestApp(database);
    admin = await signIn(app, 'admin', FIXTURE_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers a NUL in the user name with 400 and a message for that field, in the caller’s language', async () => {
    const zh = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ad\u0000min', password: 'whatever' },
    });
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { username: ZH_MESSAGE } });
    const en = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { username: 'admin', password: 'pass\u0007word' },
    });
    expect(en.json().fields).toEqual({ password: 'Contains a control character that is not allowed; remove it.' });
    const query = await app.inject({
      method: 'GET',
      url: '/api/users?q=%00',
      headers: { cookie: admin.cookie },
    });
    expect(query.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { q: ZH_MESSAGE } });
  });

  it('refuses a NUL in every parameter and top-level body text field of every operation in the OpenAPI document', async () => {
    interface Operation {
      parameters?: { name: string; in: string }[];
      requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, { type?: unknown }> } }> };
    }
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    let probed = 0;
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const probes: { field: string; url: string; payload?: Record<string, string> }[] = [];
        const params = operation.parameters ?? [];
        const fill = (except: string) =>
          path.replace(/\{(\w+)\}/g, (_, name: string) => (name === except ? '%00' : '1'));
        for (const param of params) {
          if (param.in === 'path') probes.push({ field: param.name, url: fill(param.name) });
          if (param.in === 'query') probes.push({ field: param.name, url: `${fill('')}?${param.name}=%00` });
        }
        const properties = operation.requestBody?.content?.['application/json']?.schema?.properties ?? {};
        for (const [name, property] of Object.entries(properties)) {
          if (property.type === 'string') {
            probes.push({ field: name, url: fill(''), payload: { [name]: 'text\u0000' } });
          }
        }
        for (const probe of probes) {
          const answer = await app.inject({
            method: method.toUpperCase() as 'GET',
            url: probe.url,
            headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
            ...(probe.payload ? { payload: probe.payload } : {}),
          });
          expect(answer.statusCode, `${method} ${probe.url} ${probe.field}`).toBe(400);
          expect(answer.json().fields?.[probe.field], `${method} ${path} ${probe.field}`).toBe(ZH_MESSAGE);
          probed++;
        }
      }
    }
    expect(probed).toBeGreaterThan(15);
  });

  it('fuzzes every naughty string through every text field of the auth and users routes', async () => {
    const withControls = naughtyStrings.filter((s) => CONTROL.test(s));
    expect(withControls.length).toBeGreaterThan(5);
    const checks: [string, () => Promise<{ statusCode: number; json(): { fields?: Record<string, string> } }>][] = [];
    for (const text of naughtyStrings) {
      const refused = CONTROL.test(text);
      const requests = [
        [
          'q',
          () =>
            app.inject({
              method: 'GET',
              url: `/api/users?q=${encodeURIComponent(text)}`,
              headers: { cookie: admin.cookie },
            }),
        ],
        [
          'id',
          () =>
            app.inject({
              method: 'GET',
              url: `/api/users/${encodeURIComponent(text)}`,
              headers: { cookie: admin.cookie },
            }),
        ],
      ] as const;
      for (const [field, send] of requests) {
        checks.push([field, send]);
        const answer = await send();
        expect(answer.statusCode, `${JSON.stringify(text)} as ${field}`).toBeLessThan(500);
        if (refused && text.length > 0) {
          expect(answer.statusCode, JSON.stringify(text)).toBe(400);
          expect(answer.json().fields?.[field], `${JSON.stringify(text)} as ${field}`).toBe(ZH_MESSAGE);
        }
      }
      // Only refused text is sent to the password checks: each accepted one would cost a hash.
      if (!refused) continue;
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: text, password: text },
      });
      expect(login.statusCode, JSON.stringify(text)).toBe(400);
      expect(login.json().fields).toEqual({ username: ZH_MESSAGE, password: ZH_MESSAGE });
      const change = await app.inject({
        method: 'POST',
        url: '/api/me/password',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
        payload: { currentPassword: FIXTURE_PASSWORD, newPassword: `long-enough-${text}` },
      });
      expect(change.statusCode, JSON.stringify(text)).toBe(400);
      expect(change.json().fields).toEqual({ newPassword: ZH_MESSAGE });
    }
    expect(checks.length).toBe(naughtyStrings.length * 2);
    // Nothing changed: the admin's password still works.
    await signIn(app, 'admin', FIXTURE_PASSWORD);
  });
});

describe('logs hold no passwords and no SQL parameters', () => {
  it('keeps every password out of the log stream of a real run, at trace level', async () => {
    const [target] = targets;
    if (!target) throw new Error('no database target');
    const database = await target.open();
    const lines: string[] = [];
    const app = await buildApp({
      config: testConfig({ logLevel: 'trace' }),
      database,
      webDist: '/nonexistent-web-dist',
      logStream: { write: (line) => void lines.push(line) },
    });
    try {
      await seedFixture(database.db);
      const secrets = ['Wrong-Secret-Passw0rd', 'Nul-Secret-Passw0rd', 'Fresh-river-lantern-42'];
      const login = (username: string, password: string) =>
        app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      expect((await login('mgrA1', secrets[0] ?? '')).statusCode).toBe(401);
      expect((await login('mgr\u0000A1', secrets[1] ?? '')).statusCode).toBe(400);
      const ok = await login('mgrA1', FIXTURE_PASSWORD);
      const session = { cookie: `siyi_sid=${ok.cookies[0]?.value}`, csrfToken: ok.json().csrfToken as string };
      const changed = await app.inject({
        method: 'POST',
        url: '/api/me/password',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        payload: { currentPassword: FIXTURE_PASSWORD, newPassword: secrets[2] },
      });
      expect(changed.statusCode).toBe(200);
      // A failed query whose message would carry its SQL and a parameter, logged as the error handler does.
      const leak = 'parameter-that-must-not-be-logged';
      const failure = await database.db
        .execute(sql`select id from users where username = ${leak} and no_such_column = 1`)
        .catch((error: unknown) => error);
      expect(String((failure as Error).message)).toContain(leak);
      app.log.error({ err: failure }, 'unexpected error');

      const log = lines.join('');
      expect(log).toContain('login.failure');
      expect(log).toContain('no_such_column');
      for (const secret of [...secrets, FIXTURE_PASSWORD, leak, 'select id from users']) {
        expect(log, secret).not.toContain(secret);
      }
      const serialized = JSON.stringify(serializeErrorSafely(failure));
      expect(serialized).not.toContain(leak);
      expect(serialized).toContain('database query failed');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
