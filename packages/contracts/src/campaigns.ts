/**
 * New-product promotion (创新, issue 12): the good manager does not hand over a leaflet — she explains what is
 * special (靓点) about a new product, guides how to sell it, may bring a small gift, and asks afterwards how it sold.
 *
 * Routes (all under the session cookie; writes need the CSRF header):
 * - `GET  /api/products/:id/knowledge` → ProductKnowledge (staff; a retailer for a product in a running campaign
 *   targeting it, or a new product on sale — without the manager's talking guide)
 * - `PUT  /api/products/:id/knowledge` UpdateProductKnowledgeBody (+ `version`; stale → 409 CONFLICT) → ProductKnowledge (admin)
 * - `POST /api/products/:id/knowledge/photos` multipart, part `file` (an image) → 201 ProductPhoto (admin; at most
 *   PRODUCT_PHOTOS_MAX); `GET …/photos/:photoId` and `…/:photoId/thumbnail` → the bytes (whoever reads the
 *   knowledge); `DELETE …/photos/:photoId` → 204 (admin)
 * - `GET  /api/campaigns?status=&page=&pageSize=` → CampaignListResponse (admin all; supervisor and manager: the
 *   campaigns whose target segment reaches their district / their retailers)
 * - `POST /api/campaigns` CreateCampaignBody → 201 CampaignDetail (admin)
 * - `GET  /api/campaigns/:id` → CampaignDetail
 * - `PUT  /api/campaigns/:id` UpdateCampaignBody (the whole campaign + `version`) → CampaignDetail (admin)
 * - `POST /api/campaigns/:id/items` CreateCampaignItemBody → 201 CampaignItem (admin): a gift or a material
 * - `PUT  /api/campaigns/:id/items/:itemId/stock` SetGiftStockBody → GiftStockRow (admin): the manager's stock of
 *   the item; negative → 400; below what the manager has out (issued, not returned) → 409 CONFLICT
 * - `GET  /api/gift-stock?campaignId=&managerId=` → GiftStockResponse (admin all; supervisor its district; manager its own)
 * - `POST /api/campaigns/:id/introductions` CreateIntroductionBody → 201 CampaignIntroduction (the retailer's manager)
 * - `GET  /api/campaigns/:id/introductions?retailerId=` → IntroductionListResponse (staff, scoped)
 * - `POST /api/campaigns/:id/feedback` CreateCampaignFeedbackBody → 201 CampaignFeedback (the retailer)
 * - `GET  /api/campaigns/:id/feedback?retailerId=` → CampaignFeedbackListResponse (scoped; a retailer its own)
 * - `GET  /api/campaigns/:id/funnel?districtId=&managerId=` → CampaignFunnel (admin, supervisor, manager — scoped)
 * - `GET  /api/campaigns/:id/funnel/retailers?stage=&districtId=&managerId=&page=&pageSize=` → FunnelRetailerListResponse
 * - `GET  /api/campaigns/:id/funnel.xlsx?districtId=&managerId=` → the funnel as a workbook (admin, supervisor)
 * - `GET  /api/new-products?retailerId=` → NewProductsResponse: the retailer's 新品上市 (a retailer: its own, no
 *   `retailerId`; staff: a retailer in scope, with the talking guide — the visit form's panel)
 * - `POST /api/gifts/issue` IssueGiftBody → 201 Gift (a manager, to its own retailer in the campaign's target — else
 *   400 `campaigns.notTargeted` —, from its own stock; beyond the
 *   stock → 409 CONFLICT, message `gifts.outOfStock`)
 * - `GET  /api/gifts?campaignId=&retailerId=&status=&page=&pageSize=` → GiftListResponse (scoped; a retailer its own)
 * - `POST /api/gifts/:id/confirm` → Gift (the retailer it was given to; another retailer's gift → 404)
 * - `POST /api/gifts/:id/return` ReturnGiftBody → Gift (the issuing manager, an admin): back into the manager's stock
 *
 * Funnel (per retailer, derived from records only, never typed by hand): introduced (an introduction record,
 * ideally on a visit with the talking guide shown) → interested (the introduction's reaction, the retailer's
 * feedback, or its first order) → first order (an order line of a campaign product in a counted order of a week at
 * or after the introduction's week) → reorder (a second order week of it within `reorderWeeks` weeks of the first).
 *
 * A gift is never tied to an order: no gift carries an order field, and nothing here reads orders to give one.
 * Scope: out of scope → 404 (a manager's retailers, a supervisor's district, a retailer itself).
 */
