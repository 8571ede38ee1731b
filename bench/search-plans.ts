/**
 * The retailer search's plans on a database that already holds a demo city (issue 6: p95 < 50 ms at 30,000):
 *
 *   SEARCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> npx tsx bench/search-plans.ts
 *
 * For each term, the two statements the list sends for admin's first page (the page's ids in shop-name order and
 * the count up to the cap), exactly as findRetailersInScope builds them, run under EXPLAIN (ANALYZE, BUFFERS)
 * SEARCH_REPEAT times (default 5; the fastest run is kept: the machine is shared, buffers do not depend on it);
 * then the same two statements with the search condition as it was before migration 0010 (the LIKE alone), for
 * comparison. One client, no concurrency: the plan and the pages read, not a load test (bench:lists is that).
 * Prints a table and, with SEARCH_OUT, writes the JSON there.
 */
import { writeFileSync } from 'node:fs';
import { RETAILER_SEARCH_COUNT_CAP } from '@siyi/contracts';
import { and, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { openDatabase } from '../apps/server/src/db/database';
import * as schema from '../apps/server/src/db/schema';
import { retailers } from '../apps/server/src/db/schema';
import { containsPattern } from '../apps/server/src/lib/like-pattern';
import { pinyinTerm, retailerFilterConditions } from '../apps/server/src/modules/retailers/retailer-filter-sql';
import { currentLoadAverage, gitState, machineFacts } from './machine';

const url = process.env.SEARCH_DATABASE_URL;
if (!url) throw new Error('SEARCH_DATABASE_URL: a database holding a demo city');
const repeat = Number(process.env.SEARCH_REPEAT ?? 5);
const TERMS = ['建国', '鑫', '东大街', '烟酒', '店', '许昌', 'hxbld', 'bld', 'jianguo', '0374', '12号'];

/** The search condition before migration 0010: the LIKE over search_text, or over search_pinyin for Latin terms. */
function before(q: string) {
  const text = sql`${retailers.searchText} like lower(${containsPattern(q)})`;
  const pinyin = pinyinTerm(q);
  return pinyin === null ? text : sql`(${text} or ${retailers.searchPinyin} like ${containsPattern(pinyin)})`;
}

interface Measured {
  ms: number;
  buffers: number;
  rows: number;
  nodes: string[];
}

const database = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 1 });
const db = drizzle(database.pool, { schema });

async function explain(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<Measured> {
  const { sql: text, params } = query.toSQL();
  let best: Measured | null = null;
  for (let i = 0; i < repeat; i++) {
    const result = await database.pool.query(`explain (analyze, buffers, format json) ${text}`, params);
    const plan = (result.rows[0] as { 'QUERY PLAN': { Plan: Record<string, unknown>; 'Execution Time': number }[] })[
      'QUERY PLAN'
    ][0];
    if (!plan) continue;
    const nodes: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      const name = String(node['Node Type']);
      nodes.push(node['Index Name'] ? `${name} ${String(node['Index Name'])}` : name);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk(plan.Plan);
    const buffers = Number(plan.Plan['Shared Hit Blocks'] ?? 0) + Number(plan.Plan['Shared Read Blocks'] ?? 0);
    const measured = {
      ms: Math.round(plan['Execution Time'] * 100) / 100,
      buffers,
      rows: Number(plan.Plan['Actual Rows']),
      nodes,
    };
    if (!best || measured.ms < best.ms) best = measured;
  }
  if (!best) throw new Error('no plan');
  return best;
}

function statements(where: ReturnType<typeof sql>) {
  const page = db
    .select({ id: retailers.id })
    .from(retailers)
    .where(where)
    .orderBy(retailers.shopName, retailers.id)
    .limit(21);
  const capped = db
    .select({ one: sql`1`.as('one') })
    .from(retailers)
    .where(where)
    .limit(RETAILER_SEARCH_COUNT_CAP + 1)
    .as('matches');
  const count = db.select({ total: sql<number>`count(*)` }).from(capped);
  return { page, count };
}

const machine = machineFacts();
const [{ n: retailerCount } = { n: 0 }] = (
  await database.pool.query<{ n: number }>('select count(*)::int as n from retailers')
).rows;
const results = [];
for (const q of TERMS) {
  const now = statements(and(...retailerFilterConditions({ q }, '2026-12-01')) as ReturnType<typeof sql>);
  const old = statements(before(q));
  const row = {
    q,
    now: { page: await explain(now.page), count: await explain(now.count) },
    before: { page: await explain(old.page), count: await explain(old.count) },
  };
  results.push(row);
  const f = (m: Measured) => `${String(m.ms).padStart(7)} ms ${String(m.buffers).padStart(5)} buf`;
  console.log(
    `${q.padEnd(8)} now page ${f(row.now.page)} count ${f(row.now.count)} | before page ${f(row.before.page)} count ${f(row.before.count)}`,
  );
}
// The tier filter and order without an index of their own (migration 0010): admin's first page and count.
const tierFilters = [];
for (const [label, where, order] of [
  ['tier = 12', sql`${retailers.tier} = 12`, sql`${retailers.shopName}, ${retailers.id}`],
  ['tier 20–30', sql`${retailers.tier} between 20 and 30`, sql`${retailers.shopName}, ${retailers.id}`],
  ['order tier desc', sql`true`, sql`${retailers.tier} desc, ${retailers.shopName} desc, ${retailers.id} desc`],
] as const) {
  const page = db.select({ id: retailers.id }).from(retailers).where(where).orderBy(order).limit(21);
  const count = db.select({ total: sql<number>`count(*)` }).from(retailers).where(where);
  const row = { label, page: await explain(page), count: await explain(count) };
  tierFilters.push(row);
  console.log(
    `${label.padEnd(16)} page ${row.page.ms} ms ${row.page.buffers} buf  count ${row.count.ms} ms ${row.count.buffers} buf`,
  );
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
    tierFilters,
  };
  writeFileSync(process.env.SEARCH_OUT, `${JSON.stringify(report, null, 2)}\n`);
}
