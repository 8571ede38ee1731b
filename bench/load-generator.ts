/**
 * The child process that runs autocannon. It lives apart from the server so the client's own work (building
 * requests, parsing answers, histograms) does not steal the event loop of the server being measured.
 * Started by LoadGenerator in load-client.ts; talks over the fork IPC channel.
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import type { FromLoadGenerator, LoadFigures, LoadJob, ToLoadGenerator } from './load-protocol';

function send(message: FromLoadGenerator): void {
  process.send?.(message);
}

async function runJob(job: LoadJob): Promise<LoadFigures> {
  const result = await autocannon({
    url: job.url,
    headers: job.headers,
    connections: job.connections,
    duration: job.durationSeconds,
    // Warm-up traffic (JIT, connection pools, PostgreSQL plans and caches) is sent but not counted.
    ...(job.warmupSeconds > 0 ? { warmup: { connections: job.connections, duration: job.warmupSeconds } } : {}),
  });
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      average: result.latency.average,
      max: result.latency.max,
    },
    bytesPerSecond: result.throughput.average,
    durationSeconds: result.duration,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

process.on('message', (message: ToLoadGenerator) => {
  if (message.type === 'stop') {
    process.disconnect();
    return;
  }
  runJob(message.job).then(
    (figures) => send({ type: 'result', id: message.id, figures }),
    (error: unknown) => send({ type: 'failed', id: message.id, message: String(error) }),
  );
});

send({ type: 'ready' });
