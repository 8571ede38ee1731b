import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../apps/server/src/app';
import { testConfig } from '../apps/server/src/config';
import type { Database } from '../apps/server/src/db/database';
import type { LoadGenerator } from './load-client';
import type { LoadFigures, LoadJob } from './load-protocol';
import { machineBusyShare } from './machine';

export const LISTING_PATH = '/api/retailers?page=1&pageSize=20';

/** One API route measured under load, as a given demo user. */
export interface RouteUnderTest {
  /** Short label for the table: "manager list", "district dashboard". */
  label: string;
  role: 'manager' | 'admin' | 'supervisor';
  path: string;
  /** Also measure the bare-Fastify ceiling for this answer. */
  ceiling: boolean;
}

/**
 * The routes every pass measures: the lists (light for a manager, the whole city for admin, and a 200-row search,
 * the heaviest page a user can ask for) and the role homes' dashboards.
 */
export const ROUTES: RouteUnderTest[] = [
  { label: 'manager list', role: 'manager', path: LISTING_PATH, ceiling: true },
  { label: 'admin list', role: 'admin', path: LISTING_PATH, ceiling: true },
  {
    label: 'admin 200-row search',
    role: 'admin',
    path: '/api/retailers?q=%E5%BA%97&page=1&pageSize=200',
    ceiling: false,
  },
  { label: 'manager dashboard', role: 'manager', path: '/api/dashboard/manager', ceiling: false },
  { label: 'district dashboard', role: 'supervisor', path: '/api/dashboard/district', ceiling: false },
];

export interface Listening {
  baseUrl: string;
  close(): Promise<void>;
}

function baseUrlOf(app: FastifyInstance): string {
  const address = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/** The real app, as `npm start` builds it, on the given database; quiet, and no sign-in rate limit to trip. */
export async function startApp(database: Database): Promise<Listening> {
  const app = await buildApp({
    config: testConfig({ logLevel: 'silent', loginRateLimit: 100_000 }),
    database,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { baseUrl: baseUrlOf(app), close: () => app.close() };
}

/**
 * The ceiling: a plain Fastify with no plugins, hooks or schemas, answering the same path with a body
 * computed once. Whatever the app is slower by is the price of its plugins, session lookup and query.
 */
export async function startBareServer(body: string): Promise<Listening> {
  const bare = Fastify();
  bare.get('/api/*', async (_request, reply) => {
    reply.type('application/json; charset=utf-8');
    return body;
  });
  await bare.listen({ host: '127.0.0.1', port: 0 });
  return { baseUrl: baseUrlOf(bare), close: () => bare.close() };
}

/** Signs in through the API, as the browser does, and returns the `siyi_sid=…` cookie pair. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
  }
  const pair = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('siyi_sid='));
  if (!pair) throw new Error(`sign-in of ${username} set no siyi_sid cookie`);
  return pair;
}

export interface RouteAnswer {
  /** The exact JSON text, reused as the bare server's body. */
  body: string;
  bytes: number;
  /** For lists: the retailers the user may see (the answer's `total`); null for other routes. */
  total: number | null;
}

/** One GET of a measured path, to check it works and to learn the answer's size. */
export async function fetchRoute(baseUrl: string, path: string, cookie: string): Promise<RouteAnswer> {
  // No Accept-Encoding: the measured body is the plain JSON, as autocannon asks for it.
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie, 'accept-encoding': 'identity' } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${body.slice(0, 300)}`);
  const parsed = JSON.parse(body) as { total?: unknown };
  return { body, bytes: Buffer.byteLength(body), total: typeof parsed.total === 'number' ? parsed.total : null };
}

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/** A measurement, and how busy other work kept the machine just before it. */
export interface Measurement extends LoadFigures {
  /** Share of all cores busy in the second before the load started, while the bench was idle; null off Linux. */
  machineBusyBefore: number | null;
}

function job(baseUrl: string, path: string, cookie: string, settings: LoadSettings): LoadJob {
  return { url: `${baseUrl}${path}`, headers: { cookie }, ...settings };
}

/** Loads GET `path` on `baseUrl` from the load-generator process and returns autocannon's figures. */
export async function hammer(
  generator: LoadGenerator,
  baseUrl: string,
  path: string,
  cookie: string,
  settings: LoadSettings,
): Promise<Measurement> {
  const machineBusyBefore = await machineBusyShare();
  const figures = await generator.run(job(baseUrl, path, cookie, settings));
  return { ...figures, machineBusyBefore };
}

/** The same load, uncounted. */
export async function warmUp(
  generator: LoadGenerator,
  baseUrl: string,
  path: string,
  cookie: string,
  settings: LoadSettings,
) {
  await generator.run(job(baseUrl, path, cookie, settings));
}
