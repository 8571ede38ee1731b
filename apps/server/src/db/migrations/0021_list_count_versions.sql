-- A version of each listed table's contents, so a list's exact count is not recomputed while nothing changed
-- (lib/list-count-cache.ts). The list statement reads the version in its own snapshot, next to its page: a
-- (version, count) pair it returns is always consistent, which a sequence read alone would not be (sequences are
-- not transactional). Each version is a fresh nextval: a number a rolled-back writer took is never seen again, so
-- equal versions mean equal contents, also for a reader inside a writing transaction.
--
-- The counter row is updated BEFORE each writing statement, so a writer queues on it before it locks any row of
-- that statement, and holds it until it commits: writers of one table commit one at a time. Only writes that can
-- change a list's count take it: every write to retailers (edits are rare next to list reads); for users only
-- the columns the users list filters on (users.repository.ts `userMatch`) — sign-ins (last_sign_in_at),
-- preferences and password changes never touch it. A new users-list filter column must join that list.
-- Not in schema.ts: no query of the app's schema reads it; lib/list-count-cache.ts names it.
CREATE SEQUENCE "list_count_version_seq";
--> statement-breakpoint
CREATE TABLE "list_count_versions" (
	"table_name" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "list_count_versions" ("table_name", "version")
VALUES ('retailers', nextval('list_count_version_seq')), ('users', nextval('list_count_version_seq'));
--> statement-breakpoint
CREATE FUNCTION siyi_bump_list_count_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "list_count_versions" SET "version" = nextval('list_count_version_seq') WHERE "table_name" = TG_TABLE_NAME;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "retailers_list_count_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "retailers"
FOR EACH STATEMENT EXECUTE FUNCTION siyi_bump_list_count_version();
--> statement-breakpoint
CREATE TRIGGER "users_list_count_version"
BEFORE INSERT OR UPDATE OF "id", "username", "display_name", "phone", "role" OR DELETE OR TRUNCATE ON "users"
FOR EACH STATEMENT EXECUTE FUNCTION siyi_bump_list_count_version();
