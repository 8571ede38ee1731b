CREATE TABLE "visit_plan_runs" (
	"manager_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"district_id" integer NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"generated_by" integer,
	"rules_version" integer NOT NULL,
	"planned" integer NOT NULL,
	"unassigned" jsonb NOT NULL,
	CONSTRAINT "visit_plan_runs_pk" PRIMARY KEY("manager_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "visit_rule_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"district_id" integer,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_rule_versions_version_ck" CHECK ("visit_rule_versions"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "visit_plan_runs" ADD CONSTRAINT "visit_plan_runs_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plan_runs" ADD CONSTRAINT "visit_plan_runs_generated_by_users_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_rule_versions" ADD CONSTRAINT "visit_rule_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_plan_runs_district_week_ix" ON "visit_plan_runs" USING btree ("district_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_rule_versions_key_uq" ON "visit_rule_versions" USING btree (coalesce("district_id", 0),"version");