import { z } from 'zod';
import { PageQuery, paginated } from './common';
import { CalendarDate } from './retailer-profile';
import { BusinessFormat } from './retailers';

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
/** Half of a surrogate pair alone: not text (and not storable in jsonb). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_ID = 2_147_483_647;
const Id = z.number().int().positive().max(MAX_ID);
const queryId = z.coerce.number().int().positive().max(MAX_ID);

/** Message keys of the campaign rules (worded in the server catalogue and the web's campaigns namespace). */
export const campaignMessages = {
  blank: 'campaigns.blank',
  malformedText: 'campaigns.malformedText',
  /** `endsOn` before `startsOn`. */
  datesReversed: 'campaigns.datesReversed',
  /** A segment sent with nothing in it (no tiers, formats, districts, nor retailers). */
  segmentEmpty: 'campaigns.segmentEmpty',
  tierRange: 'campaigns.tierRange',
  duplicate: 'campaigns.duplicate',
  unknownProduct: 'campaigns.unknownProduct',
  unknownDistrict: 'campaigns.unknownDistrict',
  unknownRetailer: 'campaigns.unknownRetailer',
  unknownManager: 'campaigns.unknownManager',
  unknownItem: 'campaigns.unknownItem',
  /** The product is not one of the campaign's. */
  productNotInCampaign: 'campaigns.productNotInCampaign',
  /** The retailer is not in the campaign's target segment. */
  notTargeted: 'campaigns.notTargeted',
  /** Introductions and feedback only while the campaign runs (startsOn … endsOn). */
  notRunning: 'campaigns.notRunning',
  /** The visit is not a checked-in visit of this retailer by this manager. */
  visitMismatch: 'campaigns.visitMismatch',
  /** The talking guide must have been shown (`guideShown: true`). */
  guideNotShown: 'campaigns.guideNotShown',
  stockNegative: 'campaigns.stockNegative',
  /** Stock set below what the manager has out (issued, not returned). */
  stockBelowIssued: 'gifts.stockBelowIssued',
  /** Issuing more than the manager's available stock. */
  outOfStock: 'gifts.outOfStock',
  quantityRange: 'gifts.quantityRange',
  alreadyConfirmed: 'gifts.alreadyConfirmed',
  alreadyReturned: 'gifts.alreadyReturned',
  /** A selling point list of more than SELLING_POINTS_MAX, or an empty point. */
  sellingPoints: 'campaigns.sellingPoints',
  /** More than PRODUCT_PHOTOS_MAX pictures. */
  tooManyPhotos: 'campaigns.tooManyPhotos',
} as const;
export type CampaignMessageKey = (typeof campaignMessages)[keyof typeof campaignMessages];

/** Trimmed text without control characters or broken characters; `required` refuses blank. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(NO_CONTROL)
    .refine((s) => !LONE_SURROGATE.test(s), { message: campaignMessages.malformedText })
    .refine((s) => s !== '', { message: campaignMessages.blank });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(NO_CONTROL)
    .refine((s) => !LONE_SURROGATE.test(s), { message: campaignMessages.malformedText })
    .default('');

export const CAMPAIGN_NAME_MAX = 80;
export const KNOWLEDGE_TEXT_MAX = 2000;
export const SELLING_POINT_MAX = 200;
export const SELLING_POINTS_MAX = 10;
export const CAMPAIGN_PRODUCTS_MAX = 20;
/** A hand-picked target list holds at most this many retailers. */
export const CAMPAIGN_RETAILERS_MAX = 5000;
export const CAMPAIGN_NOTE_MAX = 500;
/** Reorder window when a campaign sets none: a second order week within 4 weeks of the first. */
export const DEFAULT_REORDER_WEEKS = 4;
/** The most of one item a manager may hold, and may give in one go. */
export const GIFT_STOCK_MAX = 100_000;
export const GIFT_ISSUE_MAX = 100;

