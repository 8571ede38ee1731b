/**
 * The database schema: one PostgreSQL dialect for the embedded PostgreSQL (18) and the PostgreSQL server.
 * SQL is kept to PostgreSQL 15 (the Debian server).
 *
 * Every business table carries `district_id` (片区): it is the data-scope key today and the Citus
 * distribution key tomorrow (docs/roadmap.md).
 */
import {
  businessFormats,
  type CampaignGoals,
  type CampaignSegment,
  callbackOutcomes,
  campaignItemKinds,
  changeRequestStatuses,
  concernCategories,
  concernClosedBy,
  concernEventKinds,
  concernPriorities,
  concernSources,
  concernStatuses,
  consumerResponses,
  creditGrades,
  giftStatuses,
  introductionReactions,
  licenceTypes,
  lineEventOrigins,
  type OtherContact,
  orderFrequencies,
  orderMethods,
  outboundChannels,
  outboundStatuses,
  photoKinds,
  priceAcceptances,
  proposalStatuses,
  retailerStatuses,
  roles,
  supplyModes,
  type TierLimit,
  tierRunStatuses,
  type VisitFlagRules,
  type VisitRecord,
  type VisitTemplateItem,
  visitCallbackSays,
  visitFlagKinds,
  visitSources,
  visitSpotCheckOutcomes,
  visitStatuses,
  wouldReorderAnswers,
} from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** Company (公司) → district (片区). `division_code` is the 4- or 6-digit national administrative code. */
export const orgUnits = pgTable(
  'org_units',
  {
    id: serial('id').primaryKey(),
    parentId: integer('parent_id'),
    kind: text('kind', { enum: ['company', 'district'] }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    divisionCode: text('division_code').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('org_units_code_uq').on(t.code),
    check('org_units_kind_ck', sql`${t.kind} in ('company','district')`),
  ],
);

const userRoles = roles;

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: userRoles }).notNull(),
    /** The company for admins, the district for supervisors and managers, the retailer's district for retailers. */
    orgUnitId: integer('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** Set for role = retailer: the shop this account belongs to. */
    retailerId: integer('retailer_id'),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    /** True only for accounts the demo generator made: the public demo password is accepted for these alone. */
    isDemo: boolean('is_demo').notNull().default(false),
    locale: text('locale', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    /** 1 = normal type, 2 = large (A+), for older shop owners. */
    fontScale: smallint('font_scale').notNull().default(1),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true, mode: 'date' }),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
    /** Set when an admin resets the password: the user must choose a new one at the next sign-in. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Optimistic concurrency: every update bumps it; a stale version answers 409 (lib/versioned.ts). */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    index('users_org_unit_role_ix').on(t.orgUnitId, t.role),
    // The user list's order: staff first, then retailers (users.repository.ts orders by the same expression).
    // `role` rides along as a third key so the page and its count read the index alone (migration 0007).
    index('users_list_order_role_ix').on(
      sql`(case ${t.role} when 'admin' then 0 when 'supervisor' then 1 when 'manager' then 2 else 3 end)`,
      t.id,
      t.role,
    ),
    uniqueIndex('users_retailer_uq').on(t.retailerId),
    check('users_role_ck', sql`${t.role} in ('admin','supervisor','manager','retailer')`),
    check('users_font_scale_ck', sql`${t.fontScale} between 1 and 2`),
  ],
);

/** Server-side sessions. `id` is the SHA-256 of the cookie token, so a leaked table does not leak live sessions. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('sessions_user_ix').on(t.userId),
    index('sessions_expires_at_ix').on(t.expiresAt),
    index('sessions_last_seen_at_ix').on(t.lastSeenAt),
  ],
);

export const signInCounterKinds = [
  'pair_failures',
  'pair_rate',
  'address_rate',
  'account_failures',
  'known_address',
] as const;

/**
 * Sign-in throttling, kept here so it survives a restart and holds across app servers (ADR 0003). Keyed by the
 * name as typed, never by user id: unknown and known names are counted alike.
 */
export const signInCounters = pgTable(
  'sign_in_counters',
  {
    kind: text('kind', { enum: signInCounterKinds }).notNull(),
    username: text('username').notNull().default(''),
    address: text('address').notNull().default(''),
    count: integer('count').notNull().default(0),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ name: 'sign_in_counters_pk', columns: [t.kind, t.username, t.address] }),
    index('sign_in_counters_last_at_ix').on(t.lastAt),
    check(
      'sign_in_counters_kind_ck',
      sql`${t.kind} in ('pair_failures','pair_rate','address_rate','account_failures','known_address')`,
    ),
  ],
);

