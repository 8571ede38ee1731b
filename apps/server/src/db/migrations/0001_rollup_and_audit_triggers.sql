-- Rollups of counted orders (submitted, confirmed, delivered), kept up to date in the writing transaction.
-- Statement-level triggers with transition tables: a bulk insert of 50,000 lines costs one grouped upsert.
CREATE FUNCTION siyi_order_counts(status text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT status IN ('submitted', 'confirmed', 'delivered')
$$;
--> statement-breakpoint
CREATE FUNCTION siyi_rollup_order_lines_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT o.retailer_id, l.product_id, o.week_start, o.district_id, l.quantity AS q,
           l.quantity::bigint * l.unit_price_fen AS a
    FROM siyi_new_lines l JOIN orders o ON o.id = l.order_id
    WHERE siyi_order_counts(o.status)
  ), p AS (
    INSERT INTO sales_weekly AS s (retailer_id, product_id, week_start, district_id, quantity, amount_fen)
    SELECT retailer_id, product_id, week_start, min(district_id), sum(q), sum(a) FROM d
    GROUP BY retailer_id, product_id, week_start
    ON CONFLICT (retailer_id, product_id, week_start)
    DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity, amount_fen = s.amount_fen + EXCLUDED.amount_fen
  )
  INSERT INTO retailer_weekly AS r (retailer_id, week_start, district_id, quantity, amount_fen, line_count)
  SELECT retailer_id, week_start, min(district_id), sum(q), sum(a), count(*) FROM d
  GROUP BY retailer_id, week_start
  ON CONFLICT (retailer_id, week_start)
  DO UPDATE SET quantity = r.quantity + EXCLUDED.quantity, amount_fen = r.amount_fen + EXCLUDED.amount_fen,
                line_count = r.line_count + EXCLUDED.line_count;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION siyi_rollup_order_lines_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT o.retailer_id, l.product_id, o.week_start, l.quantity AS q, l.quantity::bigint * l.unit_price_fen AS a
    FROM siyi_old_lines l JOIN orders o ON o.id = l.order_id
    WHERE siyi_order_counts(o.status)
  ), p AS (
    UPDATE sales_weekly s SET quantity = s.quantity - g.q, amount_fen = s.amount_fen - g.a
    FROM (SELECT retailer_id, product_id, week_start, sum(q) AS q, sum(a) AS a FROM d
          GROUP BY retailer_id, product_id, week_start) g
    WHERE s.retailer_id = g.retailer_id AND s.product_id = g.product_id AND s.week_start = g.week_start
  )
  UPDATE retailer_weekly r SET quantity = r.quantity - g.q, amount_fen = r.amount_fen - g.a,
         line_count = r.line_count - g.n
  FROM (SELECT retailer_id, week_start, sum(q) AS q, sum(a) AS a, count(*) AS n FROM d
        GROUP BY retailer_id, week_start) g
  WHERE r.retailer_id = g.retailer_id AND r.week_start = g.week_start;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION siyi_rollup_order_lines_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- An update is the removal of the old lines and the addition of the new ones.
  WITH d AS (
    SELECT o.retailer_id, l.product_id, o.week_start, o.district_id, l.quantity AS q,
           l.quantity::bigint * l.unit_price_fen AS a, 1 AS n
    FROM siyi_new_lines l JOIN orders o ON o.id = l.order_id WHERE siyi_order_counts(o.status)
    UNION ALL
    SELECT o.retailer_id, l.product_id, o.week_start, o.district_id, -l.quantity,
           -(l.quantity::bigint * l.unit_price_fen), -1
    FROM siyi_old_lines l JOIN orders o ON o.id = l.order_id WHERE siyi_order_counts(o.status)
  ), p AS (
    INSERT INTO sales_weekly AS s (retailer_id, product_id, week_start, district_id, quantity, amount_fen)
    SELECT retailer_id, product_id, week_start, min(district_id), sum(q), sum(a) FROM d
    GROUP BY retailer_id, product_id, week_start
    ON CONFLICT (retailer_id, product_id, week_start)
    DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity, amount_fen = s.amount_fen + EXCLUDED.amount_fen
  )
  INSERT INTO retailer_weekly AS r (retailer_id, week_start, district_id, quantity, amount_fen, line_count)
  SELECT retailer_id, week_start, min(district_id), sum(q), sum(a), sum(n) FROM d
  GROUP BY retailer_id, week_start
  ON CONFLICT (retailer_id, week_start)
  DO UPDATE SET quantity = r.quantity + EXCLUDED.quantity, amount_fen = r.amount_fen + EXCLUDED.amount_fen,
                line_count = r.line_count + EXCLUDED.line_count;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER order_lines_rollup_insert AFTER INSERT ON order_lines
  REFERENCING NEW TABLE AS siyi_new_lines FOR EACH STATEMENT EXECUTE FUNCTION siyi_rollup_order_lines_insert();
--> statement-breakpoint
CREATE TRIGGER order_lines_rollup_delete AFTER DELETE ON order_lines
  REFERENCING OLD TABLE AS siyi_old_lines FOR EACH STATEMENT EXECUTE FUNCTION siyi_rollup_order_lines_delete();
--> statement-breakpoint
CREATE TRIGGER order_lines_rollup_update AFTER UPDATE ON order_lines
  REFERENCING OLD TABLE AS siyi_old_lines NEW TABLE AS siyi_new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION siyi_rollup_order_lines_update();
--> statement-breakpoint
-- An order entering or leaving the counted statuses adds or removes all its lines.
CREATE FUNCTION siyi_rollup_order_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign integer := CASE WHEN siyi_order_counts(NEW.status) THEN 1 ELSE -1 END;
BEGIN
  IF siyi_order_counts(OLD.status) = siyi_order_counts(NEW.status) THEN
    RETURN NULL;
  END IF;
  INSERT INTO sales_weekly AS s (retailer_id, product_id, week_start, district_id, quantity, amount_fen)
  SELECT NEW.retailer_id, l.product_id, NEW.week_start, NEW.district_id, sign * sum(l.quantity),
         sign * sum(l.quantity::bigint * l.unit_price_fen)
  FROM order_lines l WHERE l.order_id = NEW.id GROUP BY l.product_id
  ON CONFLICT (retailer_id, product_id, week_start)
  DO UPDATE SET quantity = s.quantity + EXCLUDED.quantity, amount_fen = s.amount_fen + EXCLUDED.amount_fen;
  INSERT INTO retailer_weekly AS r (retailer_id, week_start, district_id, quantity, amount_fen, line_count)
  SELECT NEW.retailer_id, NEW.week_start, NEW.district_id, sign * sum(l.quantity),
         sign * sum(l.quantity::bigint * l.unit_price_fen), sign * count(*)
  FROM order_lines l WHERE l.order_id = NEW.id HAVING count(*) > 0
  ON CONFLICT (retailer_id, week_start)
  DO UPDATE SET quantity = r.quantity + EXCLUDED.quantity, amount_fen = r.amount_fen + EXCLUDED.amount_fen,
                line_count = r.line_count + EXCLUDED.line_count;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER orders_rollup_status AFTER UPDATE OF status ON orders
  FOR EACH ROW EXECUTE FUNCTION siyi_rollup_order_status();
--> statement-breakpoint
-- The audit trail is append-only: the database itself refuses to change or remove an entry.
CREATE FUNCTION siyi_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION siyi_audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION siyi_audit_log_append_only();
