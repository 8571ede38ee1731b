CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_user_id" integer,
	"actor_role" text,
	"district_id" integer,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" bigint NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_fen" integer NOT NULL,
	"origin" text NOT NULL,
	"added_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_lines_quantity_ck" CHECK ("order_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"idempotency_key" text,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" serial PRIMARY KEY NOT NULL,
	"parent_id" integer,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"division_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_units_kind_ck" CHECK ("org_units"."kind" in ('company','district'))
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"brand" text NOT NULL,
	"name" text NOT NULL,
	"spec" text NOT NULL,
	"manufacturer" text NOT NULL,
	"format" text NOT NULL,
	"packs_per_carton" smallint DEFAULT 10 NOT NULL,
	"wholesale_price_fen" integer NOT NULL,
	"retail_price_fen" integer NOT NULL,
	"price_class" smallint NOT NULL,
	"is_new" boolean DEFAULT false NOT NULL,
	"is_scarce" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_price_ck" CHECK ("products"."wholesale_price_fen" > 0 and "products"."retail_price_fen" > 0),
	CONSTRAINT "products_class_ck" CHECK ("products"."price_class" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "retailer_weekly" (
	"retailer_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"district_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"line_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retailers" (
	"id" serial PRIMARY KEY NOT NULL,
	"district_id" integer NOT NULL,
	"licence_no" text NOT NULL,
	"shop_name" text NOT NULL,
	"owner_name" text NOT NULL,
	"phone" text NOT NULL,
	"address" text NOT NULL,
	"county_code" text NOT NULL,
	"town_code" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"business_format" text NOT NULL,
	"opens_at" smallint NOT NULL,
	"closes_at" smallint NOT NULL,
	"tier" smallint NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"manager_id" integer,
	"order_weekday" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retailers_tier_ck" CHECK ("retailers"."tier" between 1 and 30),
	CONSTRAINT "retailers_status_ck" CHECK ("retailers"."status" in ('active','suspended','closed')),
	CONSTRAINT "retailers_weekday_ck" CHECK ("retailers"."order_weekday" between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE "sales_weekly" (
	"retailer_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"district_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"amount_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "tier_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"tier" smallint NOT NULL,
	"previous_tier" smallint,
	"effective_week" date NOT NULL,
	"basis" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_user_id" integer,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"org_unit_id" integer NOT NULL,
	"retailer_id" integer,
	"phone" text,
	"password_hash" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"font_scale" smallint DEFAULT 1 NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_ck" CHECK ("users"."role" in ('admin','supervisor','manager','retailer')),
	CONSTRAINT "users_font_scale_ck" CHECK ("users"."font_scale" between 1 and 2)
);
--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailers" ADD CONSTRAINT "retailers_district_id_org_units_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailers" ADD CONSTRAINT "retailers_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_history" ADD CONSTRAINT "tier_history_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity_ix" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_occurred_ix" ON "audit_log" USING btree ("occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "order_lines_order_product_uq" ON "order_lines" USING btree ("order_id","product_id");--> statement-breakpoint
CREATE INDEX "order_lines_product_ix" ON "order_lines" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_retailer_week_uq" ON "orders" USING btree ("retailer_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_idempotency_uq" ON "orders" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "orders_district_week_ix" ON "orders" USING btree ("district_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_code_uq" ON "org_units" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "products_code_uq" ON "products" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "retailer_weekly_pk" ON "retailer_weekly" USING btree ("retailer_id","week_start");--> statement-breakpoint
CREATE INDEX "retailer_weekly_district_week_ix" ON "retailer_weekly" USING btree ("district_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "retailers_licence_uq" ON "retailers" USING btree ("licence_no");--> statement-breakpoint
CREATE INDEX "retailers_district_ix" ON "retailers" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "retailers_manager_ix" ON "retailers" USING btree ("manager_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_weekly_pk" ON "sales_weekly" USING btree ("retailer_id","product_id","week_start");--> statement-breakpoint
CREATE INDEX "sales_weekly_district_week_ix" ON "sales_weekly" USING btree ("district_id","week_start");--> statement-breakpoint
CREATE INDEX "sessions_user_ix" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "tier_history_retailer_ix" ON "tier_history" USING btree ("retailer_id","effective_week");--> statement-breakpoint
CREATE INDEX "timeline_retailer_ix" ON "timeline_events" USING btree ("retailer_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "users_org_unit_role_ix" ON "users" USING btree ("org_unit_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "users_retailer_uq" ON "users" USING btree ("retailer_id");