const distinct =
  <T>(key: (v: T) => unknown) =>
  (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    list.forEach((v, i) => {
      const k = key(v);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: campaignMessages.duplicate });
      seen.add(k);
    });
  };

// ---------------------------------------------------------------------------------------------------------------
// Product knowledge (卖点, 话术, 销售建议)

export const UpdateProductKnowledgeBody = z.strictObject({
  /** 靓点: each a short line, shown as a list (1 … SELLING_POINTS_MAX; order kept). */
  sellingPoints: z
    .array(text(SELLING_POINT_MAX))
    .max(SELLING_POINTS_MAX, { message: campaignMessages.sellingPoints })
    .default([]),
  /** Who buys it (e.g. 25–40 岁白领, 偏好细支). */
  targetConsumers: optionalText(KNOWLEDGE_TEXT_MAX),
  /** Where its price sits against the shelf (e.g. 一类烟中价位, 替代 X). */
  pricePosition: optionalText(KNOWLEDGE_TEXT_MAX),
  /** The manager's short talking guide for the visit (not shown to retailers). */
  talkingGuide: optionalText(KNOWLEDGE_TEXT_MAX),
  /** Sales tips for the retailer (陈列, 推荐话术 at the counter). */
  retailerTips: optionalText(KNOWLEDGE_TEXT_MAX),
  /** The knowledge's version as read (0 when none was written yet); stale → 409 CONFLICT. */
  version: z.number().int().min(0).max(MAX_ID),
});
export type UpdateProductKnowledgeBody = z.input<typeof UpdateProductKnowledgeBody>;

/** The product as campaign pages show it. */
export const CampaignProduct = z.object({
  id: z.number().int(),
  code: z.string(),
  brand: z.string(),
  name: z.string(),
  spec: z.string(),
  /** Per carton (条), in fen. */
  wholesalePriceFen: z.number().int(),
  retailPriceFen: z.number().int(),
  priceClass: z.number().int(),
  isNew: z.boolean(),
  status: z.enum(['active', 'discontinued']),
});
export type CampaignProduct = z.infer<typeof CampaignProduct>;

/** Pictures a product's knowledge may carry. */
export const PRODUCT_PHOTOS_MAX = 6;

/** A picture of the product (display size WebP ≤ 1600 px, and a 320 px thumbnail), read with the knowledge's rule. */
export const ProductPhoto = z
  .object({
    id: z.number().int(),
    productId: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    /** `GET` these for the display size and the thumbnail. */
    url: z.string(),
    thumbnailUrl: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ProductPhoto' });
export type ProductPhoto = z.infer<typeof ProductPhoto>;

export const ProductPhotoParams = z.object({ id: queryId, photoId: queryId });
export type ProductPhotoParams = z.infer<typeof ProductPhotoParams>;

export const ProductKnowledge = z
  .object({
    productId: z.number().int(),
    product: CampaignProduct,
    sellingPoints: z.array(z.string()),
    targetConsumers: z.string(),
    pricePosition: z.string(),
    /** `null` for a retailer (the guide is the manager's). */
    talkingGuide: z.string().nullable(),
    retailerTips: z.string(),
    /** 0 while nothing was written yet (every field empty). */
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    updatedByName: z.string().nullable(),
    /** Pictures, oldest first (added later, issue 12: additive). */
    photos: z.array(ProductPhoto),
  })
  .meta({ id: 'ProductKnowledge' });
export type ProductKnowledge = z.infer<typeof ProductKnowledge>;

// ---------------------------------------------------------------------------------------------------------------
// Campaigns

/** A tier range, both ends included (1 … 30). */
export const TierRange = z
  .strictObject({
    from: z
      .number()
      .int()
      .min(1, { message: campaignMessages.tierRange })
      .max(30, { message: campaignMessages.tierRange }),
    to: z
      .number()
      .int()
      .min(1, { message: campaignMessages.tierRange })
      .max(30, { message: campaignMessages.tierRange }),
  })
  .refine((r) => r.from <= r.to, { message: campaignMessages.tierRange, path: ['to'] });
export type TierRange = z.infer<typeof TierRange>;

/**
 * Who the campaign targets (active retailers only):
 * - `rules`: those matching every rule given (tiers AND formats AND districts); at least one rule non-empty;
 * - `retailers`: a hand-picked list.
 * No segment at all: every active retailer.
 */
export const CampaignSegment = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('rules'),
      tiers: TierRange.nullable().default(null),
      formats: z
        .array(BusinessFormat)
        .max(20)
        .superRefine(distinct((v) => v))
        .default([]),
      districtIds: z
        .array(Id)
        .max(200)
        .superRefine(distinct((v) => v))
        .default([]),
    }),
    z.strictObject({
      kind: z.literal('retailers'),
      retailerIds: z
        .array(Id)
        .max(CAMPAIGN_RETAILERS_MAX)
        .superRefine(distinct((v) => v))
        .default([]),
    }),
  ])
  .superRefine((s, ctx) => {
    const empty =
      s.kind === 'rules'
        ? s.tiers === null && s.formats.length === 0 && s.districtIds.length === 0
        : s.retailerIds.length === 0;
    if (empty) ctx.addIssue({ code: 'custom', path: [], message: campaignMessages.segmentEmpty });
  })
  .meta({ id: 'CampaignSegment' });
