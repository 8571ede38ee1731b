/**
 * The archive fields of a demo retailer (migration 0005): licence type and validity, 诚信等级, compliance flags,
 * business scope, ordering habits, visit batch, closed days, other contacts, best visit hours and notes.
 *
 * Drawn from a random stream of their own (seed, 'archive', index), after territories and orders, so adding them
 * left every shop, order and tier of the city as it was. The shares are assumptions for a plausible demo, not
 * statistics: most licences run for five years, so about one in thirty expires within the next 60 days and a
 * few have lapsed (mostly suspended or closed shops); grades are mostly A and B.
 */
import { dateOfDay, dayNumber, hashSeed, Random } from '@siyi/algorithms';
import type { CreditGrade, LicenceType, OrderFrequency, OrderMethod, OtherContact } from '@siyi/contracts';
import type { DemoRetailer } from './demo-city.generate';
import { mobileNumber, personName, surnameOf } from './demo-city.names';

export interface DemoArchiveFields {
  businessScope: string;
  orderMethod: OrderMethod;
  orderFrequency: OrderFrequency;
  visitBatch: number;
  closedWeekdays: number[];
  licenceType: LicenceType;
  licenceValidFrom: string;
  licenceValidTo: string;
  creditGrade: CreditGrade;
  isModelShop: boolean;
  minorsNoticePosted: boolean;
  nearSchool: boolean;
  otherContacts: OtherContact[];
  bestVisitFrom: number | null;
  bestVisitTo: number | null;
  notes: string;
}

/** A regular licence runs five years (as printed on most 烟草专卖零售许可证), a temporary one a year at most. */
const REGULAR_YEARS = 5;

const SCOPES = ['卷烟零售、雪茄烟零售', '卷烟零售', '卷烟零售、雪茄烟零售、电子烟零售'] as const;
const SCOPE_WEIGHTS = [0.72, 0.2, 0.08];

const NOTES: readonly string[] = [
  '店主年纪大，讲解新品时慢一点，字写大一些。',
  '周六上午客流大，尽量避开拜访。',
  '门口不好停车，电动车停在巷口。',
  '店主希望多进一些中高端规格。',
  '有意参加文明诚信示范店评选。',
  '店面下月装修，期间可能暂停营业几天。',
  '店主儿子代为网上订货，电话先打给他。',
  '对货源投放有疑问，下次拜访时解释清楚。',
  '柜台较小，陈列需要重新整理。',
  '附近新开了一家超市，销量有所下滑。',
];

const CONTACT_ROLES: readonly { role: string; generation: 'older' | 'younger'; sameSurname: boolean }[] = [
  { role: '配偶', generation: 'older', sameSurname: false },
  { role: '子女', generation: 'younger', sameSurname: true },
  { role: '店员', generation: 'younger', sameSurname: false },
];

/**
 * `todayDay`: the day number the city is generated for (the Monday after the last generated week), from which
 * licence expiry is measured. `phones` keeps every phone number in the city unique.
 */
export function demoArchiveFields(
  seed: number,
  retailer: DemoRetailer,
  todayDay: number,
  phones: Set<string>,
): DemoArchiveFields {
  const random = new Random(hashSeed(seed, 'archive', retailer.index));
  const big = retailer.meanWeeklyCartons;

  // Licence: temporary ones are rare (seasonal stalls, a shop awaiting its regular licence).
  const licenceType: LicenceType = random.chance(0.02) ? 'temporary' : 'regular';
  const termDays = licenceType === 'regular' ? REGULAR_YEARS * 365 : random.int(90, 365);
  // Lapsed licences: a few, far more often among shops that stopped trading.
  const lapsedShare = retailer.status === 'active' ? 0.008 : 0.35;
  const validToDay = random.chance(lapsedShare)
    ? todayDay - random.int(1, 120)
    : todayDay + random.int(1, licenceType === 'regular' ? termDays : Math.min(termDays, 200));
  const validFromDay = validToDay - termDays;

  // 诚信等级: mostly A and B; bigger, busier shops a little more often A.
  const gradeRoll = random.next() - Math.min(0.1, big / 400);
  const creditGrade: CreditGrade = gradeRoll < 0.45 ? 'A' : gradeRoll < 0.86 ? 'B' : gradeRoll < 0.97 ? 'C' : 'D';
  const isModelShop =
    creditGrade === 'A' && retailer.status === 'active' && random.chance(0.06 + Math.min(0.08, big / 500));
  const minorsNoticePosted = isModelShop || random.chance(retailer.area === 'village' ? 0.86 : 0.94);
  const nearSchool = random.chance(retailer.area === 'village' ? 0.02 : 0.04);

  const businessScope = SCOPES[random.weightedIndex(SCOPE_WEIGHTS)] as string;
  // Villages order more by phone or through the manager's visit; everyone else mostly online.
  const methodWeights = retailer.area === 'village' ? [0.62, 0.22, 0.16] : [0.86, 0.09, 0.05];
  const orderMethod = (['online', 'phone', 'visit'] as const)[random.weightedIndex(methodWeights)] as OrderMethod;
  // Small shops do not need a weekly delivery.
  const orderFrequency: OrderFrequency =
    big < 3 && random.chance(0.5) ? 'biweekly' : big < 2 && random.chance(0.2) ? 'monthly' : 'weekly';
  // 访销批次: the manager visits on the shop's order day, so the batch is that weekday.
  const visitBatch = retailer.orderWeekday;

  // Closed days: one weekday for about one shop in ten (never its order day), two for a few.
  const closedWeekdays: number[] = [];
  if (random.chance(0.1)) {
    const candidates = [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== retailer.orderWeekday);
    const first = random.chance(0.5) ? 7 : random.pick(candidates);
    closedWeekdays.push(first);
    if (random.chance(0.2)) {
      const second = random.pick(candidates.filter((d) => d !== first));
      closedWeekdays.push(second);
    }
    closedWeekdays.sort((a, b) => a - b);
  }

  const otherContacts: OtherContact[] = [];
  if (random.chance(0.22)) {
    const kind = random.pick(CONTACT_ROLES);
    let name = personName(random, kind.generation);
    if (kind.sameSurname) name = surnameOf(retailer.ownerName) + name.slice(1);
    otherContacts.push({ name, phone: mobileNumber(random, phones), role: kind.role });
  }

  // Best visit hours: a quiet two hours inside the opening hours, for about three shops in four.
  let bestVisitFrom: number | null = null;
  let bestVisitTo: number | null = null;
  if (random.chance(0.75)) {
    const open = retailer.opensAt;
    const close = retailer.closesAt;
    const morning = random.chance(0.55);
    const wanted = morning ? random.pick([540, 570, 600]) : random.pick([840, 870, 900, 930]);
    const from = Math.max(open + 30, Math.min(wanted, close - 150));
    const to = Math.min(close - 30, from + random.pick([60, 90, 120]));
    if (to - from >= 30) {
      bestVisitFrom = from;
      bestVisitTo = to;
    }
  }

  const notes = random.chance(0.04) ? random.pick(NOTES) : '';

  return {
    businessScope,
    orderMethod,
    orderFrequency,
    visitBatch,
    closedWeekdays,
    licenceType,
    licenceValidFrom: dateOfDay(validFromDay),
    licenceValidTo: dateOfDay(validToDay),
    creditGrade,
    isModelShop,
    minorsNoticePosted,
    nearSchool,
    otherContacts,
    bestVisitFrom,
    bestVisitTo,
    notes,
  };
}

/** The day the generated city stands on: the Monday after its last week. */
export function demoToday(lastWeekStart: string): number {
  return dayNumber(lastWeekStart) + 7;
}
