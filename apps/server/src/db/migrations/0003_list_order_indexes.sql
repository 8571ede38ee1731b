-- The retailer and user lists page in a fixed order; these indexes hold that order so a page reads its own rows
-- instead of sorting every match (the admin list at 30,000 retailers, a manager's or a district's list).
-- The per-manager and per-district indexes start with the same column as the ones they replace.
CREATE INDEX "retailers_shop_name_ix" ON "retailers" USING btree ("shop_name","id");--> statement-breakpoint
CREATE INDEX "retailers_manager_shop_name_ix" ON "retailers" USING btree ("manager_id","shop_name","id");--> statement-breakpoint
CREATE INDEX "retailers_district_shop_name_ix" ON "retailers" USING btree ("district_id","shop_name","id");--> statement-breakpoint
DROP INDEX "retailers_manager_ix";--> statement-breakpoint
DROP INDEX "retailers_district_ix";--> statement-breakpoint
-- The retailer search looks for its text in five fields: one lower-cased LIKE over this column costs about a
-- quarter of five ILIKEs (each ILIKE folds the case of its field again for every row).
ALTER TABLE "retailers" ADD COLUMN "search_text" text NOT NULL GENERATED ALWAYS AS (lower("shop_name" || chr(10) || "owner_name" || chr(10) || "licence_no" || chr(10) || "phone" || chr(10) || "address")) STORED;--> statement-breakpoint
-- The user list: staff first (admin, supervisors, managers), then retailers, by id; the expression is the one
-- users.repository.ts orders by.
CREATE INDEX "users_list_order_ix" ON "users" USING btree ((case "role" when 'admin' then 0 when 'supervisor' then 1 when 'manager' then 2 else 3 end),"id");
