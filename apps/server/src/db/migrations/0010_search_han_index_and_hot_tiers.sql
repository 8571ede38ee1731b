-- Issue 6's speed targets at 30,000 retailers.
--
-- 1. A one- or two-character Chinese search (建国, 鑫) makes no trigram, so the trigram indexes of 0004/0005 cannot
-- narrow it and its count read every retailer. search_pinyin gains a fourth line (retailer-pinyin.ts): the Han
-- characters of shop, owner and address and every pair of neighbours; this GIN index over that line as an array
-- finds the rows holding all of a term's pairs, which the same LIKE as before then checks, so answers stay exactly
-- what they were. The line is written by the app, so the rows written before it are emptied here and filled again
-- by the start-up backfill (cli.ts, retailer-pinyin-backfill.ts) before the server answers; meanwhile, and for any
-- row a writer leaves empty, the search tests them by the LIKE alone through the small partial index below.
UPDATE "retailers" SET "search_pinyin" = '' WHERE "search_pinyin" <> '';--> statement-breakpoint
-- 2. A tier publish rewrote every moved retailer as a new row version in all eleven indexes (tier was in one of
-- them), the trigram GINs above all: ~24–32 s for 24,000 moves at 30,000 retailers on a busy machine. With no
-- index on tier and free room on each page (fillfactor 60: the table holds 60 % rows, 40 % room for new
-- versions), PostgreSQL rewrites a moved row in place (a HOT update) and touches no index: measured on the same
-- 30,000 (bench/results/tiers-30000-hot-2026-12-01.json). The tier filter and the tier orders read the shop-name
-- index or the table instead (a few hundred KB more per admin count); a manager's or a district's list still
-- starts from its own index. CLUSTER rewrites the table once so existing pages get the room too (and drops the
-- dead rows of the UPDATE above); the table is not left marked as clustered.
DROP INDEX "retailers_tier_shop_name_ix";--> statement-breakpoint
ALTER TABLE "retailers" SET (fillfactor = 60);--> statement-breakpoint
CLUSTER "retailers" USING "retailers_pkey";--> statement-breakpoint
ALTER TABLE "retailers" SET WITHOUT CLUSTER;--> statement-breakpoint
CREATE INDEX "retailers_search_han_ix" ON "retailers" USING gin (string_to_array(split_part("search_pinyin", E'\n', 4), ' '));--> statement-breakpoint
CREATE INDEX "retailers_search_pinyin_missing_ix" ON "retailers" USING btree ("id") WHERE "retailers"."search_pinyin" = '';
