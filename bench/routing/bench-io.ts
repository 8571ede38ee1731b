/** Argument parsing, CSV reading and result files shared by the two routing benches. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchArgs {
  dir: string;
  seed: number;
  timeMs: number | undefined;
  out: string | undefined;
  /** Budget the solver by wall-clock time instead of this process's CPU time. */
  wallClock: boolean;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let dir: string | undefined;
  let seed = 1;
  let timeMs: number | undefined;
  let out: string | undefined;
  let wallClock = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--seed') seed = Number(value());
    else if (arg === '--time-ms') timeMs = Number(value());
    else if (arg === '--out') out = value();
    else if (arg === '--wall-clock') wallClock = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else dir = arg;
  }
  if (dir === undefined) throw new Error('usage: DIR [--seed N] [--time-ms N] [--out FILE] [--wall-clock]');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  if (timeMs !== undefined && !(timeMs > 0)) throw new Error('--time-ms must be positive');
  // npm runs scripts from the package's folder; a relative DIR means relative to where npm was invoked.
  return { dir: resolve(process.env.INIT_CWD ?? process.cwd(), dir), seed, timeMs, out, wallClock };
}

/** A small CSV reader for the reference files (no quoted fields in them). */
export function readCsv(path: string): Record<string, string>[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const [head, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (head === undefined) return [];
  const cols = head.split(',').map((c) => c.trim());
  return rows.map((row) => {
    const cells = row.split(',');
    return Object.fromEntries(cols.map((c, i) => [c, (cells[i] ?? '').trim()]));
  });
}

/**
 * CPU milliseconds of this process (user + system). The benches give the solver this clock, so that its budget
 * is one core's time even when other work shares the machine (a wall-clock budget on a loaded 2-core machine
 * would hand the solver a fraction of a core and measure the neighbours). Each line reports both.
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/**
 * Prints each instance's line on stdout (the interface the issue asks for) and writes the same lines, after a
 * header line with the machine and before a summary line, to bench/results/FILE.
 */
export class ResultWriter {
  private readonly lines: string[] = [];
  private readonly path: string;
  constructor(file: string) {
    this.path = isAbsolute(file) ? file : join(RESULTS, file);
  }
  header(value: object) {
    this.lines.push(JSON.stringify({ header: value }));
  }
  line(value: object) {
    const text = JSON.stringify(value);
    process.stdout.write(`${text}\n`);
    this.lines.push(text);
  }
  summary(value: object) {
    this.lines.push(JSON.stringify({ summary: value }));
    process.stderr.write(`summary ${JSON.stringify(value)}\nwritten to ${this.path}\n`);
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, `${this.lines.join('\n')}\n`);
  }
}
