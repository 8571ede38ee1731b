import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { retailerSearchPinyin } from './retailer-pinyin';

/** Rows per read and per update: one short statement each, so a large archive never holds long locks. */
const BACKFILL_BATCH = 2000;

/**
 * Fills `search_pinyin` where it is still empty: rows written before migration 0005 added the column, or by a
 * writer that did not set it. Runs at start-up after the migrations (cli.ts), batch by batch in id order, and
 * returns how many rows it filled; when nothing is missing it costs one query.
 *
 * The column is derived from shop name, owner and address, so filling it is not an edit: `version` and
 * `updated_at` stay as they are, and an edit that lands in between is not overwritten (the update only touches
 * rows whose column is still empty; that edit set the column itself).
 */
export async function backfillSearchPinyin(db: Db, batchSize = BACKFILL_BATCH): Promise<number> {
  let filled = 0;
  let afterId = 0;
  for (;;) {
    const batch = await db.execute<{ id: number; shop_name: string; owner_name: string; address: string }>(sql`
      select id, shop_name, owner_name, address from retailers
      where search_pinyin = '' and id > ${afterId}
      order by id limit ${batchSize}`);
    const rows = batch.rows;
    if (rows.length === 0) return filled;
    const values = rows.map((r) => ({
      id: Number(r.id),
      p: retailerSearchPinyin({ shopName: r.shop_name, ownerName: r.owner_name, address: r.address }),
    }));
    const updated = await db.execute(sql`
      update retailers set search_pinyin = u.p
      from json_to_recordset(${JSON.stringify(values)}::json) as u(id int, p text)
      where retailers.id = u.id and retailers.search_pinyin = ''`);
    filled += updated.rowCount ?? 0;
    afterId = values[values.length - 1]?.id ?? afterId;
    if (rows.length < batchSize) return filled;
  }
}
