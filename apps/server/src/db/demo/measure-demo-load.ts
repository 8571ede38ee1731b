/**
 * Measures how long the demo city takes to load, on throw-away databases (never the app's own):
 *
 *   npx tsx apps/server/src/db/demo/measure-demo-load.ts [pglite|pglite-disk|postgres …] [--retailers=N] [--weeks=N] [--batch=N] [--row-by-row]
 *
 * pglite = in-memory PGlite (as the tests use), pglite-disk = PGlite on a temporary data directory (as `npm
 * start` uses), postgres = a temporary database on TEST_DATABASE_URL (default 127.0.0.1:5432). Not part of the
 * app; the team's `siyi demo` CLI will replace it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { databaseTargets } from '../../testing/test-database';
import { type Database, openDatabase, runMigrations } from '../database';
import { type DemoCityOptions, generateDemoCity } from './demo-city.generate';
import { DEMO_PASSWORD, type DemoLoadProgress, loadGeneratedDemoCity } from './demo-city.load';

const args = process.argv.slice(2);
const kinds = args.filter((a) => !a.startsWith('--'));
const option = (name: string) => {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : undefined;
};
const cityOptions: DemoCityOptions = {};
for (const name of ['retailers', 'weeks', 'products', 'seed', 'managersPerDistrict'] as const) {
  const value = option(name);
  if (value !== undefined) cityOptions[name] = value;
}

const passwordHash = await hash(DEMO_PASSWORD);
let t = performance.now();
const city = generateDemoCity(cityOptions);
const generateMs = performance.now() - t;
console.log(
  `generated ${city.retailers.length} retailers, ${city.products.length} products, ${city.orders.count} orders, ` +
    `${city.lines.count} lines over ${city.weekStarts.length} weeks ending ${city.options.lastWeekStart} in ${Math.round(generateMs)} ms`,
);

/**
 * CPU seconds (user + system) a process has used, from /proc (Linux only; 0 elsewhere). Wall time on a shared
 * machine measures the neighbours as much as the loader; the database process's CPU time does not.
 */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The process that executes our queries: the PGlite host (our child) or the PostgreSQL backend. */
async function databasePid(kind: string, database: Database): Promise<number | undefined> {
  if (kind !== 'postgres') {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/u.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('pglite-host')) {
          return Number(entry);
        }
      } catch {
        // the process went away
      }
    }
    return undefined;
  }
  // One connection in the pool while loading: the transaction's backend is this one.
  const rows = await database.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
  return Number(rows.rows[0]?.pid);
}

async function open(kind: string): Promise<{ database: Database; cleanup: () => void }> {
  if (kind === 'pglite-disk') {
    const dir = mkdtempSync(join(tmpdir(), 'siyi-demo-measure-'));
    const database = await openDatabase({ dataDir: dir });
    await runMigrations(database);
    return { database, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const target = (await databaseTargets()).find((x) => x.kind === kind);
  if (!target) throw new Error(`no ${kind} database available`);
  return { database: await target.open(), cleanup: () => {} };
}

for (const kind of kinds.length ? kinds : ['pglite', 'postgres']) {
  const { database, cleanup } = await open(kind);
  try {
    const dbPid = await databasePid(kind, database);
    const phases = new Map<string, { wall: number; dbCpu: number }>();
    let phase = '';
    let phaseStart = performance.now();
    let phaseCpu = cpuSeconds(dbPid);
    const endPhase = () => {
      const now = performance.now();
      const cpu = cpuSeconds(dbPid);
      const entry = phases.get(phase) ?? { wall: 0, dbCpu: 0 };
      phases.set(phase, { wall: entry.wall + (now - phaseStart) / 1000, dbCpu: entry.dbCpu + cpu - phaseCpu });
      phaseStart = now;
      phaseCpu = cpu;
    };
    const onProgress = (p: DemoLoadProgress) => {
      if (p.phase !== phase) {
        if (phase) endPhase();
        phase = p.phase;
      }
    };
    const nodeCpuStart = process.cpuUsage();
    const dbCpuStart = cpuSeconds(dbPid);
    t = performance.now();
    const batchSize = option('batch');
    const summary = await loadGeneratedDemoCity(database.db, city, {
      passwordHash,
      onProgress,
      ...(batchSize ? { batchSize } : {}),
      ...(args.includes('--row-by-row') ? { bulkLoad: false } : {}),
    });
    const loadMs = performance.now() - t;
    endPhase();
    const nodeCpu = process.cpuUsage(nodeCpuStart);
    console.log(
      `${kind}: loaded in ${(loadMs / 1000).toFixed(1)} s wall (generate ${(generateMs / 1000).toFixed(1)} s before); ` +
        `database process CPU ${(cpuSeconds(dbPid) - dbCpuStart).toFixed(1)} s, this process CPU ` +
        `${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
    );
    console.log(
      `${kind}: phases (wall / database CPU):`,
      [...phases].map(([k, v]) => `${k} ${v.wall.toFixed(1)}/${v.dbCpu.toFixed(1)} s`).join(', '),
    );
    console.log(`${kind}:`, JSON.stringify({ ...summary, demoLogins: undefined }));
  } finally {
    await database.close();
    cleanup();
  }
}
