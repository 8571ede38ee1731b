/**
 * The demo city, generated in memory: pure and deterministic from the options (no I/O, no clock unless
 * `lastWeekStart` is left to its default). demo-city.load.ts writes it to the database.
 *
 * 许昌市 with its six real counties and 103 real townships; everything about people, shops, positions, streets,
 * and orders is invented. See demo-city.products.ts for how product prices are filled in.
 */

import {
  computeTiers,
  dateOfDay,
  dayNumber,
  festivalFactor,
  hashSeed,
  lastCompleteWeekStart,
  Random,
  type TierAssignment,
  weekStarts,
} from '@siyi/algorithms';
import { type BusinessFormat, businessFormats, type RetailerStatus } from '@siyi/contracts';
import { type DemoTown, XUCHANG_COUNTIES, XUCHANG_TOWNS } from './data/xuchang';
import { type DemoArchiveFields, demoArchiveFields, demoToday } from './demo-city.archive';
import {
  mobileNumber,
  personName,
  shopName,
  TOWN_STREETS,
  townStem,
  URBAN_STREETS,
  villageName,
} from './demo-city.names';
import { type DemoProduct, selectDemoProducts } from './demo-city.products';
import { kmPerDegree, type LngLat, offsetKm } from './demo-geo';

export interface DemoCityOptions {
  seed?: number;
  retailers?: number;
  managersPerDistrict?: number;
  weeks?: number;
  products?: number;
  /** the Monday of the last generated week; default: the Monday of the current week minus 1 week */
  lastWeekStart?: string;
}

export type ResolvedDemoCityOptions = Required<DemoCityOptions>;

export const DEMO_CITY_DEFAULTS = {
  /** 2015-10-27: the date of the founding article; any fixed number would do. */
  seed: 20151027,
  retailers: 7000,
  managersPerDistrict: 6,
  weeks: 26,
  products: 120,
} as const;

/** Tiers are computed from the last 13 weeks (a quarter: re-tiering is quarterly in practice). */
export const TIER_WINDOW_WEEKS = 13;

export function resolveDemoCityOptions(options: DemoCityOptions = {}, now: Date = new Date()): ResolvedDemoCityOptions {
  const resolved: ResolvedDemoCityOptions = {
    seed: options.seed ?? DEMO_CITY_DEFAULTS.seed,
    retailers: options.retailers ?? DEMO_CITY_DEFAULTS.retailers,
    managersPerDistrict: options.managersPerDistrict ?? DEMO_CITY_DEFAULTS.managersPerDistrict,
    weeks: options.weeks ?? DEMO_CITY_DEFAULTS.weeks,
    products: options.products ?? DEMO_CITY_DEFAULTS.products,
    lastWeekStart: options.lastWeekStart ?? lastCompleteWeekStart(now),
  };
  const { seed, retailers, managersPerDistrict, weeks, products } = resolved;
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (!Number.isInteger(managersPerDistrict) || managersPerDistrict < 1 || managersPerDistrict > 100) {
    throw new RangeError('managersPerDistrict must be an integer in 1..100');
  }
  if (!Number.isInteger(retailers) || retailers < DISTRICTS.length * managersPerDistrict || retailers > 1_000_000) {
    throw new RangeError(
      `retailers must be an integer in ${DISTRICTS.length * managersPerDistrict}..1000000 (every manager needs a shop)`,
    );
  }
  const perDistrict = DISTRICTS.map((d) =>
    apportion(
      retailers,
      XUCHANG_COUNTIES.map((c) => COUNTY_SHARE[c.code] ?? 0),
    ).reduce((sum, n, i) => (d.countyCodes.includes(XUCHANG_COUNTIES[i]?.code ?? '') ? sum + n : sum), 0),
  );
  if (Math.min(...perDistrict) < managersPerDistrict) {
    throw new RangeError(`${retailers} retailers leave a district with fewer shops than managers; use more retailers`);
  }
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520) throw new RangeError('weeks must be an integer in 1..520');
  if (!Number.isInteger(products) || products < 1) throw new RangeError('products must be a positive integer');
  weekStarts(resolved.lastWeekStart, 1); // validates: a real date, a Monday
  return resolved;
}

