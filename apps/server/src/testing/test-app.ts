import type { LightMyRequestResponse } from 'fastify';
import { type AppInstance, buildApp } from '../app';
import { type AppConfig, testConfig } from '../config';
import type { Database } from '../db/database';
import type { Clock } from '../lib/clock';

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function createTestApp(
  database: Database,
  options: { clock?: Clock; config?: Partial<AppConfig> } = {},
): Promise<AppInstance> {
  const app = await buildApp({
    config: testConfig(options.config),
    database,
    ...(options.clock ? { clock: options.clock } : {}),
    webDist: '/nonexistent-web-dist',
  });
  await app.ready();
  return app;
}

export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'siyi_sid');
  if (!cookie) throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  return `siyi_sid=${cookie.value}`;
}

export async function signIn(app: AppInstance, username: string, password: string): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  return { cookie: sessionCookie(response), csrfToken: response.json<{ csrfToken: string }>().csrfToken };
}

/** GET as a signed-in user. */
export function getAs(app: AppInstance, session: Session, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
}
