import { hash } from '@node-rs/argon2';
import { concernStatuses } from '@siyi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { databaseTargets } from '../testing/test-database';
import { demoConcernScenarios } from './demo-city.concerns';
import { DEMO_PASSWORD, demoPresent, loadDemoCity } from './demo-city.load';

const targets = await databaseTargets();

describe.each(targets)('the demo city’s concerns on $kind', (target) => {
  let database: Database;
  let sampleRetailer = '';
  const query = async <T>(text: string) => (await database.pool.query(text)).rows as T[];

  beforeAll(async () => {
    database = await target.open();
    const summary = await loadDemoCity(database.db, {
      seed: 11,
      retailers: 60,
      weeks: 8,
      products: 20,
      lastWeekStart: '2026-11-16',
      passwordHash: await hash(DEMO_PASSWORD),
      now: new Date('2026-11-26T04:00:00Z'),
    });
    sampleRetailer = summary.demoLogins.find((l) => l.role === 'retailer')?.username ?? '';
  });
  afterAll(async () => {
    await database?.close();
  });

  it('holds a small set in every state but none, on manager1’s shops, the sample retailer among them', async () => {
    const rows = await query<{ status: string; category: string; owner_role: string; manager: string }>(`
      select c.status, c.category, o.role as owner_role, m.username as manager
      from concerns c join users o on o.id = c.owner_user_id join retailers r on r.id = c.retailer_id
      join users m on m.id = r.manager_id`);
    expect(rows).toHaveLength(demoConcernScenarios.length);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(concernStatuses));
    expect(new Set(rows.map((r) => r.manager))).toEqual(new Set(['manager1']));
    for (const r of rows.filter((r) => r.category === 'service_attitude' || r.category === 'forced_ordering')) {
      expect(r.owner_role).toBe('supervisor');
    }
    const [sample] = await query<{ n: number }>(`
      select count(*)::int as n from concerns c join users u on u.retailer_id = c.retailer_id
      where u.username = '${sampleRetailer}'`);
    expect(sample?.n).toBeGreaterThan(0);
  });

  it('gives every concern its history, and keeps the sensitive ones off the timeline for managers', async () => {
    const [missing] = await query<{ n: number }>(`
      select count(*)::int as n from concerns c
      where not exists (select 1 from concern_events e where e.concern_id = c.id and e.kind = 'created')`);
    expect(missing?.n).toBe(0);
    const [unflagged] = await query<{ n: number }>(`
      select count(*)::int as n from timeline_events t join concerns c on t.source_type = 'concern' and t.source_id = c.id::text
      where c.sensitive and not (t.data @> '{"restricted": true}'::jsonb)`);
    expect(unflagged?.n).toBe(0);
    const [rated] = await query<{ n: number }>('select count(*)::int as n from concern_ratings');
    expect(rated?.n).toBeGreaterThanOrEqual(3);
  });

  it('dates the city’s present inside the week after its last one', () => {
    expect(demoPresent('2026-11-16', new Date('2026-11-26T04:00:00Z')).toISOString()).toBe('2026-11-26T04:00:00.000Z');
    expect(demoPresent('2026-11-16', new Date('2027-03-01T00:00:00Z')).toISOString()).toBe('2026-11-29T15:00:00.000Z');
    expect(demoPresent('2026-11-16', new Date('2020-01-01T00:00:00Z')).toISOString()).toBe('2026-11-23T02:00:00.000Z');
  });
});
