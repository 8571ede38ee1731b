/**
 * Latency of every list page under concurrent users, against a server that is already running:
 *
 *   LIST_BASE_URL=http://127.0.0.1:3000 npx tsx bench/list-latency.ts
 *
 * Each of LIST_CONCURRENCY users (default 10) signs in once and then asks for list pages back to back for
 * LIST_SECONDS (default 10, after LIST_WARMUP_SECONDS of the same, uncounted), through autocannon (one connection
 * per user, no pipelining). Every page of the table below is measured on its own; the figures are autocannon's
 * time per answer, in ms, with the answers compressed as a browser takes them. Prints a table and, with
 * LIST_OUT, writes the JSON there. LIST_ONLY=<substring> measures only the pages whose label holds it.
 */
import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { DEMO_PASSWORD } from '../apps/server/src/modules/auth/auth.service';
import { signIn } from './api-bench';
import { type ListPage, PAGES } from './list-pages';
import { currentLoadAverage, gitState, machineFacts } from './machine';

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

interface PageFigures {
  label: string;
  paths: string[];
  requests: number;
  failures: number;
  total: number | null;
  /** The answer's total stopped at the search count's cap (RETAILER_SEARCH_COUNT_CAP): "1,000+". */
  totalCapped: boolean;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

async function measure(baseUrl: string, page: ListPage, users: number, warmupMs: number, measureMs: number) {
  const cookie = await signIn(baseUrl, page.username, DEMO_PASSWORD);
  const headers = { cookie, 'accept-encoding': process.env.LIST_ACCEPT_ENCODING ?? 'br, gzip' };
  const first = await fetch(`${baseUrl}${page.paths[0]}`, { headers });
  if (!first.ok) throw new Error(`${page.label}: ${first.status} ${await first.text()}`);
  const body = (await first.json()) as { total?: number; totalCapped?: boolean };
  const run = (durationMs: number, onResponse?: (status: number, ms: number) => void) =>
    new Promise<void>((resolve, reject) => {
      const instance = autocannon(
        {
          url: baseUrl,
          headers,
          connections: users,
          duration: durationMs / 1000,
          // Each user asks for the page's paths in turn, as people page back and forth.
          requests: page.paths.map((path) => ({ method: 'GET' as const, path })),
        },
        (error) => (error ? reject(error) : resolve()),
      );
      if (onResponse) {
        instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
      }
    });
  // Uncounted: JIT, the pool's connections, PostgreSQL's plans and caches.
  if (warmupMs > 0) await run(warmupMs);
  const samples: number[] = [];
  let failures = 0;
  await run(measureMs, (status, ms) => {
    if (status === 200) samples.push(ms);
    else failures++;
  });
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    label: page.label,
    paths: page.paths,
    requests: samples.length,
    failures,
    total: typeof body.total === 'number' ? body.total : null,
    totalCapped: body.totalCapped === true,
    latencyMs: {
      p50: round(percentile(samples, 0.5)),
      p95: round(percentile(samples, 0.95)),
      p99: round(percentile(samples, 0.99)),
      max: round(samples.at(-1) ?? 0),
    },
  } satisfies PageFigures;
}

const baseUrl = process.env.LIST_BASE_URL ?? 'http://127.0.0.1:3000';
const users = Number(process.env.LIST_CONCURRENCY ?? 10);
const seconds = Number(process.env.LIST_SECONDS ?? 10);
const warmup = Number(process.env.LIST_WARMUP_SECONDS ?? 2);
const machine = machineFacts();
const measuredAt = new Date().toISOString();
const results: PageFigures[] = [];
// LIST_ONLY=<substring> measures only the pages whose label holds it (a look at one page; the report says so).
const only = process.env.LIST_ONLY;
for (const page of PAGES.filter((p) => !only || p.label.includes(only))) {
  const figures = await measure(baseUrl, page, users, warmup * 1000, seconds * 1000).catch((error: unknown) => {
    console.log(`${page.label.padEnd(24)} not measured: ${String(error).slice(0, 200)}`);
    return null;
  });
  if (!figures) continue;
  results.push(figures);
  const { p50, p95, p99, max } = figures.latencyMs;
  console.log(
    `${figures.label.padEnd(24)} total ${`${figures.total ?? '-'}${figures.totalCapped ? '+' : ''}`.padStart(6)}  n ${String(figures.requests).padStart(6)}  ` +
      `p50 ${p50} ms  p95 ${p95} ms  p99 ${p99} ms  max ${max} ms${figures.failures ? `  failures ${figures.failures}` : ''}`,
  );
}
if (process.env.LIST_OUT) {
  const report = {
    measuredAt,
    command: `LIST_BASE_URL=${baseUrl} LIST_CONCURRENCY=${users} LIST_SECONDS=${seconds}${only ? ` LIST_ONLY=${only}` : ''} npm run bench:lists -w @siyi/bench`,
    baseUrl,
    users,
    seconds,
    warmupSeconds: warmup,
    // The server, its database and this client share the machine: a load average above the core count means
    // other work was competing too, and every figure is pessimistic.
    machine: { ...machine, loadAverageAtEnd: currentLoadAverage() },
    git: gitState(),
    results,
  };
  writeFileSync(process.env.LIST_OUT, `${JSON.stringify(report, null, 2)}\n`);
}
