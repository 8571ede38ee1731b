/**
 * `npm run bench:vrptw -- DIR`: solves every Solomon NAME.txt in DIR and prints one JSON line per instance:
 * { instance, vehicles, distance, ms, routes, reference?, gapPct? }. The routes are checked here, independently
 * of the solver, from the file's own numbers: every customer exactly once, no route over capacity, every
 * service starting within its window, every vehicle back at the depot by its due date; `distance` is recomputed
 * from the routes in double precision. A violation stops the bench with an error.
 *
 * `reference` is the distance-minimising one of DIR/best-known.csv: the double-precision length of CVRPLIB's
 * optimal routes (column cvrplib_routes_length_double), not SINTEF's fewest-vehicles-first figure (see
 * ../shared/data/README.md). `ms` is wall time, `cpuMs` this process's CPU time, the clock the solver's budget
 * (1.5 s by default) is counted on. Options as for bench:routing: --seed, --time-ms, --out, --wall-clock.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseSolomon, type SolomonInstance, solomonMatrix, solomonProblem, solveVrptw } from '@siyi/algorithms';
import { gitState, machineFacts } from '../machine';
import { type BenchArgs, cpuMs, parseBenchArgs, ResultWriter, readCsv, round } from './bench-io';

interface VrptwLine {
  instance: string;
  vehicles: number;
  distance: number;
  ms: number;
  cpuMs: number;
  routes: number[][];
  reference?: number;
  gapPct?: number;
}

const TOLERANCE = 1e-6;

/** Recomputes the distance of `routes` (file customer numbers) and throws at the first violated constraint. */
export function checkSolomon(inst: SolomonInstance, routes: number[][]): number {
  const nodes = inst.nodes;
  const depot = nodes[0];
  if (!depot) throw new Error('no depot');
  const seen = new Uint8Array(nodes.length);
  const d = (a: number, b: number) => {
    const p = nodes[a];
    const q = nodes[b];
    if (!p || !q) throw new Error(`unknown node ${a} or ${b}`);
    return Math.sqrt((p.x - q.x) ** 2 + (p.y - q.y) ** 2);
  };
  if (routes.length > inst.vehicles) throw new Error(`${routes.length} routes for ${inst.vehicles} vehicles`);
  let total = 0;
  for (const route of routes) {
    let t = depot.ready;
    let load = 0;
    let prev = 0;
    for (const c of route) {
      const node = nodes[c];
      if (!node || c === 0) throw new Error(`route visits unknown customer ${c}`);
      if (seen[c]) throw new Error(`customer ${c} visited twice`);
      seen[c] = 1;
      total += d(prev, c);
      t = Math.max(t + d(prev, c), node.ready);
      if (t > node.due + TOLERANCE) throw new Error(`customer ${c} served at ${t}, after its due date ${node.due}`);
      t += node.service;
      load += node.demand;
      prev = c;
    }
    total += d(prev, 0);
    t += d(prev, 0);
    if (t > depot.due + TOLERANCE) throw new Error(`route back at ${t}, after the depot closes at ${depot.due}`);
    if (load > inst.capacity + TOLERANCE) throw new Error(`route load ${load} over capacity ${inst.capacity}`);
  }
  for (let c = 1; c < nodes.length; c++) if (!seen[c]) throw new Error(`customer ${c} not served`);
  return total;
}

function main(args: BenchArgs) {
  const dir = args.dir;
  const references = new Map<string, number>();
  for (const row of readCsv(join(dir, 'best-known.csv'))) {
    const value = Number(row.cvrplib_routes_length_double);
    if (row.instance && row.cvrplib_routes_length_double && Number.isFinite(value)) {
      references.set(row.instance, value);
    }
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const writer = new ResultWriter(args.out ?? `vrptw-${new Date().toISOString().slice(0, 10)}.jsonl`);
  writer.header({
    kind: 'vrptw',
    dir,
    seed: args.seed,
    timeMs: args.timeMs ?? null,
    budgetClock: args.wallClock ? 'wall' : 'cpu',
    reference: 'cvrplib_routes_length_double',
    machine: machineFacts(),
    git: gitState(),
  });
  const lines: VrptwLine[] = [];
  for (const file of files) {
    const name = basename(file, '.txt');
    const inst = parseSolomon(readFileSync(join(dir, file), 'utf8'));
    const started = performance.now();
    const startedCpu = cpuMs();
    const problem = solomonProblem(inst, solomonMatrix(inst));
    const result = solveVrptw(problem, {
      seed: args.seed,
      clock: args.wallClock ? () => performance.now() : cpuMs,
      ...(args.timeMs === undefined ? {} : { timeLimitMs: args.timeMs }),
    });
    const ms = performance.now() - started;
    const cpu = cpuMs() - startedCpu;
    if (result.unassigned.length > 0) throw new Error(`${name}: ${result.unassigned.length} customers unserved`);
    // Customer k of the problem is file node k + 1.
    const routes = result.routes.filter((r) => r.customers.length > 0).map((r) => r.customers.map((c) => c + 1));
    const distance = checkSolomon(inst, routes);
    const line: VrptwLine = {
      instance: name,
      vehicles: routes.length,
      distance: round(distance, 2),
      ms: round(ms, 1),
      cpuMs: round(cpu, 1),
      routes,
    };
    const reference = references.get(name);
    if (reference !== undefined) {
      line.reference = reference;
      line.gapPct = round((100 * (distance - reference)) / reference, 3);
    }
    lines.push(line);
    writer.line(line);
  }
  const gaps = lines.flatMap((l) => (l.gapPct === undefined ? [] : [l.gapPct]));
  writer.summary({
    instances: lines.length,
    feasible: lines.length,
    meanGapPct: gaps.length ? round(gaps.reduce((a, b) => a + b, 0) / gaps.length, 3) : null,
    maxGapPct: gaps.length ? Math.max(...gaps) : null,
    maxMs: lines.length ? Math.max(...lines.map((l) => l.ms)) : null,
    maxCpuMs: lines.length ? Math.max(...lines.map((l) => l.cpuMs)) : null,
    meanMs: round(lines.reduce((a, l) => a + l.ms, 0) / Math.max(1, lines.length), 1),
    meanCpuMs: round(lines.reduce((a, l) => a + l.cpuMs, 0) / Math.max(1, lines.length), 1),
  });
}

main(parseBenchArgs(process.argv.slice(2)));
