CREATE TABLE "heard_concerns" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"heard_on" date NOT NULL,
	"topic" text NOT NULL,
	"body" text NOT NULL,
	"heard_by_user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"created_by_user_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "retailer_change_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"requested_by_user_id" integer NOT NULL,
	"changes" jsonb NOT NULL,
	"before" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by_user_id" integer,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retailer_change_requests_status_ck" CHECK ("retailer_change_requests"."status" in ('pending','approved','rejected','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "retailer_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"kind" text NOT NULL,
	"storage_key" text NOT NULL,
	"thumbnail_key" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"uploaded_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tier_run_moves" (
	"run_id" integer NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"from_tier" smallint NOT NULL,
	"to_tier" smallint NOT NULL,
	"reason" jsonb NOT NULL,
	CONSTRAINT "tier_run_moves_pk" PRIMARY KEY("run_id","retailer_id")
);
--> statement-breakpoint
CREATE TABLE "tier_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'preview' NOT NULL,
	"effective_week" date NOT NULL,
	"basis" jsonb NOT NULL,
	"retailer_count" integer NOT NULL,
	"move_count" integer NOT NULL,
	"created_by_user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_user_id" integer,
	"published_at" timestamp with time zone,
	CONSTRAINT "tier_runs_status_ck" CHECK ("tier_runs"."status" in ('preview','published','superseded'))
);
--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "business_scope" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "order_method" text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "order_frequency" text DEFAULT 'weekly' NOT NULL;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "visit_batch" smallint;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "closed_weekdays" smallint[] DEFAULT '{}'::smallint[] NOT NULL;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "licence_type" text DEFAULT 'regular' NOT NULL;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "licence_valid_from" date;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "licence_valid_to" date;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "credit_grade" text;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "is_model_shop" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "minors_notice_posted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "near_school" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "other_contacts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "best_visit_from" smallint;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "best_visit_to" smallint;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "notes" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "search_pinyin" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "heard_concerns" ADD CONSTRAINT "heard_concerns_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "heard_concerns" ADD CONSTRAINT "heard_concerns_heard_by_user_id_users_id_fk" FOREIGN KEY ("heard_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_change_requests" ADD CONSTRAINT "retailer_change_requests_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_change_requests" ADD CONSTRAINT "retailer_change_requests_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_change_requests" ADD CONSTRAINT "retailer_change_requests_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_photos" ADD CONSTRAINT "retailer_photos_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_photos" ADD CONSTRAINT "retailer_photos_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_run_moves" ADD CONSTRAINT "tier_run_moves_run_id_tier_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."tier_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_run_moves" ADD CONSTRAINT "tier_run_moves_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_runs" ADD CONSTRAINT "tier_runs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_runs" ADD CONSTRAINT "tier_runs_published_by_user_id_users_id_fk" FOREIGN KEY ("published_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "heard_concerns_retailer_ix" ON "heard_concerns" USING btree ("retailer_id","heard_on");--> statement-breakpoint
CREATE UNIQUE INDEX "import_runs_key_uq" ON "import_runs" USING btree ("key");--> statement-breakpoint
CREATE INDEX "retailer_change_requests_retailer_ix" ON "retailer_change_requests" USING btree ("retailer_id","created_at");--> statement-breakpoint
CREATE INDEX "retailer_change_requests_pending_ix" ON "retailer_change_requests" USING btree ("district_id","status");--> statement-breakpoint
CREATE INDEX "retailer_photos_retailer_ix" ON "retailer_photos" USING btree ("retailer_id","created_at");--> statement-breakpoint
CREATE INDEX "tier_run_moves_district_ix" ON "tier_run_moves" USING btree ("run_id","district_id");--> statement-breakpoint
CREATE INDEX "retailers_search_pinyin_trgm_ix" ON "retailers" USING gin ("search_pinyin" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "retailers_licence_valid_to_ix" ON "retailers" USING btree ("licence_valid_to");--> statement-breakpoint
ALTER TABLE "retailers" ADD CONSTRAINT "retailers_credit_grade_ck" CHECK ("retailers"."credit_grade" in ('A','B','C','D'));--> statement-breakpoint
ALTER TABLE "retailers" ADD CONSTRAINT "retailers_version_ck" CHECK ("retailers"."version" >= 1);