/**
 * The demo city's concerns (诉求): a small, realistic set in every state — new, accepted, in progress, resolved and
 * waiting for the shop, reopened, confirmed and rated with a call-back, closed by itself, overdue and escalated,
 * and the two kinds about the manager (服务态度, 强制搭配) that the supervisor owns. Mostly on manager1's shops (the
 * demo login) with the sample retailer among them, spread over the last weeks so the supervisor's trend has a
 * shape. Each concern's record is what the state machine makes of its steps (concern-state.ts), so the demo holds
 * nothing the app could not have written.
 */
import {
  type ConcernActorKind,
  type ConcernCategory,
  type ConcernPriority,
  type ConcernSource,
  type ConcernStatus,
  defaultConcernSlaHours,
  isSensitiveCategory,
} from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { concernCallbacks, concernEvents, concernRatings, concerns, timelineEvents } from '../db/schema';
import { apply, type ConcernState } from '../modules/concerns/concern-state';

interface Step {
  to: ConcernStatus;
  /** Hours after the concern was raised. */
  at: number;
  note?: string;
}

interface Scenario {
  /** Which of the chosen shops (0 = the sample retailer). */
  shop: number;
  category: ConcernCategory;
  text: string;
  source: ConcernSource;
  priority?: ConcernPriority;
  /** Hours before the demo's present that it was raised. */
  raisedHoursAgo: number;
  steps: Step[];
  /** Passed its SLA unanswered: the escalation job already moved it to the supervisor. */
  escalated?: boolean;
  rating?: { stars: number; comment: string; at: number };
  callback?: { outcome: 'satisfied' | 'unsatisfied' | 'unreachable'; note: string; at: number };
}

const DAY = 24;

export const demoConcernScenarios: readonly Scenario[] = [
  {
    shop: 0,
    category: 'supply',
    text: '黄金叶(乐途)连续两周没到货，熟客来问了好几次，能否下周多投放一些？',
    source: 'retailer_portal',
    raisedHoursAgo: 3,
    steps: [],
  },
  {
    shop: 0,
    category: 'price',
    text: '店里几个规格的价签和订货系统里的零售指导价对不上，顾客问起来不好解释。',
    source: 'retailer_portal',
    raisedHoursAgo: 2 * DAY,
    steps: [
      { to: 'accepted', at: 1 },
      { to: 'in_progress', at: 4 },
      { to: 'resolved', at: 20, note: '已上门核对系统价格，更换了 6 张新价签。请您看一下是否都对上了。' },
    ],
  },
  {
    shop: 0,
    category: 'delivery',
    text: '最近配送车下午五点以后才到，晚上正是卖烟的时候，来不及上架。',
    source: 'retailer_portal',
    raisedHoursAgo: 20 * DAY,
    steps: [
      { to: 'accepted', at: 2 },
      { to: 'in_progress', at: 6 },
      { to: 'resolved', at: 22, note: '已与物流中心协调，调整到上午线路，下周一起执行。' },
      { to: 'reopened', at: 30, note: '这周还是下午才送到。' },
      { to: 'in_progress', at: 32 },
      { to: 'resolved', at: 50, note: '线路已改，司机确认每周二上午十点前送到。' },
      { to: 'confirmed', at: 60 },
    ],
    rating: { stars: 4, comment: '第二次才解决，但现在送得很准时。', at: 61 },
    callback: { outcome: 'satisfied', note: '电话回访，店主说配送已稳定在上午。', at: 80 },
  },
  {
    shop: 1,
    category: 'ordering',
    text: '网上订货系统周二上午经常登不上，只能打电话订。',
    source: 'phone',
    raisedHoursAgo: 30,
    steps: [
      { to: 'accepted', at: 1 },
      { to: 'in_progress', at: 3 },
    ],
  },
  {
    shop: 1,
    category: 'licence',
    text: '许可证下个月到期，想了解延续要带哪些材料、在哪里办。',
    source: 'visit',
    raisedHoursAgo: 27 * DAY,
    steps: [
      { to: 'accepted', at: 1 },
      { to: 'resolved', at: 26, note: '已把延续申请材料清单发给店主，并预约了专卖所窗口。' },
      { to: 'confirmed', at: 30 },
    ],
    rating: { stars: 5, comment: '讲得很清楚，谢谢。', at: 31 },
    callback: { outcome: 'satisfied', note: '回访时店主已办好延续。', at: 10 * DAY },
  },
  {
    shop: 4,
    category: 'ordering',
    text: '这周订货系统里我的可订量比上周少了很多，不知道是什么原因。',
    source: 'retailer_portal',
    raisedHoursAgo: 3 * DAY,
    steps: [
      { to: 'accepted', at: 2 },
      { to: 'resolved', at: 18, note: '可订量按您所在档位和近四周的销量计算，本周档位调整后有所下降。' },
      { to: 'reopened', at: 40, note: '我的销量并没有下降，请再核实一下。' },
    ],
  },
  {
    shop: 2,
    category: 'suggestion',
    text: '建议多搞几次新品品鉴活动，老顾客愿意试新口味。',
    source: 'survey',
    raisedHoursAgo: 16 * DAY,
    steps: [
      { to: 'accepted', at: 5 },
      { to: 'resolved', at: 60, note: '已报市场部，下月在本片区安排一次新品品鉴。' },
      { to: 'closed', at: 60 + 7 * DAY },
    ],
  },
  {
    shop: 2,
    category: 'supply',
    text: '细支烟这个月一直不够卖，周末经常断货。',
    source: 'retailer_portal',
    raisedHoursAgo: 3 * DAY,
    escalated: true,
    steps: [],
  },
  {
    shop: 3,
    category: 'service_attitude',
    text: '客户经理上次来店里态度比较生硬，我的问题还没说完就走了。',
    source: 'retailer_portal',
    raisedHoursAgo: 26,
    steps: [{ to: 'accepted', at: 2 }],
  },
  {
    shop: 4,
    category: 'forced_ordering',
    text: '订货时被要求搭配两条不好卖的规格，不搭就不给紧俏烟。',
    source: 'phone',
    priority: 'high',
    raisedHoursAgo: 4 * DAY,
    steps: [
      { to: 'accepted', at: 1 },
      { to: 'in_progress', at: 3 },
      { to: 'resolved', at: 40, note: '已约谈客户经理并纠正；紧俏烟按需投放，不再搭配。请您监督。' },
      { to: 'confirmed', at: 52 },
    ],
    rating: { stars: 5, comment: '', at: 53 },
  },
  {
    shop: 3,
    category: 'counterfeit',
    text: '附近夜市有个摊位在卖没有许可证的烟，价格低得不正常。',
    source: 'visit',
    priority: 'urgent',
    raisedHoursAgo: 10,
    steps: [{ to: 'accepted', at: 1 }],
  },
  {
    shop: 5,
    category: 'delivery',
    text: '上周送来的一件烟外箱破损，有两条受潮。',
    source: 'retailer_portal',
    raisedHoursAgo: 9 * DAY,
    steps: [
      { to: 'accepted', at: 2 },
      { to: 'resolved', at: 10, note: '已为您更换两条受潮的烟。' },
      { to: 'confirmed', at: 12 },
    ],
    rating: { stars: 3, comment: '换了，但跑了两趟。', at: 13 },
    callback: { outcome: 'unreachable', note: '两次致电未接通。', at: 6 * DAY },
  },
  {
    shop: 5,
    category: 'other',
    text: '店门口的烟草标识牌旧了，想换一块新的。',
    source: 'visit',
    raisedHoursAgo: 34 * DAY,
    steps: [
      { to: 'accepted', at: 3 },
      { to: 'resolved', at: 70, note: '新标识牌已安装。' },
      { to: 'confirmed', at: 75 },
    ],
    rating: { stars: 5, comment: '', at: 76 },
  },
];

