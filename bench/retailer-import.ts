/**
 * Time of a 30,000-row retailer import through the app's own route (app.inject: multipart parsing, the CSV read,
 * every row checked, the bulk writes, audit and timeline all count; no network):
 *
 *   npm run bench:import                         # 30,000 rows into a demo city of 300 retailers
 *   IMPORT_ROWS=50000 npm run bench:import
 *   IMPORT_DATABASE=embedded npm run bench:import  # the embedded PostgreSQL the app starts by default
 *   IMPORT_OUT=/tmp/import.json npm run bench:import   # a working look, kept out of bench/results
 *
 * On a throw-away database of the PostgreSQL server at IMPORT_POSTGRES_URL (default 127.0.0.1:5432), or on a fresh
 * embedded one. Three runs of the same file: a dry run, the commit (every row a new retailer) and a second commit
 * with every tier changed (every row an update). Progress is polled through GET /api/retailers/import/:key
 * meanwhile, as the web does. Each run records its wall time, the app's CPU, the database's CPU (its backends'),
 * how busy the whole machine was (other work skews every figure) and the service's own phases (parsing, checks,
 * lookups, pinyin, writes, audit, timeline, progress; `importPhaseChannel`). Prints the figures and writes them to
 * IMPORT_OUT or bench/results/import-<rows>-<date>.json.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { buildApp } from '../apps/server/src/app';
import { testConfig } from '../apps/server/src/config';
import { systemClock } from '../apps/server/src/lib/clock';
import { multipart } from '../apps/server/src/modules/retailer-import/import-testing';
import {
  type ImportPhaseTime,
  importPhaseChannel,
} from '../apps/server/src/modules/retailer-import/retailer-import.service';
import { openEmbedded, openPostgres } from './bench-databases';
import { DEMO_PASSWORD, timeDemoLoad } from './demo-load';
import { currentLoadAverage, gitState, machineFacts } from './machine';

const rows = Number(process.env.IMPORT_ROWS ?? 30_000);
const postgresUrl = process.env.IMPORT_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseKind = process.env.IMPORT_DATABASE === 'embedded' ? 'embedded' : 'server';
const CLOCK_TICKS_PER_SECOND = 100;
const cleanups = new Set<() => Promise<void>>();
const registerCleanup = (cleanup: () => Promise<void>) => {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
};

/** CPU ticks (user + system) of every process on the machine, by pid, with its command line and parent. */
function processTicks(): Map<number, { ticks: number; parent: number; command: string }> {
  const out = new Map<number, { ticks: number; parent: number; command: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/u.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command (which may hold spaces, inside parentheses): state is field 3.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      out.set(Number(name), {
        parent: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        command,
      });
    } catch {
      // Ended meanwhile.
    }
  }
  return out;
}

/**
 * The database's side of the work: the processes serving the bench's database. On the server, its backends (named
 * by the database in their command line); embedded, every process descending from this one.
 */
function databaseTicks(databaseName: string | null): number {
  const all = processTicks();
  const mine = (pid: number) => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; hops++) {
      const entry = all.get(p);
      if (!entry) return false;
      if (entry.parent === process.pid) return true;
      p = entry.parent;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, entry] of all) {
    if (pid === process.pid) continue;
    // A backend's command line: "postgres: 15/main: postgres <database> 127.0.0.1(…) idle".
    const serves = databaseName
      ? entry.command.startsWith('postgres: ') && entry.command.includes(` ${databaseName} `)
      : mine(pid);
    if (serves) ticks += entry.ticks;
  }
  return ticks;
}

/** Busy and total CPU ticks of the whole machine (every core). */
function machineTicks() {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '')
    .trim()
    .split(/\s+/u)
    .slice(1, 9)
    .map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