// ---------------------------------------------------------------------------------------------------------
// Organisation

export interface DemoDistrict {
  code: string;
  name: string;
  /** The first county's code: a district spanning two counties has no code of its own. */
  divisionCode: string;
  countyCodes: readonly string[];
}

export const DEMO_COMPANY = { code: 'XC', name: '许昌市烟草公司', divisionCode: '4110' } as const;

/** Four 片区 covering the six counties; the city proper (魏都 + 建安) is one. */
export const DISTRICTS: readonly DemoDistrict[] = [
  { code: 'XC-D1', name: '魏都-建安片区', divisionCode: '411002', countyCodes: ['411002', '411003'] },
  { code: 'XC-D2', name: '禹州片区', divisionCode: '411081', countyCodes: ['411081'] },
  { code: 'XC-D3', name: '长葛片区', divisionCode: '411082', countyCodes: ['411082'] },
  { code: 'XC-D4', name: '鄢陵-襄城片区', divisionCode: '411024', countyCodes: ['411024', '411025'] },
];

export type StaffRole = 'admin' | 'supervisor' | 'manager';

export interface DemoStaff {
  username: string;
  displayName: string;
  role: StaffRole;
  /** 'XC' for the admin, the district code otherwise. */
  orgCode: string;
  phone: string;
}

// ---------------------------------------------------------------------------------------------------------
// Retailers

export const BUSINESS_FORMATS = businessFormats;
export type { BusinessFormat, RetailerStatus };
/** urban = a 街道 of a city or county seat; town = the centre of a 镇/乡; village = a village around it. */
export type RetailerArea = 'urban' | 'town' | 'village';

export interface DemoRetailer {
  /** 0-based position; the retailer's id in tier assignments and orders. */
  index: number;
  districtCode: string;
  licenceNo: string;
  shopName: string;
  ownerName: string;
  phone: string;
  address: string;
  countyCode: string;
  townCode: string;
  /** WGS-84. */
  lat: number;
  lng: number;
  businessFormat: BusinessFormat;
  opensAt: number;
  closesAt: number;
  status: RetailerStatus;
  managerUsername: string;
  orderWeekday: number;
  /** Computed from the generated orders (1 … 30). */
  tier: number;
  area: RetailerArea;
  /** Mean cartons a week in an ordinary week: the shop's size, before festivals and noise. */
  meanWeeklyCartons: number;
  /** Number of products the shop carries. */
  assortment: number;
  /** Weeks [firstWeek, endWeek) in which the shop is open for ordering (opened late, suspended, closed). */
  firstWeek: number;
  endWeek: number;
}

// Shares of the retailers per county: roughly the resident population (2020 census order of magnitude) with
// more shops per head in the city proper. Assumptions for the demo.
const COUNTY_SHARE: Readonly<Record<string, number>> = {
  '411002': 0.17, // 魏都区: the city centre, small and dense
  '411003': 0.16, // 建安区
  '411024': 0.13, // 鄢陵县
  '411025': 0.145, // 襄城县
  '411081': 0.24, // 禹州市
  '411082': 0.155, // 长葛市
};

const FORMAT_MIX: Readonly<Record<RetailerArea, readonly number[]>> = {
  // convenience, grocery, supermarket, tobacco_shop, kiosk, entertainment, other
  urban: [0.3, 0.2, 0.1, 0.22, 0.05, 0.08, 0.05],
  town: [0.18, 0.4, 0.12, 0.15, 0.03, 0.06, 0.06],
  village: [0.1, 0.7, 0.04, 0.06, 0.03, 0.02, 0.05],
};

/** Median cartons per week by format in an ordinary week (assumed; a 食杂店 sells about a carton a day). */
const FORMAT_SIZE: Readonly<Record<BusinessFormat, number>> = {
  convenience: 13,
  grocery: 7,
  supermarket: 40,
  tobacco_shop: 24,
  kiosk: 5,
  entertainment: 6,
  other: 4,
};
const AREA_SIZE: Readonly<Record<RetailerArea, number>> = { urban: 1.15, town: 1, village: 0.75 };

