import { randomUUID } from 'node:crypto';
import { channel } from 'node:diagnostics_channel';
import type {
  ImportRowError,
  ImportRunProgress,
  Locale,
  RetailerImportField,
  RetailerImportReport,
} from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { isUniqueViolation } from '../../lib/pg-errors';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { retailerSearchPinyin } from '../retailers/retailer-pinyin';
import { fieldByHeader, fieldSpecs, normaliseHeader, type RetailerValues, unescapeCell } from './import-columns';
import { FORMULA, type ImportTable, readImportFile } from './import-file';
import { type RowMessage, rowMessage } from './import-messages';
import * as repo from './retailer-import.repository';

export interface ImportDeps {
  db: Db;
  clock: Clock;
}

export interface ImportInput {
  bytes: Buffer;
  fileName: string;
  dryRun: boolean;
  key?: string | undefined;
  locale: Locale;
  requestId: string;
}

/** The report lists this many errors at most; `errorCount` counts them all. */
const MAX_LISTED_ERRORS = 10_000;
/** Rows per write statement. */
const BATCH = 5000;

/**
 * A planned write's search_pinyin before it is computed (retailerSearchPinyin never returns an empty string: its
 * four lines are joined by newlines). The plans leave it so; the commit computes it batch by batch (`writeBatches`).
 */
const PINYIN_TO_COMPUTE = '';

/**
 * Where an import's time goes, phase by phase (`{ phase, ms }`): published only while someone listens (the import
 * bench, a profiling session), so an ordinary import pays nothing for it.
 */
export const importPhaseChannel = channel('siyi:retailer-import:phase');

export interface ImportPhaseTime {
  phase: string;
  /** Wall time. */
  ms: number;
  /** The process's CPU meanwhile (every thread: GC included; a statement's own part is the database's). */
  cpuMs: number;
}

/** Starts a stopwatch for `phase`; calling the result publishes the time, if anyone listens. */
function stopwatch(phase: string): () => void {
  if (!importPhaseChannel.hasSubscribers) return () => {};
  const started = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    const time: ImportPhaseTime = { phase, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
    importPhaseChannel.publish(time);
  };
}

/** Runs `work`, publishing its time under `phase` when the channel has subscribers. */
async function timed<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
  const stop = stopwatch(phase);
  try {
    return await work();
  } finally {
    stop();
  }
}

/** A problem found in a row, before it is put in the caller's language. */
interface Problem {
  row: number;
  field: RetailerImportField | null;
  message: RowMessage;
}

interface ParsedRow {
  row: number;
  values: Partial<RetailerValues>;
  district: string | undefined;
  manager: string | null | undefined;
}

/** Reads the header row: which column fills which field; unknown headers are reported and skipped. */
function mapHeaders(headers: string[]) {
  const columns: { index: number; header: string; field: RetailerImportField }[] = [];
  const ignored: string[] = [];
  const seen = new Map<RetailerImportField, string>();
  headers.forEach((header, index) => {
    if (header === '') return;
    const field = fieldByHeader.get(normaliseHeader(header));
    if (!field) {
      ignored.push(header);
      return;
    }
    const other = seen.get(field);
    if (other !== undefined) {
      throw new AppError('VALIDATION_FAILED', {
        file: { key: 'import.duplicateColumn', params: { header, other } },
      });
    }
    seen.set(field, header);
    columns.push({ index, header, field });
  });
  if (!seen.has('licenceNo')) throw new AppError('VALIDATION_FAILED', { file: 'import.noLicenceColumn' });
  return { columns, ignored, headerOf: seen };
}

