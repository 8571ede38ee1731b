CREATE TABLE "order_limits" (
	"id" serial PRIMARY KEY NOT NULL,
	"product_id" integer NOT NULL,
	"district_id" integer,
	"tier_from" smallint DEFAULT 1 NOT NULL,
	"tier_to" smallint DEFAULT 30 NOT NULL,
	"max_cartons" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_limits_max_ck" CHECK ("order_limits"."max_cartons" >= 0),
	CONSTRAINT "order_limits_tiers_ck" CHECK ("order_limits"."tier_from" between 1 and 30 and "order_limits"."tier_to" between "order_limits"."tier_from" and 30)
);
--> statement-breakpoint
CREATE TABLE "order_suggestions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"quantity" integer NOT NULL,
	"low" integer NOT NULL,
	"high" integer NOT NULL,
	"method" text NOT NULL,
	"model_version" text NOT NULL,
	"history" integer[] NOT NULL,
	"inputs" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_suggestions_quantity_ck" CHECK ("order_suggestions"."quantity" >= 0 and "order_suggestions"."low" >= 0 and "order_suggestions"."low" <= "order_suggestions"."high")
);
--> statement-breakpoint
CREATE TABLE "retailer_stock" (
	"retailer_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"cartons" integer NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"reported_by_user_id" integer,
	CONSTRAINT "retailer_stock_pk" PRIMARY KEY("retailer_id","product_id"),
	CONSTRAINT "retailer_stock_cartons_ck" CHECK ("retailer_stock"."cartons" >= 0)
);
--> statement-breakpoint
CREATE TABLE "suggestion_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"retailer_id" integer,
	"district_id" integer,
	"week_start" date NOT NULL,
	"model_version" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"retailer_count" integer NOT NULL,
	"suggestion_count" integer NOT NULL,
	"trigger" text NOT NULL,
	"requested_by_user_id" integer,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suggestion_runs_scope_ck" CHECK ("suggestion_runs"."scope" in ('city','retailer'))
);
--> statement-breakpoint
ALTER TABLE "order_limits" ADD CONSTRAINT "order_limits_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_limits" ADD CONSTRAINT "order_limits_district_id_org_units_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_suggestions" ADD CONSTRAINT "order_suggestions_run_id_suggestion_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."suggestion_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_suggestions" ADD CONSTRAINT "order_suggestions_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_suggestions" ADD CONSTRAINT "order_suggestions_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_stock" ADD CONSTRAINT "retailer_stock_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_stock" ADD CONSTRAINT "retailer_stock_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_stock" ADD CONSTRAINT "retailer_stock_reported_by_user_id_users_id_fk" FOREIGN KEY ("reported_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_runs" ADD CONSTRAINT "suggestion_runs_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_runs" ADD CONSTRAINT "suggestion_runs_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_limits_product_ix" ON "order_limits" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_suggestions_retailer_week_product_uq" ON "order_suggestions" USING btree ("retailer_id","week_start","product_id");--> statement-breakpoint
CREATE INDEX "order_suggestions_district_week_ix" ON "order_suggestions" USING btree ("district_id","week_start");--> statement-breakpoint
CREATE INDEX "order_suggestions_run_ix" ON "order_suggestions" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "suggestion_runs_week_ix" ON "suggestion_runs" USING btree ("week_start","id");