/** Preferred pack price (元/包) around which a shop's mix centres, by format; moved by area below. */
const FORMAT_PRICE: Readonly<Record<BusinessFormat, number>> = {
  convenience: 16,
  grocery: 11,
  supermarket: 15,
  tobacco_shop: 24,
  kiosk: 11,
  entertainment: 18,
  other: 11,
};
const AREA_PRICE: Readonly<Record<RetailerArea, number>> = { urban: 1.2, town: 1, village: 0.8 };

/** Opening hours by format: [opens from, opens to, closes from, closes to] in minutes after midnight. */
const FORMAT_HOURS: Readonly<Record<BusinessFormat, readonly [number, number, number, number]>> = {
  convenience: [390, 450, 1320, 1410],
  grocery: [390, 480, 1230, 1320],
  supermarket: [450, 510, 1260, 1320],
  tobacco_shop: [450, 510, 1290, 1380],
  kiosk: [390, 480, 1140, 1260],
  entertainment: [540, 840, 1380, 1440],
  other: [480, 600, 1200, 1350],
};

// ---------------------------------------------------------------------------------------------------------
// Orders: columnar, because the full city has about a million lines.

export interface DemoOrders {
  count: number;
  /** Retailer index per order. Orders are sorted by retailer, then week. */
  retailer: Int32Array;
  /** Week index (into DemoCity.weekStarts) per order. */
  week: Int16Array;
  /** When the retailer submitted the order (epoch ms). */
  submittedAt: Float64Array;
  /** Lines of order i are firstLine[i] … firstLine[i + 1] − 1; length count + 1. */
  firstLine: Int32Array;
}

export interface DemoOrderLines {
  count: number;
  /** Product index (into DemoCity.products), ascending within an order; at most once per order. */
  product: Int16Array;
  /** Cartons, ≥ 1. */
  quantity: Int32Array;
}

export interface DemoTiers {
  /** tier_history.basis */
  basis: string;
  /** The Monday after the last generated week: the tier applies from then. */
  effectiveWeek: string;
  windowWeeks: number;
  /** One per retailer, retailerId = retailer index. */
  assignments: TierAssignment[];
}

export interface DemoCity {
  options: ResolvedDemoCityOptions;
  weekStarts: string[];
  company: typeof DEMO_COMPANY;
  districts: readonly DemoDistrict[];
  staff: DemoStaff[];
  retailers: DemoRetailer[];
  /** The archive fields of migration 0005, one per retailer (by index): demo-city.archive.ts. */
  archive: DemoArchiveFields[];
  products: DemoProduct[];
  orders: DemoOrders;
  lines: DemoOrderLines;
  tiers: DemoTiers;
  /** The username of a retailer account to show on the login page: an active shop of manager1. */
  sampleRetailerLicence: string;
}

// ---------------------------------------------------------------------------------------------------------

export function generateDemoCity(options: DemoCityOptions = {}, now: Date = new Date()): DemoCity {
  const opts = resolveDemoCityOptions(options, now);
  const weeks = weekStarts(opts.lastWeekStart, opts.weeks);
  const phones = new Set<string>();
  const staff = generateStaff(opts, phones);
  const retailers = generateRetailers(opts, phones);
  assignTerritories(opts, retailers);
  const products = selectDemoProducts(opts.products);
  const { orders, lines } = generateOrders(opts, weeks, retailers, products);
  const tiers = computeDemoTiers(opts, weeks, retailers, products, orders, lines);
  const today = demoToday(opts.lastWeekStart);
  const archive = retailers.map((r) => demoArchiveFields(opts.seed, r, today, phones));
  const sample = retailers.find((r) => r.managerUsername === 'manager1' && r.status === 'active') ?? retailers[0];
  return {
    options: opts,
    weekStarts: weeks,
    company: DEMO_COMPANY,
    districts: DISTRICTS,
    staff,
    retailers,
    archive,
    products,
    orders,
    lines,
    tiers,
    sampleRetailerLicence: sample?.licenceNo ?? '',
  };
}

