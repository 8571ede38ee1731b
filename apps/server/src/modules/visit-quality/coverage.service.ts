/**
 * The coverage dashboard (issue 9 item 7): per district and per manager, for a week and the 8 before it — due,
 * done, overdue, coverage %, average rating, flagged share — and the visits behind each figure. Figures and lists
 * come from the same predicate (packages/algorithms visits-quality/coverage), so a figure always equals its list.
 *
 * Scope: an admin all districts (or `districtId`); a supervisor its district (another → 404); a manager its own
 * figures only (a district or manager filter beyond itself → 404).
 */
import {
  type CoverageVisit,
  coverageItems,
  coverageSeries,
  coverageWeeks,
  dateOfDay,
  shanghaiDay,
  weekOf,
} from '@siyi/algorithms';
import type {
  CoverageItem,
  CoverageItemsQuery,
  CoverageItemsResponse,
  CoverageQuery,
  CoverageResponse,
  VisitFlagKind,
} from '@siyi/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';

const VISIT_LEVEL = sql`('short_visit','far_check_in','empty_record','long_visit')`;

interface Scope {
  /** On `visits v`. */
  visits: SQL;
  /** On `users u` (managers listed even without visits). */
  managers: SQL;
  /** Districts shown; null: every district with visits or managers. */
  districtIds: number[] | null;
}

async function districtExists(db: Db, id: number): Promise<boolean> {
  const r = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from org_units where id = ${id} and kind = 'district'`,
  );
  return Number(r.rows[0]?.n ?? 0) > 0;
}

async function managerInDistricts(db: Db, managerId: number, districtIds: number[] | null): Promise<boolean> {
  const r = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from users where id = ${managerId} and role = 'manager'
      ${districtIds === null ? sql`` : sql`and org_unit_id = any(${`{${districtIds.join(',')}}`}::int[])`}`);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

async function scopeOf(db: Db, actor: Actor, districtId?: number, managerId?: number): Promise<Scope> {
  let districtIds: number[] | null;
  switch (actor.role) {
    case 'admin':
      if (districtId !== undefined && !(await districtExists(db, districtId))) throw notFound();
      districtIds = districtId === undefined ? null : [districtId];
      break;
    case 'supervisor':
      if (districtId !== undefined && districtId !== actor.orgUnitId) throw notFound();
      districtIds = [actor.orgUnitId];
      break;
    case 'manager':
      if (districtId !== undefined && districtId !== actor.orgUnitId) throw notFound();
      if (managerId !== undefined && managerId !== actor.id) throw notFound();
      return {
        visits: sql`v.manager_id = ${actor.id}`,
        managers: sql`u.id = ${actor.id}`,
        districtIds: [],
      };
    case 'retailer':
      throw new AppError('FORBIDDEN');
    default: {
      const unreachable: never = actor.role;
      throw new Error(`unknown role ${String(unreachable)}`);
    }
  }
  if (managerId !== undefined && !(await managerInDistricts(db, managerId, districtIds))) throw notFound();
  const inDistricts = (column: SQL) =>
    districtIds === null ? sql`true` : sql`${column} = any(${`{${districtIds.join(',')}}`}::int[])`;
  return {
    visits: sql`${inDistricts(sql`v.district_id`)} ${managerId === undefined ? sql`` : sql`and v.manager_id = ${managerId}`}`,
    managers: sql`${inDistricts(sql`u.org_unit_id`)} ${managerId === undefined ? sql`` : sql`and u.id = ${managerId}`}`,
    districtIds,
  };
}

