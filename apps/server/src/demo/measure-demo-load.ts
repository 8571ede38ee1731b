/**
 * Measures how long the demo city takes to load, on throw-away databases (never the app's own):
 *
 *   npx tsx apps/server/src/demo/measure-demo-load.ts [embedded|server …] [--retailers=N] [--weeks=N] [--batch=N] [--row-by-row]
 *
 * embedded = the embedded PostgreSQL on a temporary data directory (as `npm start` uses), server = a temporary
 * database on TEST_DATABASE_URL (default 127.0.0.1:5432). Not part of the app.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase, runMigrations } from '../db/database';
import { testServerUrl } from '../testing/test-database';
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

/** The backend that executes our queries: one connection in the pool while loading, so it is this one. */
async function databasePid(database: Database): Promise<number | undefined> {
  const rows = await database.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
  return Number(rows.rows[0]?.pid);
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(statement);
  await client.end();
}

async function open(kind: string): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (kind === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'siyi-demo-measure-'));
    const database = await openDatabase({ dataDir: dir, poolSize: 1 });
    await runMigrations(database);
    return { database, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = testServerUrl();
  const name = `siyi_measure_${process.pid}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 1 });
  await runMigrations(database);
  return { database, cleanup: () => adminQuery(adminUrl, `drop database ${name} with (force)`) };
}

for (const kind of kinds.length ? kinds : ['embedded', 'server']) {
  const { database, cleanup } = await open(kind);
  try {
    const dbPid = await databasePid(database);
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
    await cleanup();
  }
}