export type CampaignSegment = z.infer<typeof CampaignSegment>;
export type CampaignSegmentInput = z.input<typeof CampaignSegment>;

/** What success is: share of the target introduced (%), first orders and reorders (retailers), within N weeks. */
export const CampaignGoals = z
  .strictObject({
    /** Percent of the target segment introduced, 0 … 100. */
    introducedSharePct: z.number().int().min(0).max(100).nullable().default(null),
    /** Retailers with a first order. */
    firstOrders: z.number().int().min(0).max(1_000_000).nullable().default(null),
    /** Retailers with a reorder. */
    reorders: z.number().int().min(0).max(1_000_000).nullable().default(null),
    /** A reorder is a second order week within this many weeks of the first order week. */
    reorderWeeks: z.number().int().min(1).max(26).default(DEFAULT_REORDER_WEEKS),
  })
  .meta({ id: 'CampaignGoals' });
export type CampaignGoals = z.infer<typeof CampaignGoals>;
export type CampaignGoalsInput = z.input<typeof CampaignGoals>;

const campaignFields = {
  name: text(CAMPAIGN_NAME_MAX),
  productIds: z
    .array(Id)
    .min(1)
    .max(CAMPAIGN_PRODUCTS_MAX)
    .superRefine(distinct((v) => v)),
  startsOn: CalendarDate,
  endsOn: CalendarDate,
  /** Absent or null: every active retailer. */
  segment: CampaignSegment.nullable().optional(),
  goals: CampaignGoals.optional(),
  /** What the campaign is about, for the managers (optional). */
  description: optionalText(KNOWLEDGE_TEXT_MAX),
};

const datesInOrder = (b: { startsOn: string; endsOn: string }, ctx: z.RefinementCtx) => {
  if (b.endsOn < b.startsOn)
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: campaignMessages.datesReversed });
};

export const CreateCampaignBody = z.strictObject(campaignFields).superRefine(datesInOrder);
export type CreateCampaignBody = z.input<typeof CreateCampaignBody>;

/** The whole campaign as it should be now, and its `version` as read (stale → 409 CONFLICT). */
export const UpdateCampaignBody = z.strictObject({ ...campaignFields, version: Id }).superRefine(datesInOrder);
export type UpdateCampaignBody = z.input<typeof UpdateCampaignBody>;

/** Derived from the dates (Asia/Shanghai): before startsOn, between (both included), after endsOn. */
export const campaignStatuses = ['upcoming', 'running', 'ended'] as const;
export const CampaignStatus = z.enum(campaignStatuses).meta({ id: 'CampaignStatus' });
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** A gift (小礼品) or a material (宣传物料: 海报, 台卡 …), with stock per manager. */
export const campaignItemKinds = ['gift', 'material'] as const;
export const CampaignItemKind = z.enum(campaignItemKinds);
export type CampaignItemKind = z.infer<typeof CampaignItemKind>;

