import { weekEndInstant, weekOf } from '@siyi/algorithms';
import type { TierLimit } from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';

/** The demo's limited product: cartons per order by tier band (限量). */
export const DEMO_TIER_LIMITS: TierLimit[] = [
  { tierFrom: 1, tierTo: 14, maxCartons: 2 },
  { tierFrom: 15, tierTo: 24, maxCartons: 4 },
  { tierFrom: 25, tierTo: 30, maxCartons: 6 },
];
/** Cartons of the scarce product each district shares out. */
export const DEMO_SCARCE_SUPPLY = 300;

export interface DemoOrderingSummary {
  week: string;
  districts: number;
  products: number;
  limitedProductId: number | null;
  scarceProductId: number | null;
}

/**
 * Publishes the current week's supply strategy (货源策略) in every district so a new user can order as any
 * retailer straight away: every active product open, except one limited per tier band (the first scarce-flagged
 * product) and one scarce, allocated from requests (the second). The window stays open until the week ends
 * (next Monday 00:00 Shanghai) for every retailer, whatever its order weekday: a district closing time
 * (supply_weeks.closes_at) in place of the field rule's cut-off (24:00 the day before the order day), which would
 * already have closed this week for the early weekdays. Published by the admin, version 1; no notices are sent
 * (it is written directly, not through the publish command and its jobs).
 */
export async function loadDemoOrdering(tx: Db, present: Date): Promise<DemoOrderingSummary> {
  const week = weekOf(present);
  const closesAt = weekEndInstant(week);
  const products = await tx.execute<{ id: number; is_scarce: boolean }>(
    sql`select id, is_scarce from products where status = 'active' order by id`,
  );
  const districts = await tx.execute<{ id: number }>(sql`select id from org_units where kind = 'district' order by id`);
  const admin = await tx.execute<{ id: number }>(
    sql`select id from users where role = 'admin' order by (username = 'admin') desc, id limit 1`,
  );
  const adminId = admin.rows[0]?.id ?? null;
  const flagged = products.rows.filter((p) => p.is_scarce).map((p) => p.id);
  const limitedProductId = flagged[0] ?? null;
  const scarceProductId = flagged[1] ?? null;
  for (const { id: districtId } of districts.rows) {
    await tx.execute(sql`
      insert into supply_weeks (week_start, district_id, status, closes_at, published_at, published_by, updated_by,
                                version, created_at, updated_at)
      values (${week}, ${districtId}, 'published', ${closesAt}, ${present}, ${adminId}, ${adminId}, 1, ${present},
              ${present})
      on conflict (week_start, district_id) do nothing`);
    await tx.execute(sql`
      insert into supply_strategies (week_start, district_id, product_id, mode, tier_limits, supply, version)
      select ${week}::date, ${districtId}::int, p.id,
             case when p.id = ${limitedProductId} then 'limited' when p.id = ${scarceProductId} then 'scarce'
                  else 'open' end,
             case when p.id = ${limitedProductId} then ${JSON.stringify(DEMO_TIER_LIMITS)}::jsonb else '[]'::jsonb end,
             case when p.id = ${scarceProductId} then ${DEMO_SCARCE_SUPPLY}::int end,
             1
      from products p where p.status = 'active'
      on conflict (week_start, district_id, product_id) do nothing`);
  }
  return { week, districts: districts.rows.length, products: products.rows.length, limitedProductId, scarceProductId };
}
