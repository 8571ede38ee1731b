import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { importRuns, orgUnits, retailers, users } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { archiveColumns } from '../retailers/retailer-columns';
import type { RetailerValues } from './import-columns';

type Handle = Db | Tx;

/** The districts of a company: the only ones an admin's import may put retailers in. */
export function findCompanyDistricts(db: Handle, companyId: number) {
  return db
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'district'), eq(orgUnits.parentId, companyId)));
}

/** The active customer managers of those districts. */
export function findManagers(db: Handle, districtIds: number[]) {
  if (districtIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, districtId: users.orgUnitId })
    .from(users)
    .where(and(eq(users.role, 'manager'), inArray(users.orgUnitId, districtIds), isNull(users.disabledAt)));
}

/** Every column an import compares and may write, with the district's company. */
export const storedColumns = {
  ...archiveColumns,
  id: retailers.id,
  version: retailers.version,
  districtId: retailers.districtId,
  managerId: retailers.managerId,
  licenceNo: retailers.licenceNo,
  shopName: retailers.shopName,
  ownerName: retailers.ownerName,
  phone: retailers.phone,
  address: retailers.address,
  businessFormat: retailers.businessFormat,
  tier: retailers.tier,
  status: retailers.status,
  countyCode: retailers.countyCode,
  orderWeekday: retailers.orderWeekday,
  searchPinyin: retailers.searchPinyin,
};

const district = alias(orgUnits, 'district');

function selectByLicence(db: Handle, licences: readonly string[]) {
  // Licence numbers reach this point checked (12 digits), so the array literal needs no quoting.
  return db
    .select({ ...storedColumns, companyId: district.parentId })
    .from(retailers)
    .innerJoin(district, eq(district.id, retailers.districtId))
    .where(sql`${retailers.licenceNo} = any(${`{${licences.join(',')}}`}::text[])`);
}
export type StoredRetailer = Awaited<ReturnType<typeof selectByLicence>>[number];

/**
 * The retailers holding these licence numbers, with their district's company. Inside the commit's transaction
 * they are locked (`for update`), so the before → after in the audit is exactly what the update replaced.
 */
export async function findRetailersByLicence(db: Handle, licences: readonly string[], lock: boolean) {
  const rows: StoredRetailer[] = [];
  for (let start = 0; start < licences.length; start += 10_000) {
    const query = selectByLicence(db, licences.slice(start, start + 10_000));
    rows.push(...(await (lock ? query.for('update', { of: retailers }) : query)));
  }
  return rows;
}

/** A retailer as written: its values, district, manager and search pinyin. */
export interface RetailerWrite extends RetailerValues {
  districtId: number;
  managerId: number | null;
  searchPinyin: string;
}

/**
 * The columns written, with their SQL types: each travels as one array parameter of that type, `unnest`ed in SQL.
 * (`closed_weekdays`, itself an array, travels as the text of each row's array: `unnest` cannot take ragged rows.)
 */
const writeColumns: [keyof RetailerWrite, string, string][] = [
  ['districtId', 'district_id', 'int'],
  ['managerId', 'manager_id', 'int'],
  ['licenceNo', 'licence_no', 'text'],
  ['shopName', 'shop_name', 'text'],
  ['ownerName', 'owner_name', 'text'],
  ['phone', 'phone', 'text'],
  ['address', 'address', 'text'],
  ['businessFormat', 'business_format', 'text'],
  ['tier', 'tier', 'smallint'],
  ['status', 'status', 'text'],
  ['countyCode', 'county_code', 'text'],
  ['townCode', 'town_code', 'text'],
  ['lat', 'lat', 'float8'],
  ['lng', 'lng', 'float8'],
  ['opensAt', 'opens_at', 'smallint'],
  ['closesAt', 'closes_at', 'smallint'],
  ['orderWeekday', 'order_weekday', 'smallint'],
  ['businessScope', 'business_scope', 'text'],
  ['orderMethod', 'order_method', 'text'],
  ['orderFrequency', 'order_frequency', 'text'],
  ['visitBatch', 'visit_batch', 'smallint'],
  ['closedWeekdays', 'closed_weekdays', 'smallint[]'],
  ['licenceType', 'licence_type', 'text'],
  ['licenceValidFrom', 'licence_valid_from', 'date'],
  ['licenceValidTo', 'licence_valid_to', 'date'],
  ['creditGrade', 'credit_grade', 'text'],
  ['isModelShop', 'is_model_shop', 'boolean'],
  ['minorsNoticePosted', 'minors_notice_posted', 'boolean'],
  ['nearSchool', 'near_school', 'boolean'],
  ['bestVisitFrom', 'best_visit_from', 'smallint'],
  ['bestVisitTo', 'best_visit_to', 'smallint'],
  ['notes', 'notes', 'text'],
  ['searchPinyin', 'search_pinyin', 'text'],
];