function generateStaff(opts: ResolvedDemoCityOptions, phones: Set<string>): DemoStaff[] {
  const random = new Random(hashSeed(opts.seed, 'staff'));
  const staff: DemoStaff[] = [
    {
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      orgCode: DEMO_COMPANY.code,
      phone: mobileNumber(random, phones),
    },
  ];
  DISTRICTS.forEach((d, i) => {
    staff.push({
      username: `supervisor${i + 1}`,
      displayName: personName(random, 'older'),
      role: 'supervisor',
      orgCode: d.code,
      phone: mobileNumber(random, phones),
    });
  });
  DISTRICTS.forEach((d, i) => {
    for (let m = 0; m < opts.managersPerDistrict; m++) {
      staff.push({
        username: `manager${i * opts.managersPerDistrict + m + 1}`,
        displayName: personName(random, random.chance(0.7) ? 'younger' : 'older'),
        role: 'manager',
        orgCode: d.code,
        phone: mobileNumber(random, phones),
      });
    }
  });
  return staff;
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder), deterministic. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = (order[k] as { i: number }).i;
    parts[i] = (parts[i] as number) + 1;
  }
  return parts;
}

interface Street {
  name: string;
  /** A point on the street and its unit direction (east, north) in km. */
  originKm: [number, number];
  dir: [number, number];
}

interface Village {
  name: string;
  centre: LngLat;
}

interface TownLayout {
  town: DemoTown;
  streets: Street[];
  villages: Village[];
}

function layoutTown(seed: number, town: DemoTown): TownLayout {
  const random = new Random(hashSeed(seed, 'town', town.code));
  const urban = town.kind === 'urban';
  const pool = urban ? URBAN_STREETS : TOWN_STREETS;
  const names = random.shuffle([...pool]);
  const stem = townStem(town.name);
  if (!urban) names.unshift(`${stem}大街`);
  const theta = random.float(0, Math.PI);
  const streets: Street[] = [];
  // Urban 街道: a small grid (three streets each way); town centres: a main street and one or two cross streets.
  const offsets = urban ? [-0.45, 0, 0.45] : [0];
  const cross = urban ? [-0.45, 0, 0.45] : random.chance(0.5) ? [0, random.float(-0.5, 0.5)] : [0];
  const s = town.spreadKm;
  let n = 0;
  for (const off of offsets) {
    const dir: [number, number] = [Math.cos(theta), Math.sin(theta)];
    streets.push({ name: names[n++] ?? `${stem}路`, originKm: [-dir[1] * off * s, dir[0] * off * s], dir });
  }
  for (const off of cross) {
    const t2 = theta + Math.PI / 2 + random.float(-0.25, 0.25);
    const dir: [number, number] = [Math.cos(t2), Math.sin(t2)];
    streets.push({ name: names[n++] ?? `${stem}路`, originKm: [-dir[1] * off * s, dir[0] * off * s], dir });
  }
  const villages: Village[] = [];
  if (!urban) {
    const count = town.kind === 'township' ? random.int(4, 7) : random.int(5, 9);
    const used = new Set<string>();
    for (let i = 0; i < count; i++) {
      let name = villageName(random);
      while (used.has(name)) name = villageName(random);
      used.add(name);
      const angle = random.float(0, 2 * Math.PI);
      const dist = s * random.float(0.3, 0.9);
      villages.push({ name, centre: offsetKm(town, dist * Math.cos(angle), dist * Math.sin(angle)) });
    }
  }
  return { town, streets, villages };
}

/** A normal draw truncated to |x| ≤ limit by redrawing (falls back to clamping). */
function truncatedNormal(random: Random, sd: number, limit: number): number {
  for (let i = 0; i < 8; i++) {
    const x = random.normal(0, sd);
    if (Math.abs(x) <= limit) return x;
  }
  return Math.max(-limit, Math.min(limit, random.normal(0, sd)));
}

