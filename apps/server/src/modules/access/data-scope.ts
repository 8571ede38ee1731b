import { type SQL, sql } from 'drizzle-orm';
import { retailers } from '../../db/schema';
import type { Actor } from './actor';

/**
 * The one place that decides which retailers an actor may see. Every query that returns retailer data
 * (or data hanging off a retailer) adds this condition in SQL, so a record outside the scope is simply
 * not found — the API answers 404, and existence does not leak.
 *
 * admin: all · supervisor: the district's · manager: assigned retailers · retailer: itself.
 */
export function retailerScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'supervisor':
      return sql`${retailers.districtId} = ${actor.orgUnitId}`;
    case 'manager':
      return sql`${retailers.managerId} = ${actor.id}`;
    case 'retailer':
      return actor.retailerId === null ? sql`false` : sql`${retailers.id} = ${actor.retailerId}`;
    default: {
      const unreachable: never = actor.role;
      throw new Error(`unknown role ${String(unreachable)}`);
    }
  }
}

/** Districts whose aggregate figures the actor may see (null = all). */
export function districtScope(actor: Actor): number[] | null {
  switch (actor.role) {
    case 'admin':
      return null;
    case 'supervisor':
      return [actor.orgUnitId];
    case 'manager':
    case 'retailer':
      return [];
    default: {
      const unreachable: never = actor.role;
      throw new Error(`unknown role ${String(unreachable)}`);
    }
  }
}
