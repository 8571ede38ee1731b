import type { CurrentOrderResponse } from '@siyi/contracts';
import { SHANGHAI_OFFSET_MS } from '../../ui/format';

/** One product the retailer may order this week, as the server describes it. */
export type OrderProduct = CurrentOrderResponse['products'][number];
/** One line of the order (its id is what "pressured" names). */
export type OrderLine = CurrentOrderResponse['lines'][number];

/** The quantities on the page: product id → cartons (a scarce product's is its request). 0 = not ordered. */
export type Quantities = ReadonlyMap<number, number>;

/** The most cartons a product's stepper allows: its limit, else the server's per-line ceiling. */
export const LINE_MAX = 999;

/** What the server holds now: each product's line quantity, or its request when scarce. */
export function serverQuantities(products: readonly OrderProduct[]): Map<number, number> {
  return new Map(products.map((p) => [p.productId, p.mode === 'scarce' ? (p.requested ?? 0) : p.quantity]));
}

/** The upper bound of a product's stepper: its limit when one applies, else 999. */
export function maxFor(product: Pick<OrderProduct, 'limit'>): number {
  return product.limit === null ? LINE_MAX : Math.max(0, Math.min(product.limit, LINE_MAX));
}

/** A typed value made whole and kept within 0 … the product's maximum (empty or nonsense → 0). */
export function clampQuantity(value: unknown, max: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return 0;
  return Math.min(Math.max(Math.trunc(n), 0), max);
}

/** The suggestion's quantity for the product, kept within its limit; null when there is no suggestion. */
export function suggestedQuantity(product: Pick<OrderProduct, 'suggestion' | 'limit'>): number | null {
  if (!product.suggestion) return null;
  return clampQuantity(product.suggestion.quantity, maxFor(product));
}

/** Takes one product's suggestion (within its limit); a product without one keeps its quantity. */
export function applySuggestion(quantities: Quantities, product: OrderProduct): Map<number, number> {
  const next = new Map(quantities);
  const suggested = suggestedQuantity(product);
  if (suggested !== null) next.set(product.productId, suggested);
  return next;
}

/** Takes every suggestion at once ("use all suggestions"); products without one keep what was typed. */
export function applyAllSuggestions(quantities: Quantities, products: readonly OrderProduct[]): Map<number, number> {
  let next = new Map(quantities);
  for (const product of products) next = applySuggestion(next, product);
  return next;
}

/** True when some product's suggestion differs from what is on the page (the "use all" button has work to do). */
export function suggestionsPending(quantities: Quantities, products: readonly OrderProduct[]): boolean {
  return products.some((p) => {
    const suggested = suggestedQuantity(p);
    return suggested !== null && suggested !== (quantities.get(p.productId) ?? 0);
  });
}

/** The lines to send: every product with a quantity above 0, in the page's product order. */
export function linesToSend(
  quantities: Quantities,
  products: readonly OrderProduct[],
): { productId: number; quantity: number }[] {
  return products
    .map((p) => ({ productId: p.productId, quantity: quantities.get(p.productId) ?? 0 }))
    .filter((l) => l.quantity > 0);
}

/** True when the page's quantities differ from the server's (there is something to save). */
export function isDirty(quantities: Quantities, products: readonly OrderProduct[]): boolean {
  const server = serverQuantities(products);
  return products.some((p) => (quantities.get(p.productId) ?? 0) !== (server.get(p.productId) ?? 0));
}

export interface OrderTotals {
  /** Products with a quantity (scarce requests included). */
  lines: number;
  cartons: number;
  /** At wholesale price; a scarce request counts at what was asked until allocated, then at what was given. */
  amountFen: number;
}

/** The sticky bar's figures for the quantities on the page. */
export function orderTotals(quantities: Quantities, products: readonly OrderProduct[]): OrderTotals {
  let lines = 0;
  let cartons = 0;
  let amountFen = 0;
  for (const p of products) {
    const q = p.mode === 'scarce' && p.allocated !== null ? p.allocated : (quantities.get(p.productId) ?? 0);
    if (q <= 0) continue;
    lines += 1;
    cartons += q;
    amountFen += q * p.wholesalePriceFen;
  }
  return { lines, cartons, amountFen };
}

/**
 * The products a usual week is about: those with a suggestion, ordered in the last weeks, already on the order (or
 * requested), or offered specially this week (limited, selected outlets, scarce). The rest of the catalogue waits
 * behind one tap. Decided on the server's quantities, so a product does not jump while its stepper is used.
 */
export function isUsual(product: OrderProduct): boolean {
  return (
    product.suggestion !== null ||
    product.lastWeeks.some((q) => q > 0) ||
    product.quantity > 0 ||
    (product.requested ?? 0) > 0 ||
    product.mode !== 'open'
  );
}

