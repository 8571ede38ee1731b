-- The tier filter and the tier sort page in the list's order again (dropped in 0010 for HOT tier publishes; at
-- 30,000 retailers they then took 73–85 ms p95 against a 50 ms goal, and lists are far more frequent than publishes).
CREATE INDEX "retailers_tier_shop_name_ix" ON "retailers" USING btree ("tier","shop_name","id");