interface CoverageRow extends CoverageVisit {
  shopName: string;
  managerName: string;
  checkInAt: string | null;
  checkOutAt: string | null;
  secondsOnSite: number | null;
  flagKinds: VisitFlagKind[];
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

async function coverageVisits(db: Db, where: SQL, detail: boolean): Promise<CoverageRow[]> {
  const result = await db.execute<{
    id: string | number;
    retailer_id: number;
    manager_id: number;
    district_id: number;
    week_start: string;
    source: string;
    status: string;
    planned_date: string | null;
    rating: number | null;
    flag_kinds: string[] | null;
    shop_name?: string;
    manager_name?: string;
    check_in_at?: Date | string | null;
    check_out_at?: Date | string | null;
    seconds_on_site?: number | null;
  }>(sql`
    select v.id, v.retailer_id, v.manager_id, v.district_id, to_char(v.week_start, 'YYYY-MM-DD') as week_start,
           v.source, v.status, to_char(v.planned_date, 'YYYY-MM-DD') as planned_date, vr.score::int as rating,
           fl.kinds as flag_kinds
           ${
             detail
               ? sql`, r.shop_name, m.display_name as manager_name, v.check_in_at, v.check_out_at, v.seconds_on_site`
               : sql``
           }
    from visits v
    left join visit_ratings vr on vr.visit_id = v.id
    left join (select f.visit_id, array_agg(f.kind order by f.kind) as kinds from visit_flags f
               where f.visit_id is not null and f.kind in ${VISIT_LEVEL} group by f.visit_id) fl on fl.visit_id = v.id
    ${detail ? sql`join retailers r on r.id = v.retailer_id join users m on m.id = v.manager_id` : sql``}
    where ${where}`);
  return result.rows.map((r) => ({
    visitId: Number(r.id),
    retailerId: r.retailer_id,
    managerId: r.manager_id,
    districtId: r.district_id,
    weekStart: r.week_start,
    source: r.source,
    status: r.status,
    plannedDate: r.planned_date,
    rating: r.rating === null ? null : Number(r.rating),
    flagged: (r.flag_kinds ?? []).length > 0,
    flagKinds: (r.flag_kinds ?? []) as VisitFlagKind[],
    shopName: r.shop_name ?? '',
    managerName: r.manager_name ?? '',
    checkInAt: iso(r.check_in_at ?? null),
    checkOutAt: iso(r.check_out_at ?? null),
    secondsOnSite: r.seconds_on_site ?? null,
  }));
}

export async function getCoverage(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  query: z.output<typeof CoverageQuery>,
): Promise<CoverageResponse> {
  const scope = await scopeOf(deps.db, actor, query.districtId);
  const now = deps.clock.now();
  const week = query.week ?? weekOf(now);
  const today = dateOfDay(shanghaiDay(now));
  const weeks = coverageWeeks(week, 8);
  const visits = await coverageVisits(
    deps.db,
    sql`${scope.visits} and v.week_start >= ${weeks[0]}::date and v.week_start <= ${week}::date`,
    false,
  );
  const managers = await deps.db.execute<{ id: number; display_name: string; org_unit_id: number }>(sql`
    select u.id, u.display_name, u.org_unit_id from users u
    where u.role = 'manager' and (${scope.managers})
      and (u.disabled_at is null or u.id in (select distinct v.manager_id from visits v
             where ${scope.visits} and v.week_start >= ${weeks[0]}::date and v.week_start <= ${week}::date))
    order by u.org_unit_id, u.display_name, u.id`);
  const byManager = new Map<number, CoverageVisit[]>();
  const byDistrict = new Map<number, CoverageVisit[]>();
  const push = (map: Map<number, CoverageVisit[]>, key: number, v: CoverageVisit) => {
    const list = map.get(key);
    if (list) list.push(v);
    else map.set(key, [v]);
  };
  for (const v of visits) {
    push(byManager, v.managerId, v);
    push(byDistrict, v.districtId, v);
  }
  const managerRows = managers.rows.map((m) => ({
    managerId: Number(m.id),
    name: m.display_name,
    districtId: Number(m.org_unit_id),
    series: coverageSeries(byManager.get(Number(m.id)) ?? [], weeks, today),
  }));
  // A visit whose manager left the listed managers (moved or removed) still counts for its district.
  let districtRows: CoverageResponse['districts'] = [];
  if (scope.districtIds === null || scope.districtIds.length > 0) {
    const ids =
      scope.districtIds ??
      [...new Set([...byDistrict.keys(), ...managerRows.map((m) => m.districtId)])].sort((a, b) => a - b);
    const names = await deps.db.execute<{ id: number; name: string }>(sql`
      select id, name from org_units where id = any(${`{${ids.join(',')}}`}::int[]) order by id`);
    districtRows = names.rows.map((d) => ({
      districtId: Number(d.id),
      name: d.name,
      series: coverageSeries(byDistrict.get(Number(d.id)) ?? [], weeks, today),
    }));
  }
  return { week, weeks, today, districts: districtRows, managers: managerRows };
}

export async function getCoverageItems(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  query: z.output<typeof CoverageItemsQuery>,
): Promise<CoverageItemsResponse> {
  const scope = await scopeOf(deps.db, actor, query.districtId, query.managerId);
  const now = deps.clock.now();
  const week = query.week ?? weekOf(now);
  const today = dateOfDay(shanghaiDay(now));
  const visits = await coverageVisits(deps.db, sql`${scope.visits} and v.week_start = ${week}::date`, true);
  const items: CoverageItem[] = coverageItems(visits, week, query.figure, today).map((v) => ({
    visitId: v.visitId,
    retailerId: v.retailerId,
    shopName: v.shopName,
    manager: { id: v.managerId, name: v.managerName },
    districtId: v.districtId,
    weekStart: v.weekStart,
    plannedDate: v.plannedDate,
    source: v.source,
    status: v.status,
    checkInAt: v.checkInAt,
    checkOutAt: v.checkOutAt,
    secondsOnSite: v.secondsOnSite,
    rating: v.rating,
    flagKinds: v.flagKinds,
  }));
  return { week, figure: query.figure, total: items.length, items };
}
