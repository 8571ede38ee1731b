import { addWeeks, dateOfDay, shanghaiDay, weekOf, weekStartInstant } from '@siyi/algorithms';
import type { CampaignGoals, CampaignSegment } from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';

/**
 * The demo city's new-product campaign (创新, issue 12): the city's new products with their selling points,
 * talking guide and tips; one running campaign on manager1's district with a gift (lighters) and a material (counter
 * cards) in its managers' stock; and shops of the district along the funnel, each step proven by the city's own
 * order history (nothing is added to it):
 * - up to three that ordered a campaign product in two weeks since the campaign started, introduced (on the
 *   manager's visit where there was one) just before the first of them: a reorder;
 * - up to three that ordered one in one week, introduced just before: a first order;
 * - up to three yet to order it, introduced this week, interested (one said so in its feedback too), and up to
 *   three undecided.
 * manager1's first five shops introduced got a lighter, the first two signed for it; the sample retailer is always
 * introduced, and its lighter waits for its tap.
 */

export interface DemoCampaignSummary {
  campaignId: number | null;
  productIds: number[];
  introduced: number;
}

const DAY_MS = 86_400_000;

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

const campaignNameOf = (products: { name: string }[]) => `新品推广 · ${products.map((p) => p.name).join('、')}`;

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
  const startsOn = addWeeks(thisWeek, -3);
  const endsOn = dateOfDay(shanghaiDay(present) + 42);
  const segment: CampaignSegment = { kind: 'rules', tiers: null, formats: [], districtIds: [m1.org_unit_id] };
  const goals: CampaignGoals = { introducedSharePct: 60, firstOrders: 20, reorders: 10, reorderWeeks: 4 };
  const campaign = await tx.execute<{ id: number }>(sql`
    insert into campaigns (name, description, starts_on, ends_on, segment, goals, version, created_by_user_id,
                           created_at, updated_at)
    values (${campaignNameOf(products)},
            ${'讲清靓点、指导销售、听取反馈：按零售户自己的需要进货，不搭配、不强求。'},
            ${startsOn}, ${endsOn}, ${JSON.stringify(segment)}::jsonb, ${JSON.stringify(goals)}::jsonb, 1,
            ${adminId}, ${present}, ${present})
    returning id`);
  const campaignId = campaign.rows[0]?.id as number;
  const campaignName = campaignNameOf(products);
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

  // The district's active shops, manager1's first (the sample retailer first of all), with the weeks in which each
  // ordered a campaign product since the campaign started: the history the funnel will read.
  const shopRows = await tx.execute<{ id: number; district_id: number; manager_id: number; licence_no: string }>(sql`
    select id, district_id, manager_id, licence_no from retailers
    where district_id = ${m1.org_unit_id} and status = 'active' and manager_id is not null
    order by (licence_no = ${options.sampleLicence}) desc, (manager_id = ${m1.id}) desc, id`);
  const history = await tx.execute<{ retailer_id: number; product_id: number; week: string }>(sql`
    select distinct o.retailer_id, l.product_id, to_char(o.week_start, 'YYYY-MM-DD') as week
    from orders o join order_lines l on l.order_id = o.id
    where o.district_id = ${m1.org_unit_id} and o.status in ('submitted','confirmed','delivered')
      and l.product_id in (${sql.join(
        products.map((p) => sql`${p.id}`),
        sql`, `,
      )})
      and o.week_start >= ${startsOn} and o.week_start <= ${lastWeek}
    order by week`);
  type Shop = (typeof shopRows.rows)[number];
  type Plan = { shop: Shop; productId: number; introWeek: string; reaction: 'interested' | 'undecided' };
  const reorders: Plan[] = [];
  const firsts: Plan[] = [];
  const none: Shop[] = [];
  for (const shop of shopRows.rows) {
    // The product this shop took up best: ordered in two weeks (a reorder), else in one (a first order).
    const best = products
      .map((p) => ({
        productId: p.id,
        weeks: history.rows.filter((h) => h.retailer_id === shop.id && h.product_id === p.id).map((h) => h.week),
      }))
      .sort((a, b) => b.weeks.length - a.weeks.length)[0];
    const firstWeek = best?.weeks[0];
    if (!best || firstWeek === undefined) none.push(shop);
    else
      (best.weeks.length >= 2 ? reorders : firsts).push({
        shop,
        productId: best.productId,
        introWeek: firstWeek,
        reaction: 'interested',
      });
  }
  // Introduced in the week of the first order it proves (before the order), or this week for those yet to order.
  const plans: Plan[] = [
    ...reorders.slice(0, 3),
    ...firsts.slice(0, 3),
    ...none
      .slice(0, 3)
      .map((shop) => ({ shop, productId: product.id, introWeek: thisWeek, reaction: 'interested' as const })),
    ...none
      .slice(3, 6)
      .map((shop) => ({ shop, productId: product.id, introWeek: thisWeek, reaction: 'undecided' as const })),
  ];
  const samplePlan = [...reorders, ...firsts].find((x) => x.shop.licence_no === options.sampleLicence);
  if (samplePlan && !plans.includes(samplePlan)) plans.push(samplePlan);

  let giftsGiven = 0;
  for (const [i, plan] of plans.entries()) {
    const { shop } = plan;
    // The first order of that week, if any: the introduction came before it.
    const firstOrder = await tx.execute<{ submitted_at: Date | null }>(sql`
      select min(submitted_at) as submitted_at from orders
      where retailer_id = ${shop.id} and week_start = ${plan.introWeek}`);
    const orderedAt = firstOrder.rows[0]?.submitted_at ? new Date(firstOrder.rows[0].submitted_at) : null;
    const latest = new Date(
      Math.min(present.getTime() - 2 * 3_600_000, orderedAt ? orderedAt.getTime() - 60_000 : Infinity),
    );
    // On the manager's checked-in visit of that week before then, where there was one; else on its Monday morning.
    const visit = await tx.execute<{ id: number; check_in_at: Date }>(sql`
      select id, check_in_at from visits
      where retailer_id = ${shop.id} and manager_id = ${shop.manager_id} and status in ('in_progress','done')
        and week_start = ${plan.introWeek} and check_in_at < ${new Date(latest.getTime() - 5 * 60_000)}
      order by check_in_at limit 1`);
    const v = visit.rows[0];
    const monday = new Date(weekStartInstant(plan.introWeek).getTime() + 8 * 3_600_000);
    const introducedAt = v
      ? new Date(new Date(v.check_in_at).getTime() + 5 * 60_000)
      : new Date(Math.max(monday.getTime(), Math.min(latest.getTime(), monday.getTime() + 2 * 3_600_000)));
    const intro = await tx.execute<{ id: number }>(sql`
      insert into campaign_introductions (campaign_id, product_id, retailer_id, district_id, manager_id, visit_id,
                                          guide_shown, reaction, note, introduced_at)
      values (${campaignId}, ${plan.productId}, ${shop.id}, ${shop.district_id}, ${shop.manager_id}, ${v?.id ?? null},
              true, ${plan.reaction}, ${plan.reaction === 'interested' ? '老板愿意先进一两条试销' : '老板说再看看'},
              ${introducedAt})
      returning id`);
    await timeline(
      tx,
      shop,
      introducedAt,
      'campaign.introduced',
      shop.manager_id,
      'campaign_introduction',
      intro.rows[0]?.id,
      {
        campaignId,
        campaignName,
        productId: plan.productId,
        productName: products.find((p) => p.id === plan.productId)?.name ?? '',
        reaction: plan.reaction,
        guideShown: true,
        ...(v ? { visitId: v.id } : {}),
      },
    );

    // Gifts: a lighter for manager1's first five shops introduced, signed for by the first two; the sample
    // retailer's waits for its tap.
    if (shop.manager_id === m1.id && giftsGiven < 5) {
      const issuedAt = new Date(introducedAt.getTime() + 60_000);
      const waits = shop.licence_no === options.sampleLicence || giftsGiven >= 2;
      const confirmedAt = waits ? null : new Date(Math.min(issuedAt.getTime() + DAY_MS, present.getTime() - 60_000));
      giftsGiven += 1;
      const gift = await tx.execute<{ id: number }>(sql`
        insert into gifts (campaign_id, item_id, manager_id, retailer_id, district_id, quantity, visit_id, note,
                           status, issued_at, confirmed_at)
        values (${campaignId}, ${lighterId}, ${m1.id}, ${shop.id}, ${shop.district_id}, 1, ${v?.id ?? null}, '',
                ${confirmedAt ? 'confirmed' : 'issued'}, ${issuedAt}, ${confirmedAt})
        returning id`);
      const data = { giftId: gift.rows[0]?.id, campaignId, campaignName, item: '新品主题打火机', quantity: 1 };
      await timeline(tx, shop, issuedAt, 'gift.issued', m1.id, 'gift', gift.rows[0]?.id, data);
      if (confirmedAt) await timeline(tx, shop, confirmedAt, 'gift.confirmed', null, 'gift', gift.rows[0]?.id, data);
    }

    // Feedback from the first two reordering shops and the first of this week's interested ones.
    const firstInterested = plans.findIndex((x) => x.introWeek === thisWeek);
    if ((i < 2 && i < Math.min(3, reorders.length)) || i === firstInterested) {
      const at = new Date(Math.min(introducedAt.getTime() + 2 * DAY_MS, present.getTime() - 60_000));
      const answer =
        i === 0
          ? { c: 'good', p: 'accepted', r: '口感顺，回头客问过两次', w: 'yes' }
          : i === 1
            ? { c: 'fair', p: 'too_high', r: '老顾客嫌贵了一点', w: 'unsure' }
            : { c: 'good', p: 'accepted', r: '', w: 'yes' };
      const fb = await tx.execute<{ id: number }>(sql`
        insert into campaign_feedback (campaign_id, product_id, retailer_id, district_id, consumer_response,
                                       price_acceptance, quality_remark, would_reorder, created_at)
        values (${campaignId}, ${plan.productId}, ${shop.id}, ${shop.district_id}, ${answer.c}, ${answer.p},
                ${answer.r}, ${answer.w}, ${at})
        returning id`);
      await timeline(tx, shop, at, 'campaign.feedback', null, 'campaign_feedback', fb.rows[0]?.id, {
        campaignId,
        campaignName,
        productId: plan.productId,
        productName: products.find((p) => p.id === plan.productId)?.name ?? '',
        consumerResponse: answer.c,
        priceAcceptance: answer.p,
        wouldReorder: answer.w,
        ...(answer.r ? { remark: answer.r } : {}),
      });
    }
  }
  return { campaignId, productIds: products.map((p) => p.id), introduced: plans.length };
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