export const CreateCampaignItemBody = z.strictObject({
  kind: CampaignItemKind,
  name: text(CAMPAIGN_NAME_MAX),
  /** 个, 张, 套 … */
  unit: optionalText(10),
});
export type CreateCampaignItemBody = z.input<typeof CreateCampaignItemBody>;

/** Totals over the managers in the caller's scope. */
export const CampaignItem = z
  .object({
    id: z.number().int(),
    campaignId: z.number().int(),
    kind: CampaignItemKind,
    name: z.string(),
    unit: z.string(),
    /** Stock given to managers. */
    assigned: z.number().int(),
    /** Issued to retailers and not returned. */
    issued: z.number().int(),
    /** Of those issued, confirmed by the retailer. */
    confirmed: z.number().int(),
    returned: z.number().int(),
    /** assigned − issued. */
    available: z.number().int(),
  })
  .meta({ id: 'CampaignItem' });
export type CampaignItem = z.infer<typeof CampaignItem>;

export const CampaignSummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    status: CampaignStatus,
    startsOn: z.string(),
    endsOn: z.string(),
    products: z.array(CampaignProduct),
    /** Active retailers in the target segment (in the caller's scope). */
    targetCount: z.number().int(),
    introducedCount: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'CampaignSummary' });
export type CampaignSummary = z.infer<typeof CampaignSummary>;

export const CampaignDetail = CampaignSummary.extend({
  description: z.string(),
  /** null: every active retailer. */
  segment: CampaignSegment.nullable(),
  goals: CampaignGoals,
  items: z.array(CampaignItem),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdByName: z.string().nullable(),
}).meta({ id: 'CampaignDetail' });
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const CampaignListQuery = PageQuery.extend({
  status: CampaignStatus.optional(),
});
export type CampaignListQuery = z.infer<typeof CampaignListQuery>;

export const CampaignListResponse = paginated(CampaignSummary).meta({ id: 'CampaignListResponse' });
export type CampaignListResponse = z.infer<typeof CampaignListResponse>;

export const CampaignItemParams = z.object({ id: queryId, itemId: queryId });
export type CampaignItemParams = z.infer<typeof CampaignItemParams>;

// ---------------------------------------------------------------------------------------------------------------
// Gift stock and gifts

export const SetGiftStockBody = z.strictObject({
  managerId: Id,
  /** The manager's whole stock of the item (not a delta), 0 … GIFT_STOCK_MAX. */
  quantity: z
    .number()
    .int({ message: campaignMessages.stockNegative })
    .min(0, { message: campaignMessages.stockNegative })
    .max(GIFT_STOCK_MAX),
});
export type SetGiftStockBody = z.input<typeof SetGiftStockBody>;

export const GiftStockRow = z
  .object({
    campaignId: z.number().int(),
    campaignName: z.string(),
    itemId: z.number().int(),
    itemName: z.string(),
    kind: CampaignItemKind,
    unit: z.string(),
    managerId: z.number().int(),
    managerName: z.string(),
    assigned: z.number().int(),
    /** Issued and not returned. */
    issued: z.number().int(),
    confirmed: z.number().int(),
    returned: z.number().int(),
    /** assigned − issued: what the manager may still give. */
    available: z.number().int(),
  })
  .meta({ id: 'GiftStockRow' });
export type GiftStockRow = z.infer<typeof GiftStockRow>;

export const GiftStockQuery = z.object({
  campaignId: queryId.optional(),
  managerId: queryId.optional(),
});
export type GiftStockQuery = z.infer<typeof GiftStockQuery>;

export const GiftStockResponse = z.object({ items: z.array(GiftStockRow) }).meta({ id: 'GiftStockResponse' });
export type GiftStockResponse = z.infer<typeof GiftStockResponse>;

export const IssueGiftBody = z.strictObject({
  itemId: Id,
  retailerId: Id,
  quantity: z
    .number()
    .int({ message: campaignMessages.quantityRange })
    .min(1, { message: campaignMessages.quantityRange })
    .max(GIFT_ISSUE_MAX, { message: campaignMessages.quantityRange })
    .default(1),
  /** The visit it was given on (a checked-in visit of this retailer by this manager). */
  visitId: Id.optional(),
  note: optionalText(CAMPAIGN_NOTE_MAX),
});
export type IssueGiftBody = z.input<typeof IssueGiftBody>;

