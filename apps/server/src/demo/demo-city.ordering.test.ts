import { hash } from '@node-rs/argon2';
import type { CurrentOrderResponse } from '@siyi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../app';
import type { Database } from '../db/database';
import { ManualClock } from '../lib/clock';
import { createTestApp, signIn } from '../testing';
import { databaseTargets } from '../testing/test-database';
import { DEMO_PASSWORD, type DemoCitySummary, loadDemoCity } from './demo-city.load';
import { DEMO_TIER_LIMITS } from './demo-city.ordering';

const targets = await databaseTargets();

// The city's last complete week is 2026-11-16; its present is Wednesday 2026-11-25, 10:00 in Shanghai.
const NOW = '2026-11-25T02:00:00Z';

describe.each(targets)('the demo city’s ordering week on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let summary: DemoCitySummary;

  beforeAll(async () => {
    database = await target.open();
    summary = await loadDemoCity(database.db, {
      seed: 11,
      retailers: 60,
      weeks: 8,
      products: 20,
      lastWeekStart: '2026-11-16',
      passwordHash: await hash(DEMO_PASSWORD),
      now: new Date(NOW),
    });
    app = await createTestApp(database, { clock: new ManualClock(NOW) });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lets the sample retailer order at once: the week is published, open to its end, one limited, one scarce', async () => {
    const retailer = summary.demoLogins.find((l) => l.role === 'retailer')?.username as string;
    const session = await signIn(app, retailer, DEMO_PASSWORD);
    const response = await app.inject({
      method: 'GET',
      url: '/api/orders/current',
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    const order = response.json<CurrentOrderResponse>();
    expect(order.week).toBe('2026-11-23');
    // Open until the next Monday 00:00 in Shanghai, whatever the shop's order weekday.
    expect(order.window).toMatchObject({ published: true, open: true, closesAt: '2026-11-29T16:00:00.000Z' });
    const modes = order.products.map((p) => p.mode);
    expect(modes.filter((m) => m === 'scarce')).toHaveLength(1);
    expect(modes.filter((m) => m === 'limited')).toHaveLength(1);
    expect(modes.filter((m) => m === 'open').length).toBeGreaterThan(10);
    const limited = order.products.find((p) => p.mode === 'limited');
    expect(DEMO_TIER_LIMITS.map((b) => b.maxCartons)).toContain(limited?.limit);

    const open = order.products.find((p) => p.mode === 'open');
    const submitted = await app.inject({
      method: 'POST',
      url: '/api/orders/current/submit',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'idempotency-key': 'demo-first-order' },
      payload: { lines: [{ productId: open?.productId as number, quantity: 2 }] },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
  });
});