export const retailers = pgTable(
  'retailers',
  {
    id: serial('id').primaryKey(),
    districtId: integer('district_id')
      .notNull()
      .references(() => orgUnits.id),
    /** 烟草专卖零售许可证号: 12 digits, the first six are the county code. Retailers sign in with it. */
    licenceNo: text('licence_no').notNull(),
    shopName: text('shop_name').notNull(),
    ownerName: text('owner_name').notNull(),
    phone: text('phone').notNull(),
    address: text('address').notNull(),
    /** Lower-cased shop, owner, licence, phone and address, one per line: what the list search reads (0003). */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(
        sql`lower(shop_name || chr(10) || owner_name || chr(10) || licence_no || chr(10) || phone || chr(10) || address)`,
      ),
    /** 6-digit county-level division code and 9-digit township code. */
    countyCode: text('county_code').notNull(),
    townCode: text('town_code'),
    /** WGS-84; converted to GCJ-02 only at a map's edge. */
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    businessFormat: text('business_format', { enum: businessFormats }).notNull(),
    /** Minutes after midnight, Asia/Shanghai. */
    opensAt: smallint('opens_at').notNull(),
    closesAt: smallint('closes_at').notNull(),
    /** 1 (smallest) … 30 (largest); tier changes are audited and kept in tier_history. */
    tier: smallint('tier').notNull(),
    status: text('status', { enum: retailerStatuses }).notNull().default('active'),
    managerId: integer('manager_id').references(() => users.id),
    /** ISO weekday of the weekly order day: 1 = Monday … 7 = Sunday. */
    orderWeekday: smallint('order_weekday').notNull(),
    /** 经营范围, e.g. 卷烟、雪茄烟 (as printed on the licence). */
    businessScope: text('business_scope').notNull().default(''),
    /** 订货方式: how the shop places its weekly order. */
    orderMethod: text('order_method', { enum: orderMethods }).notNull().default('online'),
    /** 订货频次. */
    orderFrequency: text('order_frequency', { enum: orderFrequencies }).notNull().default('weekly'),
    /** 访销批次: the visit round (1 … 9) the shop belongs to in the manager's cycle. */
    visitBatch: smallint('visit_batch'),
    /** ISO weekdays the shop is closed (1 = Monday … 7 = Sunday). */
    closedWeekdays: smallint('closed_weekdays').array().notNull().default(sql`'{}'::smallint[]`),
    /** Licence: type, validity (the list flags "expiring within 60 days"), 诚信等级 A–D. */
    licenceType: text('licence_type', { enum: licenceTypes }).notNull().default('regular'),
    licenceValidFrom: date('licence_valid_from', { mode: 'string' }),
    licenceValidTo: date('licence_valid_to', { mode: 'string' }),
    creditGrade: text('credit_grade', { enum: creditGrades }),
    /** 示范店 / 文明诚信示范户. */
    isModelShop: boolean('is_model_shop').notNull().default(false),
    /** The 禁止向未成年人售烟 notice is posted in the shop. */
    minorsNoticePosted: boolean('minors_notice_posted').notNull().default(false),
    /** Within 50 m of a school (a licence condition to watch). */
    nearSchool: boolean('near_school').notNull().default(false),
    /** Other contacts besides the owner: [{ name, phone, role }]. */
    otherContacts: jsonb('other_contacts').$type<OtherContact[]>().notNull().default([]),
    /** Best visit hours, minutes after midnight (Asia/Shanghai). */
    bestVisitFrom: smallint('best_visit_from'),
    bestVisitTo: smallint('best_visit_to'),
    /** The manager's free notes on the shop. */
    notes: text('notes').notNull().default(''),
    /**
     * Pinyin of shop name, owner and address, full and initials ("hongxingbianlidian hxbld"), lower-case: kept by
     * the app on every write (pinyin-pro cannot run in SQL), read by the list search next to search_text.
     */
    searchPinyin: text('search_pinyin').notNull().default(''),
    /** Optimistic concurrency: every update bumps it; a stale version answers 409 (lib/versioned.ts). */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('retailers_licence_uq').on(t.licenceNo),
    // The list's order (shop name, id), overall, per district and per manager (migration 0003).
    index('retailers_shop_name_ix').on(t.shopName, t.id),
    index('retailers_district_shop_name_ix').on(t.districtId, t.shopName, t.id),
    index('retailers_manager_shop_name_ix').on(t.managerId, t.shopName, t.id),
    // The filters in the same order, and the search's trigrams (migration 0004, with pg_trgm). The tier index was
    // dropped in 0010 to make a tier publish a HOT update, and is back in 0012: without it the tier filter and the
    // tier sort took 73–85 ms p95 at 30,000 retailers (goal < 50); a publish is rarer than a list.
    index('retailers_tier_shop_name_ix').on(t.tier, t.shopName, t.id),
    index('retailers_status_shop_name_ix').on(t.status, t.shopName, t.id),
    index('retailers_format_shop_name_ix').on(t.businessFormat, t.shopName, t.id),
    // A format's count within a tier range reads this index alone (migration 0016), not the format's rows.
    index('retailers_format_tier_ix').on(t.businessFormat, t.tier),
    index('retailers_search_text_trgm_ix').using('gin', t.searchText.op('gin_trgm_ops')),
    index('retailers_search_pinyin_trgm_ix').using('gin', t.searchPinyin.op('gin_trgm_ops')),
    // Two-character Chinese searches: the pairs of neighbouring Han characters on search_pinyin's fourth line
    // (retailer-pinyin.ts), and the rows not filled yet (migration 0010).
    index('retailers_search_han_ix').using('gin', sql`string_to_array(split_part(${t.searchPinyin}, E'\\n', 4), ' ')`),
    index('retailers_search_pinyin_missing_ix').on(t.id).where(sql`${t.searchPinyin} = ''`),
    index('retailers_licence_valid_to_ix').on(t.licenceValidTo),
    check('retailers_tier_ck', sql`${t.tier} between 1 and 30`),
    check('retailers_status_ck', sql`${t.status} in ('active','suspended','closed')`),
    check('retailers_weekday_ck', sql`${t.orderWeekday} between 1 and 7`),
    check('retailers_credit_grade_ck', sql`${t.creditGrade} in ('A','B','C','D')`),
    check('retailers_version_ck', sql`${t.version} >= 1`),
  ],
);

export const tierHistory = pgTable(
  'tier_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    tier: smallint('tier').notNull(),
    previousTier: smallint('previous_tier'),
    /** The Monday from which the tier applies. */
    effectiveWeek: date('effective_week', { mode: 'string' }).notNull(),
    /** How the tier was reached, e.g. 'computed:orders-13w' or 'manual'. */
    basis: text('basis').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('tier_history_retailer_ix').on(t.retailerId, t.effectiveWeek)],
);

export const productFormats = ['thin', 'medium', 'regular'] as const; // 细支, 中支, 常规

export const products = pgTable(
  'products',
  {
    id: serial('id').primaryKey(),
    /** 卷烟代码 where known, otherwise a generated 'S' code. */
    code: text('code').notNull(),
    brand: text('brand').notNull(),
    name: text('name').notNull(),
    spec: text('spec').notNull(),
    manufacturer: text('manufacturer').notNull(),
    format: text('format', { enum: productFormats }).notNull(),
    packsPerCarton: smallint('packs_per_carton').notNull().default(10),
    /** Per carton (条), in fen. */
    wholesalePriceFen: integer('wholesale_price_fen').notNull(),
    retailPriceFen: integer('retail_price_fen').notNull(),
    /** 1 … 5: 一类 … 五类, from the wholesale price per carton. */
    priceClass: smallint('price_class').notNull(),
    isNew: boolean('is_new').notNull().default(false),
    isScarce: boolean('is_scarce').notNull().default(false),
    status: text('status', { enum: ['active', 'discontinued'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('products_code_uq').on(t.code),
    check('products_price_ck', sql`${t.wholesalePriceFen} > 0 and ${t.retailPriceFen} > 0`),
    check('products_class_ck', sql`${t.priceClass} between 1 and 5`),
  ],
);

export const orderStatuses = ['draft', 'submitted', 'confirmed', 'delivered', 'cancelled'] as const;

/** One order per retailer per weekly cycle (the week is identified by its Monday). */
export const orders = pgTable(
  'orders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    status: text('status', { enum: orderStatuses }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    /** Client-chosen key that makes order submission idempotent. */
    idempotencyKey: text('idempotency_key'),
    createdByUserId: integer('created_by_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_retailer_week_uq').on(t.retailerId, t.weekStart),
    uniqueIndex('orders_idempotency_uq').on(t.idempotencyKey),
    index('orders_district_week_ix').on(t.districtId, t.weekStart),
  ],
);

/** Who put a line on an order: respect for the retailer's own need is measured from this. */
export const orderLineOrigins = [
  'retailer',
  'manager_proposal',
  'suggestion',
  'import',
  /** A suggested quantity the retailer changed before ordering it (issue 11). */
  'suggestion_edited',
] as const;

export const orderLines = pgTable(
  'order_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => orders.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    /** Cartons (条). */
    quantity: integer('quantity').notNull(),
    unitPriceFen: integer('unit_price_fen').notNull(),
    origin: text('origin', { enum: orderLineOrigins }).notNull(),
    addedByUserId: integer('added_by_user_id'),
    /** The proposal line it was accepted from (origin manager_proposal), issue 11. */
    proposalLineId: bigint('proposal_line_id', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('order_lines_order_product_uq').on(t.orderId, t.productId),
    index('order_lines_product_ix').on(t.productId),
    check('order_lines_quantity_ck', sql`${t.quantity} > 0`),
  ],
);

/**
 * Retailer × product × week rollup of counted orders (submitted, confirmed, delivered), kept up to date by
 * statement-level triggers on order_lines and a row trigger on orders.status (migration 0001), in the same
 * transaction as the write, so forecasts and dashboards never aggregate raw lines. Orders are never deleted:
 * they are cancelled, which takes them out of the rollups.
 */
export const salesWeekly = pgTable(
  'sales_weekly',
  {
    retailerId: integer('retailer_id').notNull(),
    productId: integer('product_id').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    districtId: integer('district_id').notNull(),
    quantity: integer('quantity').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('sales_weekly_pk').on(t.retailerId, t.productId, t.weekStart),
    index('sales_weekly_district_week_ix').on(t.districtId, t.weekStart),
    // A product's weeks across the city (a young series' prior, a campaign product's first orders), read from the
    // index alone: at 30,000 retailers (4 M rows) a seq scan of the table per one-retailer suggestion otherwise.
    index('sales_weekly_product_week_ix').on(t.productId, t.weekStart, t.retailerId, t.quantity),
  ],
);

/** Retailer × week totals, maintained by the same triggers: the manager and supervisor dashboards read this. */
export const retailerWeekly = pgTable(
  'retailer_weekly',
  {
    retailerId: integer('retailer_id').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    districtId: integer('district_id').notNull(),
    quantity: integer('quantity').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    lineCount: integer('line_count').notNull(),
  },
  (t) => [
    uniqueIndex('retailer_weekly_pk').on(t.retailerId, t.weekStart),
    index('retailer_weekly_district_week_ix').on(t.districtId, t.weekStart),
  ],
);

/** Append-only audit trail, written in the same transaction as the change (a trigger refuses UPDATE/DELETE). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    actorUserId: integer('actor_user_id'),
    actorRole: text('actor_role'),
    districtId: integer('district_id'),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [index('audit_log_entity_ix').on(t.entityType, t.entityId), index('audit_log_occurred_ix').on(t.occurredAt)],
);

/** One timeline per retailer that every module appends to through `appendTimelineEvent`. */
export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    kind: text('kind').notNull(),
    actorUserId: integer('actor_user_id'),
    /** The record behind the event, so the timeline links to evidence. */
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    data: jsonb('data').notNull().default({}),
  },
  (t) => [index('timeline_retailer_ix').on(t.retailerId, t.occurredAt)],
);

