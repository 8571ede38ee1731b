/**
 * CPU time per answer of every list page, against a server that is already running — a figure that, unlike the
 * p95 of `list-latency.ts`, hardly moves with other work on the machine:
 *
 *   CPU_BASE_URL=http://127.0.0.1:3200 CPU_SERVER_PID=<pid of the server's node process> npx tsx bench/list-cpu.ts
 *
 * For each page of `list-pages.ts`, CPU_CONCURRENCY users (default 10, one connection each) ask its paths in turn
 * until CPU_REQUESTS answers (default 2,000) came back, after CPU_WARMUP (default 300) uncounted. The server's
 * process time (user + system, from /proc/<pid>/stat) over the counted answers, divided by their number, is its
 * CPU per answer. PostgreSQL's is that of the backends serving the server's connections, when its DATABASE_URL
 * names them (`?application_name=<CPU_PG_APP>`, with CPU_DATABASE_URL to look them up), else of every `postgres` process (others' queries included, when
 * anyone else uses the database server meanwhile); the client's is this process's own (autocannon runs in it).
 * CPU_ONLY=<substring> measures only the pages whose label holds it; CPU_OUT writes the JSON there.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEMO_PASSWORD } from '../apps/server/src/modules/auth/auth.service';
import { signIn } from './api-bench';
import { type ListPage, PAGES } from './list-pages';
import { currentLoadAverage, gitState, machineFacts } from './machine';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** user + system time of a process in ms (0 when it is gone). */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fields after it start past its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** The pids of the backends serving `app` (pg_stat_activity), or of every `postgres` process without one. */
async function postgresPids(app: string | undefined): Promise<number[]> {
  if (app && pgClient) {
    const result = await pgClient.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [app],
    );
    return result.rows.map((row) => row.pid);
  }
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * The whole machine's busy time in ms (user, nice, system, irq, softirq, steal of /proc/stat's first line): with
 * the machine saturated, what the answers per second are divided out of — the three processes' times above plus
 * the kernel's network work between them, which no process is charged for.
 */
function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}

function clientCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function run(baseUrl: string, headers: Record<string, string>, page: ListPage, connections: number, amount: number) {
  return new Promise<{ ok: number; other: number }>((resolve, reject) => {
    let ok = 0;
    let other = 0;
    const instance = autocannon(
      {
        url: baseUrl,
        headers,
        connections,
        amount,
        requests: page.paths.map((path) => ({ method: 'GET' as const, path })),
      },
      (error) => (error ? reject(error) : resolve({ ok, other })),
    );
    instance.on('response', (_client, status) => {
      if (status === 200) ok++;
      else other++;
    });
  });
}

const baseUrl = process.env.CPU_BASE_URL ?? 'http://127.0.0.1:3000';
const serverPid = Number(process.env.CPU_SERVER_PID);
if (!Number.isInteger(serverPid) || processCpuMs(serverPid) === 0) {
  throw new Error('CPU_SERVER_PID must name the running server’s node process');
}
const users = Number(process.env.CPU_CONCURRENCY ?? 10);
const requests = Number(process.env.CPU_REQUESTS ?? 2000);
const warmup = Number(process.env.CPU_WARMUP ?? 300);
const only = process.env.CPU_ONLY;
// The server's backends, when its DATABASE_URL names them (`?application_name=…`): CPU_PG_APP and CPU_DATABASE_URL.
const pgApp = process.env.CPU_PG_APP;
const pgClient = pgApp && process.env.CPU_DATABASE_URL ? new pg.Client(process.env.CPU_DATABASE_URL) : null;
await pgClient?.connect();
const machine = machineFacts();
const results: {
  label: string;
  requests: number;
  failures: number;
  cpuMsPerAnswer: { server: number; postgres: number; client: number; machine: number };
  answersPerSecond: number;
}[] = [];
const round = (ms: number) => Math.round(ms * 1000) / 1000;

for (const page of PAGES.filter((p) => !only || p.label.includes(only))) {
  const cookie = await signIn(baseUrl, page.username, DEMO_PASSWORD);
  const headers = { cookie, 'accept-encoding': process.env.CPU_ACCEPT_ENCODING ?? 'br, gzip' };
  await run(baseUrl, headers, page, users, warmup);
  // The pool keeps its connections while busy; a backend started meanwhile counts from zero.
  const pgBefore = new Map((await postgresPids(pgApp)).map((pid) => [pid, processCpuMs(pid)]));
  const before = { server: processCpuMs(serverPid), client: clientCpuMs(), machine: machineBusyMs(), at: Date.now() };
  const { ok, other } = await run(baseUrl, headers, page, users, requests);
  let postgresMs = 0;
  for (const pid of await postgresPids(pgApp)) postgresMs += processCpuMs(pid) - (pgBefore.get(pid) ?? 0);
  const seconds = (Date.now() - before.at) / 1000;
  const n = ok + other;
  const figures = {
    label: page.label,
    requests: n,
    failures: other,
    cpuMsPerAnswer: {
      server: round((processCpuMs(serverPid) - before.server) / n),
      postgres: round(postgresMs / n),
      client: round((clientCpuMs() - before.client) / n),
      machine: round((machineBusyMs() - before.machine) / n),
    },
    answersPerSecond: Math.round(n / seconds),
  };
  results.push(figures);
  const { server, postgres, client, machine: all } = figures.cpuMsPerAnswer;
  console.log(
    `${page.label.padEnd(24)} n ${String(n).padStart(5)}  server ${server.toFixed(2)} ms  postgres ${postgres.toFixed(2)} ms  ` +
      `client ${client.toFixed(2)} ms  machine ${all.toFixed(2)} ms  ${figures.answersPerSecond}/s${other ? `  failures ${other}` : ''}`,
  );
}
await pgClient?.end();
if (process.env.CPU_OUT) {
  const report = {
    measuredAt: new Date().toISOString(),
    baseUrl,
    users,
    requests,
    postgresBackends: pgClient ? `application_name ${pgApp}` : 'all',
    machine: { ...machine, loadAverageAtEnd: currentLoadAverage() },
    git: gitState(),
    results,
  };
  writeFileSync(process.env.CPU_OUT, `${JSON.stringify(report, null, 2)}\n`);
}