async function main() {
  const bench = databaseKind === 'embedded' ? await openEmbedded() : await openPostgres(postgresUrl, registerCleanup);
  const databaseName = databaseKind === 'embedded' ? null : new URL(bench.location).pathname.slice(1);
  const phases = new Map<string, { ms: number; cpuMs: number }>();
  importPhaseChannel.subscribe((message) => {
    const { phase, ms, cpuMs } = message as ImportPhaseTime;
    const sum = phases.get(phase) ?? { ms: 0, cpuMs: 0 };
    phases.set(phase, { ms: sum.ms + ms, cpuMs: sum.cpuMs + cpuMs });
  });
  try {
    await timeDemoLoad(bench.database, { retailers: 300, weeks: undefined }, () => {});
    const app = await buildApp({
      config: testConfig(),
      database: bench.database,
      clock: systemClock,
      webDist: '/nonexistent-web-dist',
    });
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`admin sign-in: ${login.statusCode}`);
    const headers = {
      cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
    };
    const managers = (
      await bench.database.pool.query<{ name: string; district: string }>(
        `select u.username as name, d.name as district from users u join org_units d on d.id = u.org_unit_id
         where u.role = 'manager' order by u.id`,
      )
    ).rows;
    const file = (tierShift: number) => {
      const lines = [
        '许可证号,店名,负责人,电话,地址,业态,档位,片区,客户经理,纬度,经度,营业时间,订货日,经营范围,诚信等级,许可证有效期止',
      ];
      for (let i = 0; i < rows; i++) {
        const m = managers[i % managers.length] as { name: string; district: string };
        lines.push(
          [
            `411002${String(100_000 + i)}`,
            `测试导入便利店${i}号`,
            `王${i}`,
            `139${String(i).padStart(8, '0')}`,
            `许昌市魏都区建设路${i}号`,
            i % 3 ? '便利店' : '烟酒店',
            ((i + tierShift) % 30) + 1,
            m.district,
            m.name,
            (34 + (i % 100) / 1000).toFixed(4),
            (113.8 + (i % 100) / 1000).toFixed(4),
            '08:00-21:00',
            `周${'一二三四五六日'[i % 7]}`,
            '卷烟、雪茄烟',
            'ABCD'[i % 4],
            '2028-06-30',
          ].join(','),
        );
      }
      return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
    };

    const run = async (label: string, bytes: Buffer, dryRun: boolean) => {
      const key = randomUUID();
      const { payload, contentType } = multipart('retailers.csv', bytes);
      let polls = 0;
      let lastProgress = 0;
      let polling = true;
      const poller = (async () => {
        while (polling) {
          const response = await app.inject({ method: 'GET', url: `/api/retailers/import/${key}`, headers });
          polls += 1;
          if (response.statusCode === 200) lastProgress = response.json<{ processedRows: number }>().processedRows;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      })();
      const loadBefore = currentLoadAverage();
      phases.clear();
      const databaseBefore = databaseTicks(databaseName);
      const machineBefore = machineTicks();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const response = await app.inject({
        method: 'POST',
        url: `/api/retailers/import?dryRun=${String(dryRun)}&key=${key}`,
        headers: { ...headers, 'content-type': contentType },
        payload,
      });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const machineAfter = machineTicks();
      const databaseCpuSeconds = (databaseTicks(databaseName) - databaseBefore) / CLOCK_TICKS_PER_SECOND;
      polling = false;
      await poller;
      if (response.statusCode !== 200)
        throw new Error(`${label}: ${response.statusCode} ${response.body.slice(0, 300)}`);
      const report = response.json<{ created: number; updated: number; unchanged: number; errorCount: number }>();
      const row = {
        label,
        rows,
        bytes: bytes.length,
        seconds: Math.round(seconds * 100) / 100,
        // The app's own CPU (parsing, checks, pinyin, JSON): on a machine this busy, wall time is mostly waiting.
        appCpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
        databaseCpuSeconds: round2(databaseCpuSeconds),
        // Share of all cores busy during the run, the bench's own app and database included.
        machineBusyShare: round2(
          (machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total),
        ),
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        errors: report.errorCount,
        progressPolls: polls,
        lastPolledProgress: lastProgress,
        loadAverageBefore: loadBefore,
        loadAverageAfter: currentLoadAverage(),
        // Per phase of the service: wall and the app's CPU milliseconds. A batch's write overlaps the next batch's
        // pinyin, so phases need not add up; a statement's wall time is mostly the database's.
        phases: Object.fromEntries(
          [...phases].map(([phase, t]) => [phase, { ms: Math.round(t.ms), cpuMs: Math.round(t.cpuMs) }]),
        ),
      };
      process.stdout.write(`${JSON.stringify(row)}\n`);
      return row;
    };

    const first = file(0);
    const results = [
      await run('dry run (30,000 new)', first, true),
      await run('commit (30,000 new)', first, false),
      await run('commit (30,000 updated tiers)', file(7), false),
    ];
    await app.close();
    const out = {
      date: new Date().toISOString(),
      machine: machineFacts(),
      git: gitState(),
      database: `${bench.version.split(',')[0]} (${databaseKind})`,
      results,
    };
    const path =
      process.env.IMPORT_OUT ??
      new URL(`results/import-${rows}-${out.date.slice(0, 10)}.json`, import.meta.url).pathname;
    writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
    process.stdout.write(`written ${path}\n`);
  } finally {
    await bench.dispose();
  }
}

main().catch(async (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await Promise.allSettled([...cleanups].map((c) => c()));
  process.exit(1);
});
