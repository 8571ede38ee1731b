import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseKind } from '../apps/server/src/db/database';
import type { Measurement } from './api-bench';
import type { DemoLoadFigures } from './demo-load';
import type { MachineFacts } from './machine';
import type { FloorFigures } from './sql-floor';

export const RESULTS_DIR = fileURLToPath(new URL('./results', import.meta.url));

export interface RouteMeasurement {
  label: string;
  path: string;
  username: string;
  role: 'manager' | 'admin' | 'supervisor';
  /** For lists: the retailers this user may see (the answer's total); null for other routes. */
  visibleRetailers: number | null;
  bodyBytes: number;
  app: Measurement;
  /** The same SQL the route sends for one request, replayed through a bare node-postgres pool (the floor). */
  floor: FloorFigures;
  /** The bare Fastify answering a body of the same bytes; null where not measured. */
  ceiling: Measurement | null;
  /** app requests/s ÷ ceiling requests/s. */
  appShareOfCeiling: number | null;
  /** app requests/s ÷ floor requests/s: how much of the database's own pace the app keeps. */
  appShareOfFloor: number;
}

/** A light route alone and again while another client drives a heavy one. */
export interface MixedLoadMeasurement {
  light: { label: string; path: string; connections: number };
  heavy: { label: string; path: string; connections: number };
  alone: Measurement;
  underHeavy: Measurement;
  heavyFigures: Measurement;
}

export interface DatabaseRun {
  kind: DatabaseKind;
  version: string;
  location: string;
  openSeconds: number;
  migrateSeconds: number;
  /** VACUUM (ANALYZE) and CHECKPOINT between the load and the API measurements. */
  settleSeconds: number | null;
  demoCity: DemoLoadFigures & { rowsByTable: Record<string, number>; databaseBytes: number };
  /** null when this pass measured the load time only. */
  routes: RouteMeasurement[] | null;
  mixedLoad: MixedLoadMeasurement | null;
}

export interface BenchResults {
  name: string;
  command: string;
  startedAt: string;
  wallSeconds: number;
  /** Which process does what, since the client and server share the machine's cores. */
  processLayout: string;
  settings: {
    retailers: number | 'default';
    weeks: number | 'default';
    routes: string[];
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    appWarmupSeconds: number;
  };
  machine: MachineFacts & { busyShareAtStart: number | null; loadAverageAtEnd: number[] };
  /** The code measured: a dirty tree means uncommitted changes were part of it. */
  git: { commit: string; dirty: boolean } | null;
  versions: { node: string; fastify: string; autocannon: string };
  runs: DatabaseRun[];
  /** Parts left out, and why. */
  notes: string[];
}

