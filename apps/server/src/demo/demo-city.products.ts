/**
 * The demo product catalogue, built from the real product list in data/products.ts.
 *
 * How blanks are filled (the source is explicit that blanks must not be passed off as real figures):
 * - A row with neither a retail nor a wholesale price is left out (no sensible price to show).
 * - Five rows the source flags as probable duplicates of another row are left out.
 * - Wholesale price blank, or implausible (outside 0.80–0.95 × retail: the four rows whose sources disagree):
 *   DERIVED as retail × 0.87, rounded to whole yuan. 0.87 is the median wholesale/retail ratio of the rows that
 *   have both prices within 0.80–0.95.
 * - Retail price blank: DERIVED as wholesale ÷ 0.87, rounded to whole yuan per pack.
 * - Format blank: 细支/中支 from the spec where it says so, otherwise regular (常规), the common case.
 * - Product code blank: 'S' + the source row number (S114), which cannot clash with 6-digit 卷烟代码.
 * Price class comes from the wholesale price (see priceClassOf in @siyi/algorithms).
 */
import { createRandom, hashSeed, type PriceClass, priceClassOf } from '@siyi/algorithms';
import { SOURCE_PRODUCTS, type SourceProduct } from './data/products';

export const WHOLESALE_TO_RETAIL = 0.87;

export type DemoProductFormat = 'thin' | 'medium' | 'regular';

export interface DemoProduct {
  /** Row id in the source list (P001 …). */
  sourceId: string;
  code: string;
  brand: string;
  name: string;
  spec: string;
  manufacturer: string;
  format: DemoProductFormat;
  packsPerCarton: number;
  wholesalePriceFen: number;
  retailPriceFen: number;
  priceClass: PriceClass;
  isNew: boolean;
  isScarce: boolean;
  /** True where a price was derived rather than taken from the source. */
  priceDerived: boolean;
  /** Relative pull of the product in the market (brand strength × a fixed variant factor), not a price effect. */
  popularity: number;
}

/**
 * Brand strength in a Henan city: 黄金叶 and 红旗渠 are Henan's own brands and lead the local market; the big
 * national brands follow. Assumed weights for the demo, not market data.
 */
const BRAND_WEIGHT: Readonly<Record<string, number>> = {
  黄金叶: 4,
  红旗渠: 2.5,
  中华: 2,
  利群: 1.8,
  芙蓉王: 1.6,
  玉溪: 1.6,
  云烟: 1.6,
  黄鹤楼: 1.6,
  红塔山: 1.5,
  南京: 1.4,
  白沙: 1.3,
  黄山: 1.2,
  泰山: 1.1,
  七匹狼: 1.1,
  红金龙: 1,
  钻石: 1,
  苏烟: 1,
  双喜: 1,
};

/** Scarce (紧俏) gift brands that are allocated under limits: 软中华, 软1916, 软大重九, 金中支, 和天下. */
const SCARCE_IDS = new Set(['P084', 'P021', 'P058', 'P082', 'P095']);
/** Demo "new products" (新品), launched within the generated window: recent 中支/细支 line extensions. */
const NEW_IDS = new Set(['P004', 'P030', 'P059', 'P083', 'P107']);

function likelyDuplicate(p: SourceProduct): boolean {
  return p.notes?.includes('may be the same product as') ?? false;
}

function inferFormat(p: SourceProduct): DemoProductFormat {
  if (p.format) return p.format;
  if (p.spec.includes('细支')) return 'thin';
  if (p.spec.includes('中支')) return 'medium';
  return 'regular';
}

function toDemoProduct(p: SourceProduct): DemoProduct | undefined {
  if (likelyDuplicate(p)) return undefined;
  let retail = p.retailCartonYuan;
  let wholesale = p.wholesaleCartonYuan;
  let derived = false;
  if (retail === null && wholesale === null) return undefined;
  if (retail === null && wholesale !== null) {
    retail = Math.round(wholesale / WHOLESALE_TO_RETAIL / 10) * 10;
    derived = true;
  }
  if (retail === null) return undefined;
  if (wholesale === null || wholesale < 0.8 * retail || wholesale > 0.95 * retail) {
    wholesale = Math.round(retail * WHOLESALE_TO_RETAIL);
    derived = true;
  }
  const wholesalePriceFen = Math.round(wholesale * 100);
  // A fixed (seed-independent) variant factor: some specs of a brand sell far better than others.
  const variant = createRandom(hashSeed('demo-product', p.id)).logNormal(0, 0.6);
  return {
    sourceId: p.id,
    code: p.productCode ?? `S${p.id.replace(/^P/u, '')}`,
    brand: p.brand,
    name: p.name,
    spec: p.spec,
    manufacturer: p.manufacturer,
    format: inferFormat(p),
    packsPerCarton: 10,
    wholesalePriceFen,
    retailPriceFen: Math.round(retail * 100),
    priceClass: priceClassOf(wholesalePriceFen),
    isNew: NEW_IDS.has(p.id),
    isScarce: SCARCE_IDS.has(p.id),
    priceDerived: derived,
    popularity: (BRAND_WEIGHT[p.brand] ?? 0.8) * variant,
  };
}

/** Every usable product of the source list, in source order. */
export const DEMO_PRODUCT_CATALOGUE: readonly DemoProduct[] = SOURCE_PRODUCTS.map(toDemoProduct).filter(
  (p): p is DemoProduct => p !== undefined,
);

/**
 * The `count` products a demo city sells: the most popular ones (independent of the seed, so a small test city
 * sells the well-known brands), with at least one new and one scarce product once there are ten or more.
 * Returned in source order. More than the catalogue holds is capped at the catalogue.
 */
export function selectDemoProducts(count: number): DemoProduct[] {
  const ranked = [...DEMO_PRODUCT_CATALOGUE].sort((a, b) => b.popularity - a.popularity);
  const chosen = ranked.slice(0, Math.max(0, Math.min(count, ranked.length)));
  if (chosen.length >= 10) {
    for (const flag of ['isNew', 'isScarce'] as const) {
      if (!chosen.some((p) => p[flag])) {
        const extra = ranked.find((p) => p[flag]);
        const slot = chosen.findLastIndex((p) => !p.isNew && !p.isScarce);
        if (extra && slot >= 0) chosen[slot] = extra;
      }
    }
  }
  const order = new Map(DEMO_PRODUCT_CATALOGUE.map((p, i) => [p.sourceId, i]));
  return chosen.sort((a, b) => (order.get(a.sourceId) ?? 0) - (order.get(b.sourceId) ?? 0));
}
