import { hash } from '@node-rs/argon2';
import type { CampaignFunnel, CampaignListResponse, NewProductsResponse } from '@siyi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../app';
import type { Database } from '../db/database';
import { ManualClock } from '../lib/clock';
import { createTestApp, type Session, signIn } from '../testing';
import { databaseTargets } from '../testing/test-database';
import { DEMO_PASSWORD, type DemoCitySummary, loadDemoCity } from './demo-city.load';

const targets = await databaseTargets();

// The city's last complete week is 2026-11-16; its present is Wednesday 2026-11-25, 10:00 in Shanghai.
const NOW = '2026-11-25T02:00:00Z';

describe.each(targets)('the demo city’s new-product campaign on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let summary: DemoCitySummary;
  const get = (session: Session, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

  beforeAll(async () => {
    database = await target.open();
    summary = await loadDemoCity(database.db, {
      seed: 11,
      retailers: 80,
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

  it('runs a campaign whose funnel shows every step, from the records, with gifts given and signed for', async () => {
    const admin = await signIn(app, 'admin', DEMO_PASSWORD);
    const list = (await get(admin, '/api/campaigns?status=running')).json<CampaignListResponse>();
    expect(list.total).toBe(1);
    const campaign = list.items[0];
    expect(campaign?.products.every((p) => p.isNew)).toBe(true);
    const funnel = (await get(admin, `/api/campaigns/${campaign?.id}/funnel`)).json<CampaignFunnel>();
    const { totals } = funnel;
    expect(totals.target).toBeGreaterThan(totals.introduced);
    expect(totals.introduced).toBeGreaterThan(totals.interested);
    expect(totals.interested).toBeGreaterThan(totals.firstOrder);
    expect(totals.firstOrder).toBeGreaterThan(totals.reorder);
    expect(totals.reorder).toBeGreaterThan(0);
    expect(funnel.feedback.count).toBeGreaterThan(0);
    const lighters = funnel.gifts.find((g) => g.kind === 'gift');
    expect(lighters?.confirmed).toBeGreaterThan(0);
    expect(lighters?.issued).toBeGreaterThan(lighters?.confirmed ?? 0);
    expect(lighters?.available).toBeGreaterThan(0);

    // manager1 sees its own part; the sample retailer its 新品上市 with a gift waiting for its tap.
    const manager = await signIn(app, 'manager1', DEMO_PASSWORD);
    const own = (await get(manager, `/api/campaigns/${campaign?.id}/funnel`)).json<CampaignFunnel>();
    expect(own.totals.reorder).toBe(totals.reorder);
    const retailer = summary.demoLogins.find((l) => l.role === 'retailer')?.username as string;
    const shop = await signIn(app, retailer, DEMO_PASSWORD);
    const mine = (await get(shop, '/api/new-products')).json<NewProductsResponse>();
    expect(mine.items[0]?.campaigns.map((c) => c.id)).toEqual([campaign?.id]);
    expect(mine.items[0]?.knowledge.sellingPoints.length).toBeGreaterThan(0);
    expect(mine.items[0]?.knowledge.talkingGuide).toBeNull();
    expect(mine.giftsToConfirm).toHaveLength(1);
  });
});
