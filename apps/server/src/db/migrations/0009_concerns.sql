CREATE TABLE "concern_callbacks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"concern_id" bigint NOT NULL,
	"district_id" integer NOT NULL,
	"outcome" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"called_by_user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "concern_callbacks_outcome_ck" CHECK ("concern_callbacks"."outcome" in ('satisfied','unsatisfied','unreachable'))
);
--> statement-breakpoint
CREATE TABLE "concern_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"concern_id" bigint NOT NULL,
	"district_id" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text DEFAULT '' NOT NULL,
	"actor_user_id" integer,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "concern_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"concern_id" bigint NOT NULL,
	"district_id" integer NOT NULL,
	"storage_key" text NOT NULL,
	"thumbnail_key" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"uploaded_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "concern_ratings" (
	"concern_id" bigint PRIMARY KEY NOT NULL,
	"district_id" integer NOT NULL,
	"stars" smallint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"rated_by_user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "concern_ratings_stars_ck" CHECK ("concern_ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "concern_settings" (
	"id" smallint PRIMARY KEY NOT NULL,
	"sla_hours" jsonb NOT NULL,
	"auto_close_days" smallint NOT NULL,
	"reminder_lead_hours" smallint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_user_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "concern_settings_one_row_ck" CHECK ("concern_settings"."id" = 1),
	CONSTRAINT "concern_settings_auto_close_ck" CHECK ("concern_settings"."auto_close_days" between 1 and 90),
	CONSTRAINT "concern_settings_reminder_ck" CHECK ("concern_settings"."reminder_lead_hours" between 1 and 168)
);
--> statement-breakpoint
CREATE TABLE "concerns" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"retailer_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"category" text NOT NULL,
	"sensitive" boolean GENERATED ALWAYS AS (category in ('service_attitude','forced_ordering')) STORED NOT NULL,
	"text" text NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"owner_user_id" integer,
	"raised_by_user_id" integer,
	"due_at" timestamp with time zone NOT NULL,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"first_resolved_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "concerns_category_ck" CHECK ("concerns"."category" in ('supply','price','delivery','ordering','service_attitude','forced_ordering','counterfeit','licence','suggestion','other')),
	CONSTRAINT "concerns_status_ck" CHECK ("concerns"."status" in ('new','accepted','in_progress','resolved','confirmed','reopened','closed')),
	CONSTRAINT "concerns_priority_ck" CHECK ("concerns"."priority" in ('normal','high','urgent')),
	CONSTRAINT "concerns_source_ck" CHECK ("concerns"."source" in ('retailer_portal','visit','phone','survey')),
	CONSTRAINT "concerns_closed_by_ck" CHECK ("concerns"."closed_by" in ('confirmed','auto')),
	CONSTRAINT "concerns_resolution_ck" CHECK ("concerns"."status" not in ('resolved','confirmed','closed') or ("concerns"."resolution" is not null and "concerns"."resolved_at" is not null)),
	CONSTRAINT "concerns_final_ck" CHECK (("concerns"."status" = 'confirmed' and "concerns"."closed_by" = 'confirmed' and "concerns"."closed_at" is not null) or ("concerns"."status" = 'closed' and "concerns"."closed_by" = 'auto' and "concerns"."closed_at" is not null) or ("concerns"."status" not in ('confirmed','closed') and "concerns"."closed_by" is null and "concerns"."closed_at" is null))
);
--> statement-breakpoint
ALTER TABLE "heard_concerns" ADD COLUMN "concern_id" bigint;--> statement-breakpoint
ALTER TABLE "concern_callbacks" ADD CONSTRAINT "concern_callbacks_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_callbacks" ADD CONSTRAINT "concern_callbacks_called_by_user_id_users_id_fk" FOREIGN KEY ("called_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_events" ADD CONSTRAINT "concern_events_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_events" ADD CONSTRAINT "concern_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_photos" ADD CONSTRAINT "concern_photos_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_photos" ADD CONSTRAINT "concern_photos_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_ratings" ADD CONSTRAINT "concern_ratings_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_ratings" ADD CONSTRAINT "concern_ratings_rated_by_user_id_users_id_fk" FOREIGN KEY ("rated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_settings" ADD CONSTRAINT "concern_settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_raised_by_user_id_users_id_fk" FOREIGN KEY ("raised_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concern_callbacks_concern_ix" ON "concern_callbacks" USING btree ("concern_id","created_at");--> statement-breakpoint
CREATE INDEX "concern_events_concern_ix" ON "concern_events" USING btree ("concern_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "concern_events_district_kind_ix" ON "concern_events" USING btree ("district_id","kind","occurred_at");--> statement-breakpoint
CREATE INDEX "concern_photos_concern_ix" ON "concern_photos" USING btree ("concern_id","created_at");--> statement-breakpoint
CREATE INDEX "concerns_owner_open_due_ix" ON "concerns" USING btree ("owner_user_id","due_at","id") WHERE "concerns"."status" in ('new','accepted','in_progress','resolved','reopened');--> statement-breakpoint
CREATE INDEX "concerns_district_due_ix" ON "concerns" USING btree ("district_id","due_at","id");--> statement-breakpoint
CREATE INDEX "concerns_retailer_due_ix" ON "concerns" USING btree ("retailer_id","due_at","id");--> statement-breakpoint
CREATE INDEX "concerns_active_due_ix" ON "concerns" USING btree ("due_at") WHERE "concerns"."status" in ('new','accepted','in_progress','reopened');--> statement-breakpoint
CREATE INDEX "concerns_resolved_at_ix" ON "concerns" USING btree ("resolved_at") WHERE "concerns"."status" = 'resolved';--> statement-breakpoint
ALTER TABLE "heard_concerns" ADD CONSTRAINT "heard_concerns_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
INSERT INTO "concern_settings" ("id", "sla_hours", "auto_close_days", "reminder_lead_hours") VALUES (1, '{"supply":24,"price":48,"delivery":24,"ordering":24,"service_attitude":48,"forced_ordering":48,"counterfeit":24,"licence":72,"suggestion":72,"other":72}'::jsonb, 7, 4);