CREATE TABLE "visit_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"visit_id" bigint NOT NULL,
	"district_id" integer NOT NULL,
	"storage_key" text NOT NULL,
	"thumbnail_key" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"accuracy_m" double precision,
	"uploaded_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_ratings" (
	"visit_id" bigint PRIMARY KEY NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"score" smallint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"rated_by_user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_ratings_score_ck" CHECK ("visit_ratings"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "visit_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"district_id" integer,
	"version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_templates_version_ck" CHECK ("visit_templates"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"retailer_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"planned_date" date,
	"planned_order" smallint,
	"planned_arrival" smallint,
	"pinned" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"check_in_at" timestamp with time zone,
	"check_in_lat" double precision,
	"check_in_lng" double precision,
	"check_in_accuracy_m" double precision,
	"check_in_distance_m" integer,
	"check_in_reason" text,
	"check_out_at" timestamp with time zone,
	"seconds_on_site" integer,
	"record" jsonb,
	"template_version" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_status_ck" CHECK ("visits"."status" in ('planned','in_progress','done','cancelled')),
	CONSTRAINT "visits_source_ck" CHECK ("visits"."source" in ('plan','unplanned','added')),
	CONSTRAINT "visits_planned_arrival_ck" CHECK ("visits"."planned_arrival" between 0 and 1440),
	CONSTRAINT "visits_version_ck" CHECK ("visits"."version" >= 1),
	CONSTRAINT "visits_checked_in_ck" CHECK ("visits"."status" not in ('in_progress','done') or "visits"."check_in_at" is not null),
	CONSTRAINT "visits_checked_out_ck" CHECK (("visits"."status" = 'done') = ("visits"."check_out_at" is not null) and ("visits"."check_out_at" is null or "visits"."check_out_at" >= "visits"."check_in_at"))
);
--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_ratings" ADD CONSTRAINT "visit_ratings_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_ratings" ADD CONSTRAINT "visit_ratings_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_ratings" ADD CONSTRAINT "visit_ratings_rated_by_user_id_users_id_fk" FOREIGN KEY ("rated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_templates" ADD CONSTRAINT "visit_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_photos_visit_ix" ON "visit_photos" USING btree ("visit_id","created_at");--> statement-breakpoint
CREATE INDEX "visit_ratings_retailer_ix" ON "visit_ratings" USING btree ("retailer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_templates_version_uq" ON "visit_templates" USING btree ("version");--> statement-breakpoint
CREATE INDEX "visits_manager_week_ix" ON "visits" USING btree ("manager_id","week_start");--> statement-breakpoint
CREATE INDEX "visits_retailer_check_in_ix" ON "visits" USING btree ("retailer_id","check_in_at");--> statement-breakpoint
CREATE INDEX "visits_district_week_ix" ON "visits" USING btree ("district_id","week_start");--> statement-breakpoint
CREATE INDEX "visits_status_ix" ON "visits" USING btree ("status");--> statement-breakpoint
INSERT INTO "visit_templates" ("version", "items") VALUES (1, '[{"id":"licence_displayed","label":{"zh-CN":"许可证悬挂","en":"Licence displayed"}},{"id":"minors_notice","label":{"zh-CN":"张贴“禁止向未成年人售烟”标识","en":"\"No sales to minors\" notice posted"}},{"id":"price_tags","label":{"zh-CN":"明码标价","en":"Price tags on every product"}},{"id":"display","label":{"zh-CN":"陈列规范","en":"Display in order"}},{"id":"key_stock","label":{"zh-CN":"重点品规有货","en":"Key products in stock"}},{"id":"no_counterfeit","label":{"zh-CN":"未发现假烟、私烟","en":"No suspected counterfeit or smuggled goods"}}]'::jsonb);