import { z } from 'zod';
import { SearchTerm } from './common';
import { isMondayDate } from './suggestions';

/**
 * Ordering with respect (尊重, issue 11): the retailer orders by its own need. Each week a supply strategy
 * (货源策略) is published per district and product — open, limited per tier band (限量), selected outlets only
 * (选点投放) or scarce (requests collected, then allocated); publishing opens the order window, which closes at the
 * retailer's cut-off. A manager may only propose lines: they become an order when the retailer accepts them (in its
 * portal, or by reading back a one-time code on the phone). Any line can be reported as pressured (强制搭配): it
 * leaves the order and a concern goes to the supervisor, unreadable by the manager.
 */

/** Message keys of the rules zod cannot say alone (worded in the server catalogue). */
export const orderMessages = {
  weekNotMonday: 'orders.weekNotMonday',
  quantityWhole: 'orders.quantityWhole',
  quantityRange: 'orders.quantityRange',
  duplicateProduct: 'orders.duplicateProduct',
  unknownProduct: 'orders.unknownProduct',
  discontinued: 'orders.discontinued',
  notOnSale: 'orders.notOnSale',
  notSelected: 'orders.notSelected',
  aboveLimit: 'orders.aboveLimit',
  windowClosed: 'orders.windowClosed',
  windowNotOpen: 'orders.windowNotOpen',
  emptyOrder: 'orders.emptyOrder',
  alreadySubmitted: 'orders.alreadySubmitted',
  idempotencyKeyRequired: 'orders.idempotencyKeyRequired',
  idempotencyKeyReused: 'orders.idempotencyKeyReused',
  blank: 'orders.blank',
  codeWrong: 'orders.codeWrong',
  codeExpired: 'orders.codeExpired',
  codeRequired: 'orders.codeRequired',
  proposalDecided: 'orders.proposalDecided',
  lineNotOnOrder: 'orders.lineNotOnOrder',
  tierBands: 'orders.tierBands',
  tierLimitsRequired: 'orders.tierLimitsRequired',
  outletsRequired: 'orders.outletsRequired',
  outletsNotAllowed: 'orders.outletsNotAllowed',
  tierLimitsNotAllowed: 'orders.tierLimitsNotAllowed',
  unknownRetailer: 'orders.unknownRetailer',
  districtRequired: 'orders.districtRequired',
  closesBeforeNow: 'orders.closesBeforeNow',
  closesOutsideWeek: 'orders.closesOutsideWeek',
  weekPast: 'orders.weekPast',
  noScarceProducts: 'orders.noScarceProducts',
} as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
const MAX_ID = 2_147_483_647;
const Id = z.number().int().positive().max(MAX_ID);
const queryId = z.coerce.number().int().positive().max(MAX_ID);

/** The most cartons one line may hold (a carton is 条). */
export const ORDER_LINE_MAX = 999;
/** Lines one order, proposal or strategy may hold. */
export const ORDER_LINES_MAX = 200;
export const PRESSURE_NOTE_MAX = 2000;

/** An ordering week named by its Monday ('YYYY-MM-DD'). */
export const OrderWeek = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: orderMessages.weekNotMonday })
  .refine(isMondayDate, { message: orderMessages.weekNotMonday });

/** Whole cartons, 1 … 999. */
export const OrderQuantity = z
  .number({ message: orderMessages.quantityWhole })
  .int({ message: orderMessages.quantityWhole })
  .min(1, { message: orderMessages.quantityRange })
  .max(ORDER_LINE_MAX, { message: orderMessages.quantityRange });

export const OrderLineInput = z.strictObject({
  productId: Id,
  quantity: OrderQuantity,
});
export type OrderLineInput = z.infer<typeof OrderLineInput>;

const distinctProducts = (lines: { productId: number }[], ctx: z.RefinementCtx) => {
  const seen = new Set<number>();
  lines.forEach((line, i) => {
    if (seen.has(line.productId)) {
      ctx.addIssue({ code: 'custom', path: [i, 'productId'], message: orderMessages.duplicateProduct });
    }
    seen.add(line.productId);
  });
};

