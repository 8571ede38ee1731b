import type { OrderWeekQuery, OrderWeekResponse } from '@siyi/contracts';
import { and, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { retailers } from '../../db/schema';
import { notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import { retailerScope } from '../access/data-scope';
import { currentWeek, cutoffOf } from './orders.service';

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * The week at a glance for a manager (its retailers), a supervisor (the district's) or an admin: each retailer's
 * state (not yet / draft / proposal waiting / submitted) and when its window for the week closes, and per manager the respect figures (尊重):
 * - ownOrUnchangedShare: of the week's lines (on orders now, plus lines reported as pressured, plus the lines of
 *   rejected proposals), the share the retailer typed itself (or took from its suggestion) or accepted from a
 *   proposal without change;
 * - the proposals made and rejected, the rejection rate of the decided ones;
 * - pressure reports: lines reported as pressured and proposals rejected as pressured.
 * A manager reads its own figures without anything pressure reports show in: pressureReports is null and its
 * lines (and share) leave the pressured lines out, so it cannot tell whether, or which, retailer spoke up.
 */
export async function getOrderWeek(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  query: OrderWeekQuery,
): Promise<OrderWeekResponse> {
  const week = query.week ?? currentWeek(deps.clock);
  const managerView = actor.role === 'manager';
  let scope: SQL = retailerScope(actor);
  if (query.managerId !== undefined) {
    if (actor.role === 'manager' && query.managerId !== actor.id) throw notFound();
    scope = and(scope, sql`${retailers.managerId} = ${query.managerId}`) as SQL;
  }
  if (query.districtId !== undefined) {
    if (actor.role !== 'admin' && query.districtId !== actor.orgUnitId) throw notFound();
    scope = and(scope, sql`${retailers.districtId} = ${query.districtId}`) as SQL;
  }
  const rows = await deps.db.execute<{
    retailer_id: number;
    shop_name: string;
    manager_id: number | null;
    status: string | null;
    submitted_at: Date | null;
    line_count: number;
    cartons: number;
    pending: number;
    order_weekday: number;
    district_closes_at: Date | string | null;
  }>(sql`
    select retailers.id as retailer_id, retailers.shop_name, retailers.manager_id, o.status, o.submitted_at,
      retailers.order_weekday,
      (select s.closes_at from supply_weeks s where s.week_start = ${week} and s.district_id = retailers.district_id)
        as district_closes_at,
      coalesce((select count(*) from order_lines l where l.order_id = o.id), 0)::int
        + coalesce((select count(*) from scarce_requests q where q.retailer_id = retailers.id and q.week_start = ${week}), 0)::int
        as line_count,
      coalesce((select sum(l.quantity) from order_lines l where l.order_id = o.id), 0)::int as cartons,
      (select count(*) from order_proposals p where p.retailer_id = retailers.id and p.week_start = ${week}
        and p.status = 'pending')::int as pending
    from ${retailers}
    left join orders o on o.retailer_id = retailers.id and o.week_start = ${week}
    where ${scope} and retailers.status = 'active'
    order by retailers.manager_id nulls last, retailers.shop_name, retailers.id`);
  const retailersOut = rows.rows.map((r) => ({
    retailerId: r.retailer_id,
    shopName: r.shop_name,
    managerId: r.manager_id,
    state:
      r.status === 'submitted' || r.status === 'confirmed' || r.status === 'delivered'
        ? ('submitted' as const)
        : r.pending > 0
          ? ('proposal_waiting' as const)
          : r.status === 'draft' && r.line_count > 0
            ? ('draft' as const)
            : ('not_yet' as const),
    lineCount: r.line_count,
    cartons: r.cartons,
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    closesAt: (r.district_closes_at ? new Date(r.district_closes_at) : cutoffOf(week, r.order_weekday)).toISOString(),
  }));
  const managerIds = [...new Set(retailersOut.map((r) => r.managerId).filter((id): id is number => id !== null))];
  if (managerIds.length === 0) return { week, retailers: retailersOut, managers: [] };
  const figures = await deps.db.execute<{
    manager_id: number;
    name: string;
    lines: number;
    own_or_unchanged: number;
    pressured_lines: number;
    rejected_lines: number;
    proposals: number;
    rejected: number;
    decided: number;
    pressured_proposals: number;
  }>(sql`
    with mine as (
      select retailers.id, retailers.manager_id from ${retailers} where ${scope} and retailers.manager_id is not null
    ), current_lines as (
      select m.manager_id, l.quantity, l.proposal_line_id, pl.quantity as proposed
      from mine m join orders o on o.retailer_id = m.id and o.week_start = ${week}
      join order_lines l on l.order_id = o.id
      left join order_proposal_lines pl on pl.id = l.proposal_line_id
    ), pressured as (
      select m.manager_id, count(*)::int as n
      from mine m join order_line_events e on e.retailer_id = m.id and e.week_start = ${week} and e.kind = 'pressured'
      group by m.manager_id
    ), props as (
      select p.manager_id, count(*)::int as proposals,
        count(*) filter (where p.status = 'rejected')::int as rejected,
        count(*) filter (where p.status in ('accepted','rejected'))::int as decided,
        count(*) filter (where p.status = 'rejected' and p.pressured)::int as pressured_proposals,
        coalesce(sum((select count(*) from order_proposal_lines pl where pl.proposal_id = p.id))
          filter (where p.status = 'rejected'), 0)::int as rejected_lines
      from order_proposals p join mine m on m.id = p.retailer_id
      where p.week_start = ${week}
      group by p.manager_id
    )
    select u.id as manager_id, u.display_name as name,
      coalesce((select count(*) from current_lines c where c.manager_id = u.id), 0)::int as lines,
      coalesce((select count(*) from current_lines c where c.manager_id = u.id
        and (c.proposal_line_id is null or c.quantity = c.proposed)), 0)::int as own_or_unchanged,
      coalesce((select n from pressured where pressured.manager_id = u.id), 0)::int as pressured_lines,
      coalesce(props.rejected_lines, 0)::int as rejected_lines,
      coalesce(props.proposals, 0)::int as proposals,
      coalesce(props.rejected, 0)::int as rejected,
      coalesce(props.decided, 0)::int as decided,
      coalesce(props.pressured_proposals, 0)::int as pressured_proposals
    from users u left join props on props.manager_id = u.id
    where u.id in ${managerIds}
    order by u.display_name, u.id`);
  return {
    week,
    retailers: retailersOut,
    managers: figures.rows.map((f) => {
      // A manager never learns that (let alone which of) its retailers reported pressure: no count, and no figure
      // it could be subtracted from — its lines and share leave the reported lines out. Supervisors and admins
      // see them counted against the manager.
      const lines = f.lines + f.rejected_lines + (managerView ? 0 : f.pressured_lines);
      return {
        managerId: f.manager_id,
        name: f.name,
        lines,
        ownOrUnchangedShare: share(f.own_or_unchanged, lines),
        proposals: f.proposals,
        proposalsRejected: f.rejected,
        rejectionRate: share(f.rejected, f.decided),
        pressureReports: managerView ? null : f.pressured_lines + f.pressured_proposals,
      };
    }),
  };
}
