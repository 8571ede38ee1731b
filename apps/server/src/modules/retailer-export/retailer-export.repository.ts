import { and, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { orgUnits, retailers, users } from '../../db/schema';
import { storedColumns } from '../retailer-import/retailer-import.repository';

/** Retailers in a district of this company. */
export const inCompany = (companyId: number) =>
  sql`${retailers.districtId} in (select ${orgUnits.id} from ${orgUnits} where ${orgUnits.parentId} = ${companyId})`;

const manager = alias(users, 'manager');
const district = alias(orgUnits, 'district');

/** After this (shop name, id), in the list's order. */
export interface ExportCursor {
  shopName: string;
  id: number;
}

/** One page of the export in the list's order (shop name, id), after `cursor`: keyset, so every page costs alike. */
export function findExportPage(db: Db, where: SQL[], cursor: ExportCursor | null, limit: number) {
  const after = cursor
    ? or(
        gt(retailers.shopName, cursor.shopName),
        and(eq(retailers.shopName, cursor.shopName), gt(retailers.id, cursor.id)),
      )
    : undefined;
  return db
    .select({ ...storedColumns, districtName: district.name, managerName: manager.displayName })
    .from(retailers)
    .innerJoin(district, eq(district.id, retailers.districtId))
    .leftJoin(manager, eq(manager.id, retailers.managerId))
    .where(and(...where, after))
    .orderBy(retailers.shopName, retailers.id)
    .limit(limit);
}