/** Each row's cells through its column's parser; problems are collected, never thrown. */
function parseRows(table: ImportTable, columns: ReturnType<typeof mapHeaders>['columns'], problems: Problem[]) {
  const parsed: ParsedRow[] = [];
  for (const { row, cells } of table.rows) {
    const out: ParsedRow = { row, values: {}, district: undefined, manager: undefined };
    let bad = false;
    for (const { index, field } of columns) {
      const cell = cells[index] ?? '';
      if (cell === FORMULA) {
        problems.push({ row, field, message: { key: 'formulaCell' } });
        bad = true;
        continue;
      }
      if (cell.startsWith('=')) {
        problems.push({ row, field, message: { key: 'formula' } });
        bad = true;
        continue;
      }
      const result = fieldSpecs[field].parse(unescapeCell(cell));
      if (!result.ok) {
        problems.push({ row, field, message: result.message });
        bad = true;
        continue;
      }
      Object.assign(out.values, result.values);
      if (field === 'district') out.district = result.reference || undefined;
      if (field === 'manager') out.manager = result.reference ?? null;
    }
    if (!bad) parsed.push(out);
  }
  return parsed;
}

const comparable: (keyof RetailerValues | 'districtId' | 'managerId')[] = [
  'districtId',
  'managerId',
  'shopName',
  'ownerName',
  'phone',
  'address',
  'businessFormat',
  'tier',
  'status',
  'countyCode',
  'townCode',
  'lat',
  'lng',
  'opensAt',
  'closesAt',
  'orderWeekday',
  'businessScope',
  'orderMethod',
  'orderFrequency',
  'visitBatch',
  'closedWeekdays',
  'licenceType',
  'licenceValidFrom',
  'licenceValidTo',
  'creditGrade',
  'isModelShop',
  'minorsNoticePosted',
  'nearSchool',
  'bestVisitFrom',
  'bestVisitTo',
  'notes',
];
const same = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? a.join(',') === b.join(',') : (a ?? null) === (b ?? null);

interface Plan {
  creates: repo.RetailerWrite[];
  updates: { write: repo.RetailerWrite & { id: number }; before: Record<string, unknown>; changed: string[] }[];
  unchanged: number;
}

/**
 * Decides, row by row, what the file does to the database: create (licence unknown), update (licence known, in
 * the admin's company) or nothing (same values). Districts and managers are found by name or code within the
 * admin's company only. Runs on the pool for a dry run and inside the transaction (rows locked) for a commit.
 */
