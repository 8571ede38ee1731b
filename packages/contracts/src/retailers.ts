import { z } from 'zod';
import { PageQuery, paginated, SearchTerm } from './common';

export const businessFormats = [
  'convenience', // 便利店
  'grocery', // 食杂店
  'supermarket', // 超市
  'tobacco_shop', // 烟酒店
  'kiosk', // 报刊亭/小卖部
  'entertainment', // 娱乐服务类
  'other',
] as const;
export const BusinessFormat = z.enum(businessFormats);
export type BusinessFormat = z.infer<typeof BusinessFormat>;

export const retailerStatuses = ['active', 'suspended', 'closed'] as const;
export const RetailerStatus = z.enum(retailerStatuses);
export type RetailerStatus = z.infer<typeof RetailerStatus>;

/**
 * The list's orders: by shop name; by tier, largest or smallest first; by licence expiry, soonest first (no date
 * last). Ties break on the retailer's id, so every order is total and a cursor marks one exact place in it.
 */
export const retailerSorts = ['shopName', 'tierDesc', 'tierAsc', 'licenceExpiry'] as const;
export const RetailerSort = z.enum(retailerSorts);
export type RetailerSort = z.infer<typeof RetailerSort>;

/** Licence validity filter: `expiring` = still valid and ending within 60 days (today included); `expired` = lapsed. */
export const licenceFilters = ['expiring', 'expired'] as const;
export const LicenceFilter = z.enum(licenceFilters);
export type LicenceFilter = z.infer<typeof LicenceFilter>;

const queryTier = z.coerce.number().int().min(1).max(30);

export const RetailerListQuery = PageQuery.extend({
  /**
   * Matches shop name, owner, licence number, phone or address, and the pinyin of shop name, owner and address —
   * full ("dongsheng") or initials ("hxbld").
   */
  q: SearchTerm.optional(),
  /** One tier exactly (older links); `tierMin`/`tierMax` give a range, both ends included. */
  tier: queryTier.optional(),
  tierMin: queryTier.optional(),
  tierMax: queryTier.optional(),
  format: BusinessFormat.optional(),
  status: RetailerStatus.optional(),
  managerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** Narrows an admin's list to one district (others' scope is already within one). */
  districtId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  licence: LicenceFilter.optional(),
  sort: RetailerSort.default('shopName'),
  /**
   * Keyset paging: the `nextCursor` of the previous answer; the page then starts right after it (and `page` is
   * ignored). Without it `page` counts pages from the start, as before.
   */
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
});
export type RetailerListQuery = z.infer<typeof RetailerListQuery>;

export const RetailerSummary = z.object({
  id: z.number().int(),
  licenceNo: z.string(),
  shopName: z.string(),
  ownerName: z.string(),
  phone: z.string(),
  address: z.string(),
  businessFormat: BusinessFormat,
  tier: z.number().int(),
  status: RetailerStatus,
  districtId: z.number().int(),
  managerId: z.number().int().nullable(),
  managerName: z.string().nullable(),
  /** ISO weekday 1–7 of the weekly order day. */
  orderWeekday: z.number().int(),
  /** The licence's last valid day (YYYY-MM-DD), when known: the list flags one expiring or expired. */
  licenceValidTo: z.string().nullable(),
});
export type RetailerSummary = z.infer<typeof RetailerSummary>;

/**
 * A search counts its matches up to this many; past it the list says "200+ 户，请缩小搜索范围" instead of counting
 * them all. Past a couple of hundred a search has not found a shop — the next letter typed narrows it — and every
 * match counted is a row read (as Salesforce's list views say "50+ items").
 */
export const RETAILER_SEARCH_COUNT_CAP = 200;

export const RetailerListResponse = paginated(RetailerSummary).extend({
  /**
   * True when a search (`q`) matched more than RETAILER_SEARCH_COUNT_CAP retailers: `total` is then the cap, not
   * the exact number (the count stops there, so a one-character search stays fast); the pages go on past it.
   */
  totalCapped: z.boolean().optional(),
  /**
   * The customer manager named by `managerId`, so a filtered list can say whose retailers it shows; null when
   * the caller sees none of that manager's retailers (the name is not disclosed then).
   */
  manager: z.object({ id: z.number().int(), name: z.string() }).nullable().optional(),
  /** The cursor of the page after this one (pass it as `cursor`); null on the last page. */
  nextCursor: z.string().nullable(),
});
export type RetailerListResponse = z.infer<typeof RetailerListResponse>;

