-- Issue 6's speed targets at 30,000 retailers.
--
-- 1. A two-character Chinese search (建国) makes no trigram, so the trigram indexes of 0004/0005 cannot narrow it
-- and its count read every retailer. search_pinyin gains a fourth line (retailer-pinyin.ts, `hanPairs`): every
-- pair of neighbouring Han characters of shop, owner and address; a GIN index over that line as an array (below)
-- finds the rows holding a term's pairs, which the same LIKE as before then checks, so answers stay exactly what
-- they were. The app writes the line from now on; the rows already written get it here, from a
-- throw-away function whose character class holds every Han block (a superset of JavaScript's \p{Script=Han}: a
-- key more is harmless, a key less would hide a row). Rows still empty are filled by the start-up backfill, and the
-- search tests them by the LIKE alone meanwhile, through the small partial index below.
CREATE FUNCTION "siyi_han_pairs_0010"(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT coalesce(string_agg(g, ' '), '') FROM (
    SELECT DISTINCT substr(t, i, 2) AS g FROM generate_series(1, length(t) - 1) AS i
    WHERE substr(t, i, 2) ~ '^[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00016fe0-\U00016fff\U00020000-\U0003ffff]{2}$'
  ) AS pairs
$$;--> statement-breakpoint
ALTER TABLE "retailers" SET (fillfactor = 60);--> statement-breakpoint
DROP INDEX "retailers_tier_shop_name_ix";--> statement-breakpoint
UPDATE "retailers"
   SET "search_pinyin" = "search_pinyin"
       || repeat(E'\n', 3 - (length("search_pinyin") - length(replace("search_pinyin", E'\n', ''))))
       || "siyi_han_pairs_0010"("shop_name" || E'\n' || "owner_name" || E'\n' || "address")
 WHERE "search_pinyin" <> '' AND length("search_pinyin") - length(replace("search_pinyin", E'\n', '')) <= 2;--> statement-breakpoint
DROP FUNCTION "siyi_han_pairs_0010"(text);--> statement-breakpoint
-- 2. A tier publish rewrote every moved retailer as a new row version in all eleven indexes (tier was in one of
-- them), the trigram GINs above all: 24.9 s for 25,755 moves at 30,000 retailers on the busy test machine. With no
-- index on tier and free room on each page (fillfactor 60: pages are filled to 60 %, the rest is room for new
-- versions), PostgreSQL rewrites a moved row in place (a HOT update) and touches no index: the same statement took
-- 2.6 s, and a whole publish of 23,800 moves 5.2–7.9 s instead of 23.8–32.4 s
-- (bench/results/tiers-30000-hot-2026-12-01.json). The tier filter reads the shop-name index for its page and the
-- table for its count, the tier orders sort the matches; a manager's or a district's list still starts from its
-- own index. The fillfactor is set and the tier index dropped before the UPDATE above, so the new versions it writes (every filled row)
-- land on pages filled to 60 %; the pages they leave are reused by later writes. (No CLUSTER here: inside the
-- migration's transaction it would copy the UPDATE's old versions too.)
CREATE INDEX "retailers_search_han_ix" ON "retailers" USING gin (string_to_array(split_part("search_pinyin", E'\n', 4), ' '));--> statement-breakpoint
CREATE INDEX "retailers_search_pinyin_missing_ix" ON "retailers" USING btree ("id") WHERE "retailers"."search_pinyin" = '';
