CREATE TABLE "allocation_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"week_start" date NOT NULL,
	"district_id" integer NOT NULL,
	"rule" jsonb NOT NULL,
	"inputs" jsonb NOT NULL,
	"outputs" jsonb NOT NULL,
	"run_by" integer,
	"run_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_line_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" bigint,
	"order_line_id" bigint,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"kind" text NOT NULL,
	"origin" text NOT NULL,
	"old_quantity" integer NOT NULL,
	"new_quantity" integer NOT NULL,
	"proposal_id" bigint,
	"actor_user_id" integer,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_line_events_kind_ck" CHECK ("order_line_events"."kind" in ('set','removed','pressured','requested')),
	CONSTRAINT "order_line_events_origin_ck" CHECK ("order_line_events"."origin" in ('retailer_typed','suggestion_accepted','suggestion_edited','proposal_accepted'))
);
--> statement-breakpoint
CREATE TABLE "order_proposal_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"proposal_id" bigint NOT NULL,
	"district_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"pressured_at" timestamp with time zone,
	CONSTRAINT "order_proposal_lines_quantity_ck" CHECK ("order_proposal_lines"."quantity" between 1 and 999)
);
--> statement-breakpoint
CREATE TABLE "order_proposals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"code_hash" text NOT NULL,
	"code_expires_at" timestamp with time zone NOT NULL,
	"code_failures" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"decided_via" text,
	"pressured" boolean DEFAULT false NOT NULL,
	CONSTRAINT "order_proposals_status_ck" CHECK ("order_proposals"."status" in ('pending','accepted','rejected','expired')),
	CONSTRAINT "order_proposals_via_ck" CHECK ("order_proposals"."decided_via" is null or "order_proposals"."decided_via" in ('portal','code'))
);
--> statement-breakpoint
CREATE TABLE "order_submissions" (
	"idempotency_key" text PRIMARY KEY NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"order_id" bigint NOT NULL,
	"week_start" date NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scarce_requests" (
	"retailer_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"district_id" integer NOT NULL,
	"requested" integer NOT NULL,
	"origin" text NOT NULL,
	"tier" smallint NOT NULL,
	"allocated" integer,
	"allocation_run_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scarce_requests_pk" PRIMARY KEY("retailer_id","product_id","week_start"),
	CONSTRAINT "scarce_requests_requested_ck" CHECK ("scarce_requests"."requested" between 1 and 999)
);
--> statement-breakpoint
CREATE TABLE "supply_strategies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"week_start" date NOT NULL,
	"district_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"mode" text NOT NULL,
	"tier_limits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"supply" integer,
	"version" integer NOT NULL,
	CONSTRAINT "supply_strategies_mode_ck" CHECK ("supply_strategies"."mode" in ('open','limited','selected','scarce')),
	CONSTRAINT "supply_strategies_supply_ck" CHECK ("supply_strategies"."supply" is null or "supply_strategies"."supply" >= 0)
);
--> statement-breakpoint
CREATE TABLE "supply_strategy_outlets" (
	"week_start" date NOT NULL,
	"district_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"retailer_id" integer NOT NULL,
	CONSTRAINT "supply_strategy_outlets_pk" PRIMARY KEY("week_start","district_id","product_id","retailer_id")
);
--> statement-breakpoint
CREATE TABLE "supply_weeks" (
	"id" serial PRIMARY KEY NOT NULL,
	"week_start" date NOT NULL,
	"district_id" integer NOT NULL,
	"status" text NOT NULL,
	"closes_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" integer,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supply_weeks_status_ck" CHECK ("supply_weeks"."status" in ('draft','published')),
	CONSTRAINT "supply_weeks_published_ck" CHECK ("supply_weeks"."status" = 'draft' or "supply_weeks"."published_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "proposal_line_id" bigint;--> statement-breakpoint
ALTER TABLE "allocation_runs" ADD CONSTRAINT "allocation_runs_run_by_users_id_fk" FOREIGN KEY ("run_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_events" ADD CONSTRAINT "order_line_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_events" ADD CONSTRAINT "order_line_events_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_events" ADD CONSTRAINT "order_line_events_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_events" ADD CONSTRAINT "order_line_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_proposal_lines" ADD CONSTRAINT "order_proposal_lines_proposal_id_order_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."order_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_proposal_lines" ADD CONSTRAINT "order_proposal_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_proposals" ADD CONSTRAINT "order_proposals_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_proposals" ADD CONSTRAINT "order_proposals_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_proposals" ADD CONSTRAINT "order_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_submissions" ADD CONSTRAINT "order_submissions_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_submissions" ADD CONSTRAINT "order_submissions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scarce_requests" ADD CONSTRAINT "scarce_requests_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scarce_requests" ADD CONSTRAINT "scarce_requests_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_strategies" ADD CONSTRAINT "supply_strategies_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_strategy_outlets" ADD CONSTRAINT "supply_strategy_outlets_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_strategy_outlets" ADD CONSTRAINT "supply_strategy_outlets_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_weeks" ADD CONSTRAINT "supply_weeks_district_id_org_units_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_weeks" ADD CONSTRAINT "supply_weeks_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_weeks" ADD CONSTRAINT "supply_weeks_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocation_runs_week_district_ix" ON "allocation_runs" USING btree ("week_start","district_id","id");--> statement-breakpoint
CREATE INDEX "order_line_events_order_ix" ON "order_line_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "order_line_events_district_week_ix" ON "order_line_events" USING btree ("district_id","week_start");--> statement-breakpoint
CREATE INDEX "order_line_events_retailer_week_ix" ON "order_line_events" USING btree ("retailer_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "order_proposal_lines_proposal_product_uq" ON "order_proposal_lines" USING btree ("proposal_id","product_id");--> statement-breakpoint
CREATE INDEX "order_proposals_retailer_week_ix" ON "order_proposals" USING btree ("retailer_id","week_start");--> statement-breakpoint
CREATE INDEX "order_proposals_manager_week_ix" ON "order_proposals" USING btree ("manager_id","week_start");--> statement-breakpoint
CREATE INDEX "order_proposals_district_week_ix" ON "order_proposals" USING btree ("district_id","week_start");--> statement-breakpoint
CREATE INDEX "order_submissions_retailer_ix" ON "order_submissions" USING btree ("retailer_id","week_start");--> statement-breakpoint
CREATE INDEX "scarce_requests_district_week_product_ix" ON "scarce_requests" USING btree ("district_id","week_start","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_strategies_week_district_product_uq" ON "supply_strategies" USING btree ("week_start","district_id","product_id");--> statement-breakpoint
CREATE INDEX "supply_strategy_outlets_retailer_ix" ON "supply_strategy_outlets" USING btree ("retailer_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_weeks_week_district_uq" ON "supply_weeks" USING btree ("week_start","district_id");