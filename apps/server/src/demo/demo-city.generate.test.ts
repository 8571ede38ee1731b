import { readFileSync } from 'node:fs';
import { dayNumber, festivalFactor, mondayOfDay, shanghaiDay } from '@siyi/algorithms';
import { describe, expect, it } from 'vitest';
import { XUCHANG_COUNTIES, XUCHANG_TOWNS } from './data/xuchang';
import {
  BUSINESS_FORMATS,
  type DemoCity,
  DISTRICTS,
  generateDemoCity,
  resolveDemoCityOptions,
} from './demo-city.generate';
import { DEMO_PRODUCT_CATALOGUE } from './demo-city.products';
import { haversineKm, pointInRings, wgs84ToGcj02 } from './demo-geo';

// A mid-sized city: big enough for the statistics below, small enough to generate in well under a second.
const OPTIONS = { seed: 7, retailers: 1500, weeks: 26, lastWeekStart: '2026-11-16' };
const city = generateDemoCity(OPTIONS);

/** County boundaries (GCJ-02) from the team's shared public data: used only to check, never shipped. */
const boundaries = (() => {
  const file = new URL('../../../../../shared/data/geo/xuchang.geojson', import.meta.url);
  const geo = JSON.parse(readFileSync(file, 'utf8')) as {
    features: { properties: { adcode: number }; geometry: { coordinates: number[][][][] } }[];
  };
  return new Map(geo.features.map((f) => [String(f.properties.adcode), f.geometry.coordinates.flat()]));
})();

function insideCounty(countyCode: string, lng: number, lat: number): boolean {
  const rings = boundaries.get(countyCode);
  if (!rings) throw new Error(`no boundary for ${countyCode}`);
  return pointInRings(wgs84ToGcj02(lng, lat), rings);
}

/** Everything a city consists of, as plain data, for equality checks. */
function snapshot(c: DemoCity) {
  return JSON.stringify({
    staff: c.staff,
    retailers: c.retailers,
    archive: c.archive,
    products: c.products,
    tiers: c.tiers,
    orders: [
      Array.from(c.orders.retailer),
      Array.from(c.orders.week),
      Array.from(c.orders.submittedAt),
      Array.from(c.orders.firstLine),
    ],
    lines: [Array.from(c.lines.product), Array.from(c.lines.quantity)],
  });
}

/** Cartons per retailer × product × week, for the demand checks. */
function cube(c: DemoCity): Map<string, number> {
  const cells = new Map<string, number>();
  for (let o = 0; o < c.orders.count; o++) {
    for (let l = c.orders.firstLine[o] as number; l < (c.orders.firstLine[o + 1] as number); l++) {
      cells.set(`${c.orders.retailer[o]}|${c.lines.product[l]}|${c.orders.week[o]}`, c.lines.quantity[l] as number);
    }
  }
  return cells;
}