const OrderLines = z.array(OrderLineInput).max(ORDER_LINES_MAX).superRefine(distinctProducts);

/** PUT /api/orders/current: the whole draft as the retailer wants it now (an empty list clears it). */
export const PutOrderBody = z.strictObject({ lines: OrderLines });
export type PutOrderBody = z.infer<typeof PutOrderBody>;

/** POST /api/orders/current/submit: submits the draft; `lines`, when given, replace it first (one transaction). */
export const SubmitOrderBody = z.strictObject({ lines: OrderLines.optional() }).default({});
export type SubmitOrderBody = z.infer<typeof SubmitOrderBody>;

/** The `Idempotency-Key` header: 8–100 visible ASCII characters (a UUID is usual). */
export const IdempotencyKey = z
  .string({ message: orderMessages.idempotencyKeyRequired })
  .regex(/^[\x21-\x7E]{8,100}$/, { message: orderMessages.idempotencyKeyRequired });

export const CreateProposalBody = z.strictObject({
  retailerId: Id,
  lines: z.array(OrderLineInput).min(1).max(ORDER_LINES_MAX).superRefine(distinctProducts),
});
export type CreateProposalBody = z.infer<typeof CreateProposalBody>;

/** Accepting a proposal: the retailer in its portal sends `{}`; its manager sends the code the retailer read back. */
export const AcceptProposalBody = z
  .strictObject({
    code: z
      .string()
      .regex(/^\d{6}$/, { message: orderMessages.codeWrong })
      .optional(),
  })
  .default({});
export type AcceptProposalBody = z.infer<typeof AcceptProposalBody>;

export const RejectProposalBody = z
  .strictObject({
    /** The retailer may say it felt pressured: the proposal's lines become a 强制搭配 concern. */
    pressured: z.boolean().default(false),
    note: z.string().trim().max(PRESSURE_NOTE_MAX).regex(NO_CONTROL).default(''),
  })
  .default({ pressured: false, note: '' });
export type RejectProposalBody = z.infer<typeof RejectProposalBody>;

export const PressuredBody = z.strictObject({
  note: z
    .string()
    .trim()
    .max(PRESSURE_NOTE_MAX)
    .regex(NO_CONTROL)
    .refine((s) => s !== '', { message: orderMessages.blank }),
});
export type PressuredBody = z.infer<typeof PressuredBody>;

export const OrderIdParam = z.strictObject({ id: queryId });
export const OrderWeekParam = z.strictObject({ week: OrderWeek });

// ---- supply strategy (货源策略) ----

export const supplyModes = ['open', 'limited', 'selected', 'scarce'] as const;
export const SupplyMode = z.enum(supplyModes);
export type SupplyMode = z.infer<typeof SupplyMode>;

export const TierLimit = z.strictObject({
  tierFrom: z.number().int().min(1).max(30),
  tierTo: z.number().int().min(1).max(30),
  maxCartons: z.number().int().min(0).max(ORDER_LINE_MAX),
});
export type TierLimit = z.infer<typeof TierLimit>;

export const SupplyStrategyItem = z
  .strictObject({
    productId: Id,
    mode: SupplyMode,
    /** limited: the most cartons per tier band (bands must not overlap; a tier in no band may not order it). */
    tierLimits: z.array(TierLimit).max(30).optional(),
    /** selected: the outlets (retailer ids) that may order it. */
    retailerIds: z.array(Id).max(5000).optional(),
    /** scarce: cartons to share out among the requests (the allocation's supply). */
    supply: z.number().int().min(0).max(10_000_000).optional(),
  })
  .superRefine((item, ctx) => {
    if (item.mode === 'limited') {
      if (!item.tierLimits || item.tierLimits.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['tierLimits'], message: orderMessages.tierLimitsRequired });
      } else {
        const bands = [...item.tierLimits].sort((a, b) => a.tierFrom - b.tierFrom);
        const bad = bands.some((b, i) => b.tierTo < b.tierFrom || (i > 0 && b.tierFrom <= (bands[i - 1]?.tierTo ?? 0)));
        if (bad) ctx.addIssue({ code: 'custom', path: ['tierLimits'], message: orderMessages.tierBands });
      }
    } else if (item.tierLimits !== undefined && item.tierLimits.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['tierLimits'], message: orderMessages.tierLimitsNotAllowed });
    }
    if (item.mode === 'selected') {
      if (!item.retailerIds || item.retailerIds.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['retailerIds'], message: orderMessages.outletsRequired });
      }
    } else if (item.retailerIds !== undefined && item.retailerIds.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['retailerIds'], message: orderMessages.outletsNotAllowed });
    }
  });
