/**
 * The floor under an API route: the exact SQL the app sends for one request, replayed through a bare
 * node-postgres pool with the same concurrency as the HTTP load. What the app costs above this is the price of
 * HTTP, sessions, validation, mapping and serialisation; the floor itself is the database's share.
 */
import pg from 'pg';
import type { Database } from '../apps/server/src/db/database';

export interface CapturedQuery {
  text: string;
  values: unknown[];
  rowMode: 'array' | undefined;
}

type QueryArgument = string | { text: string; values?: unknown[]; rowMode?: 'array' };

/** Records every statement the app sends through its pool while `during` runs (one request, served alone). */
export async function captureQueries(database: Database, during: () => Promise<void>): Promise<CapturedQuery[]> {
  // The pool's overloaded `query` is swapped for a recorder and back; its type is beside the point here.
  const pool = database.pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = pool.query;
  // Requests of an earlier load may still be in flight: let them finish so their statements are not recorded.
  const counts = database.pool as unknown as { totalCount: number; idleCount: number; waitingCount: number };
  const quietBy = performance.now() + 10_000;
  await new Promise((resolve) => setTimeout(resolve, 500));
  while (counts.totalCount - counts.idleCount + counts.waitingCount > 0 && performance.now() < quietBy) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const captured: CapturedQuery[] = [];
  pool.query = function capture(this: unknown, ...args: unknown[]) {
    const [first, second] = args as [QueryArgument, unknown];
    const text = typeof first === 'string' ? first : first.text;
    const values = Array.isArray(second) ? second : typeof first === 'string' ? [] : (first.values ?? []);
    const rowMode = typeof first === 'string' ? undefined : first.rowMode;
    captured.push({ text, values, rowMode });
    return original.apply(this, args);
  };
  try {
    await during();
  } finally {
    pool.query = original;
  }
  return captured;
}

export interface FloorFigures {
  /** Statements one request sends. */
  statements: number;
  /** Whole requests' worth of SQL completed per second, over all connections. */
  requestsPerSecond: number;
  /** Latency of one request's SQL (all its statements, one after another on one connection), ms. */
  latencyMs: { p50: number; p99: number };
  durationSeconds: number;
}

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

/**
 * Replays `queries` as one unit of work on `connections` concurrent connections of a fresh bare pool, for
 * `warmupSeconds` uncounted and then `durationSeconds` counted.
 */
export async function replayFloor(
  poolConfig: pg.PoolConfig,
  queries: CapturedQuery[],
  settings: { connections: number; durationSeconds: number; warmupSeconds: number },
): Promise<FloorFigures> {
  const pool = new pg.Pool({ ...poolConfig, max: settings.connections });
  const latencies: number[] = [];
  try {
    const runFor = async (seconds: number, record: boolean) => {
      const until = performance.now() + seconds * 1000;
      const worker = async () => {
        const client = await pool.connect();
        try {
          while (performance.now() < until) {
            const started = performance.now();
            for (const q of queries) {
              await client.query({ text: q.text, values: q.values, ...(q.rowMode ? { rowMode: q.rowMode } : {}) });
            }
            if (record) latencies.push(performance.now() - started);
          }
        } finally {
          client.release();
        }
      };
      await Promise.all(Array.from({ length: settings.connections }, worker));
    };
    if (settings.warmupSeconds > 0) await runFor(settings.warmupSeconds, false);
    const started = performance.now();
    await runFor(settings.durationSeconds, true);
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      statements: queries.length,
      requestsPerSecond: latencies.length / seconds,
      latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
      durationSeconds: seconds,
    };
  } finally {
    await pool.end();
  }
}
