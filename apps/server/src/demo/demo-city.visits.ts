/**
 * The demo city's visits (issue 9): the past 9 weeks of every manager's visits and the current week planned, so the
 * coverage dashboard, the flags and the retailer's rating have a history from the first start.
 *
 * Each week a manager's plan follows the coverage rules roughly (tiers 25–30 weekly, 15–24 every two weeks, the
 * rest every four; overdue first; at most 25 a working day, none on a shop's closed day), ordered west to east
 * with arrival times from 08:30. Most planned visits are done: checked in a few metres to a few dozen metres from
 * the shop (now and then farther, with a reason), 6–18 minutes on site, a filled checklist and a summary; a few
 * are perfunctory (under a minute, often an empty record) and get flagged, one forgotten check-out runs past 5 h,
 * some planned visits are missed (overdue), a few visits are unplanned. Most done visits are rated by the shop
 * within days. Manager1 has one short day (a manager-day flag) and one of its shops was missed all last month
 * (a retailer-month flag). The flags are what the rules make of this history (packages/algorithms
 * visits-quality), and the district supervisor has spot-checked two and called one shop back.
 *
 * Deterministic: one random stream per (seed, 'visits', manager, week). Rows go in with a few bulk statements.
 */
import {
  addWeeks,
  DAY_MS,
  DEFAULT_COVERAGE_RULES,
  DEFAULT_VISIT_FLAG_RULES,
  dateOfDay,
  dayNumber,
  flagManagerDays,
  flagRetailerMonth,
  frequencyWeeks,
  hashSeed,
  monthDays,
  monthOfDay,
  Random,
  SHANGHAI_OFFSET_MS,
  shanghaiDay,
  weekOf,
} from '@siyi/algorithms';
import { defaultVisitTemplateItems, type VisitRecord } from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { Tx } from '../db/transaction';
import { type FlagToWrite, insertFlags, type QualityVisitRow } from '../modules/visit-quality/visit-quality.repository';
import { visitFlagsOf } from '../modules/visit-quality/visit-quality.service';

export interface DemoVisitShop {
  retailerId: number;
  districtId: number;
  managerId: number;
  /** The shop's own account (it rates), or null. */
  userId: number | null;
  lat: number;
  lng: number;
  tier: number;
  closedWeekdays: readonly number[];
  active: boolean;
  /** The demo login's shops: manager1 gets the short day and the missed shop. */
  isManager1: boolean;
}

export interface DemoVisitsInput {
  seed: number;
  shops: readonly DemoVisitShop[];
  supervisorOf: (districtId: number) => number | null;
  /** The demo's present (demoPresent): history before it, plans after it. */
  present: Date;
}

/** Past weeks generated before the current one: 9 cover any previous calendar month entirely. */
export const DEMO_VISIT_PAST_WEEKS = 9;
const DAILY_CAP = 25;
const WORK_DAYS = [1, 2, 3, 4, 5];
const FIRST_ARRIVAL = 8 * 60 + 30;

const SUMMARIES: readonly string[] = [
  '陈列整齐，重点品规有货，店主反映近期客流稳定。',
  '检查了价签，两处价签已更新；提醒店主及时补货。',
  '店主咨询新品上市时间，已介绍本周新品。',
  '未成年人禁售标识已张贴，许可证悬挂规范。',
  '柜台陈列略显杂乱，已协助整理并拍照留存。',
  '店主希望增加紧俏品规投放，已记录并反馈。',
  '周边新开一家便利店，客流略有下降，店主有些担心。',
  '核对了上周订单到货情况，无异常。',
];
const STOCK_NOTES: readonly string[] = ['黄金叶(乐途)库存偏低', '红旗渠(银河之光)断货两天', '中支烟库存充足', ''];
const REASONS: readonly string[] = ['门口修路，只能在路口签到', '店铺搬到隔壁楼，地址待更新', '定位漂移，室内信号差'];
const CALLBACK_NOTE = '店主说客户经理来了不到一分钟就走了，没看货架。';
const RATING_COMMENTS: readonly string[] = ['服务很周到', '帮我整理了柜台', '来得很及时', '讲解新品很清楚', ''];
const LOW_COMMENTS: readonly string[] = ['进来看一眼就走了', '没怎么交流', ''];