function generateRetailers(opts: ResolvedDemoCityOptions, phones: Set<string>): DemoRetailer[] {
  const retailers: DemoRetailer[] = [];
  const countyCounts = apportion(
    opts.retailers,
    XUCHANG_COUNTIES.map((c) => COUNTY_SHARE[c.code] ?? 0),
  );
  XUCHANG_COUNTIES.forEach((county, ci) => {
    const random = new Random(hashSeed(opts.seed, 'county', county.code));
    const district = DISTRICTS.find((d) => d.countyCodes.includes(county.code));
    if (!district) throw new Error(`county ${county.code} is in no district`);
    const towns = XUCHANG_TOWNS.filter((t) => t.countyCode === county.code);
    // Urban 街道 hold more shops than a 镇, a 镇 more than a 乡; each town varies.
    const townWeights = towns.map(
      (t) => (t.kind === 'urban' ? 2.6 : t.kind === 'town' ? 1 : 0.6) * random.logNormal(0, 0.3),
    );
    const townCounts = apportion(countyCounts[ci] as number, townWeights);
    // Licence serials: increasing with random gaps, so they look issued over the years and stay unique.
    let serial = random.int(100_000, 120_000);
    towns.forEach((town, ti) => {
      const layout = layoutTown(opts.seed, town);
      const count = townCounts[ti] as number;
      for (let k = 0; k < count; k++) {
        serial += random.int(1, 9);
        const index = retailers.length;
        const r = new Random(hashSeed(opts.seed, 'retailer', town.code, k));
        retailers.push(makeRetailer(r, index, layout, district.code, county.name, `${county.code}${serial}`, phones));
      }
    });
  });
  return retailers;
}

function makeRetailer(
  random: Random,
  index: number,
  layout: TownLayout,
  districtCode: string,
  countyName: string,
  licenceNo: string,
  phones: Set<string>,
): DemoRetailer {
  const { town } = layout;
  const s = town.spreadKm;
  let area: RetailerArea;
  let point: LngLat;
  let place: string;
  let addressTail: string;
  const inVillage = town.kind !== 'urban' && random.chance(town.kind === 'township' ? 0.55 : 0.45);
  if (inVillage) {
    // A village shop: near the village centre, which lies inside the town's spread radius.
    area = 'village';
    const village = random.pick(layout.villages);
    const room = Math.max(0.05, s - Math.hypot(...toKm(village.centre, town)));
    point = offsetKm(
      village.centre,
      truncatedNormal(random, 0.12, room * 0.7),
      truncatedNormal(random, 0.12, room * 0.7),
    );
    place = village.name;
    addressTail = `${village.name}村${random.int(1, 180)}号`;
  } else {
    area = town.kind === 'urban' ? 'urban' : 'town';
    // A 镇's own streets are its centre, a kilometre or so across; its villages lie around it.
    const reach = town.kind === 'urban' ? s : Math.min(s * 0.35, 1.2);
    if (random.chance(0.8)) {
      // Along a street: denser near the centre, a few metres off the kerb line.
      const street = random.pick(layout.streets);
      const along = truncatedNormal(random, reach * 0.45, reach * 0.92);
      const side = random.chance(0.5) ? 1 : -1;
      const off = side * random.float(0.008, 0.035);
      let east = street.originKm[0] + street.dir[0] * along - street.dir[1] * off;
      let north = street.originKm[1] + street.dir[1] * along + street.dir[0] * off;
      ({ east, north } = clampToRadius(east, north, s * 0.95));
      point = offsetKm(town, east, north);
      place = street.name;
      // House numbers grow with the distance from the street's origin; odd on one side, even on the other.
      const houseNo = 2 * Math.floor(Math.abs(along) * 30) + (side > 0 ? 1 : 2);
      addressTail = `${street.name}${houseNo}号`;
    } else {
      // Off the main streets: residential lanes around the centre.
      let east = truncatedNormal(random, reach * 0.4, reach * 0.9);
      let north = truncatedNormal(random, reach * 0.4, reach * 0.9);
      ({ east, north } = clampToRadius(east, north, s * 0.95));
      point = offsetKm(town, east, north);
      const street = random.pick(layout.streets);
      place = street.name;
      addressTail = `${street.name}${random.pick(['东段', '西段', '中段', '北段', '南段'])}${random.int(1, 120)}号`;
    }
  }
  const format = BUSINESS_FORMATS[random.weightedIndex(FORMAT_MIX[area])] as BusinessFormat;
  const ownerName = personName(random, random.chance(0.75) ? 'older' : 'younger');
  const hours = FORMAT_HOURS[format];
  const roundHalfHour = (m: number) => Math.round(m / 30) * 30;
  let opensAt = roundHalfHour(random.float(hours[0], hours[1]));
  let closesAt = Math.min(1440, roundHalfHour(random.float(hours[2], hours[3])));
  if (area === 'village') {
    opensAt = Math.max(330, opensAt - 30);
    closesAt = Math.min(closesAt, 1290);
  }
  if (format === 'convenience' && area === 'urban' && random.chance(0.12)) {
    opensAt = 0;
    closesAt = 1440; // open around the clock
  }
  const meanWeeklyCartons = Math.max(
    1.5,
    Math.min(220, FORMAT_SIZE[format] * AREA_SIZE[area] * random.logNormal(0, 0.5)),
  );
  const assortment = Math.max(
    4,
    Math.min(70, Math.round(2 + 2 * meanWeeklyCartons ** 0.6 * random.logNormal(0, 0.15))),
  );
  return {
    index,
    districtCode,
    licenceNo,
    shopName: shopName(random, format, ownerName, place),
    ownerName,
    phone: mobileNumber(random, phones),
    address: `许昌市${countyName}${town.name}${addressTail}`,
    countyCode: town.countyCode,
    townCode: town.code,
    lat: Math.round(point.lat * 1e6) / 1e6,
    lng: Math.round(point.lng * 1e6) / 1e6,
    businessFormat: format,
    opensAt,
    closesAt,
    status: 'active',
    managerUsername: '',
    orderWeekday: 1,
    tier: 1,
    area,
    meanWeeklyCartons,
    assortment,
    firstWeek: 0,
    endWeek: 0,
  };
}

