import { addWeeks, dateOfDay, shanghaiDay, weekOf, weekStartInstant } from '@siyi/algorithms';
import type { CampaignGoals, CampaignSegment } from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';

/**
 * The demo city's new-product campaign (创新, issue 12): the city's new products with their selling points,
 * talking guide and tips; one running campaign on manager1's district with a gift (lighters) and a material (counter
 * cards) in manager1's stock; and a dozen of manager1's shops along the funnel, each step proven by records:
 * - a quarter introduced two weeks ago (on a visit where there was one) that ordered the product that week and the
 *   next (reorder), two of them left feedback;
 * - a quarter introduced last week that ordered it that week only (first order);
 * - a quarter introduced this week who said they are interested (one said so in its feedback too);
 * - a quarter introduced this week, undecided.
 * The first five got a lighter, the first three signed for it; the sample retailer is fourth (its gift waits for
 * its tap).
 * The orders are order lines in the shops' weekly orders (added where the history had none), as a retailer would
 * have ordered them; the funnel derives every step from them.
 */

export interface DemoCampaignSummary {
  campaignId: number | null;
  productIds: number[];
  introduced: number;
}

const SHOPS = 12;

const DAY_MS = 86_400_000;

/** Tuesday 10:00 in Shanghai of a week: when the demo's manager comes by. */
const tuesdayVisit = (week: string) => new Date(weekStartInstant(week).getTime() + DAY_MS + 10 * 3_600_000);

function knowledgeOf(name: string, index: number) {
  return {
    sellingPoints: [
      index === 0 ? '细支低焦，烟气柔和不呛口' : '中支新规格，口感饱满',
      '包装清新，年轻顾客一眼能看到',
      '零售价卡在同档位主销价位，利润空间合适',
    ],
    targetConsumers: '25–45 岁城镇上班族，想换口味、偏好清淡的老顾客',
    pricePosition: `${name} 与同价位主销品规持平，适合替换同价位的老品规`,
    talkingGuide:
      `先请老板看包装和烟支，讲清楚 ${name} 的三个靓点；\n` +
      '再说目标顾客是谁、放在哪里卖得好；\n' +
      '最后问老板愿不愿意先进一两条试销，不强求、不搭配。',
    retailerTips: '放在收银台旁第一排，与同价位主销品规并排；顾客问起时说“新上的，口感淡一些”。',
  };
}

