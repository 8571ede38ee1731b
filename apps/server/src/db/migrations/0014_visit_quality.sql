CREATE TABLE "visit_callbacks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"visit_id" bigint NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"reached" boolean NOT NULL,
	"retailer_says" text,
	"note" text DEFAULT '' NOT NULL,
	"called_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_callbacks_says_ck" CHECK (("visit_callbacks"."reached" and "visit_callbacks"."retailer_says" in ('as_recorded','perfunctory','not_visited')) or (not "visit_callbacks"."reached" and "visit_callbacks"."retailer_says" is null))
);
--> statement-breakpoint
CREATE TABLE "visit_flag_rule_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_flag_rule_versions_version_ck" CHECK ("visit_flag_rule_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "visit_flags" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"visit_id" bigint,
	"retailer_id" integer,
	"manager_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"day" date,
	"month" date,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rule_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"spot_checked_at" timestamp with time zone,
	"spot_checked_by" integer,
	"spot_check_outcome" text,
	"spot_check_note" text,
	CONSTRAINT "visit_flags_kind_ck" CHECK ("visit_flags"."kind" in ('short_visit','far_check_in','empty_record','long_visit','low_daily_time','retailer_missed_month')),
	CONSTRAINT "visit_flags_subject_ck" CHECK (case when "visit_flags"."kind" = 'low_daily_time' then "visit_flags"."visit_id" is null and "visit_flags"."day" is not null and "visit_flags"."month" is null
        when "visit_flags"."kind" = 'retailer_missed_month' then "visit_flags"."visit_id" is null and "visit_flags"."retailer_id" is not null and "visit_flags"."month" is not null
        else "visit_flags"."visit_id" is not null and "visit_flags"."retailer_id" is not null end),
	CONSTRAINT "visit_flags_spot_check_ck" CHECK (("visit_flags"."spot_checked_at" is null) = ("visit_flags"."spot_check_outcome" is null) and "visit_flags"."spot_check_outcome" in ('confirmed','cleared'))
);
--> statement-breakpoint
CREATE TABLE "visit_spot_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"visit_id" bigint,
	"flag_id" bigint,
	"district_id" integer NOT NULL,
	"outcome" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"checked_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_spot_checks_outcome_ck" CHECK ("visit_spot_checks"."outcome" in ('confirmed','cleared')),
	CONSTRAINT "visit_spot_checks_subject_ck" CHECK ("visit_spot_checks"."visit_id" is not null or "visit_spot_checks"."flag_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "visit_callbacks" ADD CONSTRAINT "visit_callbacks_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_callbacks" ADD CONSTRAINT "visit_callbacks_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_callbacks" ADD CONSTRAINT "visit_callbacks_called_by_users_id_fk" FOREIGN KEY ("called_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_flag_rule_versions" ADD CONSTRAINT "visit_flag_rule_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_flags" ADD CONSTRAINT "visit_flags_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_flags" ADD CONSTRAINT "visit_flags_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_flags" ADD CONSTRAINT "visit_flags_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_flags" ADD CONSTRAINT "visit_flags_spot_checked_by_users_id_fk" FOREIGN KEY ("spot_checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_spot_checks" ADD CONSTRAINT "visit_spot_checks_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_spot_checks" ADD CONSTRAINT "visit_spot_checks_flag_id_visit_flags_id_fk" FOREIGN KEY ("flag_id") REFERENCES "public"."visit_flags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_spot_checks" ADD CONSTRAINT "visit_spot_checks_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_callbacks_visit_ix" ON "visit_callbacks" USING btree ("visit_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_flag_rule_versions_version_uq" ON "visit_flag_rule_versions" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_flags_visit_uq" ON "visit_flags" USING btree ("kind","visit_id") WHERE "visit_flags"."visit_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_flags_manager_day_uq" ON "visit_flags" USING btree ("kind","manager_id","day") WHERE "visit_flags"."visit_id" is null and "visit_flags"."month" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "visit_flags_retailer_month_uq" ON "visit_flags" USING btree ("kind","retailer_id","month") WHERE "visit_flags"."month" is not null;--> statement-breakpoint
CREATE INDEX "visit_flags_district_day_ix" ON "visit_flags" USING btree ("district_id","day");--> statement-breakpoint
CREATE INDEX "visit_flags_visit_ix" ON "visit_flags" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_flags_manager_day_ix" ON "visit_flags" USING btree ("manager_id","day");--> statement-breakpoint
CREATE INDEX "visit_spot_checks_visit_ix" ON "visit_spot_checks" USING btree ("visit_id","created_at");--> statement-breakpoint
INSERT INTO "visit_flag_rule_versions" ("version", "rules") VALUES (1, '{"minSecondsOnSite":60,"maxCheckInDistanceM":200,"maxSecondsOnSite":18000,"minDailyMinutesOnSite":60,"minValidVisitsPerMonth":1,"enabled":{"short_visit":true,"far_check_in":true,"empty_record":true,"long_visit":true,"low_daily_time":true,"retailer_missed_month":true}}'::jsonb);