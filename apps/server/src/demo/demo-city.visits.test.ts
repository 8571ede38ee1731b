import { hash } from '@node-rs/argon2';
import { dayNumber, shanghaiDay } from '@siyi/algorithms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { ManualClock } from '../lib/clock';
import { getCoverage, getCoverageItems } from '../modules/visit-quality/coverage.service';
import { runVisitQualityChecks } from '../modules/visit-quality/visit-quality.jobs';
import { databaseTargets } from '../testing/test-database';
import { DEMO_PASSWORD, loadDemoCity } from './demo-city.load';
import { DEMO_VISIT_PAST_WEEKS, type DemoVisitShop, generateDemoVisits } from './demo-city.visits';

const targets = await databaseTargets();
const NOW = new Date('2026-11-26T04:00:00Z');

describe.each(targets)('the demo city’s visits on $kind', (target) => {
  let database: Database;
  const query = async <T>(text: string) => (await database.pool.query(text)).rows as T[];

  beforeAll(async () => {
    database = await target.open();
    await loadDemoCity(database.db, {
      seed: 11,
      retailers: 60,
      weeks: 8,
      products: 20,
      lastWeekStart: '2026-11-16',
      passwordHash: await hash(DEMO_PASSWORD),
      now: NOW,
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('holds 9 weeks of history and the current week planned, most visits done and rated', async () => {
    const weeks = await query<{ week: string; done: number; planned: number; rated: number }>(`
      select to_char(v.week_start, 'YYYY-MM-DD') as week, count(*) filter (where status = 'done')::int as done,
             count(*) filter (where status = 'planned')::int as planned, count(r.visit_id)::int as rated
      from visits v left join visit_ratings r on r.visit_id = v.id group by 1 order by 1`);
    expect(weeks.map((w) => w.week)).toEqual([
      '2026-09-21',
      '2026-09-28',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ]);
    const past = weeks.slice(0, DEMO_VISIT_PAST_WEEKS);
    const done = past.reduce((n, w) => n + w.done, 0);
    const planned = past.reduce((n, w) => n + w.planned, 0);
    expect(done).toBeGreaterThan(planned * 5);
    expect(past.reduce((n, w) => n + w.rated, 0)).toBeGreaterThan(done / 2);
    // Shops rate in the daytime (08:00–21:00 in Shanghai), never before the check-out.
    const [night] = await query<{ n: number; early: number }>(`
      select count(*) filter (where extract(hour from r.created_at at time zone 'Asia/Shanghai') not between 8 and 20)::int as n,
             count(*) filter (where r.created_at <= v.check_out_at)::int as early
      from visit_ratings r join visits v on v.id = r.visit_id`);
    expect(night).toEqual({ n: 0, early: 0 });
    // The current week: Monday to Thursday morning done or missed, the rest still planned.
    expect(weeks.at(-1)?.planned).toBeGreaterThan(0);
    const [future] = await query<{ n: number }>(
      "select count(*)::int as n from visits where planned_date >= '2026-11-27' and status <> 'planned'",
    );
    expect(future?.n).toBe(0);
    const [distances] = await query<{ median: number; far: number }>(`
      select percentile_cont(0.5) within group (order by check_in_distance_m) as median,
             count(*) filter (where check_in_distance_m > 200)::int as far
      from visits where status = 'done'`);
    expect(distances?.median).toBeLessThan(100);
    expect(distances?.far).toBeGreaterThan(0);
  });

  it('has at least one flag of each common kind, and the daily job finds nothing more to raise', async () => {
    const kinds = await query<{ kind: string; n: number }>(
      'select kind, count(*)::int as n from visit_flags group by kind order by kind',
    );
    const found = new Set(kinds.map((k) => k.kind));
    for (const kind of ['short_visit', 'far_check_in', 'empty_record', 'low_daily_time', 'retailer_missed_month']) {
      expect(found, kind).toContain(kind);
    }
    const [reviewed] = await query<{ checks: number; callbacks: number }>(`
      select (select count(*)::int from visit_spot_checks) as checks, (select count(*)::int from visit_callbacks) as callbacks`);
    expect(reviewed?.checks).toBeGreaterThan(0);
    expect(reviewed?.callbacks).toBeGreaterThan(0);
    const before = await query<{ n: number }>('select count(*)::int as n from visit_flags');
    const result = await runVisitQualityChecks(database.db, NOW);
    expect(result.visitFlags + result.managerDayFlags).toBe(0);
    const after = await query<{ n: number }>('select count(*)::int as n from visit_flags');
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) + result.retailerMonthFlags);
  });

  it('gives the supervisor coverage figures that match the lists behind them', async () => {
    const [supervisor] = await query<{ id: number; org_unit_id: number }>(`
      select s.id, s.org_unit_id from users s join users m on m.org_unit_id = s.org_unit_id
      where s.role = 'supervisor' and m.username = 'manager1' limit 1`);
    if (!supervisor) throw new Error('no supervisor');
    const actor = {
      id: supervisor.id,
      role: 'supervisor' as const,
      orgUnitId: supervisor.org_unit_id,
      retailerId: null,
    };
    const deps = { db: database.db, clock: new ManualClock(NOW) };
    const coverage = await getCoverage(deps, actor, { week: '2026-11-16' });
    const district = coverage.districts[0]?.series ?? [];
    expect(district).toHaveLength(9);
    const last = district.at(-1);
    expect(last?.due).toBeGreaterThan(0);
    expect(last?.coveragePct).toBeGreaterThan(50);
    expect(last?.averageRating).toBeGreaterThan(3);
    expect(district.some((w) => w.flagged > 0)).toBe(true);
    for (const figure of ['due', 'done', 'overdue', 'flagged', 'rated'] as const) {
      const items = await getCoverageItems(deps, actor, { week: '2026-11-16', figure });
      expect(items.total, figure).toBe(last?.[figure]);
    }
  });

  it('generates the same history from the same seed', () => {
    const shops: DemoVisitShop[] = Array.from({ length: 12 }, (_, i) => ({
      retailerId: i + 1,
      districtId: 1,
      managerId: 1 + (i % 2),
      userId: 100 + i,
      lat: 34 + i / 100,
      lng: 113 + i / 100,
      tier: 1 + ((i * 7) % 30),
      closedWeekdays: i % 5 === 0 ? [7] : [],
      active: true,
      isManager1: i % 2 === 0,
    }));
    const input = { seed: 5, shops, supervisorOf: () => 9, present: NOW };
    const a = generateDemoVisits(input);
    const b = generateDemoVisits(input);
    expect(b).toEqual(a);
    expect(a.lastMonth).toBe('2026-10');
    expect(a.visits.every((v) => v.status === 'planned' || (v.checkOutAt?.getTime() ?? 0) < NOW.getTime())).toBe(true);
    // A manager's 诉求待办 lists open follow-ups: the demo's were mostly kept, none left open for weeks.
    const followUps = a.visits.flatMap((v) => v.record?.followUps ?? []);
    const nowDay = shanghaiDay(NOW);
    expect(followUps.some((f) => f.done)).toBe(true);
    expect(followUps.filter((f) => !f.done).every((f) => dayNumber(f.dueDate) >= nowDay - 10)).toBe(true);
  });
});
