-- The users list (staff first, then retailers, by id) and its count read this index alone once vacuumed: the
-- order expression needs `role`, so `role` is part of the key (an INCLUDE column is not expressible in Drizzle's
-- schema). The new index is built before the old one goes, so the list never lacks one.
CREATE INDEX "users_list_order_role_ix" ON "users" USING btree ((case "role" when 'admin' then 0 when 'supervisor' then 1 when 'manager' then 2 else 3 end),"id","role");--> statement-breakpoint
DROP INDEX "users_list_order_ix";