function toKm(p: LngLat, origin: LngLat): [number, number] {
  const k = kmPerDegree(origin.lat);
  return [(p.lng - origin.lng) * k.lng, (p.lat - origin.lat) * k.lat];
}

function clampToRadius(east: number, north: number, radius: number): { east: number; north: number } {
  const d = Math.hypot(east, north);
  if (d <= radius) return { east, north };
  return { east: (east * radius) / d, north: (north * radius) / d };
}

/**
 * Recursive coordinate bisection: splits points into `parts` groups of (nearly) equal size, cutting each time
 * across the longer side. Groups come out compact, which is what a manager's territory or a delivery day's
 * area should be.
 */
export function bisect(indices: number[], parts: number, pointOf: (i: number) => [number, number]): number[][] {
  if (parts <= 1) return [indices];
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const i of indices) {
    const [x, y] = pointOf(i);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const axis = maxX - minX >= maxY - minY ? 0 : 1;
  const sorted = [...indices].sort((a, b) => pointOf(a)[axis] - pointOf(b)[axis] || a - b);
  const left = Math.floor(parts / 2);
  const cut = Math.round((sorted.length * left) / parts);
  return [...bisect(sorted.slice(0, cut), left, pointOf), ...bisect(sorted.slice(cut), parts - left, pointOf)];
}