describe('generateDemoCity', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(snapshot(generateDemoCity(OPTIONS))).toBe(snapshot(city));
    const other = generateDemoCity({ ...OPTIONS, seed: 8 });
    expect(snapshot(other)).not.toBe(snapshot(city));
    expect(other.retailers.map((r) => r.licenceNo)).not.toEqual(city.retailers.map((r) => r.licenceNo));
  });

  it('has the company, four districts, an admin, a supervisor per district and the managers', () => {
    expect(city.company).toMatchObject({ name: '许昌市烟草公司', divisionCode: '4110' });
    expect(city.districts.map((d) => d.code)).toEqual(['XC-D1', 'XC-D2', 'XC-D3', 'XC-D4']);
    // The four districts cover the six counties exactly once.
    expect(city.districts.flatMap((d) => d.countyCodes).sort()).toEqual(XUCHANG_COUNTIES.map((c) => c.code).sort());
    const usernames = city.staff.map((s) => s.username);
    expect(usernames.slice(0, 5)).toEqual(['admin', 'supervisor1', 'supervisor2', 'supervisor3', 'supervisor4']);
    expect(usernames.filter((u) => u.startsWith('manager'))).toHaveLength(24);
    expect(new Set(usernames).size).toBe(usernames.length);
    for (const s of city.staff) {
      if (s.role !== 'admin') expect(s.displayName).toMatch(/^[\u4e00-\u9fa5]{2,4}$/u);
      expect(s.phone).toMatch(/^1[3-9]\d{9}$/u);
    }
    expect(city.staff.filter((s) => s.role === 'supervisor').map((s) => s.orgCode)).toEqual(
      DISTRICTS.map((d) => d.code),
    );
  });

  it('gives every retailer a unique 12-digit licence that starts with its county code', () => {
    const licences = city.retailers.map((r) => r.licenceNo);
    expect(new Set(licences).size).toBe(licences.length);
    for (const r of city.retailers) {
      expect(r.licenceNo).toMatch(/^\d{12}$/u);
      expect(r.licenceNo.slice(0, 6)).toBe(r.countyCode);
      expect(r.townCode.slice(0, 6)).toBe(r.countyCode);
      expect(r.phone).toMatch(/^1[3-9]\d{9}$/u);
      expect(r.address.startsWith('许昌市')).toBe(true);
      expect(r.opensAt).toBeGreaterThanOrEqual(0);
      expect(r.closesAt).toBeLessThanOrEqual(1440);
      expect(r.opensAt).toBeLessThan(r.closesAt);
      expect(r.orderWeekday).toBeGreaterThanOrEqual(1);
      expect(r.orderWeekday).toBeLessThanOrEqual(5);
      expect(r.tier).toBeGreaterThanOrEqual(1);
      expect(r.tier).toBeLessThanOrEqual(30);
    }
  });

  it('places every shop and every (synthetic) town centre inside its county', () => {
    for (const town of XUCHANG_TOWNS) expect(insideCounty(town.countyCode, town.lng, town.lat)).toBe(true);
    const outside = city.retailers.filter((r) => !insideCounty(r.countyCode, r.lng, r.lat));
    expect(outside.map((r) => `${r.licenceNo} ${r.lng},${r.lat}`)).toEqual([]);
  });

  it('clusters shops around town centres, densest in the city proper', () => {
    const towns = new Map(XUCHANG_TOWNS.map((t) => [t.code, t]));
    for (const r of city.retailers) {
      const town = towns.get(r.townCode);
      expect(town).toBeDefined();
      if (town) expect(haversineKm(r, town)).toBeLessThanOrEqual(town.spreadKm + 0.01);
    }
    const perKm2 = (code: string, km2: number) => city.retailers.filter((r) => r.countyCode === code).length / km2;
    // 魏都区 (about 90 km²) is far denser than 禹州市 (about 1,460 km²).
    expect(perKm2('411002', 90)).toBeGreaterThan(5 * perKm2('411081', 1460));
    const urbanShare = city.retailers.filter((r) => r.area === 'urban').length / city.retailers.length;
    expect(urbanShare).toBeGreaterThan(0.35);
    expect(urbanShare).toBeLessThan(0.75);
  });

  it('has all business formats, mostly active shops and a few suspended or closed ones', () => {
    const formats = new Set(city.retailers.map((r) => r.businessFormat));
    expect([...formats].sort()).toEqual([...BUSINESS_FORMATS].sort());
    const share = (s: string) => city.retailers.filter((r) => r.status === s).length / city.retailers.length;
    expect(share('active')).toBeGreaterThan(0.9);
    expect(share('suspended')).toBeGreaterThan(0);
    expect(share('closed')).toBeGreaterThan(0);
  });

  it('gives every manager a compact territory in their own district, with all five order days', () => {
    const managers = city.staff.filter((s) => s.role === 'manager');
    for (const m of managers) {
      const shops = city.retailers.filter((r) => r.managerUsername === m.username);
      expect(shops.length).toBeGreaterThan(0);
      expect(shops.every((r) => r.districtCode === m.orgCode)).toBe(true);
      expect(new Set(shops.map((r) => r.orderWeekday)).size).toBe(5);
    }
    // Compact: a manager's shops lie much closer to each other than the district's shops do.
    const spread = (shops: { lng: number; lat: number }[]) => {
      const c = { lng: avg(shops.map((s) => s.lng)), lat: avg(shops.map((s) => s.lat)) };
      return avg(shops.map((s) => haversineKm(s, c)));
    };
    for (const d of DISTRICTS) {
      const district = city.retailers.filter((r) => r.districtCode === d.code);
      const perManager = managers
        .filter((m) => m.orgCode === d.code)
        .map((m) => spread(district.filter((r) => r.managerUsername === m.username)));
      expect(avg(perManager)).toBeLessThan(0.7 * spread(district));
    }
  });

  it('builds the product list from the real catalogue with consistent prices', () => {
    expect(city.products).toHaveLength(120);
    expect(DEMO_PRODUCT_CATALOGUE.length).toBeGreaterThanOrEqual(120);
    const codes = city.products.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of city.products) {
      expect(p.code).toMatch(/^(\d{6}|S\d{3})$/u);
      expect(p.wholesalePriceFen).toBeGreaterThan(0);
      expect(p.wholesalePriceFen).toBeLessThanOrEqual(p.retailPriceFen);
      expect(p.wholesalePriceFen).toBeGreaterThanOrEqual(Math.floor(0.79 * p.retailPriceFen));
      expect(p.packsPerCarton).toBe(10);
    }
    expect(city.products.some((p) => p.isNew)).toBe(true);
    expect(city.products.some((p) => p.isScarce)).toBe(true);
    expect(new Set(city.products.map((p) => p.priceClass)).size).toBeGreaterThanOrEqual(3);
    const small = generateDemoCity({ ...OPTIONS, retailers: 100, products: 20 });
    expect(small.products).toHaveLength(20);
    expect(small.products.some((p) => p.brand === '黄金叶')).toBe(true);
  });

  it('writes weekly orders on the order day with at least one line and distinct products', () => {
    const { orders, lines, retailers } = city;
    expect(orders.count).toBeGreaterThan(0.75 * retailers.length * OPTIONS.weeks);
    // Count violations and assert once: hundreds of thousands of expect() calls would be slow.
    const problems: string[] = [];
    const seen = new Set<number>();
    for (let o = 0; o < orders.count; o++) {
      const r = retailers[orders.retailer[o] as number];
      const week = orders.week[o] as number;
      if (!r) {
        problems.push(`order ${o}: no retailer`);
        continue;
      }
      const key = r.index * 1000 + week;
      if (seen.has(key)) problems.push(`order ${o}: second order in a week`);
      seen.add(key);
      const first = orders.firstLine[o] as number;
      const end = orders.firstLine[o + 1] as number;
      if (end <= first) problems.push(`order ${o}: no lines`);
      for (let l = first; l < end; l++) {
        if ((lines.quantity[l] as number) < 1) problems.push(`line ${l}: quantity ${lines.quantity[l]}`);
        if (l > first && (lines.product[l] as number) <= (lines.product[l - 1] as number)) {
          problems.push(`line ${l}: product repeated or unsorted`);
        }
      }
      // Submitted on the retailer's order weekday in China time, within the ordering week.
      const chinaDay = shanghaiDay(new Date(orders.submittedAt[o] as number));
      if (chinaDay - dayNumber(city.weekStarts[week] as string) !== r.orderWeekday - 1) {
        problems.push(`order ${o}: submitted on the wrong day`);
      }
      if (week < r.firstWeek || week >= r.endWeek) problems.push(`order ${o}: outside the shop's trading weeks`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('has realistic volumes: small shops a few cartons over a few products, supermarkets far more', () => {
    const perOrder = (format: string) => {
      let cartons = 0;
      let lineCount = 0;
      let count = 0;
      for (let o = 0; o < city.orders.count; o++) {
        if (city.retailers[city.orders.retailer[o] as number]?.businessFormat !== format) continue;
        count++;
        for (let l = city.orders.firstLine[o] as number; l < (city.orders.firstLine[o + 1] as number); l++) {
          cartons += city.lines.quantity[l] as number;
          lineCount++;
        }
      }
      return { cartons: cartons / count, lines: lineCount / count };
    };
    const grocery = perOrder('grocery');
    const supermarket = perOrder('supermarket');
    expect(grocery.cartons).toBeGreaterThan(4);
    expect(grocery.cartons).toBeLessThan(20);
    expect(grocery.lines).toBeGreaterThan(2);
    expect(supermarket.cartons).toBeGreaterThan(3 * grocery.cartons);
    expect(supermarket.lines).toBeGreaterThan(2 * grocery.lines);
    const linesPerOrder = city.lines.count / city.orders.count;
    expect(linesPerOrder).toBeGreaterThan(4);
    expect(linesPerOrder).toBeLessThan(10);
  });

  it('has intermittent demand: slow products are mostly zero weeks, a shop’s main brand mostly not', () => {
    const cells = cube(city);
    const total = new Float64Array(city.products.length);
    for (const [key, q] of cells) {
      const p = Number(key.split('|')[1]);
      total[p] = (total[p] as number) + q;
    }
    const sorted = [...total].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    // Over the weeks a shop trades, for the (shop, product) pairs it ever ordered:
    const nonZeroWeeks = new Map<number, Map<number, number>>();
    for (const key of cells.keys()) {
      const [ri, pi] = key.split('|').map(Number) as [number, number];
      const perProduct = nonZeroWeeks.get(ri) ?? new Map<number, number>();
      perProduct.set(pi, (perProduct.get(pi) ?? 0) + 1);
      nonZeroWeeks.set(ri, perProduct);
    }
    let slowCells = 0;
    let slowZeros = 0;
    const bestShare: number[] = [];
    for (const r of city.retailers) {
      const perProduct = nonZeroWeeks.get(r.index);
      const weeks = r.endWeek - r.firstWeek;
      if (weeks < 10 || !perProduct) continue;
      for (const [p, nonZero] of perProduct) {
        if ((total[p] as number) < median) {
          slowCells += weeks;
          slowZeros += weeks - nonZero;
        }
      }
      bestShare.push(Math.max(...perProduct.values()) / weeks);
    }
    expect(slowZeros / slowCells).toBeGreaterThan(0.5);
    expect(avg(bestShare)).toBeGreaterThan(0.6);
  });

  it('computes tiers 1–30 from the last 13 weeks and records the basis', () => {
    expect(city.tiers.windowWeeks).toBe(13);
    expect(city.tiers.basis).toBe('computed:orders-13w');
    expect(city.tiers.effectiveWeek).toBe('2026-11-23');
    expect(city.tiers.assignments).toHaveLength(city.retailers.length);
    const tiers = new Set(city.retailers.map((r) => r.tier));
    expect(tiers.size).toBe(30);
    // Bigger shops sit in higher tiers.
    const meanTier = (format: string) =>
      avg(city.retailers.filter((r) => r.businessFormat === format && r.status === 'active').map((r) => r.tier));
    expect(meanTier('supermarket')).toBeGreaterThan(meanTier('kiosk') + 8);
  });

  it('shows the Spring Festival peak and the holiday dip when the window holds a festival', () => {
    const winter = generateDemoCity({ seed: 3, retailers: 600, weeks: 26, products: 60, lastWeekStart: '2026-03-30' });
    const weekly = winter.weekStarts.map(() => 0);
    for (let o = 0; o < winter.orders.count; o++) {
      const w = winter.orders.week[o] as number;
      for (let l = winter.orders.firstLine[o] as number; l < (winter.orders.firstLine[o + 1] as number); l++) {
        weekly[w] = (weekly[w] ?? 0) + (winter.lines.quantity[l] as number);
      }
    }
    const at = (date: string) => weekly[winter.weekStarts.indexOf(date)] ?? Number.NaN;
    const sorted = [...weekly].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    // 春节 2026-02-17: the stock-up weeks of late January / early February, then the holiday week.
    const peak = Math.max(at('2026-01-26'), at('2026-02-02'));
    expect(peak).toBeGreaterThan(1.35 * median);
    expect(at('2026-02-16')).toBeLessThan(0.8 * median);
    expect(weekly.indexOf(Math.max(...weekly))).toBeGreaterThanOrEqual(winter.weekStarts.indexOf('2026-01-19'));
    expect(weekly.indexOf(Math.max(...weekly))).toBeLessThanOrEqual(winter.weekStarts.indexOf('2026-02-09'));
    // No festival in the default summer-to-autumn window: no week is far above the median.
    const summer = generateDemoCity({ seed: 3, retailers: 600, weeks: 20, products: 60, lastWeekStart: '2026-08-31' });
    const summerWeekly = summer.weekStarts.map(() => 0);
    for (let o = 0; o < summer.orders.count; o++) {
      const w = summer.orders.week[o] as number;
      for (let l = summer.orders.firstLine[o] as number; l < (summer.orders.firstLine[o + 1] as number); l++) {
        summerWeekly[w] = (summerWeekly[w] ?? 0) + (summer.lines.quantity[l] as number);
      }
    }
    const summerSorted = [...summerWeekly].sort((a, b) => a - b);
    expect(Math.max(...summerWeekly)).toBeLessThan(1.2 * (summerSorted[10] as number));
  });
});

describe('the archive fields of the demo city', () => {
  const today = dayNumber(OPTIONS.lastWeekStart) + 7;
  const share = (f: (i: number) => boolean) => city.archive.filter((_, i) => f(i)).length / city.archive.length;
  const a = (i: number) => city.archive[i] as (typeof city.archive)[number];
  const r = (i: number) => city.retailers[i] as (typeof city.retailers)[number];

  it('gives every retailer a licence validity; a few percent expire within 60 days and a few have lapsed', () => {
    expect(city.archive).toHaveLength(city.retailers.length);
    for (const x of city.archive) {
      expect(dayNumber(x.licenceValidTo)).toBeGreaterThan(dayNumber(x.licenceValidFrom));
    }
    const expiring = share((i) => {
      const to = dayNumber(a(i).licenceValidTo);
      return to >= today && to <= today + 60;
    });
    const lapsed = share((i) => dayNumber(a(i).licenceValidTo) < today);
    expect(expiring).toBeGreaterThan(0.015);
    expect(expiring).toBeLessThan(0.08);
    expect(lapsed).toBeGreaterThan(0.005);
    expect(lapsed).toBeLessThan(0.05);
    expect(share((i) => a(i).licenceType === 'temporary')).toBeLessThan(0.06);
  });

  it('grades mostly A and B, a few model shops and near-school shops, the minors notice mostly posted', () => {
    expect(share((i) => a(i).creditGrade === 'A' || a(i).creditGrade === 'B')).toBeGreaterThan(0.75);
    expect(new Set(city.archive.map((x) => x.creditGrade))).toEqual(new Set(['A', 'B', 'C', 'D']));
    const model = share((i) => a(i).isModelShop);
    expect(model).toBeGreaterThan(0.01);
    expect(model).toBeLessThan(0.08);
    expect(city.archive.every((x) => !x.isModelShop || x.creditGrade === 'A')).toBe(true);
    expect(share((i) => a(i).minorsNoticePosted)).toBeGreaterThan(0.85);
    const school = share((i) => a(i).nearSchool);
    expect(school).toBeGreaterThan(0.005);
    expect(school).toBeLessThan(0.08);
  });

  it('fills scope, ordering habits and visit batch; closed days never fall on the order day', () => {
    for (const [i, x] of city.archive.entries()) {
      expect(x.businessScope).toMatch(/^卷烟零售/u);
      expect(x.visitBatch).toBe(r(i).orderWeekday);
      expect(x.closedWeekdays).not.toContain(r(i).orderWeekday);
      expect(new Set(x.closedWeekdays).size).toBe(x.closedWeekdays.length);
      for (const d of x.closedWeekdays) expect(d).toBeGreaterThanOrEqual(1);
    }
    expect(share((i) => a(i).orderMethod === 'online')).toBeGreaterThan(0.6);
    expect(new Set(city.archive.map((x) => x.orderMethod))).toEqual(new Set(['online', 'phone', 'visit']));
    expect(share((i) => a(i).orderFrequency === 'weekly')).toBeGreaterThan(0.8);
    const closed = share((i) => a(i).closedWeekdays.length > 0);
    expect(closed).toBeGreaterThan(0.04);
    expect(closed).toBeLessThan(0.2);
  });

  it('puts the best visit hours inside the opening hours, other contacts for some, notes for a few', () => {
    for (const [i, x] of city.archive.entries()) {
      if (x.bestVisitFrom === null || x.bestVisitTo === null) continue;
      expect(x.bestVisitFrom).toBeGreaterThanOrEqual(r(i).opensAt);
      expect(x.bestVisitTo).toBeLessThanOrEqual(r(i).closesAt);
      expect(x.bestVisitTo).toBeGreaterThan(x.bestVisitFrom);
    }
    expect(share((i) => a(i).bestVisitFrom !== null)).toBeGreaterThan(0.5);
    const contacts = share((i) => a(i).otherContacts.length > 0);
    expect(contacts).toBeGreaterThan(0.1);
    expect(contacts).toBeLessThan(0.4);
    const phones = new Set([...city.retailers.map((x) => x.phone), ...city.staff.map((x) => x.phone)]);
    for (const x of city.archive) for (const c of x.otherContacts) expect(phones.has(c.phone)).toBe(false);
    const notes = share((i) => a(i).notes !== '');
    expect(notes).toBeGreaterThan(0.01);
    expect(notes).toBeLessThan(0.1);
  });
});

describe('resolveDemoCityOptions', () => {
  it('defaults to the full city ending with last week (China time)', () => {
    const opts = resolveDemoCityOptions({}, new Date('2026-11-26T10:00:00Z'));
    expect(opts).toEqual({
      seed: 20151027,
      retailers: 7000,
      managersPerDistrict: 6,
      weeks: 26,
      products: 120,
      lastWeekStart: '2026-11-16',
    });
    // Sunday 23:30 UTC is already Monday in China: last week is then the week that just ended.
    expect(resolveDemoCityOptions({}, new Date('2026-11-29T17:00:00Z')).lastWeekStart).toBe('2026-11-23');
  });

  it('rejects impossible sizes and a lastWeekStart that is not a Monday', () => {
    expect(() => resolveDemoCityOptions({ retailers: 10 })).toThrow(RangeError);
    // 30 shops would leave 长葛片区 (the smallest) with fewer shops than its six managers.
    expect(() => resolveDemoCityOptions({ retailers: 30 })).toThrow(/fewer shops than managers/u);
    expect(() => resolveDemoCityOptions({ retailers: 30, managersPerDistrict: 2 })).not.toThrow();
    const tiny = generateDemoCity({ retailers: 40, weeks: 2, products: 5, lastWeekStart: '2026-11-16' });
    const managers = new Set(tiny.retailers.map((r) => r.managerUsername));
    expect(managers.size).toBe(24);
    expect(() => resolveDemoCityOptions({ weeks: 0 })).toThrow(RangeError);
    expect(() => resolveDemoCityOptions({ managersPerDistrict: 0 })).toThrow(RangeError);
    expect(() => resolveDemoCityOptions({ lastWeekStart: '2026-11-17' })).toThrow(RangeError);
    expect(() => resolveDemoCityOptions({ lastWeekStart: '2026-02-30' })).toThrow(RangeError);
  });
});

describe('festivalFactor', () => {
  it('peaks in the weeks before every Spring Festival in the table and dips in the holiday week', () => {
    for (const sf of ['2016-02-08', '2020-01-25', '2026-02-17', '2027-02-06', '2035-02-08']) {
      const day = dayNumber(sf);
      const monday = mondayOfDay(day);
      const before = [1, 2, 3].map((k) => festivalFactor(monday - 7 * k, false));
      expect(Math.max(...before)).toBeGreaterThan(1.4);
      expect(festivalFactor(monday + 7, false)).toBeLessThan(0.9);
      expect(festivalFactor(monday - 7 * 2, true)).toBeGreaterThan(festivalFactor(monday - 7 * 2, false));
      expect(festivalFactor(monday - 7 * 12, false)).toBeCloseTo(1, 1);
    }
  });
});

function avg(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
