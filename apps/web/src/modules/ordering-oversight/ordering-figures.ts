import type {
  AllocationRunResponse,
  OrderWeekResponse,
  ProductFigure,
  ProductListItem,
  ProposalView,
  PutSupplyStrategyBody,
  Suggestion,
  SupplyMode,
  SupplyStrategyResponse,
  TierLimit,
} from '@siyi/contracts';
import { SHANGHAI_OFFSET_MS } from '../../ui/format';

/**
 * Pure helpers of the staff ordering pages: the week's states counted, the respect figures shaped for a chart and a
 * table, the products a manager may propose, the supply strategy editor's rows and its tier-limit validation.
 */

export type RetailerOrderRow = OrderWeekResponse['retailers'][number];
export type ManagerRespect = OrderWeekResponse['managers'][number];
export type RetailerOrderState = RetailerOrderRow['state'];

/** The states in the order a manager works through them: nothing yet first, done last. */
export const ORDER_STATES: readonly RetailerOrderState[] = ['not_yet', 'draft', 'proposal_waiting', 'submitted'];

/** How many retailers are in each state (every state present, zero included). */
export function stateCounts(rows: readonly RetailerOrderRow[]): Record<RetailerOrderState, number> {
  const counts: Record<RetailerOrderState, number> = { not_yet: 0, draft: 0, proposal_waiting: 0, submitted: 0 };
  for (const row of rows) counts[row.state] += 1;
  return counts;
}

/** A share 0–1 as a whole percent (0–100); null stays null (nothing to measure). */
export function wholePercent(share: number | null): number | null {
  if (share === null || !Number.isFinite(share)) return null;
  return Math.round(Math.min(1, Math.max(0, share)) * 100);
}

export interface RespectRow {
  managerId: number;
  name: string;
  lines: number;
  /** Whole percent of lines the retailer originated or accepted unchanged; null without lines. */
  ownPercent: number | null;
  proposals: number;
  proposalsRejected: number;
  /** Whole percent of decided proposals rejected; null when none was decided. */
  rejectionPercent: number | null;
  /** null for a manager: pressure reports go past it to the supervisor, and the server does not send their count. */
  pressureReports: number | null;
  /** Worth a look: pressure reported, or under 80 % own-or-unchanged, or over a third of proposals rejected. */
  attention: boolean;
}

export const OWN_SHARE_ATTENTION_BELOW = 80;
export const REJECTION_ATTENTION_ABOVE = 33;

/** The respect figures per manager, the ones worth a look first, then by name. */
export function respectRows(managers: readonly ManagerRespect[]): RespectRow[] {
  return managers
    .map((m) => {
      const ownPercent = wholePercent(m.ownOrUnchangedShare);
      const rejectionPercent = wholePercent(m.rejectionRate);
      return {
        managerId: m.managerId,
        name: m.name,
        lines: m.lines,
        ownPercent,
        proposals: m.proposals,
        proposalsRejected: m.proposalsRejected,
        rejectionPercent,
        pressureReports: m.pressureReports,
        attention:
          (m.pressureReports ?? 0) > 0 ||
          (ownPercent !== null && ownPercent < OWN_SHARE_ATTENTION_BELOW) ||
          (rejectionPercent !== null && rejectionPercent > REJECTION_ATTENTION_ABOVE),
      };
    })
    .sort((a, b) => Number(b.attention) - Number(a.attention) || a.name.localeCompare(b.name, 'zh-CN'));
}

/** Retailers of one state (or all) whose shop name holds the words typed, in state order then by name. */
export function filterRetailers(
  rows: readonly RetailerOrderRow[],
  state: RetailerOrderState | 'all',
  words: string,
): RetailerOrderRow[] {
  const needle = words.trim().toLowerCase();
  return rows
    .filter(
      (r) => (state === 'all' || r.state === state) && (needle === '' || r.shopName.toLowerCase().includes(needle)),
    )
    .sort(
      (a, b) =>
        ORDER_STATES.indexOf(a.state) - ORDER_STATES.indexOf(b.state) || a.shopName.localeCompare(b.shopName, 'zh-CN'),
    );
}

/* ---------- the manager's proposal ---------- */

export interface ProposalChoice {
  productId: number;
  name: string;
  /** The retailer's own suggestion (from its history), when there is one. */
  suggestion: { quantity: number; reason: string } | null;
  /** Cartons the retailer bought of it over the recent weeks (its best sellers), when known. */
  recentCartons: number | null;
}