export type SupplyStrategyItem = z.infer<typeof SupplyStrategyItem>;

export const SupplyStrategyQuery = z.strictObject({
  /** Required for an admin; a supervisor's is its own district. */
  districtId: queryId.optional(),
});
export type SupplyStrategyQuery = z.infer<typeof SupplyStrategyQuery>;

export const PutSupplyStrategyBody = z.strictObject({
  /** Required for an admin; a supervisor's is its own district (another answers 404). */
  districtId: Id.optional(),
  items: z.array(SupplyStrategyItem).max(ORDER_LINES_MAX).superRefine(distinctProducts),
  /** true publishes (opens the window); false keeps a draft. A published week stays published. */
  publish: z.boolean().default(false),
  /**
   * When every retailer's window closes this week — after the week's usual publication (the Saturday 12:00 before
   * it) and no later than the week's end; null/absent: each retailer's own cut-off,
   * 24:00 of the day before its order day (Asia/Shanghai).
   */
  closesAt: z.iso.datetime({ offset: true }).nullable().optional(),
  /** The version read (optimistic concurrency); absent for the first save of a week. */
  version: z.number().int().min(1).optional(),
});
export type PutSupplyStrategyBody = z.input<typeof PutSupplyStrategyBody>;

export const SupplyStrategyItemView = z.object({
  productId: z.number().int(),
  productName: z.string(),
  mode: SupplyMode,
  tierLimits: z.array(TierLimit),
  retailerIds: z.array(z.number().int()),
  supply: z.number().int().nullable(),
});

export const SupplyStrategyResponse = z.object({
  week: z.string(),
  districtId: z.number().int(),
  status: z.enum(['none', 'draft', 'published']),
  publishedAt: z.string().nullable(),
  publishedBy: z.number().int().nullable(),
  closesAt: z.string().nullable(),
  version: z.number().int(),
  items: z.array(SupplyStrategyItemView),
});
export type SupplyStrategyResponse = z.infer<typeof SupplyStrategyResponse>;

// ---- the retailer's order ----

export const orderLineOrigins = ['retailer', 'manager_proposal', 'suggestion', 'import'] as const;
export const lineEventOrigins = [
  'retailer_typed',
  'suggestion_accepted',
  'suggestion_edited',
  'proposal_accepted',
] as const;
export type LineEventOrigin = (typeof lineEventOrigins)[number];

export const OrderLineView = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  quantity: z.number().int(),
  unitPriceFen: z.number().int(),
  /** How the line's current quantity came about. */
  origin: z.enum(lineEventOrigins),
  /** The proposal it came from, when accepted from one. */
  proposalId: z.number().int().nullable(),
});

export const OrderProductView = z.object({
  productId: z.number().int(),
  code: z.string(),
  brand: z.string(),
  name: z.string(),
  spec: z.string(),
  priceClass: z.number().int(),
  wholesalePriceFen: z.number().int(),
  mode: SupplyMode,
  /** Cartons this retailer may order (限量, order_limits; the smallest applies); null when none. */
  limit: z.number().int().nullable(),
  /** Cartons ordered in the last weeks, oldest first (0 for a week without the product). */
  lastWeeks: z.array(z.number().int()),
  /** Stock on hand the retailer gave, null when it gave none. */
  stock: z.number().int().nullable(),
  suggestion: z.object({ quantity: z.number().int(), reason: z.string() }).nullable(),
  /** The order line for this product, if any. */
  quantity: z.number().int(),
  /** Scarce products: the cartons requested, and once allocated the cartons given with the reason. */
  requested: z.number().int().nullable(),
  allocated: z.number().int().nullable(),
  allocationReason: z.string().nullable(),
});

