/**
 * SQL of visit quality: the visits as the flag rules see them, flags written idempotently (ON CONFLICT DO
 * NOTHING on the three unique keys, with their timeline events in the same statement), the rule versions, the
 * flag list, spot-checks and call-backs.
 */
import { DEFAULT_VISIT_FLAG_RULES, type QualityVisit, type VisitQualityFlag } from '@siyi/algorithms';
import type { VisitFlagRules } from '@siyi/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';

type Handle = Db | Tx;

export interface QualityVisitRow extends QualityVisit {
  districtId: number;
}

type RawQualityVisit = {
  id: string | number;
  retailer_id: number;
  manager_id: number;
  district_id: number;
  status: string;
  check_in_at: Date | string | null;
  check_out_at: Date | string | null;
  seconds_on_site: number | null;
  check_in_distance_m: number | null;
  check_in_reason: string | null;
  checklist_answers: number;
  summary: string | null;
  photo_count: number;
};

const toDate = (d: Date | string | null): Date | null => (d === null ? null : d instanceof Date ? d : new Date(d));

/** The visits matching `where` (on `visits v`), with what the rules need of their record and photos. */
export async function qualityVisits(db: Handle, where: SQL): Promise<QualityVisitRow[]> {
  const result = await db.execute<RawQualityVisit>(sql`
    select v.id, v.retailer_id, v.manager_id, v.district_id, v.status, v.check_in_at, v.check_out_at,
           v.seconds_on_site, v.check_in_distance_m, v.check_in_reason,
           (case when jsonb_typeof(v.record -> 'checklist') = 'object'
                 then (select count(*) from jsonb_object_keys(v.record -> 'checklist')) else 0 end)::int
             as checklist_answers,
           coalesce(v.record ->> 'summary', '') as summary,
           (select count(*) from visit_photos p where p.visit_id = v.id)::int as photo_count
    from visits v
    where ${where}
    order by v.id`);
  return result.rows.map((r) => ({
    id: Number(r.id),
    retailerId: r.retailer_id,
    managerId: r.manager_id,
    districtId: r.district_id,
    status: r.status,
    checkInAt: toDate(r.check_in_at),
    checkOutAt: toDate(r.check_out_at),
    secondsOnSite: r.seconds_on_site,
    checkInDistanceM: r.check_in_distance_m,
    checkInReason: r.check_in_reason,
    checklistAnswers: Number(r.checklist_answers),
    summary: r.summary,
    photoCount: Number(r.photo_count),
  }));
}

export interface FlagRulesRow {
  version: number;
  rules: VisitFlagRules;
  createdAt: Date;
  createdById: number | null;
  createdByName: string | null;
}

/** The rules in force: the highest version (the migration writes version 1 with the defaults). */
export async function currentFlagRules(db: Handle): Promise<FlagRulesRow> {
  const result = await db.execute<{
    version: number;
    rules: VisitFlagRules;
    created_at: Date | string;
    created_by: number | null;
    display_name: string | null;
  }>(sql`
    select r.version, r.rules, r.created_at, r.created_by, u.display_name
    from visit_flag_rule_versions r left join users u on u.id = r.created_by
    order by r.version desc limit 1`);
  const row = result.rows[0];
  if (!row) {
    return {
      version: 1,
      rules: DEFAULT_VISIT_FLAG_RULES,
      createdAt: new Date(0),
      createdById: null,
      createdByName: null,
    };
  }
  // Kinds added after a version was saved are on by default.
  const rules = { ...DEFAULT_VISIT_FLAG_RULES, ...row.rules };
  rules.enabled = { ...DEFAULT_VISIT_FLAG_RULES.enabled, ...row.rules.enabled };
  return {
    version: row.version,
    rules,
    createdAt: toDate(row.created_at) ?? new Date(0),
    createdById: row.created_by,
    createdByName: row.display_name,
  };
}

export async function insertFlagRules(tx: Tx, version: number, rules: VisitFlagRules, by: number, at: Date) {
  await tx.execute(sql`
    insert into visit_flag_rule_versions (version, rules, created_by, created_at)
    values (${version}, ${JSON.stringify(rules)}::jsonb, ${by}, ${at})`);
}

export interface FlagToWrite extends VisitQualityFlag {
  districtId: number;
  /** When it was raised (default: the `at` of the write). */
  createdAt?: Date;
}

/**
 * Writes flags that are not there yet (the unique keys decide) and, for each one written that concerns a
 * retailer, a `visit.flagged` event on its timeline — one statement. Returns how many flags were new.
 */
