-- The listed tables' versions without a lock (replaces 0021's version row; lib/list-count-cache.ts reads them).
--
-- 0021 gave each table one row whose version every writing statement set: a writer held that row from its first
-- write until it committed, so writers of retailers committed one at a time (a 30,000-row import blocked every
-- profile edit for seconds), and a writer that had locked retailer rows (SELECT … FOR UPDATE) before its first
-- write could deadlock with one that held the row and then locked those retailers.
--
-- Now each writing statement appends a row to list_changes (weight 1) — appends never wait on each other — and a
-- table's version is the sum of its weights visible to the reading statement's snapshot: the number of writing
-- statements of the transactions it sees committed. PostgreSQL's snapshots see commits in one order (a snapshot
-- sees every commit an earlier one saw), so of two snapshots one sees a superset of the other's commits, and each
-- extra commit of a writer adds at least 1: equal sums mean the same committed writes, i.e. the same rows. A
-- rolled-back writer's rows are never seen by anyone else. Inside a transaction that wrote, its own (possibly
-- rolled-back-to-a-savepoint) rows would make sums ambiguous, so such a reader gets no version at all (see
-- listVersion): it counts every time, and caches nothing.
--
-- Compaction (lib/list-change-compaction.ts, a job every few minutes) keeps the log short without changing any
-- visible sum: one statement deletes the committed rows it sees and inserts, per table, one row weighing what
-- THIS statement deleted. A snapshot sees either the deleted rows or the compacted one (they commit together),
-- and a second compaction running at once skips the rows the first deleted (READ COMMITTED re-check), so it
-- counts only its own: nothing is counted twice or lost.
--
-- For users only the columns the users list filters on log a change (users.repository.ts `userMatch`), as in
-- 0021: sign-ins (last_sign_in_at), preferences and password changes never do. A new filter column must join
-- that list. Not in schema.ts: no query of the app's schema reads it; lib/list-count-cache.ts names it.
DROP TRIGGER "retailers_list_count_version" ON "retailers";
--> statement-breakpoint
DROP TRIGGER "users_list_count_version" ON "users";
--> statement-breakpoint
DROP FUNCTION siyi_bump_list_count_version();
--> statement-breakpoint
-- No code reads it any more; a process still running 0021's code fails loudly instead of counting from a frozen
-- version.
DROP TABLE "list_count_versions";
--> statement-breakpoint
DROP SEQUENCE "list_count_version_seq";
--> statement-breakpoint
CREATE TABLE "list_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"table_name" text NOT NULL,
	"weight" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
-- The version's read: the table's entries with their weights, from the index (most pages all-visible once
-- vacuumed).
CREATE INDEX "list_changes_table_name_idx" ON "list_changes" ("table_name") INCLUDE ("weight");
--> statement-breakpoint
-- A table's version as the calling statement sees it. STABLE: it reads with the calling statement's snapshot
-- (a VOLATILE function would take a snapshot of its own), so the version answers the page and count beside it.
-- Null inside a transaction that has written anything: see above. PARALLEL RESTRICTED: it runs in the leader
-- (pg_current_xact_id_if_assigned is parallel unsafe), and the list's own scans may still run in parallel.
CREATE FUNCTION siyi_list_version(p_table text) RETURNS bigint
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED AS $$
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RETURN NULL;
  END IF;
  RETURN (SELECT coalesce(sum("weight"), 0) FROM "list_changes" WHERE "table_name" = p_table);
END $$;
--> statement-breakpoint
CREATE FUNCTION siyi_log_list_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "list_changes" ("table_name") VALUES (TG_TABLE_NAME);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "retailers_list_changes" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "retailers"
FOR EACH STATEMENT EXECUTE FUNCTION siyi_log_list_change();
--> statement-breakpoint
CREATE TRIGGER "users_list_changes"
BEFORE INSERT OR UPDATE OF "id", "username", "display_name", "phone", "role" OR DELETE OR TRUNCATE ON "users"
FOR EACH STATEMENT EXECUTE FUNCTION siyi_log_list_change();
