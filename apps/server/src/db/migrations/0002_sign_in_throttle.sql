-- Sign-in throttling kept in the database (docs/adr/0003-sessions-and-csrf.md): counters survive a restart and
-- hold across several app servers. One row per (kind, user name as typed, client address).
--   pair_failures     consecutive wrong passwords of one name from one address; locks that pair alone
--   pair_rate         sign-in attempts of one name from one address in the current window
--   address_rate      sign-in attempts from one address in the current window (an office shares one)
--   account_failures  wrong passwords of one name from every address in the current window (the ceiling)
--   known_address     an address this name signed in from successfully (exempt from the ceiling)
CREATE TABLE "sign_in_counters" (
	"kind" text NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "sign_in_counters_pk" PRIMARY KEY("kind","username","address"),
	CONSTRAINT "sign_in_counters_kind_ck" CHECK ("sign_in_counters"."kind" in ('pair_failures','pair_rate','address_rate','account_failures','known_address'))
);
--> statement-breakpoint
CREATE INDEX "sign_in_counters_last_at_ix" ON "sign_in_counters" USING btree ("last_at");--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_login_count";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "sessions_expires_at_ix" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sessions_last_seen_at_ix" ON "sessions" USING btree ("last_seen_at");