export async function insertFlags(tx: Tx, flags: readonly FlagToWrite[], ruleVersion: number, at: Date) {
  if (flags.length === 0) return 0;
  const rows = flags.map((f) => ({
    kind: f.kind,
    visit_id: f.visitId,
    retailer_id: f.retailerId,
    manager_id: f.managerId,
    district_id: f.districtId,
    day: f.day,
    month: f.month === null ? null : `${f.month}-01`,
    detail: f.detail,
    at: f.createdAt?.toISOString() ?? null,
  }));
  const result = await tx.execute<{ n: number }>(sql`
    with x as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(kind text, visit_id bigint, retailer_id int, manager_id int, district_id int, day date, month date,
             detail jsonb, at timestamptz)
    ),
    ins as (
      insert into visit_flags (kind, visit_id, retailer_id, manager_id, district_id, day, month, detail, rule_version,
                               created_at)
      select kind, visit_id, retailer_id, manager_id, district_id, day, month, detail, ${ruleVersion}::int,
             coalesce(at, ${at}::timestamptz)
      from x
      on conflict do nothing
      returning id, kind, visit_id, retailer_id, district_id, month, detail, created_at
    ),
    timeline as (
      insert into timeline_events (retailer_id, district_id, occurred_at, kind, actor_user_id, source_type, source_id,
                                   data)
      select retailer_id, district_id, created_at, 'visit.flagged', null,
             case when visit_id is null then 'visit_flag' else 'visit' end,
             coalesce(visit_id, id)::text,
             jsonb_build_object('flagId', id, 'kind', kind, 'visitId', visit_id,
                                'month', to_char(month, 'YYYY-MM'), 'detail', detail)
      from ins where retailer_id is not null
    )
    select count(*)::int as n from ins`);
  return Number(result.rows[0]?.n ?? 0);
}

/** Managers' districts (their org unit), for manager-day flags. */
export async function managerDistricts(db: Handle, managerIds: readonly number[]): Promise<Map<number, number>> {
  if (managerIds.length === 0) return new Map();
  const result = await db.execute<{ id: number; org_unit_id: number }>(sql`
    select id, org_unit_id from users where id = any(${`{${managerIds.join(',')}}`}::int[])`);
  return new Map(result.rows.map((r) => [Number(r.id), Number(r.org_unit_id)]));
}

/** Active retailers with a manager that existed before `before` (the month's first instant). */
export async function retailersForMonth(db: Handle, before: Date) {
  const result = await db.execute<{ id: number; manager_id: number; district_id: number }>(sql`
    select id, manager_id, district_id from retailers
    where status = 'active' and manager_id is not null and created_at < ${before}
    order by id`);
  return result.rows.map((r) => ({
    retailerId: Number(r.id),
    managerId: Number(r.manager_id),
    districtId: Number(r.district_id),
  }));
}

// ---- Flag list ----

export type FlagRow = {
  id: number;
  kind: string;
  visit_id: string | number | null;
  retailer_id: number | null;
  shop_name: string | null;
  manager_id: number;
  manager_name: string;
  district_id: number;
  day: string | null;
  month: string | null;
  detail: Record<string, string | number | boolean | null>;
  rule_version: number;
  created_at: Date | string;
  spot_checked_at: Date | string | null;
  spot_check_outcome: string | null;
  spot_check_note: string | null;
  spot_checked_by: number | null;
  spot_checker_name: string | null;
  v_status: string | null;
  v_check_in_at: Date | string | null;
  v_check_out_at: Date | string | null;
  v_seconds_on_site: number | null;
  v_check_in_distance_m: number | null;
  callbacks: number;
};

const flagSelect = sql`
  select f.id, f.kind, f.visit_id, f.retailer_id, r.shop_name, f.manager_id, m.display_name as manager_name,
         f.district_id, to_char(f.day, 'YYYY-MM-DD') as day, to_char(f.month, 'YYYY-MM') as month, f.detail,
         f.rule_version, f.created_at, f.spot_checked_at, f.spot_check_outcome, f.spot_check_note, f.spot_checked_by,
         s.display_name as spot_checker_name,
         v.status as v_status, v.check_in_at as v_check_in_at, v.check_out_at as v_check_out_at,
         v.seconds_on_site as v_seconds_on_site, v.check_in_distance_m as v_check_in_distance_m,
         (case when f.visit_id is null then 0
               else (select count(*) from visit_callbacks c where c.visit_id = f.visit_id) end)::int as callbacks
  from visit_flags f
  join users m on m.id = f.manager_id
  left join retailers r on r.id = f.retailer_id
  left join users s on s.id = f.spot_checked_by
  left join visits v on v.id = f.visit_id`;