export const ReturnGiftBody = z.strictObject({ note: optionalText(CAMPAIGN_NOTE_MAX) }).default({ note: '' });
export type ReturnGiftBody = z.input<typeof ReturnGiftBody>;

/** issued → confirmed (the retailer's tap) or → returned (back into the manager's stock); both final. */
export const giftStatuses = ['issued', 'confirmed', 'returned'] as const;
export const GiftStatus = z.enum(giftStatuses).meta({ id: 'GiftStatus' });
export type GiftStatus = z.infer<typeof GiftStatus>;

/** A gift given to a retailer. Deliberately without any order field: a gift is never tied to an order. */
export const Gift = z
  .object({
    id: z.number().int(),
    campaignId: z.number().int(),
    campaignName: z.string(),
    itemId: z.number().int(),
    itemName: z.string(),
    kind: CampaignItemKind,
    unit: z.string(),
    quantity: z.number().int(),
    retailerId: z.number().int(),
    shopName: z.string(),
    managerId: z.number().int(),
    managerName: z.string(),
    visitId: z.number().int().nullable(),
    note: z.string(),
    status: GiftStatus,
    issuedAt: z.string(),
    confirmedAt: z.string().nullable(),
    returnedAt: z.string().nullable(),
    returnNote: z.string().nullable(),
  })
  .meta({ id: 'Gift' });
export type Gift = z.infer<typeof Gift>;

export const GiftListQuery = PageQuery.extend({
  campaignId: queryId.optional(),
  retailerId: queryId.optional(),
  status: GiftStatus.optional(),
});
export type GiftListQuery = z.infer<typeof GiftListQuery>;

export const GiftListResponse = paginated(Gift).meta({ id: 'GiftListResponse' });
export type GiftListResponse = z.infer<typeof GiftListResponse>;

// ---------------------------------------------------------------------------------------------------------------
// Introductions and feedback

/** How the retailer took the introduction, as the manager recorded it. */
export const introductionReactions = ['interested', 'undecided', 'not_interested'] as const;
export const IntroductionReaction = z.enum(introductionReactions);
export type IntroductionReaction = z.infer<typeof IntroductionReaction>;

export const CreateIntroductionBody = z.strictObject({
  retailerId: Id,
  productId: Id,
  /** The visit it happened on (checked in, of this retailer, by this manager). */
  visitId: Id.optional(),
  /** The talking guide was on screen: an introduction is only recorded with it. */
  guideShown: z.literal(true, { message: campaignMessages.guideNotShown }),
  reaction: IntroductionReaction.default('undecided'),
  note: optionalText(CAMPAIGN_NOTE_MAX),
});
export type CreateIntroductionBody = z.input<typeof CreateIntroductionBody>;

export const CampaignIntroduction = z
  .object({
    id: z.number().int(),
    campaignId: z.number().int(),
    productId: z.number().int(),
    productName: z.string(),
    retailerId: z.number().int(),
    shopName: z.string(),
    managerId: z.number().int(),
    managerName: z.string(),
    visitId: z.number().int().nullable(),
    guideShown: z.boolean(),
    reaction: IntroductionReaction,
    note: z.string(),
    introducedAt: z.string(),
  })
  .meta({ id: 'CampaignIntroduction' });
export type CampaignIntroduction = z.infer<typeof CampaignIntroduction>;

export const IntroductionListQuery = z.object({ retailerId: queryId.optional() });
export type IntroductionListQuery = z.infer<typeof IntroductionListQuery>;

export const IntroductionListResponse = z
  .object({ items: z.array(CampaignIntroduction) })
  .meta({ id: 'IntroductionListResponse' });
export type IntroductionListResponse = z.infer<typeof IntroductionListResponse>;

/** 顾客反应: how consumers took it. */
export const consumerResponses = ['good', 'fair', 'poor'] as const;
export const ConsumerResponse = z.enum(consumerResponses);
export type ConsumerResponse = z.infer<typeof ConsumerResponse>;

/** 价格接受度. */
export const priceAcceptances = ['accepted', 'too_high', 'too_low'] as const;
export const PriceAcceptance = z.enum(priceAcceptances);
export type PriceAcceptance = z.infer<typeof PriceAcceptance>;