function assignTerritories(opts: ResolvedDemoCityOptions, retailers: DemoRetailer[]): void {
  const origin = { lng: 113.8, lat: 34.0 };
  const km = (i: number): [number, number] => toKm(retailers[i] as DemoRetailer, origin);
  DISTRICTS.forEach((district, di) => {
    const members = retailers.filter((r) => r.districtCode === district.code).map((r) => r.index);
    const territories = bisect(members, opts.managersPerDistrict, km);
    territories.forEach((territory, ti) => {
      const username = `manager${di * opts.managersPerDistrict + ti + 1}`;
      // Delivery days: each weekday (Mon–Fri) serves a compact part of the territory.
      const days = bisect(territory, 5, km);
      days.forEach((day, wi) => {
        for (const i of day) {
          const r = retailers[i] as DemoRetailer;
          r.managerUsername = username;
          r.orderWeekday = wi + 1;
        }
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Orders

const CHINA_OFFSET_MS = 8 * 3_600_000;
const GIFT_WHOLESALE_FEN = 25_000;

function generateOrders(
  opts: ResolvedDemoCityOptions,
  weeks: readonly string[],
  retailers: DemoRetailer[],
  products: readonly DemoProduct[],
): { orders: DemoOrders; lines: DemoOrderLines } {
  const W = weeks.length;
  const weekDays = weeks.map(dayNumber);
  const cityRandom = new Random(hashSeed(opts.seed, 'city-weeks'));
  // City-wide weekly noise (weather, paydays, supply): small, shared by every shop.
  const cityNoise = weekDays.map(() => cityRandom.logNormal(0, 0.04));
  const festivalGeneral = weekDays.map((d) => festivalFactor(d, false));
  const festivalGift = weekDays.map((d) => festivalFactor(d, true));
  const logPrice = products.map((p) => Math.log(p.retailPriceFen / 100 / p.packsPerCarton));
  // Gift cartons: about 30 元 a pack and dearer (the wholesale price per carton from 250 元).
  const gift = products.map((p) => p.wholesalePriceFen >= GIFT_WHOLESALE_FEN);
  // New products launch in the last part of the window, one after another.
  const launchWeek = products.map((p, i) => (p.isNew ? Math.max(0, W - 4 - ((i * 3) % 9)) : 0));

  const orderRetailer: number[] = [];
  const orderWeek: number[] = [];
  const orderSubmitted: number[] = [];
  const firstLine: number[] = [];
  const lineProduct: number[] = [];
  const lineQty: number[] = [];

  const P = products.length;
  const weight = new Float64Array(P);
  const keys = new Float64Array(P);

  for (const r of retailers) {
    const random = new Random(hashSeed(opts.seed, 'orders', r.index));
    // Lifecycle: most shops trade throughout; a few opened during the window, were suspended or closed.
    const fate = random.next();
    r.firstWeek = 0;
    r.endWeek = W;
    if (fate < 0.015) {
      r.status = 'closed';
      r.endWeek = random.int(Math.floor(W / 2), W - 1);
    } else if (fate < 0.04) {
      r.status = 'suspended';
      r.endWeek = random.int(Math.max(0, W - 6), W - 1);
    } else if (fate < 0.06 && W > 4) {
      r.firstWeek = random.int(1, W - 2);
    }

    // The shop's price point and taste: which products it carries and in what proportions.
    const preferredLogPrice = Math.log(FORMAT_PRICE[r.businessFormat] * AREA_PRICE[r.area]) + random.normal(0, 0.25);
    const priceSpread = random.float(0.45, 0.75);
    for (let p = 0; p < P; p++) {
      const product = products[p] as DemoProduct;
      const z = ((logPrice[p] as number) - preferredLogPrice) / priceSpread;
      // Gift cartons sell a little everywhere, whatever the shop's usual price point.
      const fit = Math.exp(-0.5 * z * z) + (gift[p] ? 0.02 : 0.002);
      weight[p] = product.popularity * fit * random.logNormal(0, 0.5);
      // Efraimidis–Spirakis keys: the `assortment` largest give a weighted sample without replacement.
      keys[p] = Math.log(1 - random.next()) / (weight[p] as number);
    }
    const carried = Array.from({ length: P }, (_, p) => p)
      .sort((a, b) => (keys[b] as number) - (keys[a] as number) || a - b)
      .slice(0, Math.min(P, r.assortment))
      .sort((a, b) => a - b);
    let total = 0;
    for (const p of carried) total += weight[p] as number;
    const share = carried.map((p) => (weight[p] as number) / total);
    const top = carried.reduce(
      (best, p) => ((weight[p] as number) > (weight[best] as number) ? p : best),
      carried[0] ?? 0,
    );
    // Scarce products are limited per order (限量), more for bigger shops.
    const scarceLimit = r.meanWeeklyCartons > 40 ? 3 : r.meanWeeklyCartons > 15 ? 2 : 1;
    // Bigger shops order almost every week; small village shops skip some weeks.
    const orderChance = Math.min(
      0.98,
      0.72 + 0.05 * Math.log1p(r.meanWeeklyCartons) + (r.area === 'village' ? -0.05 : 0.03),
    );

    let level = 0;
    let backlog = 1;
    for (let w = 0; w < W; w++) {
      // A slowly wandering shop level (log AR(1)): good and bad months.
      level = 0.85 * level + random.normal(0, 0.08);
      if (w < r.firstWeek || w >= r.endWeek) continue;
      if (!random.chance(orderChance)) {
        backlog = Math.min(2.2, backlog + 0.6); // the shop runs down its stock and orders more next time
        continue;
      }
      const base = r.meanWeeklyCartons * Math.exp(level) * backlog * (cityNoise[w] as number);
      backlog = 1;
      const start = lineProduct.length;
      for (let j = 0; j < carried.length; j++) {
        const p = carried[j] as number;
        const product = products[p] as DemoProduct;
        const launch = launchWeek[p] as number;
        if (w < launch) continue;
        const ramp = product.isNew ? Math.min(1, 0.35 + 0.2 * (w - launch)) : 1;
        const festival = gift[p] ? (festivalGift[w] as number) : (festivalGeneral[w] as number);
        const mean = base * (share[j] as number) * festival * ramp;
        // Negative binomial: lumpy and zero-heavy for a shop's slow lines, steadier for its main brands.
        let q = random.negativeBinomial(mean, 0.5 + 0.6 * mean);
        if (product.isScarce) q = Math.min(q, scarceLimit);
        if (q > 0) {
          lineProduct.push(p);
          lineQty.push(q);
        }
      }
      if (lineProduct.length === start) {
        // The shop decided to order: it orders at least its best seller.
        lineProduct.push(top);
        lineQty.push(1);
      }
      orderRetailer.push(r.index);
      orderWeek.push(w);
      firstLine.push(start);
      // Submitted on the shop's order day, mostly in the morning or the evening, China time.
      const minute = random.chance(0.6) ? random.int(8 * 60, 12 * 60) : random.int(17 * 60, 22 * 60 - 1);
      orderSubmitted.push(
        ((weekDays[w] as number) + r.orderWeekday - 1) * 86_400_000 + minute * 60_000 - CHINA_OFFSET_MS,
      );
    }
  }
  firstLine.push(lineProduct.length);
  return {
    orders: {
      count: orderRetailer.length,
      retailer: Int32Array.from(orderRetailer),
      week: Int16Array.from(orderWeek),
      submittedAt: Float64Array.from(orderSubmitted),
      firstLine: Int32Array.from(firstLine),
    },
    lines: { count: lineProduct.length, product: Int16Array.from(lineProduct), quantity: Int32Array.from(lineQty) },
  };
}

function computeDemoTiers(
  opts: ResolvedDemoCityOptions,
  weeks: readonly string[],
  retailers: DemoRetailer[],
  products: readonly DemoProduct[],
  orders: DemoOrders,
  lines: DemoOrderLines,
): DemoTiers {
  const windowWeeks = Math.min(TIER_WINDOW_WEEKS, weeks.length);
  const fromWeek = weeks.length - windowWeeks;
  const cartons = new Float64Array(retailers.length);
  const amount = new Float64Array(retailers.length);
  for (let o = 0; o < orders.count; o++) {
    if ((orders.week[o] as number) < fromWeek) continue;
    const r = orders.retailer[o] as number;
    for (let l = orders.firstLine[o] as number; l < (orders.firstLine[o + 1] as number); l++) {
      const q = lines.quantity[l] as number;
      cartons[r] = (cartons[r] as number) + q;
      amount[r] = (amount[r] as number) + q * (products[lines.product[l] as number] as DemoProduct).wholesalePriceFen;
    }
  }
  const assignments = computeTiers(
    retailers.map((r) => ({
      retailerId: r.index,
      cartons: cartons[r.index] as number,
      amountFen: amount[r.index] as number,
    })),
  );
  for (const a of assignments) (retailers[a.retailerId] as DemoRetailer).tier = a.tier;
  return {
    basis: `computed:orders-${windowWeeks}w`,
    effectiveWeek: dateOfDay(dayNumber(opts.lastWeekStart) + 7),
    windowWeeks,
    assignments,
  };
}