/** The products a manager may put in a proposal: the retailer's suggestions first, then its best sellers. */
export function proposalChoices(
  suggestions: readonly Suggestion[],
  topProducts: readonly ProductFigure[],
): ProposalChoice[] {
  const byId = new Map<number, ProposalChoice>();
  for (const s of suggestions) {
    byId.set(s.productId, {
      productId: s.productId,
      name: s.productName,
      suggestion: { quantity: s.quantity, reason: s.reason },
      recentCartons: null,
    });
  }
  for (const p of topProducts) {
    const known = byId.get(p.productId);
    if (known) known.recentCartons = p.quantity;
    else byId.set(p.productId, { productId: p.productId, name: p.name, suggestion: null, recentCartons: p.quantity });
  }
  return [...byId.values()];
}

/** The quantities the retailer's own suggestions give (only positive ones). */
export function suggestedQuantities(choices: readonly ProposalChoice[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const c of choices) if (c.suggestion && c.suggestion.quantity > 0) out[c.productId] = c.suggestion.quantity;
  return out;
}

/** The proposal's lines: every product with a whole quantity of at least one carton, in the choices' order. */
export function proposalLines(
  choices: readonly ProposalChoice[],
  quantities: Readonly<Record<number, number | null | undefined>>,
): { productId: number; quantity: number }[] {
  return choices
    .map((c) => ({ productId: c.productId, quantity: quantities[c.productId] ?? 0 }))
    .filter((l) => Number.isInteger(l.quantity) && l.quantity > 0);
}

/** A phone code as typed: digits only, at most six ("12 34 56" → "123456"). */
export function cleanCode(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, 6);
}

/* ---------- the supply strategy ---------- */

/** One product row of the strategy editor (every mode's fields kept, so switching mode loses nothing). */
export interface StrategyRow {
  productId: number;
  productName: string;
  mode: SupplyMode;
  tierLimits: TierLimit[];
  retailerIds: number[];
  supply: number | null;
}

export function strategyRows(strategy: SupplyStrategyResponse): StrategyRow[] {
  return strategy.items.map((item) => ({
    productId: item.productId,
    productName: item.productName,
    mode: item.mode,
    tierLimits: item.tierLimits.map((l) => ({ ...l })),
    retailerIds: [...item.retailerIds],
    supply: item.supply,
  }));
}

/** The default band a new limited product starts with: every tier, a modest limit. */
export const DEFAULT_TIER_LIMITS: readonly TierLimit[] = [{ tierFrom: 1, tierTo: 30, maxCartons: 5 }];

export type TierLimitProblem =
  | { kind: 'none' }
  | { kind: 'whole'; index: number }
  | { kind: 'tierRange'; index: number }
  | { kind: 'fromAfterTo'; index: number }
  | { kind: 'cartons'; index: number }
  | { kind: 'overlap'; index: number; tier: number };

const wholeIn = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * What is wrong with a product's tier limits, the first problem found (bands as typed, `index` into them):
 * tiers 1–30, from ≤ to, 0–999 cartons, whole numbers, and no tier in two bands. An empty list is a problem of its
 * own (a limited product needs at least one band): `{ kind: 'none' }`.
 */
export function tierLimitProblem(
  limits: readonly Partial<TierLimit>[] | null | undefined,
): TierLimitProblem | { kind: 'ok' } {
  const list = limits ?? [];
  if (list.length === 0) return { kind: 'none' };
  for (const [index, band] of list.entries()) {
    if (band.tierFrom == null || band.tierTo == null || band.maxCartons == null) return { kind: 'whole', index };
    if (!wholeIn(band.tierFrom, 1, 30) || !wholeIn(band.tierTo, 1, 30)) return { kind: 'tierRange', index };
    if (band.tierFrom > band.tierTo) return { kind: 'fromAfterTo', index };
    if (!wholeIn(band.maxCartons, 0, 999)) return { kind: 'cartons', index };
  }
  const owner = new Map<number, number>();
  for (const [index, band] of list.entries()) {
    for (let tier = band.tierFrom as number; tier <= (band.tierTo as number); tier += 1) {
      if (owner.has(tier)) return { kind: 'overlap', index, tier };
      owner.set(tier, index);
    }
  }
  return { kind: 'ok' };
}

/** Tiers 1–30 no band covers (those retailers may not order a limited product at all), as ranges "a–b". */
export function uncoveredTiers(limits: readonly TierLimit[]): { from: number; to: number }[] {
  const covered = new Set<number>();
  for (const band of limits) for (let t = band.tierFrom; t <= band.tierTo; t += 1) covered.add(t);
  const gaps: { from: number; to: number }[] = [];
  for (let t = 1; t <= 30; t += 1) {
    if (covered.has(t)) continue;
    const last = gaps[gaps.length - 1];
    if (last && last.to === t - 1) last.to = t;
    else gaps.push({ from: t, to: t });
  }
  return gaps;
}