/** Writes results/<name>-<date>.json and results/latest.json; through a .tmp file so a killed run leaves no half file. */
export function writeResults(results: BenchResults): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  // Four decimals are finer than any figure here is reproducible; more is noise in a committed file.
  const rounded = (_key: string, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 10_000) / 10_000 : value;
  const text = `${JSON.stringify(results, rounded, 2)}\n`;
  const date = results.startedAt.slice(0, 10);
  const paths = [join(RESULTS_DIR, `${results.name}-${date}.json`), join(RESULTS_DIR, 'latest.json')];
  for (const path of paths) {
    const temporary = `${path}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  }
  return paths;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function n(value: number): string {
  return integer.format(value);
}

function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

function percent(share: number | null): string {
  return share === null ? '?' : `${Math.round(share * 100)}%`;
}

function table(header: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function allRight(count: number, except: number[] = [0]): Set<number> {
  return new Set(Array.from({ length: count }, (_, i) => i).filter((i) => !except.includes(i)));
}

function problems(label: string, f: Measurement): string[] {
  const found: string[] = [];
  if (f.non2xx > 0) found.push(`${label}: ${n(f.non2xx)} answers were not 2xx`);
  if (f.errors > 0) found.push(`${label}: ${n(f.errors)} connection errors (${n(f.timeouts)} time-outs)`);
  return found;
}

export function renderTable(results: BenchResults): string {
  const m = results.machine;
  const out: string[] = [];
  const code = results.git
    ? `${results.git.commit.slice(0, 7)}${results.git.dirty ? ' + uncommitted changes' : ''}`
    : '?';
  out.push(
    `Siyi bench · ${results.startedAt} · ${code} · Node ${m.node} · ${m.cpuModel} × ${m.cores} cores · ` +
      `${fixed(m.totalMemoryBytes / 2 ** 30)} GiB · other work kept ${percent(m.busyShareAtStart)} of the CPU busy at start`,
  );
  out.push(`Processes: ${results.processLayout}`);
  out.push('');

  const size =
    results.settings.retailers === 'default' && results.settings.weeks === 'default'
      ? 'default size'
      : `retailers ${results.settings.retailers}, weeks ${results.settings.weeks}`;
  out.push(`1. Demo city: loadDemoCity on a fresh, migrated database (${size})`);
  out.push(
    table(
      [
        'database',
        'open s',
        'migrate s',
        'load s',
        'retailers',
        'users',
        'orders',
        'order lines',
        'lines/s',
        'size MiB',
      ],
      results.runs.map((r) => {
        const s = r.demoCity.summary;
        return [
          r.kind,
          fixed(r.openSeconds),
          fixed(r.migrateSeconds),
          fixed(r.demoCity.seconds),
          n(s.retailers),
          n(s.users),
          n(s.orders),
          n(s.orderLines),
          n(r.demoCity.orderLinesPerSecond),
          n(r.demoCity.databaseBytes / 2 ** 20),
        ];
      }),
      allRight(10),
    ),
  );
  for (const r of results.runs) {
    const phases = r.demoCity.phases.map((p) => `${p.phase} ${fixed(p.seconds)} s (${n(p.done)})`);
    phases.push(`after the last report ${fixed(r.demoCity.afterLastReportSeconds)} s`);
    out.push(`   ${r.kind} phases, seconds (rows): ${phases.join(' · ')}`);
  }
  out.push('');

  const s = results.settings;
  out.push(
    `2. API routes — autocannon, ${s.connections} connections, ${s.durationSeconds} s measured after ${s.warmupSeconds} s warm-up ` +
      `(and ${s.appWarmupSeconds} s uncounted on each fresh app first)`,
  );
  out.push(
    '   "SQL floor": the statements the route sent for one request, replayed through a bare node-postgres pool with ' +
      'the same concurrency; "bare": plain Fastify() answering a precomputed body of the same bytes (the ceiling)',
  );
  const rows: string[][] = [];
  const warnings: string[] = [];
  for (const r of results.runs) {
    for (const l of r.routes ?? []) {
      rows.push([
        r.kind,
        l.label,
        l.visibleRetailers === null ? '' : n(l.visibleRetailers),
        n(l.bodyBytes),
        n(l.app.latencyMs.p50),
        n(l.app.latencyMs.p99),
        n(l.app.requestsPerSecond),
        `${l.floor.statements}`,
        fixed(l.floor.latencyMs.p50, 2),
        fixed(l.floor.latencyMs.p99, 2),
        n(l.floor.requestsPerSecond),
        `${fixed(l.appShareOfFloor * 100)}%`,
        l.ceiling ? n(l.ceiling.requestsPerSecond) : '',
        l.appShareOfCeiling === null ? '' : `${fixed(l.appShareOfCeiling * 100)}%`,
        percent(l.app.machineBusyBefore),
      ]);
      warnings.push(...problems(`${r.kind} ${l.label}`, l.app));
      if (l.ceiling) warnings.push(...problems(`bare ${l.bodyBytes} B`, l.ceiling));
    }
  }
  out.push(
    table(
      [
        'database',
        'route',
        'sees',
        'bytes',
        'p50 ms',
        'p99 ms',
        'req/s',
        'SQL stmts',
        'floor p50',
        'floor p99',
        'floor /s',
        'app/floor',
        'bare req/s',
        'app/bare',
        'others busy',
      ],
      rows,
      allRight(15, [0, 1]),
    ),
  );
  out.push('');
  const mixedRows: string[][] = [];
  for (const r of results.runs) {
    const m = r.mixedLoad;
    if (!m) continue;
    mixedRows.push([
      r.kind,
      `${m.light.label} (${m.light.connections} conn.)`,
      n(m.alone.requestsPerSecond),
      n(m.alone.latencyMs.p50),
      n(m.alone.latencyMs.p99),
      n(m.underHeavy.requestsPerSecond),
      n(m.underHeavy.latencyMs.p50),
      n(m.underHeavy.latencyMs.p99),
      `${m.heavy.label} (${m.heavy.connections} conn.)`,
      n(m.heavyFigures.requestsPerSecond),
    ]);
    warnings.push(
      ...problems(`${r.kind} mixed light`, m.underHeavy),
      ...problems(`${r.kind} mixed heavy`, m.heavyFigures),
    );
  }
  if (mixedRows.length > 0) {
    out.push('3. Mixed load: a light route alone, then while another client drives a heavy one');
    out.push(
      table(
        [
          'database',
          'light route',
          'alone req/s',
          'p50 ms',
          'p99 ms',
          'under heavy req/s',
          'p50 ms',
          'p99 ms',
          'heavy route',
          'heavy req/s',
        ],
        mixedRows,
        allRight(10, [0, 1, 8]),
      ),
    );
  }
  for (const w of warnings) out.push(`   !! ${w}`);
  for (const note of results.notes) out.push(`   note: ${note}`);
  out.push('');
  return out.join('\n');
}
