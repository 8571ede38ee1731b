CREATE TABLE "campaign_feedback" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"consumer_response" text NOT NULL,
	"price_acceptance" text NOT NULL,
	"quality_remark" text DEFAULT '' NOT NULL,
	"would_reorder" text NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_feedback_consumer_ck" CHECK ("campaign_feedback"."consumer_response" in ('good','fair','poor')),
	CONSTRAINT "campaign_feedback_price_ck" CHECK ("campaign_feedback"."price_acceptance" in ('accepted','too_high','too_low')),
	CONSTRAINT "campaign_feedback_reorder_ck" CHECK ("campaign_feedback"."would_reorder" in ('yes','unsure','no'))
);
--> statement-breakpoint
CREATE TABLE "campaign_introductions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"visit_id" bigint,
	"guide_shown" boolean NOT NULL,
	"reaction" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"introduced_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_introductions_reaction_ck" CHECK ("campaign_introductions"."reaction" in ('interested','undecided','not_interested'))
);
--> statement-breakpoint
CREATE TABLE "campaign_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_items_kind_ck" CHECK ("campaign_items"."kind" in ('gift','material'))
);
--> statement-breakpoint
CREATE TABLE "campaign_products" (
	"campaign_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_products_pk" PRIMARY KEY("campaign_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"segment" jsonb,
	"goals" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_dates_ck" CHECK ("campaigns"."ends_on" >= "campaigns"."starts_on"),
	CONSTRAINT "campaigns_version_ck" CHECK ("campaigns"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "gift_stock" (
	"item_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"campaign_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gift_stock_pk" PRIMARY KEY("item_id","manager_id"),
	CONSTRAINT "gift_stock_quantity_ck" CHECK ("gift_stock"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "gifts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"visit_id" bigint,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"return_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "gifts_quantity_ck" CHECK ("gifts"."quantity" between 1 and 100),
	CONSTRAINT "gifts_status_ck" CHECK ("gifts"."status" in ('issued','confirmed','returned'))
);
--> statement-breakpoint
CREATE TABLE "product_knowledge" (
	"product_id" integer PRIMARY KEY NOT NULL,
	"selling_points" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target_consumers" text DEFAULT '' NOT NULL,
	"price_position" text DEFAULT '' NOT NULL,
	"talking_guide" text DEFAULT '' NOT NULL,
	"retailer_tips" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_user_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_knowledge_version_ck" CHECK ("product_knowledge"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "campaign_feedback" ADD CONSTRAINT "campaign_feedback_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_feedback" ADD CONSTRAINT "campaign_feedback_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_feedback" ADD CONSTRAINT "campaign_feedback_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_feedback" ADD CONSTRAINT "campaign_feedback_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_introductions" ADD CONSTRAINT "campaign_introductions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_introductions" ADD CONSTRAINT "campaign_introductions_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_introductions" ADD CONSTRAINT "campaign_introductions_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_introductions" ADD CONSTRAINT "campaign_introductions_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_introductions" ADD CONSTRAINT "campaign_introductions_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_items" ADD CONSTRAINT "campaign_items_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_products" ADD CONSTRAINT "campaign_products_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_products" ADD CONSTRAINT "campaign_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_stock" ADD CONSTRAINT "gift_stock_item_id_campaign_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."campaign_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_stock" ADD CONSTRAINT "gift_stock_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gifts" ADD CONSTRAINT "gifts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gifts" ADD CONSTRAINT "gifts_item_id_campaign_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."campaign_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gifts" ADD CONSTRAINT "gifts_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gifts" ADD CONSTRAINT "gifts_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gifts" ADD CONSTRAINT "gifts_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_knowledge" ADD CONSTRAINT "product_knowledge_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_knowledge" ADD CONSTRAINT "product_knowledge_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_feedback_campaign_retailer_ix" ON "campaign_feedback" USING btree ("campaign_id","retailer_id");--> statement-breakpoint
CREATE INDEX "campaign_introductions_campaign_retailer_ix" ON "campaign_introductions" USING btree ("campaign_id","retailer_id");--> statement-breakpoint
CREATE INDEX "campaign_introductions_retailer_ix" ON "campaign_introductions" USING btree ("retailer_id");--> statement-breakpoint
CREATE INDEX "campaign_items_campaign_ix" ON "campaign_items" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_products_product_ix" ON "campaign_products" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "campaigns_period_ix" ON "campaigns" USING btree ("starts_on","ends_on");--> statement-breakpoint
CREATE INDEX "gift_stock_manager_ix" ON "gift_stock" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "gifts_item_manager_ix" ON "gifts" USING btree ("item_id","manager_id");--> statement-breakpoint
CREATE INDEX "gifts_retailer_ix" ON "gifts" USING btree ("retailer_id","issued_at");--> statement-breakpoint
CREATE INDEX "gifts_campaign_ix" ON "gifts" USING btree ("campaign_id");