/** The PUT body's items: each row with only its mode's fields, limits sorted by tier. */
export function strategyItems(rows: readonly StrategyRow[]): PutSupplyStrategyBody['items'] {
  return rows.map((row) => {
    const base = { productId: row.productId, mode: row.mode };
    switch (row.mode) {
      case 'limited':
        return { ...base, tierLimits: [...row.tierLimits].sort((a, b) => a.tierFrom - b.tierFrom) };
      case 'selected':
        return { ...base, retailerIds: [...new Set(row.retailerIds)] };
      case 'scarce':
        return { ...base, supply: row.supply ?? 0 };
      default:
        return base;
    }
  });
}

/** The rows a new week may start from: another week's strategy, as a draft to edit. */
export function copyRows(rows: readonly StrategyRow[]): StrategyRow[] {
  return rows.map((r) => ({ ...r, tierLimits: r.tierLimits.map((l) => ({ ...l })), retailerIds: [...r.retailerIds] }));
}

/** Per-field server messages (`items.3.tierLimits`) for a row: the ones under `items.<index>`. */
export function rowMessages(fields: Readonly<Record<string, string>>, index: number): string[] {
  const prefix = `items.${index}.`;
  return Object.entries(fields)
    .filter(([path]) => path === `items.${index}` || path.startsWith(prefix))
    .map(([, text]) => text);
}

/** A datetime-local value (Shanghai wall time "YYYY-MM-DDTHH:mm") as an ISO instant with its +08:00 offset. */
export function shanghaiLocalToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const iso = `${local}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** An ISO instant as Shanghai wall time for a datetime-local input ("YYYY-MM-DDTHH:mm"). */
export function isoToShanghaiLocal(iso: string | null): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
}

/* ---------- the scarce allocation ---------- */

export interface AllocationProductRow {
  productId: number;
  name: string;
  supply: number;
  requested: number;
  allocated: number;
  /** Whole percent of the weighted demand the supply met. */
  metPercent: number;
  retailers: number;
}

/** The run's products named from the week's strategy (an unknown one by its id), the least met first. */
export function allocationRows(
  run: AllocationRunResponse,
  items: readonly { productId: number; productName: string }[],
): AllocationProductRow[] {
  const names = new Map(items.map((i) => [i.productId, i.productName]));
  return run.products
    .map((p) => ({
      productId: p.productId,
      name: names.get(p.productId) ?? `#${p.productId}`,
      supply: p.supply,
      requested: p.totalRequested,
      allocated: p.totalAllocated,
      metPercent: wholePercent(p.weightedDemandMetShare) ?? 0,
      retailers: p.retailers,
    }))
    .sort((a, b) => a.metPercent - b.metPercent || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The proposal list with `proposal` in it: replaced where it was (decided), else added last (just sent). */
export function withProposal(list: readonly ProposalView[] | undefined, proposal: ProposalView): ProposalView[] {
  const rest = list ?? [];
  return rest.some((p) => p.id === proposal.id)
    ? rest.map((p) => (p.id === proposal.id ? proposal : p))
    : [...rest, proposal];
}

/** The proposal the page shows: the latest of the week (the list is oldest first), none while composing another. */
export function shownProposal(list: readonly ProposalView[] | undefined, composing: boolean): ProposalView | null {
  if (composing || !list || list.length === 0) return null;
  return list[list.length - 1] ?? null;
}

/** A product's name as the strategy editor lists it: name, spec and code, so like-named packs are told apart. */
export function productLabel(product: Pick<ProductListItem, 'name' | 'spec' | 'code'>): string {
  return [product.name, product.spec, product.code].filter((part) => part.trim() !== '').join(' · ');
}

/** The listed products not yet in the strategy. */
export function addableProducts(
  products: readonly ProductListItem[],
  rows: readonly Pick<StrategyRow, 'productId'>[],
): ProductListItem[] {
  const taken = new Set(rows.map((r) => r.productId));
  return products.filter((p) => p.status === 'active' && !taken.has(p.id));
}

/** A product added to the strategy starts open (every retailer may order it, no limit). */
export function newStrategyRow(product: Pick<ProductListItem, 'id' | 'name'>): StrategyRow {
  return {
    productId: product.id,
    productName: product.name,
    mode: 'open',
    tierLimits: [],
    retailerIds: [],
    supply: null,
  };
}