async function planImport(
  handle: Db | Tx,
  actor: Actor,
  rows: ParsedRow[],
  presentFields: Set<RetailerImportField>,
  problems: Problem[],
  options: { lock: boolean; phase: string },
): Promise<Plan> {
  const districts = await repo.findCompanyDistricts(handle, actor.orgUnitId);
  const districtByName = new Map<string, (typeof districts)[number]>();
  for (const d of districts) {
    districtByName.set(d.code.normalize('NFKC'), d);
    districtByName.set(d.name.normalize('NFKC'), d);
  }
  const managers = await repo.findManagers(
    handle,
    districts.map((d) => d.id),
  );
  const managersByName = new Map<string, (typeof managers)[number][]>();
  for (const m of managers) {
    for (const name of new Set([m.username, m.displayName.normalize('NFKC')])) {
      managersByName.set(name, [...(managersByName.get(name) ?? []), m]);
    }
  }
  const districtName = new Map(districts.map((d) => [d.id, d.name]));

  // Duplicate licence numbers: the first row wins, every later one is reported.
  const firstRow = new Map<string, number>();
  const unique: ParsedRow[] = [];
  for (const row of rows) {
    const licence = row.values.licenceNo as string;
    const first = firstRow.get(licence);
    if (first !== undefined) {
      problems.push({
        row: row.row,
        field: 'licenceNo',
        message: { key: 'duplicateLicence', params: { licence, first } },
      });
    } else {
      firstRow.set(licence, row.row);
      unique.push(row);
    }
  }

  const stored = await timed(`${options.phase}: stored retailers by licence`, () =>
    repo.findRetailersByLicence(
      handle,
      unique.map((r) => r.values.licenceNo as string),
      options.lock,
    ),
  );
  const resolved = stopwatch(`${options.phase}: rows resolved and compared`);
  const storedByLicence = new Map(stored.map((s) => [s.licenceNo, s]));
  const missingColumns = (Object.keys(fieldSpecs) as RetailerImportField[]).filter(
    (f) => fieldSpecs[f].requiredOnCreate && !presentFields.has(f),
  );

  const plan: Plan = { creates: [], updates: [], unchanged: 0 };
  for (const row of unique) {
    const licence = row.values.licenceNo as string;
    const existing = storedByLicence.get(licence);
    const report = (field: RetailerImportField | null, message: RowMessage) =>
      problems.push({ row: row.row, field, message });

    if (existing && existing.companyId !== actor.orgUnitId) {
      report('licenceNo', { key: 'otherCompany', params: { licence } });
      continue;
    }
    if (!existing && missingColumns.length > 0) {
      for (const field of missingColumns) report(null, { key: 'requiredColumn', params: { field } });
      continue;
    }

    let districtId = existing?.districtId;
    if (row.district !== undefined) {
      const found = districtByName.get(row.district.normalize('NFKC'));
      if (!found) {
        report('district', { key: 'districtUnknown', params: { value: row.district } });
        continue;
      }
      districtId = found.id;
    }
    let managerId = existing?.managerId ?? null;
    let managerLabel = '';
    if (row.manager !== undefined) {
      managerId = null;
      if (row.manager !== null) {
        const name = row.manager.normalize('NFKC');
        const inBrackets = /[(（]([^()（）]+)[)）]\s*$/u.exec(name)?.[1];
        const candidates = managersByName.get(name) ?? (inBrackets ? managersByName.get(inBrackets) : undefined) ?? [];
        if (candidates.length === 0) {
          report('manager', { key: 'managerUnknown', params: { value: row.manager } });
          continue;
        }
        if (candidates.length > 1) {
          report('manager', { key: 'managerAmbiguous', params: { value: row.manager } });
          continue;
        }
        const manager = candidates[0] as (typeof managers)[number];
        managerId = manager.id;
        managerLabel = row.manager;
        // A new retailer without a district joins its manager's.
        districtId ??= manager.districtId;
        if (manager.districtId !== districtId) {
          report('manager', {
            key: 'managerDistrict',
            params: { manager: row.manager, district: districtName.get(districtId) ?? '' },
          });
          continue;
        }
      }
    }
    if (districtId === undefined) {
      report(presentFields.has('district') ? 'district' : null, { key: 'districtRequired' });
      continue;
    }
    if (managerId !== null && row.manager === undefined && existing && districtId !== existing.districtId) {
      // Moved to another district by the file, while its manager (not in the file) stays in the old one.
      report('district', {
        key: 'managerDistrict',
        params: { manager: managerLabel || String(managerId), district: districtName.get(districtId) ?? '' },
      });
      continue;
    }

    // Copied with Object.assign rather than object spread: V8 spread these 30-odd fields at ~25 µs a row, a
    // second of CPU for 30,000 rows in every plan (a commit plans twice); assigning costs a tenth of that.
    const base: Omit<RetailerValues, 'licenceNo'> = existing
      ? Object.assign({}, existing, {
          townCode: existing.townCode,
          licenceValidFrom: existing.licenceValidFrom,
          licenceValidTo: existing.licenceValidTo,
          creditGrade: existing.creditGrade,
        })
      : {
          // Defaults of a new retailer: the table's own, and the county from the licence's first six digits.
          countyCode: licence.slice(0, 6),
          townCode: null,
          status: 'active',
          businessScope: '',
          orderMethod: 'online',
          orderFrequency: 'weekly',
          visitBatch: null,
          closedWeekdays: [],
          licenceType: 'regular',
          licenceValidFrom: null,
          licenceValidTo: null,
          creditGrade: null,
          isModelShop: false,
          minorsNoticePosted: false,
          nearSchool: false,
          bestVisitFrom: null,
          bestVisitTo: null,
          notes: '',
          // Required on create, so always in `row.values` for a new retailer.
          shopName: '',
          ownerName: '',
          phone: '',
          address: '',
          businessFormat: 'other',
          tier: 1,
          lat: 0,
          lng: 0,
          opensAt: 0,
          closesAt: 0,
          orderWeekday: 1,
        };
    // `base` is this row's own object: filled in place.
    const merged = Object.assign(base, row.values, { licenceNo: licence, districtId, managerId });
    if (merged.licenceValidFrom && merged.licenceValidTo && merged.licenceValidTo < merged.licenceValidFrom) {
      report(presentFields.has('licenceValidTo') ? 'licenceValidTo' : 'licenceValidFrom', { key: 'dateOrder' });
      continue;
    }

    const write: repo.RetailerWrite = {
      licenceNo: licence,
      districtId,
      managerId,
      shopName: merged.shopName,
      ownerName: merged.ownerName,
      phone: merged.phone,
      address: merged.address,
      businessFormat: merged.businessFormat,
      tier: merged.tier,
      status: merged.status,
      countyCode: merged.countyCode,
      townCode: merged.townCode,
      lat: merged.lat,
      lng: merged.lng,
      opensAt: merged.opensAt,
      closesAt: merged.closesAt,
      orderWeekday: merged.orderWeekday,
      businessScope: merged.businessScope,
      orderMethod: merged.orderMethod,
      orderFrequency: merged.orderFrequency,
      visitBatch: merged.visitBatch,
      closedWeekdays: merged.closedWeekdays,
      licenceType: merged.licenceType,
      licenceValidFrom: merged.licenceValidFrom,
      licenceValidTo: merged.licenceValidTo,
      creditGrade: merged.creditGrade,
      isModelShop: merged.isModelShop,
      minorsNoticePosted: merged.minorsNoticePosted,
      nearSchool: merged.nearSchool,
      bestVisitFrom: merged.bestVisitFrom,
      bestVisitTo: merged.bestVisitTo,
      notes: merged.notes,
      searchPinyin: existing?.searchPinyin ?? '',
    };
    if (!existing) {
      write.searchPinyin = PINYIN_TO_COMPUTE;
      plan.creates.push(write);
      continue;
    }
    const changed = comparable.filter((key) => !same(existing[key], write[key]));
    if (changed.length === 0) {
      plan.unchanged += 1;
      continue;
    }
    if (changed.some((k) => k === 'shopName' || k === 'ownerName' || k === 'address') || !existing.searchPinyin) {
      write.searchPinyin = PINYIN_TO_COMPUTE;
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of changed) {
      before[key] = existing[key];
      after[key] = write[key];
    }
    plan.updates.push({ write: Object.assign(write, { id: existing.id }), before, changed });
  }
  resolved();
  return plan;
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += BATCH) out.push(rows.slice(start, start + BATCH));
  return out;
}

