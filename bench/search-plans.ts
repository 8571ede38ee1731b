/**
 * The plans of the list pages bench:lists measures (issues 5 and 6: p95 < 50 ms at 30,000 retailers), on a
 * database that already holds a demo city:
 *
 *   SEARCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> npx tsx bench/search-plans.ts
 *
 * Each query shape below is asked of findRetailersInScope exactly as GET /api/retailers asks it (the caller's
 * scope: admin, supervisor1's district, manager1's retailers), the statements it sends are captured, and each is
 * run under EXPLAIN (ANALYZE, BUFFERS) SEARCH_REPEAT times (default 5; the fastest run is kept: the machine is
 * shared, the plan and the buffers do not depend on it). One client, no concurrency: the plan and the pages
 * read, not a load test (bench:lists is that). SEARCH_ONLY=<substring> keeps the shapes whose label holds it;
 * SEARCH_PLAN=1 prints each plan's text. Prints a table and, with SEARCH_OUT, writes the JSON there.
 */
import { writeFileSync } from 'node:fs';
import type { RetailerSort } from '@siyi/contracts';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Db } from '../apps/server/src/db/database';
import { openDatabase } from '../apps/server/src/db/database';
import * as schema from '../apps/server/src/db/schema';
import { retailerScope } from '../apps/server/src/modules/access/data-scope';
import type { RetailerFilters } from '../apps/server/src/modules/retailers/retailer-filter-sql';
import { findRetailersInScope } from '../apps/server/src/modules/retailers/retailers.repository';
import { currentLoadAverage, gitState, machineFacts } from './machine';

const url = process.env.SEARCH_DATABASE_URL;
if (!url) throw new Error('SEARCH_DATABASE_URL: a database holding a demo city');
const repeat = Number(process.env.SEARCH_REPEAT ?? 5);
const only = process.env.SEARCH_ONLY;
const TODAY = '2026-12-01';

type Who = 'admin' | 'supervisor1' | 'manager1';
interface Shape {
  label: string;
  who: Who;
  filters: RetailerFilters;
  sort?: RetailerSort;
  page?: number;
}

/** bench:lists' paths (list-latency.ts), one shape each, and a few more sorts of a common search. */
const SHAPES: Shape[] = [
  { label: 'manager p1', who: 'manager1', filters: {} },
  { label: 'supervisor p1', who: 'supervisor1', filters: {} },
  { label: 'supervisor p20', who: 'supervisor1', filters: {}, page: 20 },
  { label: 'admin p1', who: 'admin', filters: {} },
  { label: 'admin p50', who: 'admin', filters: {}, page: 50 },
  { label: 'admin p150', who: 'admin', filters: {}, page: 150 },
  { label: 'admin q=烟酒', who: 'admin', filters: { q: '烟酒' } },
  { label: 'admin q=店 p2', who: 'admin', filters: { q: '店' }, page: 2 },
  { label: 'admin tier=12', who: 'admin', filters: { tier: 12 } },
  { label: 'admin suspended', who: 'admin', filters: { status: 'suspended' } },
  { label: 'admin q=bld', who: 'admin', filters: { q: 'bld' } },
  { label: 'admin q=xmb', who: 'admin', filters: { q: 'xmb' } },
  { label: 'admin q=bianlidian', who: 'admin', filters: { q: 'bianlidian' } },
  { label: 'admin q=jianguo', who: 'admin', filters: { q: 'jianguo' } },
  { label: 'manager q=wang', who: 'manager1', filters: { q: 'wang' } },
  { label: 'manager q=xmb', who: 'manager1', filters: { q: 'xmb' } },
  { label: 'admin q=建国', who: 'admin', filters: { q: '建国' } },
  { label: 'admin q=东大街', who: 'admin', filters: { q: '东大街' } },
  { label: 'admin tier20-30 convenience', who: 'admin', filters: { tierMin: 20, tierMax: 30, format: 'convenience' } },
  { label: 'admin expiring by expiry', who: 'admin', filters: { licence: 'expiring' }, sort: 'licenceExpiry' },
  { label: 'supervisor tierDesc', who: 'supervisor1', filters: {}, sort: 'tierDesc' },
  { label: 'supervisor expired active', who: 'supervisor1', filters: { licence: 'expired', status: 'active' } },
  { label: 'admin q=xmb tierDesc', who: 'admin', filters: { q: 'xmb' }, sort: 'tierDesc' },
  { label: 'admin q=xmb expiry', who: 'admin', filters: { q: 'xmb' }, sort: 'licenceExpiry' },
  { label: 'supervisor q=xmb tierDesc', who: 'supervisor1', filters: { q: 'xmb' }, sort: 'tierDesc' },
  { label: 'admin q=bld tierAsc', who: 'admin', filters: { q: 'bld' }, sort: 'tierAsc' },
];