export const wouldReorderAnswers = ['yes', 'unsure', 'no'] as const;
export const WouldReorder = z.enum(wouldReorderAnswers);
export type WouldReorder = z.infer<typeof WouldReorder>;

export const CreateCampaignFeedbackBody = z.strictObject({
  productId: Id,
  consumerResponse: ConsumerResponse,
  priceAcceptance: PriceAcceptance,
  /** 口味/质量 remark. */
  qualityRemark: optionalText(CAMPAIGN_NOTE_MAX),
  wouldReorder: WouldReorder,
});
export type CreateCampaignFeedbackBody = z.input<typeof CreateCampaignFeedbackBody>;

export const CampaignFeedback = z
  .object({
    id: z.number().int(),
    campaignId: z.number().int(),
    productId: z.number().int(),
    productName: z.string(),
    retailerId: z.number().int(),
    shopName: z.string(),
    consumerResponse: ConsumerResponse,
    priceAcceptance: PriceAcceptance,
    qualityRemark: z.string(),
    wouldReorder: WouldReorder,
    createdAt: z.string(),
  })
  .meta({ id: 'CampaignFeedback' });
export type CampaignFeedback = z.infer<typeof CampaignFeedback>;

export const CampaignFeedbackListQuery = z.object({ retailerId: queryId.optional() });
export type CampaignFeedbackListQuery = z.infer<typeof CampaignFeedbackListQuery>;

export const CampaignFeedbackListResponse = z
  .object({ items: z.array(CampaignFeedback) })
  .meta({ id: 'CampaignFeedbackListResponse' });
export type CampaignFeedbackListResponse = z.infer<typeof CampaignFeedbackListResponse>;

// ---------------------------------------------------------------------------------------------------------------
// Funnel

export const funnelStages = ['target', 'introduced', 'interested', 'first_order', 'reorder'] as const;
export const FunnelStage = z.enum(funnelStages).meta({ id: 'FunnelStage' });
export type FunnelStage = z.infer<typeof FunnelStage>;

/** Where "interested" was proven: the introduction's reaction, the retailer's feedback, or its first order. */
export const interestSources = ['reaction', 'feedback', 'order'] as const;
export const InterestSource = z.enum(interestSources);
export type InterestSource = z.infer<typeof InterestSource>;

/** Retailers at each step (each count includes the later steps' retailers). */
export const FunnelCounts = z.object({
  /** Active retailers in the target segment. */
  target: z.number().int(),
  introduced: z.number().int(),
  interested: z.number().int(),
  firstOrder: z.number().int(),
  reorder: z.number().int(),
});
export type FunnelCounts = z.infer<typeof FunnelCounts>;

export const FunnelQuery = z.object({
  districtId: queryId.optional(),
  managerId: queryId.optional(),
});
export type FunnelQuery = z.infer<typeof FunnelQuery>;

export const CampaignFunnel = z
  .object({
    campaignId: z.number().int(),
    name: z.string(),
    status: CampaignStatus,
    startsOn: z.string(),
    endsOn: z.string(),
    /** Server time of the computation (UTC ISO). */
    asOf: z.string(),
    goals: CampaignGoals,
    totals: FunnelCounts,
    /** introduced / target (0 … 1), null with no target. */
    coverage: z.number().nullable(),
    /** reorder / firstOrder (0 … 1), null before any first order. */
    reorderRate: z.number().nullable(),
    byDistrict: z.array(FunnelCounts.extend({ districtId: z.number().int(), districtName: z.string() })),
    byManager: z.array(
      FunnelCounts.extend({
        managerId: z.number().int().nullable(),
        managerName: z.string().nullable(),
        districtId: z.number().int(),
      }),
    ),
    /** Coverage of the target over time: cumulative introduced target retailers at the end of each week (Monday). */
    coverageOverTime: z.array(
      z.object({ week: z.string(), introduced: z.number().int(), coverage: z.number().nullable() }),
    ),
    feedback: z.object({
      count: z.number().int(),
      /** The latest answer per retailer and product counts. */
      consumerResponse: z.record(ConsumerResponse, z.number().int()),
      priceAcceptance: z.record(PriceAcceptance, z.number().int()),
      wouldReorder: z.record(WouldReorder, z.number().int()),
      /** The latest non-empty quality remarks (at most 20). */
      remarks: z.array(
        z.object({
          feedbackId: z.number().int(),
          retailerId: z.number().int(),
          shopName: z.string(),
          productName: z.string(),
          remark: z.string(),
          createdAt: z.string(),
        }),
      ),
    }),
    /** Gifts and materials issued vs stock, per item (over the managers in scope). */
    gifts: z.array(CampaignItem),
  })
  .meta({ id: 'CampaignFunnel' });
