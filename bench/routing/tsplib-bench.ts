/**
 * `npm run bench:routing -- DIR`: solves every NAME.tsp in DIR with the route solver and prints one JSON line
 * per instance: { instance, n, length, optimal, gapPct, ms, tour }. `length` is recomputed here from the printed
 * tour with TSPLIB's distance function (not taken from the solver), `optimal` comes from DIR/optima.csv, and
 * `ms` is the wall time of the whole solve (distance matrix, neighbour lists, construction, search).
 * `cpuMs` is the CPU time this process spent on it: the solver's budget is counted on that clock (see `cpuMs` in
 * bench-io), so a loaded machine does not shorten the search; --wall-clock budgets by wall time instead.
 * Options: --seed N (default 1), --time-ms N (solver budget; default: the solver's own, ~1.2 ms per node),
 * --out FILE (also write the lines there; default bench/results/routing-<date>.jsonl), --wall-clock.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseTsplib, solveTsp, tsplibDistance, tsplibMatrix } from '@siyi/algorithms';
import { gitState, machineFacts } from '../machine';
import { type BenchArgs, cpuMs, parseBenchArgs, ResultWriter, readCsv, round } from './bench-io';

interface TspLine {
  instance: string;
  n: number;
  length: number;
  optimal: number | null;
  gapPct: number | null;
  ms: number;
  cpuMs: number;
  tour: number[];
}

function main(args: BenchArgs) {
  const dir = resolve(args.dir);
  const optima = new Map<string, number>();
  for (const row of readCsv(join(dir, 'optima.csv'))) {
    const value = Number(row.optimal_length);
    if (row.instance && Number.isFinite(value)) optima.set(row.instance, value);
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.tsp'))
    .sort();
  const writer = new ResultWriter(args.out ?? `routing-${new Date().toISOString().slice(0, 10)}.jsonl`);
  writer.header({
    kind: 'routing',
    dir,
    seed: args.seed,
    timeMs: args.timeMs ?? null,
    budgetClock: args.wallClock ? 'wall' : 'cpu',
    machine: machineFacts(),
    git: gitState(),
  });
  const lines: TspLine[] = [];
  for (const file of files) {
    const name = basename(file, '.tsp');
    const inst = parseTsplib(readFileSync(join(dir, file), 'utf8'));
    const n = inst.dimension;
    const started = performance.now();
    const startedCpu = cpuMs();
    const matrix = tsplibMatrix(inst);
    const result = solveTsp(matrix, n, {
      seed: args.seed,
      clock: args.wallClock ? () => performance.now() : cpuMs,
      ...(args.timeMs === undefined ? {} : { timeLimitMs: args.timeMs }),
    });
    const ms = performance.now() - started;
    const cpu = cpuMs() - startedCpu;
    // Honest length: checked to be a permutation and recomputed from the printed tour, edge by edge.
    const seen = new Uint8Array(n);
    for (const v of result.tour) {
      if (seen[v]) throw new Error(`${name}: node ${v + 1} visited twice`);
      seen[v] = 1;
    }
    if (result.tour.length !== n) throw new Error(`${name}: tour has ${result.tour.length} of ${n} nodes`);
    let length = 0;
    for (let i = 0; i < n; i++)
      length += tsplibDistance(inst, result.tour[i] as number, result.tour[(i + 1) % n] as number);
    const optimal = optima.get(name) ?? null;
    const line: TspLine = {
      instance: name,
      n,
      length,
      optimal,
      gapPct: optimal === null ? null : round((100 * (length - optimal)) / optimal, 3),
      ms: round(ms, 1),
      cpuMs: round(cpu, 1),
      tour: result.tour.map((v) => v + 1),
    };
    lines.push(line);
    writer.line(line);
  }
  const gaps = lines.flatMap((l) => (l.gapPct === null ? [] : [l.gapPct]));
  const small = lines.filter((l) => l.n <= 100);
  writer.summary({
    instances: lines.length,
    meanGapPct: gaps.length ? round(gaps.reduce((a, b) => a + b, 0) / gaps.length, 3) : null,
    maxGapPct: gaps.length ? Math.max(...gaps) : null,
    maxMsUpTo100: small.length ? Math.max(...small.map((l) => l.ms)) : null,
    maxCpuMsUpTo100: small.length ? Math.max(...small.map((l) => l.cpuMs)) : null,
    meanMs: round(lines.reduce((a, l) => a + l.ms, 0) / Math.max(1, lines.length), 1),
    meanCpuMs: round(lines.reduce((a, l) => a + l.cpuMs, 0) / Math.max(1, lines.length), 1),
  });
}

main(parseBenchArgs(process.argv.slice(2)));