/** The usual products and the others, each in the server's order. */
export function splitUsual(products: readonly OrderProduct[]): { usual: OrderProduct[]; others: OrderProduct[] } {
  const usual: OrderProduct[] = [];
  const others: OrderProduct[] = [];
  for (const p of products) (isUsual(p) ? usual : others).push(p);
  return { usual, others };
}

export type GroupBy = 'priceClass' | 'brand';

export interface ProductGroup {
  /** 'priceClass:3' or 'brand:中华'. */
  key: string;
  kind: GroupBy;
  /** The price class number or the brand name. */
  value: number | string;
  products: OrderProduct[];
}

/** Lower-cased, width-folded text to compare a search with (全角 letters and digits match their ASCII twins). */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Products whose name, brand, code or spec contain the search (all of them when it is blank). */
export function filterProducts(products: readonly OrderProduct[], search: string): OrderProduct[] {
  const term = foldForSearch(search);
  if (term === '') return [...products];
  return products.filter((p) => foldForSearch(`${p.name}${p.brand}${p.code}${p.spec}`).includes(term));
}

/**
 * Groups the products by price class (一类 first) or by brand (in the server's order: price class, then brand),
 * keeping the server's order inside each group. Empty groups never appear.
 */
export function groupProducts(products: readonly OrderProduct[], by: GroupBy): ProductGroup[] {
  const groups = new Map<string, ProductGroup>();
  for (const p of products) {
    const value = by === 'priceClass' ? p.priceClass : p.brand;
    const key = `${by}:${value}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, kind: by, value, products: [] };
      groups.set(key, group);
    }
    group.products.push(p);
  }
  const list = [...groups.values()];
  if (by === 'priceClass') list.sort((a, b) => Number(a.value) - Number(b.value));
  return list;
}

/**
 * The server's per-field messages placed on products: `lines.N.quantity` / `lines.N.productId` name the N-th line
 * sent. Messages that name no line (the window, the whole order, the key) are returned apart.
 */
export function fieldMessagesByProduct(
  fields: Readonly<Record<string, string>>,
  sent: readonly { productId: number }[],
): { byProduct: Map<number, string>; general: string[] } {
  const byProduct = new Map<number, string>();
  const general: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const match = /^lines\.(\d+)(?:\.|$)/.exec(path);
    const line = match ? sent[Number(match[1])] : undefined;
    if (line) {
      const before = byProduct.get(line.productId);
      byProduct.set(line.productId, before && before !== message ? `${before} ${message}` : message);
    } else {
      general.push(message);
    }
  }
  return { byProduct, general };
}

/** The order line of a product, if it has one (a line accepted from a proposal can be reported as pressured). */
export function lineOf(lines: readonly OrderLine[], productId: number): OrderLine | undefined {
  return lines.find((l) => l.productId === productId);
}

export type WindowState =
  /** expectedOpensAt: when the week's strategy is usually published (null: the server cannot say). */
  | { kind: 'unpublished'; expectedOpensAt: string | null }
  | { kind: 'notYet'; opensAt: string | null }
  | { kind: 'open'; closesAt: string }
  | { kind: 'closed'; closesAt: string };

/**
 * The week's order window in one state the page can put in words. A window the server called open is closed once
 * its closing time has passed: a page left open over the cut-off stops offering a submit the server would refuse.
 */
export function windowState(window: CurrentOrderResponse['window'], now: number): WindowState {
  if (!window.published) return { kind: 'unpublished', expectedOpensAt: window.expectedOpensAt ?? null };
  const closed = Date.parse(window.closesAt) <= now;
  if (window.open && !closed) return { kind: 'open', closesAt: window.closesAt };
  if (!window.open && window.opensAt && Date.parse(window.opensAt) > now) {
    return { kind: 'notYet', opensAt: window.opensAt };
  }
  return { kind: 'closed', closesAt: window.closesAt };
}

/** The Monday ('YYYY-MM-DD') of the week `now` falls in, in Shanghai (UTC+8 all year). */
export function shanghaiWeekOf(now: number): string {
  const local = new Date(now + SHANGHAI_OFFSET_MS);
  const back = (local.getUTCDay() + 6) % 7;
  return new Date(local.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** Milliseconds until an open window closes (for one re-render then), or null when nothing is due in a day. */
export function msUntilClose(state: WindowState, now: number): number | null {
  if (state.kind !== 'open') return null;
  const left = Date.parse(state.closesAt) - now;
  return left > 0 && left <= 86_400_000 ? left + 500 : null;
}