/**
 * A PostgreSQL array literal of `values` (one dimension): each element quoted (backslash and double quote
 * escaped), null as NULL. Passed as one text parameter and cast to the column's array type: the server reads it
 * with the type's own input function, about a tenth of what unpacking the same rows from one JSON document costs
 * it (jsonb_to_recordset: ~0.5 s of the database's CPU per 5,000 retailers against ~0.05 s).
 */
export function arrayLiteral(values: readonly (string | number | boolean | null | undefined)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) parts[i] = 'NULL';
    else if (typeof value === 'string') parts[i] = `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    else parts[i] = String(value);
  }
  return `{${parts.join(',')}}`;
}

/** The written columns of `rows` (plus `extra`), unnested into rows `x`: one array parameter per column. */
function unnested(rows: readonly RetailerWrite[], extra: [string, string, readonly number[]][] = []) {
  const arrays = writeColumns.map(([key, column, type]) => {
    const values =
      key === 'closedWeekdays'
        ? rows.map((row) => `{${row.closedWeekdays.join(',')}}`)
        : rows.map((row) => row[key] as string | number | boolean | null);
    // smallint[] rows travel as text, cast one by one in the select list (`columnValues`).
    const arrayType = type === 'smallint[]' ? 'text' : type;
    return { column, sql: sql`${arrayLiteral(values)}::${sql.raw(arrayType)}[]` };
  });
  const extras = extra.map(([column, type, values]) => ({
    column,
    sql: sql`${arrayLiteral(values)}::${sql.raw(type)}[]`,
  }));
  const all = [...extras, ...arrays];
  return sql`unnest(${sql.join(
    all.map((a) => a.sql),
    sql`, `,
  )}) as x(${sql.raw(all.map((a) => a.column).join(', '))})`;
}
const columnList = () => sql.raw(writeColumns.map(([, column]) => column).join(', '));
/** The select list over `x`, with each row's closed weekdays cast from text to smallint[]. */
const columnValues = () =>
  sql.raw(
    writeColumns
      .map(([, column, type]) => (type === 'smallint[]' ? `x.${column}::smallint[]` : `x.${column}`))
      .join(', '),
  );

/** Inserts new retailers in one statement; returns their ids by licence number. */
export async function insertRetailers(tx: Tx, rows: readonly RetailerWrite[]) {
  if (rows.length === 0) return new Map<string, number>();
  const result = await tx.execute<{ id: number; licence_no: string }>(sql`
    insert into retailers (${columnList()})
    select ${columnValues()} from ${unnested(rows)}
    returning id, licence_no`);
  return new Map(result.rows.map((row) => [row.licence_no, Number(row.id)]));
}

/** Updates existing retailers (every written column) in one statement, bumping each one's version. */
export async function updateRetailers(tx: Tx, rows: readonly (RetailerWrite & { id: number })[], at: Date) {
  if (rows.length === 0) return 0;
  const assignments = sql.raw(
    writeColumns
      .filter(([key]) => key !== 'licenceNo')
      .map(([, column, type]) => `${column} = x.${column}${type === 'smallint[]' ? '::smallint[]' : ''}`)
      .join(', '),
  );
  const result = await tx.execute(sql`
    update retailers r set ${assignments}, version = r.version + 1, updated_at = ${at}
    from ${unnested(rows, [['id', 'int', rows.map((row) => row.id)]])}
    where r.id = x.id`);
  return result.rowCount ?? 0;
}

export interface AuditRow {
  entityType: string;
  entityId: string;
  action: string;
  districtId: number | null;
  before: unknown;
  after: unknown;
}

/** JSON text of each value (null stays NULL), for a jsonb column fed through an array parameter. */
const jsonTexts = (values: readonly unknown[]) =>
  values.map((value) => (value === null || value === undefined ? null : JSON.stringify(value)));

/**
 * Many audit rows in one statement, in the command's transaction (the same rule as recordAudit, which writes
 * one row per call: a 30,000-row import cannot afford 30,000 round trips).
 */
export async function insertAudits(
  tx: Tx,
  context: { actorId: number; actorRole: string; at: Date; requestId: string },
  rows: readonly AuditRow[],
) {
  for (let start = 0; start < rows.length; start += 5000) {
    const chunk = rows.slice(start, start + 5000);
    await tx.execute(sql`
      insert into audit_log (occurred_at, actor_user_id, actor_role, district_id, entity_type, entity_id, action,
                             before, after, request_id)
      select ${context.at}, ${context.actorId}, ${context.actorRole}, x.district_id, x.entity_type, x.entity_id,
             x.action, x.before::jsonb, x.after::jsonb, ${context.requestId}
      from unnest(${arrayLiteral(chunk.map((r) => r.entityType))}::text[],
                  ${arrayLiteral(chunk.map((r) => r.entityId))}::text[],
                  ${arrayLiteral(chunk.map((r) => r.action))}::text[],
                  ${arrayLiteral(chunk.map((r) => r.districtId))}::int[],
                  ${arrayLiteral(jsonTexts(chunk.map((r) => r.before)))}::text[],
                  ${arrayLiteral(jsonTexts(chunk.map((r) => r.after)))}::text[])
        as x(entity_type, entity_id, action, district_id, before, after)`);
  }
}

export interface TimelineRow {
  retailerId: number;
  districtId: number;
  kind: string;
  data: Record<string, unknown>;
}

/** Many timeline events in one statement (what appendTimelineEvent does for one). */
export async function insertTimelineEvents(
  tx: Tx,
  context: { actorId: number; at: Date; sourceType: string; sourceId: string },
  rows: readonly TimelineRow[],
) {
  for (let start = 0; start < rows.length; start += 5000) {
    const chunk = rows.slice(start, start + 5000);
    await tx.execute(sql`
      insert into timeline_events (retailer_id, district_id, occurred_at, kind, actor_user_id, source_type, source_id,
                                   data)
      select x.retailer_id, x.district_id, ${context.at}, x.kind, ${context.actorId}, ${context.sourceType},
             ${context.sourceId}, x.data::jsonb
      from unnest(${arrayLiteral(chunk.map((r) => r.retailerId))}::int[],
                  ${arrayLiteral(chunk.map((r) => r.districtId))}::int[],
                  ${arrayLiteral(chunk.map((r) => r.kind))}::text[],
                  ${arrayLiteral(jsonTexts(chunk.map((r) => r.data)))}::text[])
        as x(retailer_id, district_id, kind, data)`);
  }
}

// Import runs: progress kept outside the import's transaction, so a poll sees it while the upload is answered.

export async function createImportRun(
  db: Db,
  values: { key: string; userId: number; fileName: string; dryRun: boolean },
): Promise<number | null> {
  const [row] = await db
    .insert(importRuns)
    .values({ key: values.key, createdByUserId: values.userId, fileName: values.fileName, dryRun: values.dryRun })
    .onConflictDoNothing({ target: importRuns.key })
    .returning({ id: importRuns.id });
  return row?.id ?? null;
}

export async function updateImportRun(
  db: Db,
  id: number,
  values: Partial<
    Pick<
      typeof importRuns.$inferInsert,
      'status' | 'totalRows' | 'processedRows' | 'createdCount' | 'updatedCount' | 'errorCount' | 'finishedAt'
    >
  >,
) {
  await db.update(importRuns).set(values).where(eq(importRuns.id, id));
}

export async function findImportRun(db: Db, key: string, where: SQL | undefined) {
  const [row] = await db
    .select({
      key: importRuns.key,
      dryRun: importRuns.dryRun,
      fileName: importRuns.fileName,
      status: importRuns.status,
      totalRows: importRuns.totalRows,
      processedRows: importRuns.processedRows,
      createdCount: importRuns.createdCount,
      updatedCount: importRuns.updatedCount,
      errorCount: importRuns.errorCount,
      createdAt: importRuns.createdAt,
      finishedAt: importRuns.finishedAt,
    })
    .from(importRuns)
    .where(and(eq(importRuns.key, key), where))
    .limit(1);
  return row;
}

export const importRunOwner = (userId: number) => eq(importRuns.createdByUserId, userId);