/** 关注点: what a manager heard from the retailer, dated and attributed (issue: concerns will track them). */
export const heardConcerns = pgTable(
  'heard_concerns',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    heardOn: date('heard_on', { mode: 'string' }).notNull(),
    topic: text('topic').notNull(),
    body: text('body').notNull(),
    heardByUserId: integer('heard_by_user_id')
      .notNull()
      .references(() => users.id),
    /** The tracked concern (诉求) this was raised as (source `visit`); null for those recorded before issue 8. */
    concernId: bigint('concern_id', { mode: 'number' }).references((): AnyPgColumn => concerns.id),
    createdAt: createdAt(),
  },
  (t) => [index('heard_concerns_retailer_ix').on(t.retailerId, t.heardOn)],
);

/** Shop photos: the bytes live behind the storage interface (local disk by default), the row says where. */
export const retailerPhotos = pgTable(
  'retailer_photos',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    kind: text('kind', { enum: photoKinds }).notNull(),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    uploadedByUserId: integer('uploaded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('retailer_photos_retailer_ix').on(t.retailerId, t.createdAt)],
);

/** A retailer asks to change its own contacts and hours; its manager approves or rejects with a reason. */
export const retailerChangeRequests = pgTable(
  'retailer_change_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    requestedByUserId: integer('requested_by_user_id')
      .notNull()
      .references(() => users.id),
    /** The fields asked for: { phone?, otherContacts?, opensAt?, closesAt?, closedWeekdays?, bestVisitFrom?, … }. */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    /** What those fields were when asked, so the decision shows before → after. */
    before: jsonb('before').$type<Record<string, unknown>>().notNull(),
    note: text('note').notNull().default(''),
    status: text('status', { enum: changeRequestStatuses }).notNull().default('pending'),
    decidedByUserId: integer('decided_by_user_id').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionReason: text('decision_reason'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index('retailer_change_requests_retailer_ix').on(t.retailerId, t.createdAt),
    index('retailer_change_requests_pending_ix').on(t.districtId, t.status),
    // At most one pending request per retailer, also when two are sent at the same instant (migration 0006).
    uniqueIndex('retailer_change_requests_one_pending_uq').on(t.retailerId).where(sql`${t.status} = 'pending'`),
    check('retailer_change_requests_status_ck', sql`${t.status} in ('pending','approved','rejected','withdrawn')`),
  ],
);

/** A tier computation: previewed (every move listed with its reason), then published by an admin, or superseded. */
export const tierRuns = pgTable(
  'tier_runs',
  {
    id: serial('id').primaryKey(),
    status: text('status', { enum: tierRunStatuses }).notNull().default('preview'),
    /** The Monday from which published tiers apply. */
    effectiveWeek: date('effective_week', { mode: 'string' }).notNull(),
    /** The weeks of orders the scores were computed from, and the method's parameters. */
    basis: jsonb('basis').$type<Record<string, unknown>>().notNull(),
    retailerCount: integer('retailer_count').notNull(),
    moveCount: integer('move_count').notNull(),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    publishedByUserId: integer('published_by_user_id').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [check('tier_runs_status_ck', sql`${t.status} in ('preview','published','superseded')`)],
);

/** One row per retailer whose tier a run would change: old → new, and why, in data the UI puts into words. */
export const tierRunMoves = pgTable(
  'tier_run_moves',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => tierRuns.id),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    fromTier: smallint('from_tier').notNull(),
    toTier: smallint('to_tier').notNull(),
    reason: jsonb('reason').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ name: 'tier_run_moves_pk', columns: [t.runId, t.retailerId] }),
    index('tier_run_moves_district_ix').on(t.runId, t.districtId),
  ],
);

/** An import of retailers from a file: its dry run or commit, with progress a client can poll by `key`. */
export const importRuns = pgTable(
  'import_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Chosen by the client (a UUID) so it can poll progress while its upload is still being answered. */
    key: text('key').notNull(),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    dryRun: boolean('dry_run').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] })
      .notNull()
      .default('running'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('import_runs_key_uq').on(t.key)],
);

/**
 * Stock on hand (条) a retailer gave for a product, the latest report only: a suggestion subtracts it. Giving it
 * is optional; a product without a row is "stock not given", never "no stock".
 */
export const retailerStock = pgTable(
  'retailer_stock',
  {
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    districtId: integer('district_id').notNull(),
    cartons: integer('cartons').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true, mode: 'date' }).notNull(),
    reportedByUserId: integer('reported_by_user_id').references(() => users.id),
  },
  (t) => [
    primaryKey({ name: 'retailer_stock_pk', columns: [t.retailerId, t.productId] }),
    check('retailer_stock_cartons_ck', sql`${t.cartons} >= 0`),
  ],
);