export const ProposalLineView = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  productName: z.string(),
  quantity: z.number().int(),
  pressured: z.boolean(),
});

export const proposalStatuses = ['pending', 'accepted', 'rejected', 'expired'] as const;
export const ProposalView = z.object({
  id: z.number().int(),
  retailerId: z.number().int(),
  managerId: z.number().int(),
  week: z.string(),
  status: z.enum(proposalStatuses),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** portal (the retailer accepted in its portal), code (its manager entered the code the retailer read back). */
  decidedVia: z.enum(['portal', 'code']).nullable(),
  codeExpiresAt: z.string().nullable(),
  lines: z.array(ProposalLineView),
});
export type ProposalView = z.infer<typeof ProposalView>;

export const CurrentOrderResponse = z.object({
  retailerId: z.number().int(),
  week: z.string(),
  /** none: nothing saved yet. */
  status: z.enum(['none', 'draft', 'submitted']),
  orderId: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
  /**
   * The order window of `week`, the week the retailer orders for: this week until its cut-off (24:00 of the day
   * before its order day, Asia/Shanghai, unless the district set one closing time), then the next week — whose
   * window opens when that week's strategy is published.
   */
  window: z.object({
    /** The strategy is published: ordering is possible between opensAt and closesAt. */
    published: z.boolean(),
    open: z.boolean(),
    /** When the strategy was published; null while it is not. */
    opensAt: z.string().nullable(),
    closesAt: z.string(),
    /** Not published yet: when it usually is (the Saturday 12:00 before the week, field rule); else null. */
    expectedOpensAt: z.string().nullable(),
  }),
  /** The weeks `lastWeeks` covers, oldest first. */
  lastWeekStarts: z.array(z.string()),
  lines: z.array(OrderLineView),
  products: z.array(OrderProductView),
  proposals: z.array(ProposalView),
  version: z.number().int(),
});
export type CurrentOrderResponse = z.infer<typeof CurrentOrderResponse>;

export const SubmitOrderResponse = z.object({
  orderId: z.number().int(),
  week: z.string(),
  status: z.literal('submitted'),
  submittedAt: z.string(),
  lines: z.array(z.object({ productId: z.number().int(), quantity: z.number().int() })),
  requests: z.array(z.object({ productId: z.number().int(), quantity: z.number().int() })),
  /** True when this answer is the stored one of an earlier request with the same Idempotency-Key. */
  replayed: z.boolean(),
});
export type SubmitOrderResponse = z.infer<typeof SubmitOrderResponse>;

export const PressuredResponse = z.object({ lineId: z.number().int(), concernId: z.number().int() });

// ---- the week at a glance (manager, supervisor) ----

export const OrderWeekQuery = z.strictObject({
  week: OrderWeek.optional(),
  /** A supervisor or admin may look at one manager's retailers. */
  managerId: queryId.optional(),
  /** An admin may look at one district (a supervisor's is always its own). */
  districtId: queryId.optional(),
});
export type OrderWeekQuery = z.infer<typeof OrderWeekQuery>;

export const retailerOrderStates = ['not_yet', 'draft', 'submitted', 'proposal_waiting'] as const;
export const OrderWeekResponse = z.object({
  week: z.string(),
  retailers: z.array(
    z.object({
      retailerId: z.number().int(),
      shopName: z.string(),
      managerId: z.number().int().nullable(),
      state: z.enum(retailerOrderStates),
      lineCount: z.number().int(),
      cartons: z.number().int(),
      submittedAt: z.string().nullable(),
      /**
       * When its window for the week closes: the district's one closing time, else 24:00 the day before its order
       * day (Asia/Shanghai). Always sent; optional in the type so clients built before it still compile.
       */
      closesAt: z.string().optional(),
    }),
  ),
  /** Respect figures per manager over the week's lines (尊重). */
  managers: z.array(
    z.object({
      managerId: z.number().int(),
      name: z.string(),
      lines: z.number().int(),
      /** Share (0–1) of the lines the retailer typed or whose suggestion/proposal it accepted unchanged; null: no lines. */
      ownOrUnchangedShare: z.number().nullable(),
      proposals: z.number().int(),
      proposalsRejected: z.number().int(),
      /** Share (0–1) of decided proposals that were rejected; null: none decided. */
      rejectionRate: z.number().nullable(),
      /**
       * Lines reported as pressured plus proposals rejected as pressured; null for a manager, which never learns
       * of pressure reports (its `lines` and `ownOrUnchangedShare` then leave the reported lines out too).
       */
      pressureReports: z.number().int().nullable(),
    }),
  ),
});
export type OrderWeekResponse = z.infer<typeof OrderWeekResponse>;