export interface DemoConcernShop {
  retailerId: number;
  districtId: number;
  managerId: number | null;
  /** The retailer's own account. */
  userId: number;
}

/**
 * Writes the scenarios in the loader's transaction: the concerns as their steps leave them, every event, the
 * ratings and call-backs, and the retailer's timeline (restricted for the sensitive categories, as the app
 * writes it). `present` is the demo's now; `supervisorOf` gives a district's supervisor.
 */
export async function loadDemoConcerns(
  tx: Db,
  shops: readonly DemoConcernShop[],
  supervisorOf: (districtId: number) => number | null,
  present: Date,
): Promise<number> {
  let written = 0;
  const hours = (h: number) => 3_600_000 * h;
  for (const scenario of demoConcernScenarios) {
    const shop = shops[scenario.shop % Math.max(shops.length, 1)];
    if (!shop) continue;
    const sensitive = isSensitiveCategory(scenario.category);
    const supervisor = supervisorOf(shop.districtId);
    const manager = sensitive ? supervisor : (shop.managerId ?? supervisor);
    const raisedAt = new Date(present.getTime() - hours(scenario.raisedHoursAgo));
    const sla = defaultConcernSlaHours[scenario.category];
    let state: ConcernState = {
      status: 'new',
      dueAt: new Date(raisedAt.getTime() + hours(sla)),
      remindedAt: null,
      escalatedAt: null,
      firstResolvedAt: null,
      resolvedAt: null,
      resolution: null,
      closedAt: null,
      closedBy: null,
      reopenCount: 0,
    };
    const raisedBy = scenario.source === 'retailer_portal' ? shop.userId : manager;
    const events: (typeof concernEvents.$inferInsert & { timelineKind: string | null })[] = [
      {
        concernId: 0,
        districtId: shop.districtId,
        occurredAt: raisedAt,
        kind: 'created',
        toStatus: 'new',
        actorUserId: raisedBy,
        data: { source: scenario.source, ownerUserId: manager },
        timelineKind: 'concern.raised',
      },
    ];
    let owner = manager;
    if (scenario.escalated) {
      const at = state.dueAt;
      state = { ...state, escalatedAt: at };
      events.push({
        concernId: 0,
        districtId: shop.districtId,
        occurredAt: at,
        kind: 'escalated',
        actorUserId: null,
        data: { fromOwnerUserId: owner, toOwnerUserId: supervisor, dueAt: at.toISOString() },
        timelineKind: 'concern.escalated',
      });
      if (supervisor !== owner) {
        events.push({
          concernId: 0,
          districtId: shop.districtId,
          occurredAt: at,
          kind: 'reassigned',
          actorUserId: null,
          data: { fromOwnerUserId: owner, toOwnerUserId: supervisor, reason: 'sla' },
          timelineKind: null,
        });
        owner = supervisor;
      }
    }
    for (const step of scenario.steps) {
      const at = new Date(raisedAt.getTime() + hours(step.at));
      const by: ConcernActorKind =
        step.to === 'confirmed' || step.to === 'reopened' ? 'retailer' : step.to === 'closed' ? 'system' : 'staff';
      const from = state.status;
      state = apply(state, step.to, by, step.note ?? '', at, sla);
      events.push({
        concernId: 0,
        districtId: shop.districtId,
        occurredAt: at,
        kind: 'transition',
        fromStatus: from,
        toStatus: step.to,
        note: step.note ?? '',
        actorUserId: by === 'retailer' ? shop.userId : by === 'system' ? null : owner,
        data: step.to === 'closed' ? { closedBy: 'auto', days: 7 } : {},
        timelineKind: `concern.${step.to}`,
      });
    }
    const lastAt = events.reduce((t, e) => Math.max(t, e.occurredAt.getTime()), raisedAt.getTime());
    const [row] = await tx
      .insert(concerns)
      .values({
        retailerId: shop.retailerId,
        districtId: shop.districtId,
        category: scenario.category,
        text: scenario.text,
        priority: scenario.priority ?? 'normal',
        source: scenario.source,
        ownerUserId: owner,
        raisedByUserId: raisedBy,
        ...state,
        createdAt: raisedAt,
        updatedAt: new Date(lastAt),
      })
      .returning({ id: concerns.id });
    if (!row) throw new Error('demo concern not inserted');
    const id = row.id;
    if (scenario.rating) {
      const at = new Date(raisedAt.getTime() + hours(scenario.rating.at));
      await tx.insert(concernRatings).values({
        concernId: id,
        districtId: shop.districtId,
        stars: scenario.rating.stars,
        comment: scenario.rating.comment,
        ratedByUserId: shop.userId,
        createdAt: at,
      });
      events.push({
        concernId: id,
        districtId: shop.districtId,
        occurredAt: at,
        kind: 'rated',
        note: scenario.rating.comment,
        actorUserId: shop.userId,
        data: { stars: scenario.rating.stars },
        timelineKind: 'concern.rated',
      });
    }
    if (scenario.callback && supervisor !== null) {
      const at = new Date(raisedAt.getTime() + hours(scenario.callback.at));
      const [callback] = await tx
        .insert(concernCallbacks)
        .values({
          concernId: id,
          districtId: shop.districtId,
          outcome: scenario.callback.outcome,
          note: scenario.callback.note,
          calledByUserId: supervisor,
          createdAt: at,
        })
        .returning({ id: concernCallbacks.id });
      events.push({
        concernId: id,
        districtId: shop.districtId,
        occurredAt: at,
        kind: 'callback',
        note: scenario.callback.note,
        actorUserId: supervisor,
        data: { outcome: scenario.callback.outcome, callbackId: callback?.id ?? null },
        timelineKind: 'concern.callback',
      });
    }
    await tx.insert(concernEvents).values(events.map(({ timelineKind: _kind, ...e }) => ({ ...e, concernId: id })));
    const onTimeline = events.filter((e) => e.timelineKind !== null);
    if (onTimeline.length > 0) {
      await tx.insert(timelineEvents).values(
        onTimeline.map((e) => ({
          retailerId: shop.retailerId,
          districtId: shop.districtId,
          occurredAt: e.occurredAt,
          kind: e.timelineKind as string,
          actorUserId: e.actorUserId ?? null,
          sourceType: 'concern',
          sourceId: String(id),
          data: {
            concernId: id,
            category: scenario.category,
            ...(e.toStatus ? { status: e.toStatus } : {}),
            ...(e.note ? { note: e.note.slice(0, 200) } : {}),
            ...(e.data as Record<string, unknown>),
            ...(sensitive ? { restricted: true } : {}),
          },
        })),
      );
    }
    written += 1;
  }
  await tx.execute(sql`analyze concerns, concern_events`);
  return written;
}