/**
 * Runs the write statements one after another and computes each batch's search pinyin (pinyin-pro: about a third
 * of a millisecond a retailer on a busy machine, 30,000 of them ten seconds) while the database is still writing
 * the batch before: the app's CPU and the database's overlap instead of adding up. A file naming one shop twice
 * computes it once.
 */
async function writeBatches(batches: { rows: repo.RetailerWrite[]; write: () => Promise<void> }[]) {
  const cache = new Map<string, string>();
  let inFlight: Promise<void> | undefined;
  for (const { rows, write } of batches) {
    const computed = stopwatch('commit: search pinyin');
    for (const row of rows) {
      if (row.searchPinyin !== PINYIN_TO_COMPUTE) continue;
      const key = `${row.shopName}\n${row.ownerName}\n${row.address}`;
      let value = cache.get(key);
      if (value === undefined) {
        value = retailerSearchPinyin(row);
        cache.set(key, value);
      }
      row.searchPinyin = value;
    }
    computed();
    // Nothing awaits between starting a statement and the next iteration's `await`, so its failure is never left
    // unhandled.
    await inFlight;
    inFlight = write();
  }
  await inFlight;
}

/** Problems in the caller's language, in file order, each naming its column by the file's own header. */
function describe(problems: Problem[], headerOf: Map<RetailerImportField, string>, locale: Locale): ImportRowError[] {
  return problems
    .sort((a, b) => a.row - b.row)
    .slice(0, MAX_LISTED_ERRORS)
    .map((p) => {
      const params = p.message.params;
      // A missing column is named as the export would head it, in the caller's language.
      const message =
        p.message.key === 'requiredColumn' && params
          ? rowMessage(
              {
                key: 'requiredColumn',
                params: { column: fieldSpecs[params.field as RetailerImportField].header[locale] },
              },
              locale,
            )
          : rowMessage(p.message, locale);
      return {
        row: p.row,
        column: p.field ? (headerOf.get(p.field) ?? fieldSpecs[p.field].header[locale]) : '',
        message,
      };
    });
}