export async function loadDemoCampaigns(
  tx: Db,
  present: Date,
  options: { sampleLicence: string },
): Promise<DemoCampaignSummary> {
  const fresh = await tx.execute<{ id: number; name: string; wholesale_price_fen: number }>(
    sql`select id, name, wholesale_price_fen from products where is_new and status = 'active' order by id limit 2`,
  );
  const manager = await tx.execute<{ id: number; org_unit_id: number }>(
    sql`select id, org_unit_id from users where username = 'manager1' and role = 'manager'`,
  );
  const admin = await tx.execute<{ id: number }>(
    sql`select id from users where role = 'admin' order by (username = 'admin') desc, id limit 1`,
  );
  const m1 = manager.rows[0];
  const products = fresh.rows;
  const product = products[0];
  if (!m1 || !product) return { campaignId: null, productIds: [], introduced: 0 };
  const adminId = admin.rows[0]?.id ?? null;

  for (const [i, p] of products.entries()) {
    const k = knowledgeOf(p.name, i);
    await tx.execute(sql`
      insert into product_knowledge (product_id, selling_points, target_consumers, price_position, talking_guide,
                                     retailer_tips, version, updated_by_user_id, updated_at)
      values (${p.id}, ${JSON.stringify(k.sellingPoints)}::jsonb, ${k.targetConsumers}, ${k.pricePosition},
              ${k.talkingGuide}, ${k.retailerTips}, 1, ${adminId}, ${present})
      on conflict (product_id) do nothing`);
  }

  const thisWeek = weekOf(present);
  const lastWeek = addWeeks(thisWeek, -1);
  const twoAgo = addWeeks(thisWeek, -2);
  const startsOn = addWeeks(thisWeek, -3);
  const endsOn = dateOfDay(shanghaiDay(present) + 42);
  const segment: CampaignSegment = { kind: 'rules', tiers: null, formats: [], districtIds: [m1.org_unit_id] };
  const goals: CampaignGoals = { introducedSharePct: 60, firstOrders: 20, reorders: 10, reorderWeeks: 4 };
  const campaign = await tx.execute<{ id: number }>(sql`
    insert into campaigns (name, description, starts_on, ends_on, segment, goals, version, created_by_user_id,
                           created_at, updated_at)
    values (${`新品推广 · ${products.map((p) => p.name).join('、')}`},
            ${'讲清靓点、指导销售、听取反馈：按零售户自己的需要进货，不搭配、不强求。'},
            ${startsOn}, ${endsOn}, ${JSON.stringify(segment)}::jsonb, ${JSON.stringify(goals)}::jsonb, 1,
            ${adminId}, ${present}, ${present})
    returning id`);
  const campaignId = campaign.rows[0]?.id as number;
  for (const [position, p] of products.entries()) {
    await tx.execute(
      sql`insert into campaign_products (campaign_id, product_id, position) values (${campaignId}, ${p.id}, ${position})`,
    );
  }
  const items = await tx.execute<{ id: number; kind: string }>(sql`
    insert into campaign_items (campaign_id, kind, name, unit, created_at)
    values (${campaignId}, 'gift', '新品主题打火机', '个', ${present}),
           (${campaignId}, 'material', '新品陈列台卡', '张', ${present})
    returning id, kind`);
  const lighterId = items.rows.find((r) => r.kind === 'gift')?.id as number;
  const cardId = items.rows.find((r) => r.kind === 'material')?.id as number;
  // Every manager of the district holds some stock; manager1 the most.
  await tx.execute(sql`
    insert into gift_stock (item_id, manager_id, campaign_id, district_id, quantity, updated_at)
    select item.id, u.id, ${campaignId}, u.org_unit_id,
           case when u.id = ${m1.id} then (case when item.id = ${lighterId} then 30 else 10 end)
                else (case when item.id = ${lighterId} then 20 else 5 end) end,
           ${present}
    from users u cross join (values (${lighterId}::int), (${cardId}::int)) as item(id)
    where u.role = 'manager' and u.org_unit_id = ${m1.org_unit_id}`);

  // A dozen of manager1's active shops, the sample retailer fourth (a first order, and a gift to confirm).
  const shopRows = await tx.execute<{ id: number; district_id: number; licence_no: string }>(sql`
    select id, district_id, licence_no from retailers
    where manager_id = ${m1.id} and status = 'active' and district_id = ${m1.org_unit_id}
    order by (licence_no = ${options.sampleLicence}) desc, id limit ${SHOPS}`);
  const shops = [...shopRows.rows];
  const sample = shops[0]?.licence_no === options.sampleLicence ? shops.shift() : undefined;
  if (sample) shops.splice(Math.min(3, shops.length), 0, sample);

  type Plan = { introWeek: string; reaction: 'interested' | 'undecided'; orderWeeks: string[] };
  // The shops split in four, in order: reorder, first order, interested, introduced only.
  const groupOf = (i: number) => Math.floor((i * 4) / shops.length);
  const plans: Plan[] = [
    { introWeek: twoAgo, reaction: 'interested', orderWeeks: [twoAgo, lastWeek] },
    { introWeek: lastWeek, reaction: 'interested', orderWeeks: [lastWeek] },
    { introWeek: thisWeek, reaction: 'interested', orderWeeks: [] },
    { introWeek: thisWeek, reaction: 'undecided', orderWeeks: [] },
  ];
  const firstOfGroup = (i: number) => i === 0 || groupOf(i - 1) !== groupOf(i);

  for (const [i, shop] of shops.entries()) {
    const plan = plans[groupOf(i)] as Plan;
    // On the manager's visit of that week where there was one (checked in), else on a Tuesday morning.
    const visit = await tx.execute<{ id: number; check_in_at: Date }>(sql`
      select id, check_in_at from visits
      where retailer_id = ${shop.id} and manager_id = ${m1.id} and status in ('in_progress','done')
        and week_start = ${plan.introWeek} and check_in_at <= ${present}
      order by check_in_at limit 1`);
    const v = visit.rows[0];
    const fallback = tuesdayVisit(plan.introWeek);
    const introducedAt = v
      ? new Date(new Date(v.check_in_at).getTime() + 5 * 60_000)
      : new Date(Math.min(fallback.getTime(), present.getTime() - 3_600_000));
    const intro = await tx.execute<{ id: number }>(sql`
      insert into campaign_introductions (campaign_id, product_id, retailer_id, district_id, manager_id, visit_id,
                                          guide_shown, reaction, note, introduced_at)
      values (${campaignId}, ${product.id}, ${shop.id}, ${shop.district_id}, ${m1.id}, ${v?.id ?? null}, true,
              ${plan.reaction}, ${plan.reaction === 'interested' ? '老板愿意先进一两条试销' : '老板说再看看'},
              ${introducedAt})
      returning id`);
    await timeline(tx, shop, introducedAt, 'campaign.introduced', m1.id, 'campaign_introduction', intro.rows[0]?.id, {
      campaignId,
      productId: product.id,
      reaction: plan.reaction,
      guideShown: true,
      ...(v ? { visitId: v.id } : {}),
    });

    // The shop's own orders of the product, in its weekly order of those weeks.
    for (const week of plan.orderWeeks) {
      const submittedAt = new Date(Math.max(introducedAt.getTime() + 3_600_000, tuesdayVisit(week).getTime()));
      await tx.execute(sql`
        insert into orders (retailer_id, district_id, week_start, status, submitted_at, created_at, updated_at)
        values (${shop.id}, ${shop.district_id}, ${week}, 'delivered', ${submittedAt}, ${submittedAt}, ${submittedAt})
        on conflict (retailer_id, week_start) do nothing`);
      // The week's order as it stands: a line is added to a counted one only (a cancelled order stays cancelled).
      const order = await tx.execute<{ id: number }>(sql`
        select id from orders where retailer_id = ${shop.id} and week_start = ${week}
          and status in ('submitted','confirmed','delivered')`);
      const orderId = order.rows[0]?.id;
      if (orderId === undefined) continue;
      await tx.execute(sql`
        insert into order_lines (order_id, product_id, quantity, unit_price_fen, origin, created_at)
        values (${orderId}, ${product.id}, 2, ${product.wholesale_price_fen}, 'retailer', ${submittedAt})
        on conflict (order_id, product_id) do nothing`);
    }

    // Gifts: a lighter for the first five, the first three signed for; the fourth and fifth wait for the tap.
    if (i < 5) {
      const issuedAt = new Date(introducedAt.getTime() + 60_000);
      const confirmedAt = i < 3 ? new Date(issuedAt.getTime() + DAY_MS) : null;
      const gift = await tx.execute<{ id: number }>(sql`
        insert into gifts (campaign_id, item_id, manager_id, retailer_id, district_id, quantity, visit_id, note,
                           status, issued_at, confirmed_at)
        values (${campaignId}, ${lighterId}, ${m1.id}, ${shop.id}, ${shop.district_id}, 1, ${v?.id ?? null}, '',
                ${confirmedAt ? 'confirmed' : 'issued'}, ${issuedAt}, ${confirmedAt})
        returning id`);
      const data = { giftId: gift.rows[0]?.id, campaignId, item: '新品主题打火机', quantity: 1 };
      await timeline(tx, shop, issuedAt, 'gift.issued', m1.id, 'gift', gift.rows[0]?.id, data);
      if (confirmedAt) await timeline(tx, shop, confirmedAt, 'gift.confirmed', null, 'gift', gift.rows[0]?.id, data);
    }

    // Feedback from the first two shops (reordering) and the first of this week's interested ones.
    if (i < 2 || (groupOf(i) === 2 && firstOfGroup(i))) {
      const at = new Date(Math.min(introducedAt.getTime() + 2 * DAY_MS, present.getTime() - 60_000));
      const answer =
        i === 0
          ? { c: 'good', p: 'accepted', r: '口感顺，回头客问过两次', w: 'yes' }
          : i === 1 && groupOf(i) === 0
            ? { c: 'fair', p: 'too_high', r: '老顾客嫌贵了一点', w: 'unsure' }
            : { c: 'good', p: 'accepted', r: '', w: 'yes' };
      const fb = await tx.execute<{ id: number }>(sql`
        insert into campaign_feedback (campaign_id, product_id, retailer_id, district_id, consumer_response,
                                       price_acceptance, quality_remark, would_reorder, created_at)
        values (${campaignId}, ${product.id}, ${shop.id}, ${shop.district_id}, ${answer.c}, ${answer.p}, ${answer.r},
                ${answer.w}, ${at})
        returning id`);
      await timeline(tx, shop, at, 'campaign.feedback', null, 'campaign_feedback', fb.rows[0]?.id, {
        campaignId,
        productId: product.id,
        consumerResponse: answer.c,
        priceAcceptance: answer.p,
        wouldReorder: answer.w,
        ...(answer.r ? { remark: answer.r } : {}),
      });
    }
  }
  return { campaignId, productIds: products.map((p) => p.id), introduced: shops.length };
}

async function timeline(
  tx: Db,
  shop: { id: number; district_id: number },
  at: Date,
  kind: string,
  actorUserId: number | null,
  sourceType: string,
  sourceId: number | undefined,
  data: Record<string, unknown>,
): Promise<void> {
  await tx.execute(sql`
    insert into timeline_events (retailer_id, district_id, occurred_at, kind, actor_user_id, source_type, source_id,
                                 data)
    values (${shop.id}, ${shop.district_id}, ${at}, ${kind}, ${actorUserId}, ${sourceType}, ${String(sourceId)},
            ${JSON.stringify(data)}::jsonb)`);
}