/**
 * 限量: the most cartons of a product one order may hold, company-wide (district null) or in one district, for
 * retailers whose tier is in [tier_from, tier_to]. Where several rows apply, the smallest holds.
 */
export const orderLimits = pgTable(
  'order_limits',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    districtId: integer('district_id').references(() => orgUnits.id),
    tierFrom: smallint('tier_from').notNull().default(1),
    tierTo: smallint('tier_to').notNull().default(30),
    maxCartons: integer('max_cartons').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('order_limits_product_ix').on(t.productId),
    check('order_limits_max_ck', sql`${t.maxCartons} >= 0`),
    check('order_limits_tiers_ck', sql`${t.tierFrom} between 1 and 30 and ${t.tierTo} between ${t.tierFrom} and 30`),
  ],
);

/** One computation of suggested orders: the whole city after a week closes, or one retailer on demand. */
export const suggestionRuns = pgTable(
  'suggestion_runs',
  {
    id: serial('id').primaryKey(),
    scope: text('scope', { enum: ['city', 'retailer'] }).notNull(),
    /** Set for a one-retailer run. */
    retailerId: integer('retailer_id').references(() => retailers.id),
    districtId: integer('district_id'),
    /** The ordering week the suggestions are for (its Monday); history ends the week before. */
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    modelVersion: text('model_version').notNull(),
    /** The method's settings (quantile, history weeks, range quantiles): what every row of the run shares. */
    parameters: jsonb('parameters').$type<Record<string, unknown>>().notNull(),
    retailerCount: integer('retailer_count').notNull(),
    suggestionCount: integer('suggestion_count').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'request'] }).notNull(),
    requestedByUserId: integer('requested_by_user_id').references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('suggestion_runs_week_ix').on(t.weekStart, t.id),
    check('suggestion_runs_scope_ck', sql`${t.scope} in ('city','retailer')`),
  ],
);

/**
 * A suggested order line: a quantile of the retailer's own demand over its order cycle, minus the stock it gave,
 * in cartons, capped by any limit. Stored with the model version, the weekly history it read and every figure it
 * used, so it can be explained later exactly as it was shown. Recomputing a retailer's week replaces its rows.
 */
export const orderSuggestions = pgTable(
  'order_suggestions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => suggestionRuns.id),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    /** Cartons (条). */
    quantity: integer('quantity').notNull(),
    low: integer('low').notNull(),
    high: integer('high').notNull(),
    method: text('method').notNull(),
    modelVersion: text('model_version').notNull(),
    /** The weekly cartons read, oldest first, ending with the week before `week_start`. */
    history: integer('history').array().notNull(),
    /** The figures used (stock, limit, cycle, quantiles, prior): the reason is rendered from these. */
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('order_suggestions_retailer_week_product_uq').on(t.retailerId, t.weekStart, t.productId),
    index('order_suggestions_district_week_ix').on(t.districtId, t.weekStart),
    index('order_suggestions_run_ix').on(t.runId),
    check('order_suggestions_quantity_ck', sql`${t.quantity} >= 0 and ${t.low} >= 0 and ${t.low} <= ${t.high}`),
  ],
);

/**
 * Retailer concerns (诉求, issue 8): one owner, a due time from the category's SLA, a closure the retailer confirms
 * (or that closes itself after N days, counted apart). `sensitive` (服务态度, 强制搭配) is derived from the category:
 * those go to the district supervisor and are invisible to managers.
 */