// ---- scarce allocation ----

export const AllocationRunBody = z
  .strictObject({
    districtId: Id.optional(),
    /** The tie-break seed published with the rule; default the ISO week name (e.g. 2026-W49). */
    seed: z.string().trim().min(1).max(100).regex(NO_CONTROL).optional(),
  })
  .default({});
export type AllocationRunBody = z.infer<typeof AllocationRunBody>;

export const AllocationExplainQuery = z.strictObject({
  retailerId: queryId.optional(),
  districtId: queryId.optional(),
});
export type AllocationExplainQuery = z.infer<typeof AllocationExplainQuery>;

export const AllocationRunResponse = z.object({
  runId: z.number().int(),
  week: z.string(),
  districtId: z.number().int(),
  /** The published rule: tier weights and the declared tie order with its seed. */
  rule: z.record(z.string(), z.unknown()),
  products: z.array(
    z.object({
      productId: z.number().int(),
      supply: z.number().int(),
      totalRequested: z.number().int(),
      totalAllocated: z.number().int(),
      weightedDemandMetShare: z.number(),
      retailers: z.number().int(),
    }),
  ),
});
export type AllocationRunResponse = z.infer<typeof AllocationRunResponse>;

export const AllocationExplainItem = z.object({
  productId: z.number().int(),
  productName: z.string(),
  requested: z.number().int(),
  allocated: z.number().int(),
  /** One sentence in the caller's language, e.g. 申请 5 条,分得 2 条:本周供应满足 38% 的加权需求. */
  reason: z.string(),
  runId: z.number().int(),
});
export const AllocationExplainResponse = z.object({
  week: z.string(),
  retailerId: z.number().int(),
  items: z.array(AllocationExplainItem),
});
export type AllocationExplainResponse = z.infer<typeof AllocationExplainResponse>;

// ---- read-backs (a reload keeps what was done) ----

/** GET /api/allocations/:week/runs/latest: an admin names the district; a supervisor's is its own. */
export const LatestAllocationRunQuery = z.strictObject({ districtId: queryId.optional() });
export type LatestAllocationRunQuery = z.infer<typeof LatestAllocationRunQuery>;

/** GET /api/orders/proposals: one retailer's proposals for a week (default the open week). */
export const ProposalListQuery = z.strictObject({ retailerId: queryId, week: OrderWeek.optional() });
export type ProposalListQuery = z.infer<typeof ProposalListQuery>;
export const ProposalListResponse = z.array(ProposalView);
export type ProposalListResponse = z.infer<typeof ProposalListResponse>;

/** The products a strategy may name: at most PRODUCT_LIST_MAX, by price class, brand and name. */
export const PRODUCT_LIST_MAX = 500;
export const ProductListQuery = z.strictObject({
  status: z.enum(['active', 'discontinued']).default('active'),
  q: SearchTerm.optional(),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;
export const ProductListItem = z.object({
  id: z.number().int(),
  code: z.string(),
  brand: z.string(),
  name: z.string(),
  spec: z.string(),
  priceClass: z.number().int(),
  wholesalePriceFen: z.number().int(),
  status: z.enum(['active', 'discontinued']),
});
export type ProductListItem = z.infer<typeof ProductListItem>;
export const ProductListResponse = z.object({
  items: z.array(ProductListItem),
  /** More products match than were sent: narrow the search. */
  truncated: z.boolean(),
});
export type ProductListResponse = z.infer<typeof ProductListResponse>;