export type CampaignFunnel = z.infer<typeof CampaignFunnel>;

/** One retailer's way through the funnel: each step's time comes from the record that proves it. */
export const FunnelRetailerRow = z
  .object({
    retailerId: z.number().int(),
    shopName: z.string(),
    licenceNo: z.string(),
    districtId: z.number().int(),
    districtName: z.string(),
    managerId: z.number().int().nullable(),
    managerName: z.string().nullable(),
    tier: z.number().int(),
    /** The furthest step reached ('target' when not introduced yet). */
    stage: FunnelStage,
    introducedAt: z.string().nullable(),
    /** The introduction behind `introducedAt`, and its visit when there was one. */
    introductionId: z.number().int().nullable(),
    visitId: z.number().int().nullable(),
    interestedAt: z.string().nullable(),
    interestSource: InterestSource.nullable(),
    /** The Monday of the first order week at/after the introduction, and when that order was submitted. */
    firstOrderWeek: z.string().nullable(),
    firstOrderAt: z.string().nullable(),
    reorderWeek: z.string().nullable(),
    reorderAt: z.string().nullable(),
    giftsIssued: z.number().int(),
    latestWouldReorder: WouldReorder.nullable(),
  })
  .meta({ id: 'FunnelRetailerRow' });
export type FunnelRetailerRow = z.infer<typeof FunnelRetailerRow>;

export const FunnelRetailersQuery = PageQuery.extend({
  /** Retailers that reached exactly this step (`target`: targeted, not introduced yet); absent: all targeted. */
  stage: FunnelStage.optional(),
  districtId: queryId.optional(),
  managerId: queryId.optional(),
});
export type FunnelRetailersQuery = z.infer<typeof FunnelRetailersQuery>;

export const FunnelRetailerListResponse = paginated(FunnelRetailerRow).meta({ id: 'FunnelRetailerListResponse' });
export type FunnelRetailerListResponse = z.infer<typeof FunnelRetailerListResponse>;

// ---------------------------------------------------------------------------------------------------------------
// The retailer's 新品上市 (and the manager's visit panel)

export const NewProductsQuery = z.object({
  /** Staff: the retailer to show (in scope); a retailer leaves it out. */
  retailerId: queryId.optional(),
});
export type NewProductsQuery = z.infer<typeof NewProductsQuery>;

export const NewProductItem = z
  .object({
    product: CampaignProduct,
    /** Empty fields (version 0) when no knowledge was written yet; `talkingGuide` null for a retailer. */
    knowledge: ProductKnowledge,
    /** The running campaigns that target this retailer with the product (empty: a new product on sale only). */
    campaigns: z.array(z.object({ id: z.number().int(), name: z.string(), startsOn: z.string(), endsOn: z.string() })),
    /** The latest introduction of it to this retailer, if any. */
    introduction: z
      .object({ id: z.number().int(), introducedAt: z.string(), reaction: IntroductionReaction })
      .nullable(),
    /** The retailer's latest feedback on it, if any. */
    feedback: CampaignFeedback.nullable(),
  })
  .meta({ id: 'NewProductItem' });
export type NewProductItem = z.infer<typeof NewProductItem>;

export const NewProductsResponse = z
  .object({
    retailerId: z.number().int(),
    items: z.array(NewProductItem),
    /** Gifts given to this retailer waiting for its confirmation. */
    giftsToConfirm: z.array(Gift),
  })
  .meta({ id: 'NewProductsResponse' });
export type NewProductsResponse = z.infer<typeof NewProductsResponse>;