export async function listFlags(db: Handle, where: SQL, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    db.execute<FlagRow>(sql`${flagSelect} where ${where}
      order by coalesce(f.day, f.month) desc nulls last, f.id desc limit ${limit} offset ${offset}`),
    db.execute<{ n: number }>(sql`select count(*)::int as n from visit_flags f where ${where}`),
  ]);
  return { rows: items.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export async function findFlag(db: Handle, where: SQL): Promise<FlagRow | undefined> {
  const result = await db.execute<FlagRow>(sql`${flagSelect} where ${where} limit 1`);
  return result.rows[0];
}

export async function flagsOfVisit(db: Handle, visitId: number): Promise<FlagRow[]> {
  const result = await db.execute<FlagRow>(sql`${flagSelect} where f.visit_id = ${visitId} order by f.id`);
  return result.rows;
}

// ---- Visits, spot-checks, call-backs ----

export interface VisitRef {
  id: number;
  retailerId: number;
  managerId: number;
  districtId: number;
  status: string;
}

/** The visit, if `scope` (on `visits v`) lets the caller see it; `lock` takes its row lock. */
export async function findVisit(db: Handle, id: number, scope: SQL, lock = false): Promise<VisitRef | undefined> {
  const result = await db.execute<{
    id: string | number;
    retailer_id: number;
    manager_id: number;
    district_id: number;
    status: string;
  }>(sql`
    select v.id, v.retailer_id, v.manager_id, v.district_id, v.status from visits v
    where v.id = ${id} and ${scope} ${lock ? sql`for update` : sql``}`);
  const r = result.rows[0];
  return r
    ? {
        id: Number(r.id),
        retailerId: r.retailer_id,
        managerId: r.manager_id,
        districtId: r.district_id,
        status: r.status,
      }
    : undefined;
}

export async function insertSpotCheck(
  tx: Tx,
  row: {
    visitId: number | null;
    flagId: number | null;
    districtId: number;
    outcome: string;
    note: string;
    by: number;
    at: Date;
  },
): Promise<number> {
  const result = await tx.execute<{ id: string | number }>(sql`
    insert into visit_spot_checks (visit_id, flag_id, district_id, outcome, note, checked_by, created_at)
    values (${row.visitId}, ${row.flagId}, ${row.districtId}, ${row.outcome}, ${row.note}, ${row.by}, ${row.at})
    returning id`);
  return Number(result.rows[0]?.id);
}

/** Marks the open flags matching `where` (on `visit_flags`) as spot-checked; returns their ids and kinds. */
export async function markFlagsChecked(
  tx: Tx,
  where: SQL,
  check: { outcome: string; note: string; by: number; at: Date },
): Promise<{ id: number; kind: string }[]> {
  const result = await tx.execute<{ id: string | number; kind: string }>(sql`
    update visit_flags set spot_checked_at = ${check.at}, spot_checked_by = ${check.by},
                           spot_check_outcome = ${check.outcome}, spot_check_note = ${check.note}
    where ${where} and spot_checked_at is null
    returning id, kind`);
  return result.rows.map((r) => ({ id: Number(r.id), kind: r.kind })).sort((a, b) => a.id - b.id);
}

export async function insertCallback(
  tx: Tx,
  row: {
    visitId: number;
    retailerId: number;
    districtId: number;
    reached: boolean;
    retailerSays: string | null;
    note: string;
    by: number;
    at: Date;
  },
): Promise<number> {
  const result = await tx.execute<{ id: string | number }>(sql`
    insert into visit_callbacks (visit_id, retailer_id, district_id, reached, retailer_says, note, called_by, created_at)
    values (${row.visitId}, ${row.retailerId}, ${row.districtId}, ${row.reached}, ${row.retailerSays}, ${row.note},
            ${row.by}, ${row.at})
    returning id`);
  return Number(result.rows[0]?.id);
}

export async function spotChecksOfVisit(db: Handle, visitId: number) {
  const result = await db.execute<{
    id: string | number;
    visit_id: string | number | null;
    outcome: string;
    note: string;
    checked_by: number;
    display_name: string | null;
    created_at: Date | string;
  }>(sql`
    select c.id, c.visit_id, c.outcome, c.note, c.checked_by, u.display_name, c.created_at
    from visit_spot_checks c left join users u on u.id = c.checked_by
    where c.visit_id = ${visitId} order by c.created_at, c.id`);
  return result.rows;
}

export async function callbacksOfVisit(db: Handle, visitId: number) {
  const result = await db.execute<{
    id: string | number;
    visit_id: string | number;
    reached: boolean;
    retailer_says: string | null;
    note: string;
    called_by: number;
    display_name: string | null;
    created_at: Date | string;
  }>(sql`
    select c.id, c.visit_id, c.reached, c.retailer_says, c.note, c.called_by, u.display_name, c.created_at
    from visit_callbacks c left join users u on u.id = c.called_by
    where c.visit_id = ${visitId} order by c.created_at, c.id`);
  return result.rows;
}