/**
 * Checks a file of retailers and, unless it is a dry run, writes it: every row or none, in one transaction, with
 * bulk statements (never a round trip per row), versions bumped, the search pinyin set, one audit entry for the
 * import (counts and the ids created) and one per retailer changed (before → after), and a timeline event on each. Progress goes to
 * `import_runs` under the client's key, outside the transaction, so the client can poll it meanwhile.
 */
export async function importRetailers(
  deps: ImportDeps,
  actor: Actor,
  input: ImportInput,
): Promise<RetailerImportReport> {
  assertCan(actor, 'retailer.import');
  const started = Date.now();
  const key = input.key ?? randomUUID();
  const runId = await repo.createImportRun(deps.db, {
    key,
    userId: actor.id,
    fileName: input.fileName,
    dryRun: input.dryRun,
  });
  if (runId === null) throw new AppError('VALIDATION_FAILED', { key: 'import.keyTaken' });

  try {
    const table = await timed('file read (csv-parse / exceljs)', () => readImportFile(input.bytes));
    const total = table.rows.length;
    // Progress in row units: a dry run's checking is the whole bar; a commit's checking the first half of it.
    const share = input.dryRun ? 1 : 0.5;
    await timed('progress updates', () => repo.updateImportRun(deps.db, runId, { totalRows: total }));
    const { columns, ignored, headerOf } = mapHeaders(table.headers);
    const problems: Problem[] = [];
    const parsed = await timed('cells parsed and checked', () => parseRows(table, columns, problems));
    const present = new Set(columns.map((c) => c.field));

    const dryPlan = await timed('check: plan', () =>
      planImport(deps.db, actor, parsed, present, problems, { lock: false, phase: 'check' }),
    );
    await timed('progress updates', () =>
      repo.updateImportRun(deps.db, runId, { processedRows: Math.round(total * share) }),
    );
    const errorCount = problems.length;
    const report = (plan: Plan, committed: boolean): RetailerImportReport => ({
      key,
      dryRun: input.dryRun,
      committed,
      fileName: input.fileName,
      format: table.format,
      encoding: table.encoding,
      totalRows: total,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      errors: describe(problems, headerOf, input.locale),
      errorCount,
      columns: columns.map(({ header, field }) => ({ header, field })),
      ignoredColumns: ignored,
      elapsedMs: Date.now() - started,
    });

    if (input.dryRun || errorCount > 0) {
      await timed('progress updates', () =>
        repo.updateImportRun(deps.db, runId, {
          status: 'done',
          processedRows: total,
          createdCount: dryPlan.creates.length,
          updatedCount: dryPlan.updates.length,
          errorCount,
          finishedAt: deps.clock.now(),
        }),
      );
      return timed('report', () => report(dryPlan, false));
    }

    const at = deps.clock.now();
    const plan = await timed('commit: transaction (all of it)', () =>
      inTransaction(deps.db, async (tx) => {
        // Planned again on locked rows: what changed since the check above is what gets written and audited.
        const lockedProblems: Problem[] = [];
        // A bulk insert fills the two trigram (GIN) indexes' pending lists rather than merging into them row by row;
        // autovacuum merges them afterwards.
        await tx.execute(sql`set local gin_pending_list_limit = '64MB'`);
        const locked = await timed('commit: plan on locked rows', () =>
          planImport(tx, actor, parsed, present, lockedProblems, { lock: true, phase: 'commit' }),
        );
        if (lockedProblems.length > 0) {
          problems.push(...lockedProblems);
          return null;
        }
        const writes = locked.creates.length + locked.updates.length;
        let written = 0;
        const progress = () =>
          timed('progress updates', () =>
            repo.updateImportRun(deps.db, runId, {
              processedRows: Math.round(total / 2 + (writes === 0 ? total / 2 : (written / writes) * (total / 2))),
            }),
          );
        const createdIds = new Map<string, number>();
        await writeBatches([
          ...chunks(locked.creates).map((rows) => ({
            rows,
            write: async () => {
              const ids = await timed('commit: retailers inserted', () => repo.insertRetailers(tx, rows));
              for (const [licence, id] of ids) createdIds.set(licence, id);
              written += rows.length;
              await progress();
            },
          })),
          ...chunks(locked.updates.map((u) => u.write)).map((rows) => ({
            rows,
            write: async () => {
              await timed('commit: retailers updated', () => repo.updateRetailers(tx, rows, at));
              written += rows.length;
              await progress();
            },
          })),
        ]);

        const context = { actorId: actor.id, actorRole: actor.role, at, requestId: input.requestId };
        const idOf = (licence: string) => createdIds.get(licence) as number;
        const audits = [
          {
            entityType: 'retailer_import',
            entityId: key,
            action: 'retailer.import',
            districtId: null,
            before: null,
            after: {
              fileName: input.fileName,
              format: table.format,
              totalRows: total,
              created: locked.creates.length,
              updated: locked.updates.length,
              unchanged: locked.unchanged,
              // Creations are audited here, by id (each also has its timeline event); updates have their own rows.
              createdRetailerIds: locked.creates.map((c) => idOf(c.licenceNo)),
            },
          },
          ...locked.updates.map((u) => ({
            entityType: 'retailer',
            entityId: String(u.write.id),
            action: 'retailer.import.update',
            districtId: u.write.districtId,
            before: u.before,
            after: Object.fromEntries(u.changed.map((k) => [k, u.write[k as keyof repo.RetailerWrite]])),
          })),
        ];
        await timed('commit: audit rows', () => repo.insertAudits(tx, context, audits));
        const events = [
          ...locked.creates.map((c) => ({
            retailerId: idOf(c.licenceNo),
            districtId: c.districtId,
            kind: 'profile.created',
            data: { source: 'import', fileName: input.fileName },
          })),
          ...locked.updates.map((u) => ({
            retailerId: u.write.id,
            districtId: u.write.districtId,
            kind: 'profile.updated',
            data: { source: 'import', fileName: input.fileName, fields: u.changed },
          })),
        ];
        await timed('commit: timeline rows', () =>
          repo.insertTimelineEvents(
            tx,
            { actorId: actor.id, at, sourceType: 'retailer_import', sourceId: key },
            events,
          ),
        );
        return locked;
      }),
    );

    const outcome = plan ?? dryPlan;
    await timed('progress updates', () =>
      repo.updateImportRun(deps.db, runId, {
        status: 'done',
        processedRows: total,
        createdCount: plan ? plan.creates.length : 0,
        updatedCount: plan ? plan.updates.length : 0,
        errorCount: problems.length,
        finishedAt: deps.clock.now(),
      }),
    );
    return timed('report', () => ({ ...report(outcome, plan !== null), errorCount: problems.length }));
  } catch (error) {
    await repo
      .updateImportRun(deps.db, runId, { status: 'failed', finishedAt: deps.clock.now() })
      .catch(() => undefined);
    if (isUniqueViolation(error)) throw new AppError('CONFLICT');
    throw error;
  }
}

export async function getImportProgress(deps: ImportDeps, actor: Actor, key: string): Promise<ImportRunProgress> {
  assertCan(actor, 'retailer.import');
  // Only the one who started an import sees its progress.
  const run = await repo.findImportRun(deps.db, key, repo.importRunOwner(actor.id));
  if (!run) throw notFound();
  return {
    ...run,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
  };
}