export const TierChange = z.object({
  tier: z.number().int(),
  previousTier: z.number().int().nullable(),
  effectiveWeek: z.string(),
  basis: z.string(),
});
export type TierChange = z.infer<typeof TierChange>;

export const RetailerDetail = RetailerSummary.extend({
  countyCode: z.string(),
  countyName: z.string().nullable(),
  townCode: z.string().nullable(),
  /** WGS-84. */
  lat: z.number(),
  lng: z.number(),
  /** Minutes after midnight, Asia/Shanghai. */
  opensAt: z.number().int(),
  closesAt: z.number().int(),
  districtName: z.string(),
  managerPhone: z.string().nullable(),
  tierHistory: z.array(TierChange),
});
export type RetailerDetail = z.infer<typeof RetailerDetail>;

export const SalesQuery = z.object({ weeks: z.coerce.number().int().min(1).max(104).default(26) });
export type SalesQuery = z.infer<typeof SalesQuery>;

export const WeeklyFigure = z.object({
  /** The week's Monday: weeks are ISO weeks (Monday to Sunday) in Asia/Shanghai. */
  weekStart: z.string(),
  /** Cartons (条). */
  quantity: z.number().int(),
  amountFen: z.number().int(),
});
export type WeeklyFigure = z.infer<typeof WeeklyFigure>;

/** Purchases over whole calendar weeks, `fromWeek` to `toWeek` (Mondays, both included). */
export const PeriodFigure = z.object({
  fromWeek: z.string(),
  toWeek: z.string(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
});
export type PeriodFigure = z.infer<typeof PeriodFigure>;

export const ProductFigure = z.object({
  productId: z.number().int(),
  brand: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
});
export type ProductFigure = z.infer<typeof ProductFigure>;

export const RetailerSalesResponse = z.object({
  /** Every calendar week of the period, oldest first, ending with last week; zeros where nothing was bought. */
  weeks: z.array(WeeklyFigure),
  /** The last complete calendar week (zeros when nothing was bought in it), whatever `weeks` asked for. */
  lastWeek: WeeklyFigure,
  /** The last four complete calendar weeks added up, weeks without orders counting as zero. */
  recentFourWeeks: PeriodFigure,
  /** The period's best sellers by cartons. */
  topProducts: z.array(ProductFigure),
});
export type RetailerSalesResponse = z.infer<typeof RetailerSalesResponse>;

/** The map of the filtered list: the list's filters, without paging or order. */
export const RetailerMapQuery = RetailerListQuery.omit({ page: true, pageSize: true, sort: true, cursor: true });
export type RetailerMapQuery = z.infer<typeof RetailerMapQuery>;

/** The map shows at most this many shops; past it, an even sample of the matches (`sampled`). */
export const MAP_POINT_CAP = 5000;

export const RetailerMapPoint = z.object({
  id: z.number().int(),
  shopName: z.string(),
  /** WGS-84. */
  lat: z.number(),
  lng: z.number(),
  tier: z.number().int(),
  status: RetailerStatus,
});
export type RetailerMapPoint = z.infer<typeof RetailerMapPoint>;

/** A county's outline drawn from its retailers' positions (their convex hull), WGS-84 [lat, lng] corners. */
export const MapOutline = z.object({
  code: z.string(),
  name: z.string(),
  ring: z.array(z.tuple([z.number(), z.number()])),
});
export type MapOutline = z.infer<typeof MapOutline>;

/** Where the map's background tiles come from; null: no tiles (points and outlines only). */
export const MapTiles = z
  .object({
    /** Leaflet URL template: {x} {y} {z}, {s} one of `subdomains`. */
    url: z.string(),
    subdomains: z.string(),
    /** The tiles' datum: `gcj02` (Chinese services — positions are converted from WGS-84) or `wgs84`. */
    crs: z.enum(['gcj02', 'wgs84']),
    attribution: z.string(),
  })
  .nullable();
export type MapTiles = z.infer<typeof MapTiles>;

export const RetailerMapResponse = z.object({
  points: z.array(RetailerMapPoint),
  /** Every match of the filters (the points are all of them unless `sampled`). */
  total: z.number().int(),
  sampled: z.boolean(),
  /** The counties of the caller's scope, outlined by where their retailers are, whatever the filters. */
  outlines: z.array(MapOutline),
  tiles: MapTiles,
});
export type RetailerMapResponse = z.infer<typeof RetailerMapResponse>;
