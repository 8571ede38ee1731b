import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Database } from '../db/database';
import { ManualClock, systemClock } from '../lib/clock';
import { databaseTargets } from '../testing';
import { createJobQueue, type JobLog, type JobQueue, type JobQueueMode } from './job-queue';

const targets = await databaseTargets();

function memoryLog() {
  const lines: { level: string; object: object; message?: string }[] = [];
  const log: JobLog = {
    info: (object, message) => lines.push({ level: 'info', object, message }),
    warn: (object, message) => lines.push({ level: 'warn', object, message }),
    error: (object, message) => lines.push({ level: 'error', object, message }),
  };
  return { log, lines };
}

/** Waits for a condition that background workers bring about; the bound is generous (a busy machine), never asserted. */
async function eventually(condition: () => boolean | Promise<boolean>, boundMs = 90_000): Promise<void> {
  const until = Date.now() + boundMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(targets)('job queue on $kind', (target) => {
  let database: Database;
  /** A second pool on the same database: a second app server. */
  let second: Database;
  const queues: JobQueue[] = [];

  const queue = (mode: JobQueueMode, db: Database = database, clock = systemClock, log = memoryLog().log) => {
    const q = createJobQueue({ database: db, clock, log, mode, pollingIntervalSeconds: 0.5 });
    queues.push(q);
    return q;
  };
  const jobState = async (id: string) =>
    (
      await database.db.execute<{ state: string; retry_count: number; start_after: Date }>(
        sql`select state, retry_count, start_after from pgboss.job where id = ${id}`,
      )
    ).rows[0];

  beforeAll(async () => {
    database = await target.open();
    second = connectDatabase(target.kind, { ...(database.pool as unknown as { options: object }).options, max: 3 });
  });
  afterAll(async () => {
    for (const q of queues) await q.stop();
    await second?.close();
    await database?.close();
  });

  it('hands each of N jobs to exactly one of two servers draining the queue at once', async () => {
    const seen = new Map<number, string[]>();
    const make = (server: string, db: Database) => {
      const q = queue('manual', db);
      q.work<{ n: number }>('test.once-manual', async ({ n }) => {
        seen.set(n, [...(seen.get(n) ?? []), server]);
      });
      return q;
    };
    const a = make('a', database);
    const b = make('b', second);
    await a.start();
    await b.start();
    const n = 40;
    for (let i = 0; i < n; i += 1) await (i % 2 ? a : b).schedule('test.once-manual', { n: i });
    const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ra.completed + rb.completed).toBe(n);
    expect([...seen.keys()].sort((x, y) => x - y)).toEqual([...Array(n).keys()]);
    for (const servers of seen.values()) expect(servers).toHaveLength(1);
    await a.stop();
    await b.stop();
  });

  it('runs each job once with two servers polling (run mode)', async () => {
    const seen = new Map<number, number>();
    const make = (db: Database) => {
      const q = queue('run', db);
      q.work<{ n: number }>('test.once-run', async ({ n }) => {
        seen.set(n, (seen.get(n) ?? 0) + 1);
      });
      return q;
    };
    const a = make(database);
    const b = make(second);
    await a.start();
    await b.start();
    const n = 30;
    for (let i = 0; i < n; i += 1) await a.schedule('test.once-run', { n: i });
    await eventually(() => seen.size === n);
    await a.stop();
    await b.stop();
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    const done = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = 'test.once-run' and state = 'completed'`,
    );
    expect(done.rows[0]?.n).toBe(n);
  });

  it('keeps a job scheduled before a stop and runs it after the next start', async () => {
    const first = queue('run');
    first.work('test.restart', async () => {
      throw new Error('the first server never gets to it');
    });
    await first.start();
    const id = await first.schedule('test.restart', { shop: 7 }, { startAfter: new Date(Date.now() + 3_600_000) });
    await first.stop();
    expect((await jobState(id ?? ''))?.state).toBe('created');

    const handled: number[] = [];
    const clock = new ManualClock(new Date(Date.now() + 2 * 3_600_000));
    const restarted = queue('manual', database, clock);
    restarted.work<{ shop: number }>('test.restart', async ({ shop }) => {
      handled.push(shop);
    });
    await restarted.start();
    expect(await restarted.runDue()).toEqual({ completed: 1, failed: 0 });
    expect(handled).toEqual([7]);
    expect((await jobState(id ?? ''))?.state).toBe('completed');
  });

  it('decides due-ness by the app clock and hands the clock to the handler', async () => {
    const clock = new ManualClock('2026-11-26T02:00:00Z');
    const seenAt: string[] = [];
    const q = queue('manual', database, clock);
    q.work('test.clock', async (_data, ctx) => {
      seenAt.push(ctx.clock.now().toISOString());
    });
    await q.start();
    await q.schedule('test.clock', {}, { startAfter: new Date('2026-11-27T02:00:00Z') });
    expect(await q.runDue()).toEqual({ completed: 0, failed: 0 });
    clock.advanceMinutes(24 * 60);
    expect(await q.runDue()).toEqual({ completed: 1, failed: 0 });
    expect(seenAt).toEqual(['2026-11-27T02:00:00.000Z']);
  });

  it('keeps one waiting job per singleton key, and cancels by key', async () => {
    const ran: string[] = [];
    const q = queue('manual');
    q.work<{ v: string }>('test.singleton', async ({ v }) => {
      ran.push(v);
    });
    await q.start();
    const later = { startAfter: new Date(Date.now() + 3_600_000), singletonKey: 'concern-1' };
    expect(await q.schedule('test.singleton', { v: 'first' }, later)).not.toBeNull();
    expect(await q.schedule('test.singleton', { v: 'second' }, later)).toBeNull();
    expect(await q.cancel('test.singleton', 'concern-1')).toBe(1);
    expect(await q.schedule('test.singleton', { v: 'third' }, { singletonKey: 'concern-1' })).not.toBeNull();
    await q.runDue();
    expect(ran).toEqual(['third']);
    // Once run, the key is free again.
    expect(await q.schedule('test.singleton', { v: 'fourth' }, { singletonKey: 'concern-1' })).not.toBeNull();
    await q.runDue();
    expect(ran).toEqual(['third', 'fourth']);
  });

  it('writes a job in the caller’s transaction: rolled back, there is no job', async () => {
    const ran: number[] = [];
    const q = queue('manual');
    q.work<{ n: number }>('test.tx', async ({ n }) => {
      ran.push(n);
    });
    await q.start();
    await database.db
      .transaction(async (tx) => {
        await q.schedule('test.tx', { n: 1 }, { tx });
        throw new Error('rolled back');
      })
      .catch(() => {});
    await database.db.transaction(async (tx) => {
      await q.schedule('test.tx', { n: 2 }, { tx, singletonKey: 'k' });
    });
    await q.runDue();
    expect(ran).toEqual([2]);
  });

  it('logs a failing handler without its data, retries with backoff, and gives up after the limit', async () => {
    const { log, lines } = memoryLog();
    const q = queue('manual', database, systemClock, log);
    let calls = 0;
    q.work(
      'test.failing',
      async () => {
        calls += 1;
        throw new Error('the SMS gateway said no');
      },
      { retryLimit: 1, retryDelaySeconds: 1 },
    );
    await q.start();
    const id = (await q.schedule('test.failing', { password: 'hunter2-secret', phone: '13700001111' })) ?? '';
    expect(await q.runDue()).toEqual({ completed: 0, failed: 1 });
    const afterFirst = await jobState(id);
    expect(afterFirst?.state).toBe('retry');
    // Backoff: the retry waits (by the database's clock) instead of running again at once.
    expect(new Date(afterFirst?.start_after ?? 0).getTime()).toBeGreaterThan(Date.now() - 60_000);
    await database.db.execute(sql`update pgboss.job set start_after = now() - interval '1 second' where id = ${id}`);
    expect(await q.runDue()).toEqual({ completed: 0, failed: 1 });
    expect((await jobState(id))?.state).toBe('failed');
    expect(calls).toBe(2);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(2);
    const logged = JSON.stringify(errors);
    expect(logged).toContain('the SMS gateway said no');
    expect(logged).toContain('test.failing');
    expect(logged).not.toContain('hunter2-secret');
    expect(logged).not.toContain('13700001111');
  });

  it('keeps polling after a handler throws in run mode', async () => {
    const { log, lines } = memoryLog();
    const q = queue('run', database, systemClock, log);
    const ok: number[] = [];
    q.work<{ n: number }>(
      'test.run-failing',
      async ({ n }) => {
        if (n === 0) throw new Error('boom');
        ok.push(n);
      },
      { retryLimit: 0 },
    );
    await q.start();
    await q.schedule('test.run-failing', { n: 0 });
    await q.schedule('test.run-failing', { n: 1 });
    await eventually(() => ok.length === 1 && lines.some((l) => l.level === 'error'));
    await q.stop();
  });

  it('runs a recurring handler with the app clock; cron schedules are registered in run mode', async () => {
    const clock = new ManualClock('2026-11-26T02:00:00Z');
    const ticks: string[] = [];
    const q = queue('manual', database, clock);
    q.every('test.every', '*/5 * * * *', async (ctx) => {
      ticks.push(ctx.clock.now().toISOString());
    });
    await q.start();
    await q.runDue();
    clock.advanceMinutes(5);
    await q.runDue();
    expect(ticks).toEqual(['2026-11-26T02:00:00.000Z', '2026-11-26T02:05:00.000Z']);

    const server = queue('run');
    server.every('test.every-run', '0 3 * * *', async () => {});
    await server.start();
    const schedules = await database.db.execute<{ cron: string; timezone: string }>(
      sql`select cron, timezone from pgboss.schedule where name = 'test.every-run'`,
    );
    expect(schedules.rows).toEqual([{ cron: '0 3 * * *', timezone: 'Asia/Shanghai' }]);
    await server.stop();
  });

  it('refuses unknown and badly named jobs', async () => {
    const q = queue('manual');
    expect(() => q.work('bad name!', async () => {})).toThrow(/invalid job name/);
    await q.start();
    await expect(q.schedule('test.nobody', {})).rejects.toThrow(/no handler/);
    expect(() => q.work('test.late', async () => {})).toThrow(/after the queue started/);
  });
});
