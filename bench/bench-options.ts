/** The knobs of `npm run bench`, read once from the environment. Unset knobs keep the demo city's own defaults. */
export interface BenchOptions {
  /** Demo-city size; undefined leaves the loader's default (the full city). */
  retailers: number | undefined;
  weeks: number | undefined;
  /** autocannon: seconds measured, seconds of warm-up before them, concurrent connections. */
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** Uncounted load on a freshly started app before its first measurement, split between the users. */
  appWarmupSeconds: number;
  /** Which databases to run on; `all` adds the PostgreSQL server when one answers. */
  databases: 'all' | 'embedded' | 'server';
  /** Whether the PostgreSQL pass measures the API too, or only the load time. */
  postgresApi: boolean;
  /** The server to create the throw-away database on. */
  postgresUrl: string;
  /** The manager to sign in as; undefined picks the first demo manager. */
  managerUsername: string | undefined;
  /** Results file prefix: bench/results/<name>-<date>.json. */
  name: string;
  /** The BENCH_* / TEST_DATABASE_URL settings that were given, for the record. */
  given: Record<string, string>;
}

const KNOBS = [
  'BENCH_RETAILERS',
  'BENCH_WEEKS',
  'BENCH_DURATION',
  'BENCH_WARMUP',
  'BENCH_CONNECTIONS',
  'BENCH_APP_WARMUP',
  'BENCH_DB',
  'BENCH_POSTGRES_API',
  'BENCH_MANAGER',
  'BENCH_NAME',
  'TEST_DATABASE_URL',
] as const;

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function nonNegativeInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  return env[name] === '0' ? 0 : positiveInt(env, name);
}

export function readBenchOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  // `postgres` means the server, as SIYI_TEST_DB=postgres does for the tests.
  const databases = env.BENCH_DB === 'postgres' ? 'server' : (env.BENCH_DB ?? 'all');
  if (databases !== 'all' && databases !== 'embedded' && databases !== 'server') {
    throw new Error(`BENCH_DB must be all, embedded or server (postgres), got "${databases}"`);
  }
  const name = env.BENCH_NAME ?? 'bench';
  // The name becomes part of a file name.
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`BENCH_NAME must be kebab-case, got "${name}"`);
  const given: Record<string, string> = {};
  for (const knob of KNOBS) {
    const value = env[knob];
    if (value !== undefined && value !== '') given[knob] = value;
  }
  return {
    retailers: positiveInt(env, 'BENCH_RETAILERS'),
    weeks: positiveInt(env, 'BENCH_WEEKS'),
    durationSeconds: positiveInt(env, 'BENCH_DURATION') ?? 10,
    warmupSeconds: positiveInt(env, 'BENCH_WARMUP') ?? 2,
    connections: positiveInt(env, 'BENCH_CONNECTIONS') ?? 10,
    appWarmupSeconds: nonNegativeInt(env, 'BENCH_APP_WARMUP') ?? 6,
    databases,
    postgresApi: env.BENCH_POSTGRES_API !== '0',
    postgresUrl: env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    managerUsername: env.BENCH_MANAGER || undefined,
    name,
    given,
  };
}

/** How to repeat this run. */
export function commandLine(options: BenchOptions): string {
  const settings = Object.entries(options.given).map(([key, value]) =>
    // A password in the server URL stays out of the results file.
    key === 'TEST_DATABASE_URL' ? `${key}=${redactUrl(value)}` : `${key}=${value}`,
  );
  return [...settings, 'npm run bench'].join(' ');
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
