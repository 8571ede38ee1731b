import { and, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { orgUnits, retailers, users } from '../../db/schema';
import { containsPattern } from '../../lib/like-pattern';
import { storedColumns } from '../retailer-import/retailer-import.repository';

/**
 * The list's filters (GET /api/retailers) as SQL. The retailer list's own builder (retailers.repository.ts) is not
 * exported yet; this mirrors it condition for condition and is to be replaced by it once it is.
 */
export interface ExportFilters {
  q?: string | undefined;
  tier?: number | undefined;
  format?: (typeof retailers.businessFormat.enumValues)[number] | undefined;
  status?: (typeof retailers.status.enumValues)[number] | undefined;
  managerId?: number | undefined;
  districtId?: number | undefined;
}

export function exportFilterConditions(filters: ExportFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.q) conditions.push(sql`${retailers.searchText} like lower(${containsPattern(filters.q)})`);
  if (filters.tier !== undefined) conditions.push(eq(retailers.tier, filters.tier));
  if (filters.format) conditions.push(eq(retailers.businessFormat, filters.format));
  if (filters.status) conditions.push(eq(retailers.status, filters.status));
  if (filters.managerId !== undefined) conditions.push(eq(retailers.managerId, filters.managerId));
  if (filters.districtId !== undefined) conditions.push(eq(retailers.districtId, filters.districtId));
  return conditions;
}

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
export function findExportPage(db: Db, scope: SQL, filters: ExportFilters, cursor: ExportCursor | null, limit: number) {
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
    .where(and(scope, ...exportFilterConditions(filters), after))
    .orderBy(retailers.shopName, retailers.id)
    .limit(limit);
}
