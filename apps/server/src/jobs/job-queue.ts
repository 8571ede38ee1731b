/**
 * Background jobs on pg-boss 10 (docs/adr/0007-job-queue.md): one queue per job name in the `pgboss` schema of the
 * app's own database (embedded or server), reached through the app's pool — no second pool, no second database.
 *
 *   jobs.work('concerns.sla-check', async ({ concernId }, ctx) => { … ctx.clock.now() … });   // before start()
 *   jobs.every('concerns.auto-close', '5 * * * *', async (ctx) => { … });    // hourly at :05, before start()
 *   await jobs.schedule('concerns.sla-check', { concernId }, { startAfter: due, singletonKey: `c${id}`, tx });
 *
 * Rules every handler follows:
 * - Business time is `ctx.clock` (the app's injectable clock), never the database's now(): the queue only decides
 *   when a job is *tried*; the handler decides, with the clock, whether there is anything to do (is it overdue?).
 * - A job may run more than once (a crash between the work and the completion, a retry): handlers are idempotent.
 * - Short transactions: a handler opens its own transaction(s) for the work it does; nothing is held open across a
 *   job. A handler that throws is logged (name, id, attempt, a safe error — never the job's data) and retried with
 *   exponential backoff up to its retry limit; it never takes the app down.
 *
 * Modes: `run` (the server: pg-boss polls, cron schedules fire, maintenance archives old jobs) and `manual` (tests
 * and tools: nothing happens by itself; `runDue()` runs what is due by the app clock, now).
 */
import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Database, Db } from '../db/database';
import type { Clock } from '../lib/clock';
import { serializeErrorSafely } from '../plugins/security';

/** The schema pg-boss lives in (created by the migrate step, see ensureJobSchema). */
export const JOB_SCHEMA = 'pgboss';
/** Cron expressions are read in the business time zone (UTC+8 all year). */
export const JOB_TIME_ZONE = 'Asia/Shanghai';

export interface JobLog {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export interface JobContext {
  /** The app's clock: the only source of "now" for business decisions in a handler. */
  clock: Clock;
  /** The app's database handle; open short transactions on it (`ctx.db.transaction(…)`). */
  db: Db;
  log: JobLog;
  name: string;
  jobId: string;
  /** 0 on the first try, 1 on the first retry, … */
  attempt: number;
}

export type JobHandler<T> = (data: T, ctx: JobContext) => Promise<void>;
export type RecurringHandler = (ctx: JobContext) => Promise<void>;

export interface WorkOptions {
  /** Retries after the first try (default 5), spaced retryDelaySeconds · 2^n (default 30 s, with backoff). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Longest a handler may run before it counts as failed (default 300 s). */
  expireInSeconds?: number;
}

export interface ScheduleOptions {
  /** Not before this instant (app clock). Default: now by the app clock, i.e. as soon as possible. */
  startAfter?: Date;
  /**
   * At most one *waiting* job per (name, singletonKey): scheduling again while one waits does nothing and
   * returns null. Once it has started (or finished) the key is free again.
   */
  singletonKey?: string;
  /**
   * The caller's transaction: the job exists if and only if that transaction commits (schedule the SLA check in
   * the transaction that creates the concern). Without it the job is written in its own short transaction.
   */
  tx?: Db;
}

export interface RunDueResult {
  /** Handler calls that succeeded / threw. */
  completed: number;
  failed: number;
}

export interface JobQueue {
  /** Registers the handler of job `name` (before start()). */
  work<T extends object>(name: string, handler: JobHandler<T>, options?: WorkOptions): void;
  /** Registers a recurring job: `cron` (5 fields, Asia/Shanghai) — one run per tick across all app servers. */
  every(name: string, cron: string, handler: RecurringHandler, options?: WorkOptions): void;
  /** Queues a job for a registered name; returns its id, or null when `singletonKey` found one waiting. */
  schedule<T extends object>(name: string, data: T, options?: ScheduleOptions): Promise<string | null>;
  /** Cancels the waiting job(s) of (name, singletonKey); returns how many. */
  cancel(name: string, singletonKey: string, options?: { tx?: Db }): Promise<number>;
  start(): Promise<void>;
  /** Stops taking jobs, waits (bounded) for running handlers; jobs left waiting run after the next start. */
  stop(): Promise<void>;
  /**
   * Runs, now, every job due by the app clock (and, unless `recurring: false`, each recurring handler once),
   * repeating while handlers queue more due work (bounded). For tests and tools; works in either mode.
   */
  runDue(options?: { recurring?: boolean }): Promise<RunDueResult>;
  readonly mode: JobQueueMode;
}

export type JobQueueMode = 'run' | 'manual';

export interface JobQueueOptions {
  database: Pick<Database, 'db' | 'pool'>;
  clock: Clock;
  log: JobLog;
  mode: JobQueueMode;
  /** How often an idle worker asks for jobs in `run` mode (default 2 s; pg-boss allows ≥ 0.5 s). */
  pollingIntervalSeconds?: number;
}

const DEFAULT_WORK: Required<WorkOptions> = { retryLimit: 5, retryDelaySeconds: 30, expireInSeconds: 300 };
/** pg-boss's rule for queue names; ours add a dot-separated module prefix, e.g. `concerns.sla-check`. */
const QUEUE_NAME = /^[\w.\-/]{1,100}$/;
const RUN_DUE_ROUNDS = 20;
const FETCH_BATCH = 20;
/** Jobs a `run`-mode worker takes per fetch (run one after the other). */
const WORK_BATCH = 5;

interface Registration {
  name: string;
  options: Required<WorkOptions>;
  handler: JobHandler<object>;
  cron?: string;
}

/** Where pg-boss's statements go: the app's pool (or, for the schema, the migrate step's connection). */
interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A pg-boss `Db` that runs on the app's pool. */
function poolExecutor(pool: Queryable, isStopping: () => boolean): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      try {
        return await pool.query(text, values);
      } catch (error) {
        // A straggling completion after stop() (the pool is closing): the job stays active, expires and is retried.
        if (isStopping()) return { rows: [] };
        throw error;
      }
    },
  };
}