export const concerns = pgTable(
  'concerns',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    category: text('category', { enum: concernCategories }).notNull(),
    sensitive: boolean('sensitive')
      .notNull()
      .generatedAlwaysAs(sql`category in ('service_attitude','forced_ordering')`),
    text: text('text').notNull(),
    priority: text('priority', { enum: concernPriorities }).notNull().default('normal'),
    source: text('source', { enum: concernSources }).notNull(),
    status: text('status', { enum: concernStatuses }).notNull().default('new'),
    /** The manager, or the district supervisor (sensitive categories, escalations); null only if none exists. */
    ownerUserId: integer('owner_user_id').references(() => users.id),
    raisedByUserId: integer('raised_by_user_id').references(() => users.id),
    /** When the owner's resolution is due; reset from the SLA on reopening. */
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The reminder for the current due time went out (cleared when the due time changes). */
    remindedAt: timestamp('reminded_at', { withTimezone: true, mode: 'date' }),
    /** The SLA of the current due time was breached and the concern moved to the supervisor. */
    escalatedAt: timestamp('escalated_at', { withTimezone: true, mode: 'date' }),
    firstResolvedAt: timestamp('first_resolved_at', { withTimezone: true, mode: 'date' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    resolution: text('resolution'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    closedBy: text('closed_by', { enum: concernClosedBy }),
    reopenCount: smallint('reopen_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // My work: an owner's open concerns by due time; the district's and a retailer's lists.
    index('concerns_owner_open_due_ix')
      .on(t.ownerUserId, t.dueAt, t.id)
      .where(sql`${t.status} in ('new','accepted','in_progress','resolved','reopened')`),
    index('concerns_district_due_ix').on(t.districtId, t.dueAt, t.id),
    index('concerns_retailer_due_ix').on(t.retailerId, t.dueAt, t.id),
    // The background jobs: the owner's move by due time; resolutions waiting for the retailer.
    index('concerns_active_due_ix').on(t.dueAt).where(sql`${t.status} in ('new','accepted','in_progress','reopened')`),
    index('concerns_resolved_at_ix').on(t.resolvedAt).where(sql`${t.status} = 'resolved'`),
    check(
      'concerns_category_ck',
      sql`${t.category} in ('supply','price','delivery','ordering','service_attitude','forced_ordering','counterfeit','licence','suggestion','other')`,
    ),
    check(
      'concerns_status_ck',
      sql`${t.status} in ('new','accepted','in_progress','resolved','confirmed','reopened','closed')`,
    ),
    check('concerns_priority_ck', sql`${t.priority} in ('normal','high','urgent')`),
    check('concerns_source_ck', sql`${t.source} in ('retailer_portal','visit','phone','survey')`),
    check('concerns_closed_by_ck', sql`${t.closedBy} in ('confirmed','auto')`),
    // The state machine's invariants, held by the table too: a resolution has its note; final states say how.
    check(
      'concerns_resolution_ck',
      sql`${t.status} not in ('resolved','confirmed','closed') or (${t.resolution} is not null and ${t.resolvedAt} is not null)`,
    ),
    check(
      'concerns_final_ck',
      sql`(${t.status} = 'confirmed' and ${t.closedBy} = 'confirmed' and ${t.closedAt} is not null) or (${t.status} = 'closed' and ${t.closedBy} = 'auto' and ${t.closedAt} is not null) or (${t.status} not in ('confirmed','closed') and ${t.closedBy} is null and ${t.closedAt} is null)`,
    ),
  ],
);

/** The concern's own history: created, every transition, escalation, reassignment, reminder, rating, call-back. */
export const concernEvents = pgTable(
  'concern_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    concernId: bigint('concern_id', { mode: 'number' })
      .notNull()
      .references(() => concerns.id),
    districtId: integer('district_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    kind: text('kind', { enum: concernEventKinds }).notNull(),
    fromStatus: text('from_status', { enum: concernStatuses }),
    toStatus: text('to_status', { enum: concernStatuses }),
    note: text('note').notNull().default(''),
    /** null: the system (a background job). */
    actorUserId: integer('actor_user_id').references(() => users.id),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('concern_events_concern_ix').on(t.concernId, t.occurredAt, t.id),
    // The weekly trend of the supervisor view.
    index('concern_events_district_kind_ix').on(t.districtId, t.kind, t.occurredAt),
  ],
);

/** The retailer's rating of how its concern was handled (once). */
export const concernRatings = pgTable(
  'concern_ratings',
  {
    concernId: bigint('concern_id', { mode: 'number' })
      .primaryKey()
      .references(() => concerns.id),
    districtId: integer('district_id').notNull(),
    stars: smallint('stars').notNull(),
    comment: text('comment').notNull().default(''),
    ratedByUserId: integer('rated_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [check('concern_ratings_stars_ck', sql`${t.stars} between 1 and 5`)],
);

/** 回访: a supervisor's call-back to the retailer on a finished concern. */
export const concernCallbacks = pgTable(
  'concern_callbacks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    concernId: bigint('concern_id', { mode: 'number' })
      .notNull()
      .references(() => concerns.id),
    districtId: integer('district_id').notNull(),
    outcome: text('outcome', { enum: callbackOutcomes }).notNull(),
    note: text('note').notNull().default(''),
    calledByUserId: integer('called_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('concern_callbacks_concern_ix').on(t.concernId, t.createdAt),
    check('concern_callbacks_outcome_ck', sql`${t.outcome} in ('satisfied','unsatisfied','unreachable')`),
  ],
);

/** Photos of a concern: bytes behind the storage interface, as for a shop's photos. */
export const concernPhotos = pgTable(
  'concern_photos',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    concernId: bigint('concern_id', { mode: 'number' })
      .notNull()
      .references(() => concerns.id),
    districtId: integer('district_id').notNull(),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    uploadedByUserId: integer('uploaded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('concern_photos_concern_ix').on(t.concernId, t.createdAt)],
);

/** The concern settings (one row, id 1): SLA hours per category, auto-close days, reminder lead (admin). */
export const concernSettings = pgTable(
  'concern_settings',
  {
    id: smallint('id').primaryKey(),
    slaHours: jsonb('sla_hours').$type<Record<string, number>>().notNull(),
    autoCloseDays: smallint('auto_close_days').notNull(),
    reminderLeadHours: smallint('reminder_lead_hours').notNull(),
    version: integer('version').notNull().default(1),
    updatedByUserId: integer('updated_by_user_id').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('concern_settings_one_row_ck', sql`${t.id} = 1`),
    check('concern_settings_auto_close_ck', sql`${t.autoCloseDays} between 1 and 90`),
    check('concern_settings_reminder_ck', sql`${t.reminderLeadHours} between 1 and 168`),
  ],
);

/**
 * In-app notifications (the bell): a kind and its params, worded in the reader's language when read
 * (modules/notifications). Written by other modules inside the transaction of the change they announce.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    /** A path of the web app (`/concerns/12`). */
    link: text('link'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('notifications_user_ix').on(t.userId, t.id.desc()),
    index('notifications_unread_ix').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

/**
 * What the outbound channel did with a notification (one row per notification and channel): with the default
 * `outbox` channel, what would have been sent (the development outbox page); with SMS or WeChat, what was sent.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => notifications.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    channel: text('channel', { enum: outboundChannels }).notNull(),
    /** The phone (masked) or WeChat id; null when the user has none on this channel. */
    recipient: text('recipient'),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    status: text('status', { enum: outboundStatuses }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('outbound_messages_notification_channel_ux').on(t.notificationId, t.channel)],
);

/**
 * Visits (拜访, issue 9): planned from the coverage rules (status `planned`), or started on the spot (`unplanned`);
 * checked in on site with the distance to the shop, recorded, checked out. `week_start` is the Monday (Asia/Shanghai)
 * of the planned day, or of the day it was started.
 */
export const visits = pgTable(
  'visits',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    managerId: integer('manager_id')
      .notNull()
      .references(() => users.id),
    districtId: integer('district_id').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    plannedDate: date('planned_date', { mode: 'string' }),
    plannedOrder: smallint('planned_order'),
    /** Minutes after midnight (Asia/Shanghai). */
    plannedArrival: smallint('planned_arrival'),
    pinned: boolean('pinned').notNull().default(false),
    source: text('source', { enum: visitSources }).notNull(),
    status: text('status', { enum: visitStatuses }).notNull().default('planned'),
    checkInAt: timestamp('check_in_at', { withTimezone: true, mode: 'date' }),
    /** WGS-84, as the phone reported it. */
    checkInLat: doublePrecision('check_in_lat'),
    checkInLng: doublePrecision('check_in_lng'),
    checkInAccuracyM: doublePrecision('check_in_accuracy_m'),
    /** Metres from the shop (haversine), rounded. */
    checkInDistanceM: integer('check_in_distance_m'),
    /** Why the check-in was farther than the radius ('' when it was not). */
    checkInReason: text('check_in_reason'),
    checkOutAt: timestamp('check_out_at', { withTimezone: true, mode: 'date' }),
    secondsOnSite: integer('seconds_on_site'),
    record: jsonb('record').$type<VisitRecord>(),
    templateVersion: integer('template_version'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('visits_manager_week_ix').on(t.managerId, t.weekStart),
    index('visits_retailer_check_in_ix').on(t.retailerId, t.checkInAt),
    index('visits_district_week_ix').on(t.districtId, t.weekStart),
    index('visits_status_ix').on(t.status),
    check('visits_status_ck', sql`${t.status} in ('planned','in_progress','done','cancelled')`),
    check('visits_source_ck', sql`${t.source} in ('plan','unplanned','added')`),
    check('visits_planned_arrival_ck', sql`${t.plannedArrival} between 0 and 1440`),
    check('visits_version_ck', sql`${t.version} >= 1`),
    // The lifecycle's invariants, held by the table too: in progress and done were checked in; done was checked out.
    check('visits_checked_in_ck', sql`${t.status} not in ('in_progress','done') or ${t.checkInAt} is not null`),
    check(
      'visits_checked_out_ck',
      sql`(${t.status} = 'done') = (${t.checkOutAt} is not null) and (${t.checkOutAt} is null or ${t.checkOutAt} >= ${t.checkInAt})`,
    ),
  ],
);

/** Versioned checklist templates of the visit record (admin); each save is a new version. Null district: all. */
export const visitTemplates = pgTable(
  'visit_templates',
  {
    id: serial('id').primaryKey(),
    districtId: integer('district_id'),
    version: integer('version').notNull(),
    items: jsonb('items').$type<VisitTemplateItem[]>().notNull(),
    createdByUserId: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('visit_templates_version_uq').on(t.version),
    check('visit_templates_version_ck', sql`${t.version} >= 1`),
  ],
);

/** Photos taken on a visit, with when and where: bytes behind the storage interface, as for a concern's photos. */
export const visitPhotos = pgTable(
  'visit_photos',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    visitId: bigint('visit_id', { mode: 'number' })
      .notNull()
      .references(() => visits.id),
    districtId: integer('district_id').notNull(),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    accuracyM: doublePrecision('accuracy_m'),
    uploadedByUserId: integer('uploaded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('visit_photos_visit_ix').on(t.visitId, t.createdAt)],
);

/** The retailer's rating of a visit (once, within 7 days of check-out). */
export const visitRatings = pgTable(
  'visit_ratings',
  {
    visitId: bigint('visit_id', { mode: 'number' })
      .primaryKey()
      .references(() => visits.id),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    score: smallint('score').notNull(),
    comment: text('comment').notNull().default(''),
    ratedByUserId: integer('rated_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('visit_ratings_retailer_ix').on(t.retailerId, t.createdAt),
    check('visit_ratings_score_ck', sql`${t.score} between 1 and 5`),
  ],
);

/** Versioned quality-flag rules of visits (admin); each save is a new version, the highest is in force. */
export const visitFlagRuleVersions = pgTable(
  'visit_flag_rule_versions',
  {
    id: serial('id').primaryKey(),
    version: integer('version').notNull(),
    rules: jsonb('rules').$type<VisitFlagRules>().notNull(),
    createdByUserId: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('visit_flag_rule_versions_version_uq').on(t.version),
    check('visit_flag_rule_versions_version_ck', sql`${t.version} >= 1`),
  ],
);

/**
 * Quality flags (issue 9 item 6): on one visit (short, far check-in, empty record, long), on a manager's day (low
 * time on site) or on a retailer's month (no valid visit). Unique per (kind, visit), (kind, manager, day) and
 * (kind, retailer, month), so the check-out hook and the daily job may raise the same flag again harmlessly.
 * A spot-check (抽检) writes its finding on the flags it reviews; an open flag has none.
 */
export const visitFlags = pgTable(
  'visit_flags',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', { enum: visitFlagKinds }).notNull(),
    visitId: bigint('visit_id', { mode: 'number' }).references(() => visits.id),
    retailerId: integer('retailer_id').references(() => retailers.id),
    managerId: integer('manager_id')
      .notNull()
      .references(() => users.id),
    districtId: integer('district_id').notNull(),
    /** Shanghai day: of the check-in (visit flags), or the manager's day. */
    day: date('day', { mode: 'string' }),
    /** First day of the month of a retailer-month flag. */
    month: date('month', { mode: 'string' }),
    detail: jsonb('detail').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    ruleVersion: integer('rule_version').notNull(),
    createdAt: createdAt(),
    spotCheckedAt: timestamp('spot_checked_at', { withTimezone: true, mode: 'date' }),
    spotCheckedByUserId: integer('spot_checked_by').references(() => users.id),
    spotCheckOutcome: text('spot_check_outcome', { enum: visitSpotCheckOutcomes }),
    spotCheckNote: text('spot_check_note'),
  },
  (t) => [
    uniqueIndex('visit_flags_visit_uq').on(t.kind, t.visitId).where(sql`${t.visitId} is not null`),
    uniqueIndex('visit_flags_manager_day_uq')
      .on(t.kind, t.managerId, t.day)
      .where(sql`${t.visitId} is null and ${t.month} is null`),
    uniqueIndex('visit_flags_retailer_month_uq').on(t.kind, t.retailerId, t.month).where(sql`${t.month} is not null`),
    index('visit_flags_district_day_ix').on(t.districtId, t.day),
    index('visit_flags_visit_ix').on(t.visitId),
    index('visit_flags_manager_day_ix').on(t.managerId, t.day),
    check(
      'visit_flags_kind_ck',
      sql`${t.kind} in ('short_visit','far_check_in','empty_record','long_visit','low_daily_time','retailer_missed_month')`,
    ),
    // Each kind names what it is about: a visit; a manager's day; a retailer's month.
    check(
      'visit_flags_subject_ck',
      sql`case when ${t.kind} = 'low_daily_time' then ${t.visitId} is null and ${t.day} is not null and ${t.month} is null
        when ${t.kind} = 'retailer_missed_month' then ${t.visitId} is null and ${t.retailerId} is not null and ${t.month} is not null
        else ${t.visitId} is not null and ${t.retailerId} is not null end`,
    ),
    check(
      'visit_flags_spot_check_ck',
      sql`(${t.spotCheckedAt} is null) = (${t.spotCheckOutcome} is null) and ${t.spotCheckOutcome} in ('confirmed','cleared')`,
    ),
  ],
);

/** Spot-checks (抽检) of visits by the district's supervisor: the finding and a note; audited, on the timeline. */
export const visitSpotChecks = pgTable(
  'visit_spot_checks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Null for a spot-check of a manager-day or retailer-month flag (then `flag_id`). */
    visitId: bigint('visit_id', { mode: 'number' }).references(() => visits.id),
    flagId: bigint('flag_id', { mode: 'number' }).references(() => visitFlags.id),
    districtId: integer('district_id').notNull(),
    outcome: text('outcome', { enum: visitSpotCheckOutcomes }).notNull(),
    note: text('note').notNull().default(''),
    checkedByUserId: integer('checked_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('visit_spot_checks_visit_ix').on(t.visitId, t.createdAt),
    check('visit_spot_checks_outcome_ck', sql`${t.outcome} in ('confirmed','cleared')`),
    check('visit_spot_checks_subject_ck', sql`${t.visitId} is not null or ${t.flagId} is not null`),
  ],
);

/** 回访: the supervisor's call to the retailer about a visit — reached or not, and what the retailer said. */
export const visitCallbacks = pgTable(
  'visit_callbacks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    visitId: bigint('visit_id', { mode: 'number' })
      .notNull()
      .references(() => visits.id),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    reached: boolean('reached').notNull(),
    retailerSays: text('retailer_says', { enum: visitCallbackSays }),
    note: text('note').notNull().default(''),
    calledByUserId: integer('called_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('visit_callbacks_visit_ix').on(t.visitId, t.createdAt),
    check(
      'visit_callbacks_says_ck',
      sql`(${t.reached} and ${t.retailerSays} in ('as_recorded','perfunctory','not_visited')) or (not ${t.reached} and ${t.retailerSays} is null)`,
    ),
  ],
);

/**
 * Coverage rules of visits (visit frequency by tier band, monthly minimum, the working week): each save is a new
 * version, with who and when; a district's own rules, or city-wide ones (null district). The newest version of a
 * district's key wins, else the newest city-wide one, else the defaults (packages/algorithms visits/rules.ts).
 */
export const visitRuleVersions = pgTable(
  'visit_rule_versions',
  {
    id: serial('id').primaryKey(),
    districtId: integer('district_id'),
    version: integer('version').notNull(),
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    createdByUserId: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('visit_rule_versions_key_uq').on(sql`coalesce(${t.districtId}, 0)`, t.version),
    check('visit_rule_versions_version_ck', sql`${t.version} >= 1`),
  ],
);

/**
 * One row per manager and week whose plan was generated: the weekly job inserts it first and skips a week that
 * has one, so a plan is generated once however often the job runs; it keeps the due retailers the plan could not
 * take, with the reason.
 */
export const visitPlanRuns = pgTable(
  'visit_plan_runs',
  {
    managerId: integer('manager_id')
      .notNull()
      .references(() => users.id),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    districtId: integer('district_id').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Null: the weekly job. */
    generatedByUserId: integer('generated_by').references(() => users.id),
    rulesVersion: integer('rules_version').notNull(),
    planned: integer('planned').notNull(),
    unassigned: jsonb('unassigned')
      .$type<{ retailerId: number; dueStatus: string; dueReason: string; reason: string }[]>()
      .notNull(),
  },
  (t) => [
    primaryKey({ name: 'visit_plan_runs_pk', columns: [t.managerId, t.weekStart] }),
    index('visit_plan_runs_district_week_ix').on(t.districtId, t.weekStart),
  ],
);

// ---- Ordering with respect (issue 11, migration `ordering`) ----

/**
 * A district's supply strategy (货源策略) for one week: drafted, then published — publishing opens the order
 * window, which closes at each retailer's cut-off (the end of its order weekday, Asia/Shanghai) unless `closes_at`
 * sets one time for all. Versioned (a stale version answers 409); every save is audited.
 */
export const supplyWeeks = pgTable(
  'supply_weeks',
  {
    id: serial('id').primaryKey(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    districtId: integer('district_id')
      .notNull()
      .references(() => orgUnits.id),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true, mode: 'date' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    publishedByUserId: integer('published_by').references(() => users.id),
    updatedByUserId: integer('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('supply_weeks_week_district_uq').on(t.weekStart, t.districtId),
    check('supply_weeks_status_ck', sql`${t.status} in ('draft','published')`),
    check('supply_weeks_published_ck', sql`${t.status} = 'draft' or ${t.publishedAt} is not null`),
  ],
);

/** One product's mode in a district's week: open, limited per tier band, selected outlets, scarce (allocated). */
export const supplyStrategies = pgTable(
  'supply_strategies',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    districtId: integer('district_id').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    mode: text('mode', { enum: supplyModes }).notNull(),
    /** limited: [{ tierFrom, tierTo, maxCartons }], non-overlapping. */
    tierLimits: jsonb('tier_limits').$type<TierLimit[]>().notNull().default([]),
    /** scarce: the cartons the allocation shares out. */
    supply: integer('supply'),
    /** The supply week's version when this row was written. */
    version: integer('version').notNull(),
  },
  (t) => [
    uniqueIndex('supply_strategies_week_district_product_uq').on(t.weekStart, t.districtId, t.productId),
    check('supply_strategies_mode_ck', sql`${t.mode} in ('open','limited','selected','scarce')`),
    check('supply_strategies_supply_ck', sql`${t.supply} is null or ${t.supply} >= 0`),
  ],
);

/** 选点投放: the outlets that may order a `selected` product in the week. */
export const supplyStrategyOutlets = pgTable(
  'supply_strategy_outlets',
  {
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    districtId: integer('district_id').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
  },
  (t) => [
    primaryKey({ name: 'supply_strategy_outlets_pk', columns: [t.weekStart, t.districtId, t.productId, t.retailerId] }),
    index('supply_strategy_outlets_retailer_ix').on(t.retailerId, t.weekStart),
  ],
);

/**
 * A manager's proposed order for a retailer (phone orders for elderly retailers): never an order by itself. It
 * becomes order lines only when the retailer accepts in its portal or reads back the one-time code (kept hashed,
 * with its expiry and the wrong tries) that was sent to it.
 */
export const orderProposals = pgTable(
  'order_proposals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    managerId: integer('manager_id')
      .notNull()
      .references(() => users.id),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    status: text('status', { enum: proposalStatuses }).notNull().default('pending'),
    codeHash: text('code_hash').notNull(),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    codeFailures: smallint('code_failures').notNull().default(0),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decidedByUserId: integer('decided_by').references(() => users.id),
    decidedVia: text('decided_via', { enum: ['portal', 'code'] }),
    /** The retailer said it felt pressured when it rejected the proposal. */
    pressured: boolean('pressured').notNull().default(false),
  },
  (t) => [
    index('order_proposals_retailer_week_ix').on(t.retailerId, t.weekStart),
    index('order_proposals_manager_week_ix').on(t.managerId, t.weekStart),
    index('order_proposals_district_week_ix').on(t.districtId, t.weekStart),
    check('order_proposals_status_ck', sql`${t.status} in ('pending','accepted','rejected','expired')`),
    check('order_proposals_via_ck', sql`${t.decidedVia} is null or ${t.decidedVia} in ('portal','code')`),
  ],
);

export const orderProposalLines = pgTable(
  'order_proposal_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    proposalId: bigint('proposal_id', { mode: 'number' })
      .notNull()
      .references(() => orderProposals.id),
    districtId: integer('district_id').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer('quantity').notNull(),
    pressuredAt: timestamp('pressured_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('order_proposal_lines_proposal_product_uq').on(t.proposalId, t.productId),
    check('order_proposal_lines_quantity_ck', sql`${t.quantity} between 1 and 999`),
  ],
);

/**
 * Every change of an order line or scarce request — who, when, from which quantity to which, and how it came
 * about: typed by the retailer, a suggestion accepted as it was or edited, a proposal accepted; removal, a
 * pressure report and submission are kinds. The respect figures are computed from these rows.
 */
export const orderLineEvents = pgTable(
  'order_line_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: bigint('order_id', { mode: 'number' }).references(() => orders.id),
    /** Not a foreign key: a line that left the order keeps its history. */
    orderLineId: bigint('order_line_id', { mode: 'number' }),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['set', 'removed', 'pressured', 'requested'] }).notNull(),
    origin: text('origin', { enum: lineEventOrigins }).notNull(),
    oldQuantity: integer('old_quantity').notNull(),
    newQuantity: integer('new_quantity').notNull(),
    proposalId: bigint('proposal_id', { mode: 'number' }),
    actorUserId: integer('actor_user_id').references(() => users.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('order_line_events_order_ix').on(t.orderId, t.id),
    index('order_line_events_district_week_ix').on(t.districtId, t.weekStart),
    index('order_line_events_retailer_week_ix').on(t.retailerId, t.weekStart),
    check('order_line_events_kind_ck', sql`${t.kind} in ('set','removed','pressured','requested')`),
    check(
      'order_line_events_origin_ck',
      sql`${t.origin} in ('retailer_typed','suggestion_accepted','suggestion_edited','proposal_accepted')`,
    ),
  ],
);

/** A retailer's request for a scarce product in a week (collected, then allocated by a published rule). */
export const scarceRequests = pgTable(
  'scarce_requests',
  {
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    districtId: integer('district_id').notNull(),
    requested: integer('requested').notNull(),
    origin: text('origin', { enum: lineEventOrigins }).notNull(),
    /** The retailer's tier when it asked (the allocation weighs this). */
    tier: smallint('tier').notNull(),
    allocated: integer('allocated'),
    allocationRunId: integer('allocation_run_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'scarce_requests_pk', columns: [t.retailerId, t.productId, t.weekStart] }),
    index('scarce_requests_district_week_product_ix').on(t.districtId, t.weekStart, t.productId),
    check('scarce_requests_requested_ck', sql`${t.requested} between 1 and 999`),
  ],
);

/**
 * The answer to each `Idempotency-Key` of an order submission: a replay gets the stored answer and changes
 * nothing; the same key with another body is refused.
 */
export const orderSubmissions = pgTable(
  'order_submissions',
  {
    idempotencyKey: text('idempotency_key').primaryKey(),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => orders.id),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    requestHash: text('request_hash').notNull(),
    response: jsonb('response').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('order_submissions_retailer_ix').on(t.retailerId, t.weekStart)],
);

/** One run of the scarce allocation of a district's week: the rule, the inputs and the outputs, as they were. */
export const allocationRuns = pgTable(
  'allocation_runs',
  {
    id: serial('id').primaryKey(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    districtId: integer('district_id').notNull(),
    rule: jsonb('rule').$type<Record<string, unknown>>().notNull(),
    inputs: jsonb('inputs').$type<Record<string, unknown>[]>().notNull(),
    outputs: jsonb('outputs').$type<Record<string, unknown>[]>().notNull(),
    runByUserId: integer('run_by').references(() => users.id),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('allocation_runs_week_district_ix').on(t.weekStart, t.districtId, t.id)],
);

// ---- New-product promotion (创新, issue 12) ----

/** Selling points, talking guide and tips of a product (one row per product; absent = nothing written yet). */
export const productKnowledge = pgTable(
  'product_knowledge',
  {
    productId: integer('product_id')
      .primaryKey()
      .references(() => products.id),
    sellingPoints: jsonb('selling_points').$type<string[]>().notNull().default([]),
    targetConsumers: text('target_consumers').notNull().default(''),
    pricePosition: text('price_position').notNull().default(''),
    talkingGuide: text('talking_guide').notNull().default(''),
    retailerTips: text('retailer_tips').notNull().default(''),
    version: integer('version').notNull().default(1),
    updatedByUserId: integer('updated_by_user_id').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [check('product_knowledge_version_ck', sql`${t.version} >= 1`)],
);

/** A new-product campaign: products, period, target segment (null = every active retailer), goals. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    segment: jsonb('segment').$type<CampaignSegment | null>(),
    goals: jsonb('goals').$type<CampaignGoals>().notNull(),
    version: integer('version').notNull().default(1),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('campaigns_period_ix').on(t.startsOn, t.endsOn),
    check('campaigns_dates_ck', sql`${t.endsOn} >= ${t.startsOn}`),
    check('campaigns_version_ck', sql`${t.version} >= 1`),
  ],
);

export const campaignProducts = pgTable(
  'campaign_products',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    position: smallint('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'campaign_products_pk', columns: [t.campaignId, t.productId] }),
    index('campaign_products_product_ix').on(t.productId),
  ],
);

/** A campaign's gift (小礼品) or material (物料); stock is per manager (gift_stock). */
export const campaignItems = pgTable(
  'campaign_items',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    kind: text('kind', { enum: campaignItemKinds }).notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('campaign_items_campaign_ix').on(t.campaignId),
    check('campaign_items_kind_ck', sql`${t.kind} in ('gift','material')`),
  ],
);

/** How many of an item a manager was given (the whole stock, not what is left: that is derived from gifts). */
export const giftStock = pgTable(
  'gift_stock',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => campaignItems.id),
    managerId: integer('manager_id')
      .notNull()
      .references(() => users.id),
    campaignId: integer('campaign_id').notNull(),
    districtId: integer('district_id').notNull(),
    quantity: integer('quantity').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'gift_stock_pk', columns: [t.itemId, t.managerId] }),
    index('gift_stock_manager_ix').on(t.managerId),
    check('gift_stock_quantity_ck', sql`${t.quantity} >= 0`),
  ],
);

/** A gift or material given to a retailer; deliberately no order column: a gift is never tied to an order. */
export const gifts = pgTable(
  'gifts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => campaignItems.id),
    managerId: integer('manager_id')
      .notNull()
      .references(() => users.id),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    quantity: integer('quantity').notNull(),
    visitId: bigint('visit_id', { mode: 'number' }).references(() => visits.id),
    note: text('note').notNull().default(''),
    status: text('status', { enum: giftStatuses }).notNull().default('issued'),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    returnedAt: timestamp('returned_at', { withTimezone: true, mode: 'date' }),
    returnNote: text('return_note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('gifts_item_manager_ix').on(t.itemId, t.managerId),
    index('gifts_retailer_ix').on(t.retailerId, t.issuedAt),
    index('gifts_campaign_ix').on(t.campaignId),
    check('gifts_quantity_ck', sql`${t.quantity} between 1 and 100`),
    check('gifts_status_ck', sql`${t.status} in ('issued','confirmed','returned')`),
  ],
);

/** A product introduced to a retailer by its manager (ideally on a visit, with the talking guide shown). */
export const campaignIntroductions = pgTable(
  'campaign_introductions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    managerId: integer('manager_id')
      .notNull()
      .references(() => users.id),
    visitId: bigint('visit_id', { mode: 'number' }).references(() => visits.id),
    guideShown: boolean('guide_shown').notNull(),
    reaction: text('reaction', { enum: introductionReactions }).notNull(),
    note: text('note').notNull().default(''),
    introducedAt: timestamp('introduced_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('campaign_introductions_campaign_retailer_ix').on(t.campaignId, t.retailerId),
    index('campaign_introductions_retailer_ix').on(t.retailerId),
    check('campaign_introductions_reaction_ck', sql`${t.reaction} in ('interested','undecided','not_interested')`),
  ],
);

/** A retailer's word on how a campaign product sells. */
export const campaignFeedback = pgTable(
  'campaign_feedback',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    retailerId: integer('retailer_id')
      .notNull()
      .references(() => retailers.id),
    districtId: integer('district_id').notNull(),
    consumerResponse: text('consumer_response', { enum: consumerResponses }).notNull(),
    priceAcceptance: text('price_acceptance', { enum: priceAcceptances }).notNull(),
    qualityRemark: text('quality_remark').notNull().default(''),
    wouldReorder: text('would_reorder', { enum: wouldReorderAnswers }).notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('campaign_feedback_campaign_retailer_ix').on(t.campaignId, t.retailerId),
    check('campaign_feedback_consumer_ck', sql`${t.consumerResponse} in ('good','fair','poor')`),
    check('campaign_feedback_price_ck', sql`${t.priceAcceptance} in ('accepted','too_high','too_low')`),
    check('campaign_feedback_reorder_ck', sql`${t.wouldReorder} in ('yes','unsure','no')`),
  ],
);

/** Pictures of a product for its knowledge (the bytes behind the storage interface, like shop photos). */
export const productPhotos = pgTable(
  'product_photos',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    uploadedByUserId: integer('uploaded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('product_photos_product_ix').on(t.productId, t.createdAt)],
);
