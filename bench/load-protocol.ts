/** Messages between the bench (which serves) and the load-generator child process (which runs autocannon). */

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface LoadFigures {
  /** autocannon's mean of the per-second request counts (2xx and others alike). */
  requestsPerSecond: number;
  /** Requests answered in the measured window (after the warm-up). */
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Latency of 2xx answers in ms; autocannon's histogram resolves whole milliseconds. */
  latencyMs: { p50: number; p90: number; p99: number; average: number; max: number };
  bytesPerSecond: number;
  durationSeconds: number;
  /** The machine's 1-minute load average when the measurement ended: above the core count, others were busy too. */
  loadAverage1m: number;
}

export type ToLoadGenerator = { type: 'run'; id: number; job: LoadJob } | { type: 'stop' };

export type FromLoadGenerator =
  | { type: 'ready' }
  | { type: 'result'; id: number; figures: LoadFigures }
  | { type: 'failed'; id: number; message: string };