interface Measured {
  /** Execution time. */
  ms: number;
  planningMs: number;
  buffers: number;
  rows: number;
  nodes: string[];
  plan: string;
}

const database = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 1 });
let captured: { sql: string; params: unknown[] }[] = [];
const db = drizzle(database.pool, {
  schema,
  logger: { logQuery: (text, params) => captured.push({ sql: text, params }) },
}) as unknown as Db;

async function explain(statement: { sql: string; params: unknown[] }): Promise<Measured> {
  let best: Measured | null = null;
  for (let i = 0; i < repeat; i++) {
    const json = await database.pool.query(
      `explain (analyze, buffers, format json) ${statement.sql}`,
      statement.params,
    );
    const plan = (
      json.rows[0] as {
        'QUERY PLAN': { Plan: Record<string, unknown>; 'Execution Time': number; 'Planning Time': number }[];
      }
    )['QUERY PLAN'][0];
    if (!plan) continue;
    const nodes: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      const name = String(node['Node Type']);
      nodes.push(node['Index Name'] ? `${name} ${String(node['Index Name'])}` : name);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk(plan.Plan);
    const measured = {
      ms: Math.round(plan['Execution Time'] * 100) / 100,
      planningMs: Math.round(plan['Planning Time'] * 100) / 100,
      buffers: Number(plan.Plan['Shared Hit Blocks'] ?? 0) + Number(plan.Plan['Shared Read Blocks'] ?? 0),
      rows: Number(plan.Plan['Actual Rows']),
      nodes,
      plan: '',
    };
    if (!best || measured.ms < best.ms) best = measured;
  }
  if (!best) throw new Error('no plan');
  if (process.env.SEARCH_PLAN) {
    const text = await database.pool.query(`explain (analyze, buffers) ${statement.sql}`, statement.params);
    best.plan = text.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  }
  return best;
}

const actors = new Map<Who, ReturnType<typeof retailerScope>>();
for (const who of ['admin', 'supervisor1', 'manager1'] as const) {
  const found = await database.pool.query<{ id: number; role: string; org_unit_id: number }>(
    'select id, role, org_unit_id from users where username = $1',
    [who],
  );
  const user = found.rows[0];
  if (!user) throw new Error(`no user ${who}`);
  actors.set(
    who,
    retailerScope({ id: user.id, role: user.role, orgUnitId: user.org_unit_id, retailerId: null } as Parameters<
      typeof retailerScope
    >[0]),
  );
}

const machine = machineFacts();
const [{ n: retailerCount } = { n: 0 }] = (
  await database.pool.query<{ n: number }>('select count(*)::int as n from retailers')
).rows;
const results = [];
for (const shape of SHAPES.filter((s) => !only || s.label.includes(only))) {
  captured = [];
  const pageSize = 20;
  const answer = await findRetailersInScope(
    db,
    actors.get(shape.who) as ReturnType<typeof retailerScope>,
    shape.filters,
    { sort: shape.sort ?? 'shopName', offset: ((shape.page ?? 1) - 1) * pageSize, limit: pageSize },
    TODAY,
  );
  const statements = captured;
  const measured = [];
  for (const statement of statements) measured.push(await explain(statement));
  const round = (n: number) => Math.round(n * 100) / 100;
  const ms = round(measured.reduce((sum, m) => sum + m.ms, 0));
  const planningMs = round(measured.reduce((sum, m) => sum + m.planningMs, 0));
  results.push({
    ...shape,
    total: answer.total,
    totalCapped: answer.totalCapped,
    ms,
    planningMs,
    statements: measured,
  });
  console.log(
    `${shape.label.padEnd(28)} ${String(ms).padStart(7)} ms (plan ${String(planningMs).padStart(5)} ms) ${measured
      .map((m) => `${m.buffers} buf`)
      .join(' + ')}  total ${answer.total}${answer.totalCapped ? '+' : ''}  ${measured
      .map((m) => m.nodes.filter((n) => /Scan|Sort/.test(n)).join(', '))
      .join(' | ')}`,
  );
  if (process.env.SEARCH_PLAN) for (const m of measured) console.log(m.plan);
}
await database.close();
if (process.env.SEARCH_OUT) {
  const report = {
    bench: 'search-plans',
    measuredAt: new Date().toISOString(),
    command: 'SEARCH_DATABASE_URL=… npx tsx bench/search-plans.ts',
    repeat,
    retailers: retailerCount,
    machine: { ...machine, loadAverageAtEnd: currentLoadAverage() },
    git: gitState(),
    results,
  };
  writeFileSync(process.env.SEARCH_OUT, `${JSON.stringify(report, null, 2)}\n`);
}
