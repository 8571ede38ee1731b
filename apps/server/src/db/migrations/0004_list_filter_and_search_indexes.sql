-- The retailer list's filters page in the list's order (shop name, id) like the scopes of 0003: a tier, status
-- or format filter walks its own index to the page's rows, and its count reads only that index's entries
-- (index-only once vacuumed) instead of every retailer.
CREATE INDEX "retailers_tier_shop_name_ix" ON "retailers" USING btree ("tier","shop_name","id");--> statement-breakpoint
CREATE INDEX "retailers_status_shop_name_ix" ON "retailers" USING btree ("status","shop_name","id");--> statement-breakpoint
CREATE INDEX "retailers_format_shop_name_ix" ON "retailers" USING btree ("business_format","shop_name","id");--> statement-breakpoint
-- The search (a LIKE over the lower-cased search_text of 0003): a trigram index finds the matches of a pattern of
-- three characters or more without reading every retailer. pg_trgm is a trusted contrib extension (the database
-- owner may create it), shipped with the embedded PostgreSQL and with Debian's postgresql-15. Under the C locale
-- (the embedded cluster's) only ASCII letters and digits make trigrams: there it serves licence numbers, phones
-- and Latin text, and a Chinese pattern is read as before.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";--> statement-breakpoint
CREATE INDEX "retailers_search_text_trgm_ix" ON "retailers" USING gin ("search_text" gin_trgm_ops);
