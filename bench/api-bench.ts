import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../apps/server/src/app';
import { testConfig } from '../apps/server/src/config';
import type { Database } from '../apps/server/src/db/database';
import type { LoadGenerator } from './load-client';
import type { LoadFigures, LoadJob } from './load-protocol';
import { machineBusyShare } from './machine';

export const LISTING_PATH = '/api/retailers?page=1&pageSize=20';

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
  bare.get('/api/retailers', async (_request, reply) => {
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

export interface ListingAnswer {
  /** The exact JSON text, reused as the bare server's body. */
  body: string;
  bytes: number;
  /** Retailers the user may see: the count(*) over () the query computes on every page. */
  total: number;
  items: number;
}

/** One GET of the measured URL, to check it works and to learn the answer's size. */
export async function fetchListing(baseUrl: string, cookie: string): Promise<ListingAnswer> {
  const response = await fetch(`${baseUrl}${LISTING_PATH}`, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${LISTING_PATH}: ${response.status} ${body}`);
  const parsed = JSON.parse(body) as { total?: unknown; items?: unknown };
  if (typeof parsed.total !== 'number' || !Array.isArray(parsed.items)) {
    throw new Error(`GET ${LISTING_PATH}: unexpected answer ${body.slice(0, 200)}`);
  }
  return { body, bytes: Buffer.byteLength(body), total: parsed.total, items: parsed.items.length };
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

function job(baseUrl: string, cookie: string, settings: LoadSettings): LoadJob {
  return { url: `${baseUrl}${LISTING_PATH}`, headers: { cookie }, ...settings };
}

/** Loads GET /api/retailers on `baseUrl` from the load-generator process and returns autocannon's figures. */
export async function hammer(
  generator: LoadGenerator,
  baseUrl: string,
  cookie: string,
  settings: LoadSettings,
): Promise<Measurement> {
  const machineBusyBefore = await machineBusyShare();
  const figures = await generator.run(job(baseUrl, cookie, settings));
  return { ...figures, machineBusyBefore };
}

/** The same load, uncounted. */
export async function warmUp(generator: LoadGenerator, baseUrl: string, cookie: string, settings: LoadSettings) {
  await generator.run(job(baseUrl, cookie, settings));
}