interface PlannedVisit {
  id: number;
  shop: DemoVisitShop;
  weekStart: string;
  plannedDate: string | null;
  plannedOrder: number | null;
  plannedArrival: number | null;
  source: 'plan' | 'unplanned';
  status: 'planned' | 'done';
  checkInAt: Date | null;
  checkOutAt: Date | null;
  secondsOnSite: number | null;
  distanceM: number | null;
  reason: string;
  record: VisitRecord | null;
  rating: { score: number; comment: string; at: Date } | null;
}

const instantOf = (day: number, minutes: number) => new Date(day * DAY_MS - SHANGHAI_OFFSET_MS + minutes * 60_000);

/** Shops rate in the Shanghai daytime, 08:00–21:00, not at night. */
export const RATING_FROM_MINUTE = 8 * 60;
export const RATING_UNTIL_MINUTE = 21 * 60;
const shanghaiMinuteOf = (t: number) => Math.floor(((((t + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);

/**
 * When the shop rates a visit checked out at `checkOutAt`: about `delayHours` later, moved into the daytime (a night
 * instant becomes the next morning, `minutes` after 08:00), never later than a minute before `present` (then the
 * last daytime before it); null when no daytime lies between the check-out and the present.
 */
export function ratingInstant(checkOutAt: Date, delayHours: number, minutes: number, present: Date): Date | null {
  const earliest = checkOutAt.getTime() + 10 * 60_000;
  const latest = present.getTime() - 60_000;
  let at = checkOutAt.getTime() + delayHours * 3_600_000;
  const minute = shanghaiMinuteOf(at);
  const morning = (t: number) => t - shanghaiMinuteOf(t) * 60_000 + (RATING_FROM_MINUTE + minutes) * 60_000;
  if (minute >= RATING_UNTIL_MINUTE) at = morning(at) + DAY_MS;
  else if (minute < RATING_FROM_MINUTE) at = morning(at);
  if (at > latest) {
    at = latest;
    const last = shanghaiMinuteOf(at);
    const evening = (t: number) => t - shanghaiMinuteOf(t) * 60_000 + (RATING_UNTIL_MINUTE - 1 - minutes) * 60_000;
    if (last >= RATING_UNTIL_MINUTE) at = evening(at);
    else if (last < RATING_FROM_MINUTE) at = evening(at) - DAY_MS;
  }
  at = Math.floor(at / 1000) * 1000;
  const daytime = shanghaiMinuteOf(at) >= RATING_FROM_MINUTE && shanghaiMinuteOf(at) < RATING_UNTIL_MINUTE;
  return at >= earliest && at <= latest && daytime ? new Date(at) : null;
}

function record(random: Random, empty: boolean, day: number, presentDay: number): VisitRecord {
  if (empty) {
    return {
      checklist: {},
      market: { stockNotes: '', competitorPrices: [], consumerRemarks: '' },
      heardConcerns: [],
      productsIntroduced: [],
      followUps: [],
      summary: '',
    };
  }
  const checklist: VisitRecord['checklist'] = {};
  for (const item of defaultVisitTemplateItems) {
    const no = random.chance(0.06);
    checklist[item.id] = { answer: no ? 'no' : 'yes', note: no ? '已提醒店主整改' : '' };
  }
  return {
    checklist,
    market: {
      stockNotes: random.chance(0.4) ? (STOCK_NOTES[random.int(0, STOCK_NOTES.length - 1)] ?? '') : '',
      competitorPrices: [],
      consumerRemarks: random.chance(0.15) ? '顾客反映细支烟更受欢迎' : '',
    },
    heardConcerns: [],
    productsIntroduced: [],
    // Follow-ups promised weeks ago were kept, as a working manager keeps them; one in eleven (by day, so the
    // random stream and the rest of the demo stay as they were) is still open, a few days overdue at most.
    followUps: random.chance(0.1)
      ? [{ text: '下次带新品宣传册', dueDate: dateOfDay(day + 7), done: followUpKept(day, presentDay) }]
      : [],
    summary: SUMMARIES[random.int(0, SUMMARIES.length - 1)] ?? '',
  };
}

/** A demo follow-up due a week after the visit: kept unless it is recent, or one of the few left (by day). */
function followUpKept(visitDay: number, presentDay: number): boolean {
  const due = visitDay + 7;
  if (due >= presentDay - 2) return false;
  return !(due >= presentDay - 10 && visitDay % 11 === 0);
}

/** The previous calendar month 'YYYY-MM' of a day number. */
function previousMonthOf(day: number): string {
  const d = new Date(day * DAY_MS);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/** The visits of the demo history (ids from `firstId`), pure and deterministic. */
export function generateDemoVisits(input: DemoVisitsInput, firstId = 1) {
  const { seed, present } = input;
  const presentDay = shanghaiDay(present);
  const currentWeek = weekOf(present);
  const weeks = Array.from({ length: DEMO_VISIT_PAST_WEEKS + 1 }, (_, i) =>
    addWeeks(currentWeek, i - DEMO_VISIT_PAST_WEEKS),
  );
  const lastMonth = previousMonthOf(presentDay);
  const { first: monthFirst, last: monthLast } = monthDays(lastMonth);
  const byManager = new Map<number, DemoVisitShop[]>();
  for (const shop of [...input.shops].sort((a, b) => a.retailerId - b.retailerId)) {
    if (!shop.active) continue;
    byManager.set(shop.managerId, [...(byManager.get(shop.managerId) ?? []), shop]);
  }
  // Manager1's shop missed all last month: its lowest-tier shop that is not the first (the sample retailer).
  const manager1Shops = [...input.shops].filter((s) => s.isManager1 && s.active);
  const missedShop =
    manager1Shops.length > 1 ? [...manager1Shops.slice(1)].sort((a, b) => a.tier - b.tier)[0] : undefined;
  // Manager1's short day: the Wednesday two weeks before the current one.
  const shortDay = dayNumber(addWeeks(currentWeek, -2)) + 2;

  const visits: PlannedVisit[] = [];
  let nextId = firstId;
  for (const [managerId, shops] of byManager) {
    const last = new Map<number, number>();
    const lastDay = new Map<number, number>();
    const stagger = new Random(hashSeed(seed, 'visits', managerId, 'stagger'));
    for (const shop of shops) {
      const every = frequencyWeeks(DEFAULT_COVERAGE_RULES, shop.tier) ?? 4;
      last.set(shop.retailerId, -stagger.int(1, every));
    }
    weeks.forEach((week, w) => {
      const random = new Random(hashSeed(seed, 'visits', managerId, week));
      const monday = dayNumber(week);
      // The monthly minimum: in the month's last full working week, every shop not yet visited in the month.
      const friday = dateOfDay(monday + 4);
      const lastWeekOfMonth = monthOfDay(friday) !== monthOfDay(dateOfDay(monday + 11));
      const due = shops
        .map((shop) => {
          const every = frequencyWeeks(DEFAULT_COVERAGE_RULES, shop.tier) ?? 4;
          const late = w - (last.get(shop.retailerId) ?? -every) - every;
          const visitedThisMonth = monthOfDay(dateOfDay(lastDay.get(shop.retailerId) ?? 0)) === monthOfDay(friday);
          return { shop, late: lastWeekOfMonth && !visitedThisMonth ? Math.max(late, 0) : late };
        })
        .filter((d) => d.late >= 0)
        .sort((a, b) => b.late - a.late || b.shop.tier - a.shop.tier || a.shop.retailerId - b.shop.retailerId)
        .slice(0, DAILY_CAP * WORK_DAYS.length);
      // Days: round robin over the working days, moved on from a shop's closed day.
      // Manager1's first visit of last week was perfunctory with an empty record; of the week before, far away.
      const forced = new Map<number, 'perfunctory' | 'far'>();
      const firstDue = due[0]?.shop;
      if (firstDue?.isManager1 && firstDue !== missedShop) {
        if (w === weeks.length - 2) forced.set(firstDue.retailerId, 'perfunctory');
        if (w === weeks.length - 3) forced.set(firstDue.retailerId, 'far');
      }
      const days = new Map<number, DemoVisitShop[]>(WORK_DAYS.map((d) => [d, []]));
      due.forEach(({ shop }, i) => {
        let weekday = WORK_DAYS[i % WORK_DAYS.length] ?? 1;
        for (let k = 0; k < WORK_DAYS.length && shop.closedWeekdays.includes(weekday); k++) {
          weekday = WORK_DAYS[(WORK_DAYS.indexOf(weekday) + 1) % WORK_DAYS.length] ?? 1;
        }
        days.get(weekday)?.push(shop);
      });
      for (const weekday of WORK_DAYS) {
        const day = monday + weekday - 1;
        const stops = (days.get(weekday) ?? []).sort((a, b) => a.lng - b.lng || a.retailerId - b.retailerId);
        let clock = FIRST_ARRIVAL;
        const isShortDay = stops[0]?.isManager1 === true && day === shortDay;
        stops.forEach((shop, order) => {
          const arrival = clock;
          const force = forced.get(shop.retailerId);
          const perfunctory = random.chance(0.02) || force === 'perfunctory';
          const long = !perfunctory && random.chance(0.002);
          const seconds = perfunctory
            ? random.int(12, 55)
            : long
              ? random.int(5 * 3600 + 600, 6 * 3600 + 1800)
              : isShortDay
                ? random.int(420, 540)
                : random.int(360, 1080);
          clock += Math.ceil(Math.min(seconds, 1080) / 60) + random.int(4, 12);
          const date = dateOfDay(day);
          const missedMonth = shop === missedShop && date >= monthFirst && date <= monthLast;
          const missed =
            force === undefined &&
            (missedMonth || (isShortDay && order >= 3) || random.chance(0.05) || shop.closedWeekdays.includes(weekday));
          const checkInMinutes = arrival + random.int(-10, 20);
          const checkInAt = instantOf(day, checkInMinutes);
          const checkOutAt = new Date(checkInAt.getTime() + seconds * 1000);
          const done = !missed && checkOutAt.getTime() < present.getTime() && day <= presentDay;
          const far = random.chance(0.015) || force === 'far';
          const distanceM = far ? random.int(230, 900) : random.chance(0.12) ? random.int(60, 180) : random.int(3, 60);
          const empty = perfunctory && (random.chance(0.7) || force === 'perfunctory');
          const willRate = done && !long && checkOutAt.getTime() < present.getTime() - 3_600_000 && random.chance(0.72);
          // The minutes after 08:00 come from the delay, not a draw of their own: the rest of the history stays as it was.
          const delayHours = random.int(1, 72);
          const ratedAt = ratingInstant(checkOutAt, delayHours, (delayHours * 37) % 150, present);
          const rated = willRate && ratedAt !== null;
          const score = perfunctory
            ? [1, 2, 3, 4][random.weightedIndex([0.2, 0.35, 0.3, 0.15])]
            : [3, 4, 5][random.weightedIndex([0.08, 0.32, 0.6])];
          const comments = perfunctory ? LOW_COMMENTS : RATING_COMMENTS;
          visits.push({
            id: nextId++,
            shop,
            weekStart: week,
            plannedDate: date,
            plannedOrder: order + 1,
            plannedArrival: Math.min(arrival, 1440),
            source: 'plan',
            status: done ? 'done' : 'planned',
            checkInAt: done ? checkInAt : null,
            checkOutAt: done ? checkOutAt : null,
            secondsOnSite: done ? seconds : null,
            distanceM: done ? distanceM : null,
            reason: done && far ? (REASONS[random.int(0, REASONS.length - 1)] ?? '') : '',
            record: done ? record(random, empty, day, presentDay) : null,
            rating: rated
              ? {
                  score: score ?? 4,
                  comment: comments[random.int(0, comments.length - 1)] ?? '',
                  at: ratedAt ?? present,
                }
              : null,
          });
          if (done) {
            last.set(shop.retailerId, w);
            lastDay.set(shop.retailerId, day);
          }
          // Now and then an unplanned stop at another shop nearby on the way.
          if (done && random.chance(0.01)) {
            const other = shops[random.int(0, shops.length - 1)];
            if (other && other !== missedShop && !other.closedWeekdays.includes(weekday)) {
              const at = new Date(checkOutAt.getTime() + random.int(5, 15) * 60_000);
              const s = random.int(300, 900);
              const out = new Date(at.getTime() + s * 1000);
              if (out.getTime() < present.getTime()) {
                visits.push({
                  id: nextId++,
                  shop: other,
                  weekStart: week,
                  plannedDate: null,
                  plannedOrder: null,
                  plannedArrival: null,
                  source: 'unplanned',
                  status: 'done',
                  checkInAt: at,
                  checkOutAt: out,
                  secondsOnSite: s,
                  distanceM: random.int(3, 50),
                  reason: '',
                  record: record(random, false, day, presentDay),
                  rating: null,
                });
              }
            }
          }
        });
      }
    });
  }
  return { visits, weeks, lastMonth };
}

function qualityRow(v: PlannedVisit): QualityVisitRow {
  return {
    id: v.id,
    retailerId: v.shop.retailerId,
    managerId: v.shop.managerId,
    districtId: v.shop.districtId,
    status: v.status,
    checkInAt: v.checkInAt,
    checkOutAt: v.checkOutAt,
    secondsOnSite: v.secondsOnSite,
    checkInDistanceM: v.distanceM,
    checkInReason: v.reason,
    checklistAnswers: v.record ? Object.keys(v.record.checklist).length : 0,
    summary: v.record?.summary ?? '',
    photoCount: 0,
  };
}

/** The flags the rules raise on the history, each dated when the app would have raised it. */
export function demoVisitFlags(
  visits: readonly PlannedVisit[],
  shops: readonly DemoVisitShop[],
  present: Date,
  lastMonth: string,
): FlagToWrite[] {
  const rules = DEFAULT_VISIT_FLAG_RULES;
  const rows = visits.map(qualityRow);
  const done = rows.filter((r) => r.status === 'done');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const visitFlags = visitFlagsOf(done, rules, present).map((f) => {
    const checkOut = byId.get(f.visitId ?? -1)?.checkOutAt ?? present;
    const at = f.kind === 'empty_record' ? new Date(checkOut.getTime() + 25 * 3_600_000) : checkOut;
    return { ...f, createdAt: new Date(Math.min(at.getTime(), present.getTime())) };
  });
  const today = shanghaiDay(present);
  const days = [...new Set(done.map((r) => dateOfDay(shanghaiDay(r.checkInAt ?? present))))].filter(
    (d) => dayNumber(d) < today,
  );
  const districtOfManager = new Map(shops.map((s) => [s.managerId, s.districtId]));
  const dayFlags = flagManagerDays(done, rules, days).map((f) => ({
    ...f,
    districtId: districtOfManager.get(f.managerId) ?? 0,
    createdAt: new Date(Math.min(instantOf(dayNumber(f.day ?? '') + 1, 90).getTime(), present.getTime())),
  }));
  const active = shops.filter((s) => s.active);
  const districtOfShop = new Map(active.map((s) => [s.retailerId, s.districtId]));
  const monthStart = instantOf(dayNumber(`${lastMonth}-01`), 0);
  const firstOfThisMonth = instantOf(dayNumber(monthDays(lastMonth).last) + 1, 90);
  const monthFlags =
    monthOfDay(dateOfDay(today)) === lastMonth || monthStart.getTime() > present.getTime()
      ? []
      : flagRetailerMonth(active, done, lastMonth, rules).map((f) => ({
          ...f,
          districtId: districtOfShop.get(f.retailerId ?? -1) ?? 0,
          createdAt: new Date(Math.min(firstOfThisMonth.getTime(), present.getTime())),
        }));
  return [...visitFlags, ...dayFlags, ...monthFlags];
}

export interface DemoVisitsSummary {
  visits: number;
  ratings: number;
  flags: number;
}

/** Writes the demo visits, ratings, flags, a few spot-checks and a call-back, and their timeline events. */
export async function loadDemoVisits(tx: Db, input: DemoVisitsInput): Promise<DemoVisitsSummary> {
  const seq = await tx.execute<{ id: string }>(sql`select nextval(pg_get_serial_sequence('visits', 'id')) as id`);
  const firstId = Number(seq.rows[0]?.id ?? 1);
  const { visits, lastMonth } = generateDemoVisits(input, firstId);
  if (visits.length === 0) return { visits: 0, ratings: 0, flags: 0 };
  await tx.execute(sql`select setval(pg_get_serial_sequence('visits', 'id'), ${firstId + visits.length - 1})`);

  const CHUNK = 4000;
  for (let i = 0; i < visits.length; i += CHUNK) {
    const rows = visits.slice(i, i + CHUNK).map((v) => ({
      id: v.id,
      r: v.shop.retailerId,
      m: v.shop.managerId,
      d: v.shop.districtId,
      w: v.weekStart,
      pd: v.plannedDate,
      po: v.plannedOrder,
      pa: v.plannedArrival,
      src: v.source,
      st: v.status,
      ci: v.checkInAt?.toISOString() ?? null,
      lat: v.checkInAt ? v.shop.lat + (v.distanceM ?? 0) / 111_195 : null,
      lng: v.checkInAt ? v.shop.lng : null,
      acc: v.checkInAt ? 12 : null,
      dist: v.distanceM,
      rsn: v.checkInAt ? v.reason : null,
      co: v.checkOutAt?.toISOString() ?? null,
      sec: v.secondsOnSite,
      rec: v.record,
      tv: v.record ? 1 : null,
      ca: (v.checkInAt ?? instantOf(dayNumber(v.weekStart) - 3, 60)).toISOString(),
    }));
    await tx.execute(sql`
      insert into visits (id, retailer_id, manager_id, district_id, week_start, planned_date, planned_order,
                          planned_arrival, pinned, source, status, check_in_at, check_in_lat, check_in_lng,
                          check_in_accuracy_m, check_in_distance_m, check_in_reason, check_out_at, seconds_on_site,
                          record, template_version, created_at, updated_at)
      select id, r, m, d, w, pd, po, pa, false, src, st, ci, lat, lng, acc, dist, rsn, co, sec, rec, tv, ca,
             coalesce(co, ca)
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(id bigint, r int, m int, d int, w date, pd date, po smallint, pa smallint, src text, st text,
             ci timestamptz, lat float8, lng float8, acc float8, dist int, rsn text, co timestamptz, sec int,
             rec jsonb, tv int, ca timestamptz)`);
    const events = visits.slice(i, i + CHUNK).flatMap((v) => {
      if (v.status !== 'done' || !v.checkInAt || !v.checkOutAt) return [];
      const base = { r: v.shop.retailerId, d: v.shop.districtId, a: v.shop.managerId, s: String(v.id) };
      // One event per visit (the app writes check-in and check-out apart): half the rows for a faster demo load.
      const out: { r: number; d: number; a: number; s: string; t: string; k: string; data: Record<string, unknown> }[] =
        [
          {
            ...base,
            t: v.checkOutAt.toISOString(),
            k: 'visit.checked_out',
            data: {
              visitId: v.id,
              secondsOnSite: v.secondsOnSite,
              distanceM: v.distanceM,
              ...(v.reason ? { reason: v.reason } : {}),
            },
          },
        ];
      if (v.rating && v.shop.userId !== null) {
        out.push({
          ...base,
          a: v.shop.userId,
          t: v.rating.at.toISOString(),
          k: 'visit.rated',
          data: { visitId: v.id, score: v.rating.score, ...(v.rating.comment ? { comment: v.rating.comment } : {}) },
        });
      }
      return out;
    });
    await tx.execute(sql`
      insert into timeline_events (retailer_id, district_id, occurred_at, kind, actor_user_id, source_type, source_id,
                                   data)
      select r, d, t, k, a, 'visit', s, data
      from jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
        as x(r int, d int, t timestamptz, k text, a int, s text, data jsonb)`);
  }

  const ratings = visits.filter((v) => v.rating && v.shop.userId !== null);
  for (let i = 0; i < ratings.length; i += CHUNK) {
    const rows = ratings.slice(i, i + CHUNK).map((v) => ({
      v: v.id,
      r: v.shop.retailerId,
      d: v.shop.districtId,
      s: v.rating?.score,
      c: v.rating?.comment ?? '',
      u: v.shop.userId,
      t: v.rating?.at.toISOString(),
    }));
    await tx.execute(sql`
      insert into visit_ratings (visit_id, retailer_id, district_id, score, comment, rated_by_user_id, created_at)
      select v, r, d, s, c, u, t
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(v bigint, r int, d int, s smallint, c text, u int, t timestamptz)`);
  }

  const flags = demoVisitFlags(visits, input.shops, input.present, lastMonth);
  const written = await insertFlags(tx as Tx, flags, 1, input.present);

  // The supervisor of manager1's district has spot-checked two flagged visits and called one shop back.
  const manager1 = input.shops.find((s) => s.isManager1);
  const supervisor = manager1 ? input.supervisorOf(manager1.districtId) : null;
  if (manager1 && supervisor !== null) {
    // The oldest short visit (confirmed, and the shop called back) and the oldest far check-in (cleared).
    const reviewed = await tx.execute<{ visit_id: string; retailer_id: number; district_id: number; kind: string }>(sql`
      select distinct on (f.kind) f.visit_id, f.retailer_id, f.district_id, f.kind
      from visit_flags f
      where f.manager_id = ${manager1.managerId} and f.kind in ('short_visit', 'far_check_in')
      order by f.kind, f.visit_id`);
    const at = new Date(input.present.getTime() - 2 * DAY_MS);
    for (const f of reviewed.rows) {
      const outcome = f.kind === 'far_check_in' ? 'cleared' : 'confirmed';
      const note =
        outcome === 'cleared' ? '核实：店铺门口施工，签到位置合理。' : '电话核实：停留时间过短，已提醒客户经理。';
      await tx.execute(sql`
        insert into visit_spot_checks (visit_id, district_id, outcome, note, checked_by, created_at)
        values (${f.visit_id}, ${f.district_id}, ${outcome}, ${note}, ${supervisor}, ${at})`);
      await tx.execute(sql`
        update visit_flags set spot_checked_at = ${at}, spot_checked_by = ${supervisor}, spot_check_outcome = ${outcome},
                               spot_check_note = ${note}
        where visit_id = ${f.visit_id} and spot_checked_at is null`);
      await tx.execute(sql`
        insert into timeline_events (retailer_id, district_id, occurred_at, kind, actor_user_id, source_type, source_id, data)
        values (${f.retailer_id}, ${f.district_id}, ${at}, 'visit.spot_checked', ${supervisor}, 'visit', ${f.visit_id},
                ${JSON.stringify({ outcome, note, flagKinds: [f.kind] })}::jsonb)`);
      if (outcome === 'confirmed') {
        await tx.execute(sql`
          insert into visit_callbacks (visit_id, retailer_id, district_id, reached, retailer_says, note, called_by, created_at)
          values (${f.visit_id}, ${f.retailer_id}, ${f.district_id}, true, 'perfunctory', ${CALLBACK_NOTE}, ${supervisor}, ${at})`);
        await tx.execute(sql`
          insert into timeline_events (retailer_id, district_id, occurred_at, kind, actor_user_id, source_type, source_id, data)
          values (${f.retailer_id}, ${f.district_id}, ${at}, 'visit.callback', ${supervisor}, 'visit', ${f.visit_id},
                  ${JSON.stringify({ outcome: 'perfunctory', reached: true, retailerSays: 'perfunctory', note: CALLBACK_NOTE })}::jsonb)`);
      }
    }
  }
  return { visits: visits.length, ratings: ratings.length, flags: written };
}