/** A pg-boss `Db` that runs inside a Drizzle transaction (pg-boss's statements use $1…$n placeholders). */
export function transactionExecutor(tx: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const chunks = [];
      let last = 0;
      for (const match of text.matchAll(/\$(\d+)/g)) {
        const index = match.index ?? 0;
        chunks.push(sql.raw(text.slice(last, index)));
        const value = values[Number(match[1]) - 1];
        chunks.push(sql.param(value === undefined ? null : value));
        last = index + match[0].length;
      }
      chunks.push(sql.raw(text.slice(last)));
      const result = await tx.execute(sql.join(chunks, sql.raw('')));
      return { rows: result.rows as unknown[] };
    },
  };
}

/**
 * Creates or upgrades the pg-boss schema (advisory-locked: two servers migrating at once is safe). Called by the
 * migrate step after the app's own migrations, on the embedded database and the PostgreSQL server alike.
 */
export async function ensureJobSchema(connection: Queryable): Promise<void> {
  const boss = new PgBoss({
    db: poolExecutor(connection, () => false),
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  boss.on('error', () => {});
  await boss.start();
  await boss.stop({ graceful: false, close: false, wait: true });
}

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { database, clock, log, mode } = options;
  const registrations = new Map<string, Registration>();
  let stopping = false;
  let started = false;
  const boss = new PgBoss({
    db: poolExecutor(database.pool, () => stopping),
    schema: JOB_SCHEMA,
    migrate: false,
    supervise: mode === 'run',
    schedule: mode === 'run',
    // Finished jobs move to pgboss.archive after a day and leave it after a week.
    archiveCompletedAfterSeconds: 24 * 3600,
    deleteAfterDays: 7,
  });
  boss.on('error', (error) => log.error({ err: serializeErrorSafely(error) }, 'job queue error'));

  const register = (registration: Registration) => {
    if (!QUEUE_NAME.test(registration.name)) throw new Error(`invalid job name "${registration.name}"`);
    if (registrations.has(registration.name)) throw new Error(`job "${registration.name}" is registered twice`);
    if (started) throw new Error(`job "${registration.name}" registered after the queue started`);
    registrations.set(registration.name, registration);
  };

  /** One try of one job: never throws to the caller except to make pg-boss record the failure. */
  const runOne = async (registration: Registration, job: PgBoss.JobWithMetadata<object>): Promise<void> => {
    const ctx: JobContext = {
      clock,
      db: database.db,
      log,
      name: registration.name,
      jobId: job.id,
      attempt: job.retryCount ?? 0,
    };
    try {
      await registration.handler(job.data ?? {}, ctx);
    } catch (error) {
      const safe = serializeErrorSafely(error);
      log.error(
        { job: registration.name, jobId: job.id, attempt: ctx.attempt, err: safe },
        `job ${registration.name} failed (${ctx.attempt < job.retryLimit ? 'will retry' : 'no retries left'})`,
      );
      // What pg-boss stores in the job's output: the safe summary, not the original error.
      const stored = new Error(safe.message);
      stored.name = safe.type;
      throw stored;
    }
  };

  const queueOptions = (r: Registration): PgBoss.Queue => ({
    name: r.name,
    policy: 'standard',
    retryLimit: r.options.retryLimit,
    retryDelay: r.options.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: r.options.expireInSeconds,
  });

  const requireRegistered = (name: string): Registration => {
    const registration = registrations.get(name);
    if (!registration) throw new Error(`job "${name}" has no handler registered (jobs.work before jobs.start)`);
    return registration;
  };

  const inTransaction = async <R>(tx: Db | undefined, fn: (tx: Db) => Promise<R>): Promise<R> =>
    tx ? fn(tx) : database.db.transaction(fn);

  /**
   * pg-boss's fetch (plans.fetchNextJob: SKIP LOCKED, so two servers never take one job) with one change: due means
   * `start_after <= the app clock`, not the database's now().
   */
  const fetchDueByClock = async (name: string): Promise<PgBoss.JobWithMetadata<object>[]> => {
    const { rows } = await database.pool.query(
      `with next as (
         select id from ${JOB_SCHEMA}.job
         where name = $1 and state < 'active' and start_after <= $2
         order by priority desc, created_on, id
         limit $3
         for update skip locked
       )
       update ${JOB_SCHEMA}.job j set
         state = 'active',
         started_on = now(),
         retry_count = case when started_on is not null then retry_count + 1 else retry_count end
       from next
       where j.name = $1 and j.id = next.id
       returning j.id, j.name, j.data, j.retry_count as "retryCount", j.retry_limit as "retryLimit"`,
      [name, clock.now(), FETCH_BATCH],
    );
    return rows as PgBoss.JobWithMetadata<object>[];
  };

  return {
    mode,

    work(name, handler, workOptions = {}) {
      register({ name, handler: handler as JobHandler<object>, options: { ...DEFAULT_WORK, ...workOptions } });
    },

    every(name, cron, handler, workOptions = {}) {
      register({
        name,
        cron,
        handler: (_data, ctx) => handler(ctx),
        // A recurring run that failed is simply tried at the next tick.
        options: { ...DEFAULT_WORK, retryLimit: 0, ...workOptions },
      });
    },

    async schedule(name, data, scheduleOptions = {}) {
      requireRegistered(name);
      const startAfter = (scheduleOptions.startAfter ?? clock.now()).toISOString();
      const { singletonKey } = scheduleOptions;
      return inTransaction(scheduleOptions.tx, async (tx) => {
        if (singletonKey !== undefined) {
          // Serialises schedulers of one key until commit; the second then sees the first's job.
          await tx.execute(
            sql`select pg_advisory_xact_lock(hashtextextended(${`siyi-job:${name}:${singletonKey}`}, 0))`,
          );
          const waiting = await tx.execute(
            sql`select 1 from pgboss.job where name = ${name} and singleton_key = ${singletonKey} and state < 'active' limit 1`,
          );
          if (waiting.rows.length > 0) return null;
        }
        return boss.send(name, data, {
          startAfter,
          ...(singletonKey !== undefined ? { singletonKey } : {}),
          db: transactionExecutor(tx),
        });
      });
    },

    async cancel(name, singletonKey, cancelOptions = {}) {
      requireRegistered(name);
      return inTransaction(cancelOptions.tx, async (tx) => {
        const found = await tx.execute<{ id: string }>(
          sql`select id from pgboss.job where name = ${name} and singleton_key = ${singletonKey} and state < 'active'`,
        );
        const ids = found.rows.map((r) => r.id);
        if (ids.length === 0) return 0;
        await boss.cancel(name, ids, { db: transactionExecutor(tx) });
        return ids.length;
      });
    },

    async start() {
      if (started) return;
      stopping = false;
      await boss.start();
      started = true;
      for (const registration of registrations.values()) {
        await boss.createQueue(registration.name, queueOptions(registration));
        // Options changed in code since the queue was first created apply from now on.
        await boss.updateQueue(registration.name, queueOptions(registration));
      }
      if (mode !== 'run') return;
      const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
      for (const registration of registrations.values()) {
        await boss.work<object>(
          registration.name,
          { includeMetadata: true, batchSize: WORK_BATCH, pollingIntervalSeconds },
          async (jobs) => {
            // Each job of the batch completes or fails on its own (pg-boss's completion of the batch afterwards
            // finds none of them active any more): one failing job does not send the others back for a retry.
            for (const job of jobs) {
              try {
                await runOne(registration, job);
                await boss.complete(registration.name, job.id);
              } catch (error) {
                await boss.fail(registration.name, job.id, { message: (error as Error).message });
              }
            }
          },
        );
        if (registration.cron) {
          await boss.schedule(registration.name, registration.cron, {}, { tz: JOB_TIME_ZONE });
        }
      }
    },

    async stop() {
      if (!started) return;
      stopping = true;
      await boss.stop({ graceful: true, close: false, wait: true, timeout: 10_000 });
      started = false;
    },

    async runDue(runOptions = {}) {
      const result: RunDueResult = { completed: 0, failed: 0 };
      if (!started) throw new Error('runDue() needs a started job queue');
      if (runOptions.recurring !== false) {
        for (const registration of registrations.values()) {
          if (!registration.cron) continue;
          try {
            await runOne(registration, {
              id: 'recurring',
              data: {},
              retryCount: 0,
              retryLimit: 0,
            } as unknown as PgBoss.JobWithMetadata<object>);
            result.completed += 1;
          } catch {
            result.failed += 1;
          }
        }
      }
      for (let round = 0; round < RUN_DUE_ROUNDS; round += 1) {
        let handled = 0;
        for (const registration of registrations.values()) {
          for (;;) {
            const jobs = await fetchDueByClock(registration.name);
            if (jobs.length === 0) break;
            for (const job of jobs) {
              handled += 1;
              try {
                await runOne(registration, job);
                await boss.complete(registration.name, job.id);
                result.completed += 1;
              } catch (error) {
                await boss.fail(registration.name, job.id, { message: (error as Error).message });
                result.failed += 1;
              }
            }
          }
        }
        if (handled === 0) break;
      }
      return result;
    },
  };
}
