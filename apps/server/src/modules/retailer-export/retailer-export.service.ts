import { PassThrough, Readable } from 'node:stream';
import { type Locale, type RetailerExportQuery, type RetailerImportField, retailerImportFields } from '@siyi/contracts';
import { stringify } from 'csv-stringify/sync';
import { and, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { retailerScope } from '../access/data-scope';
import { type ExportRecord, escapeCell, fieldSpecs, xmlSafe } from '../retailer-import/import-columns';
import { retailerFilterConditions, shanghaiToday } from '../retailers/retailer-filter-sql';
import { type ExportCursor, findExportPage, inCompany } from './retailer-export.repository';

export interface ExportDeps {
  db: Db;
}

/** CRLF line ends, as Excel writes and expects them. */
const CSV = { record_delimiter: 'windows', quoted_match: /[\r\n]/u } as const;

/** Rows read per query while streaming. */
const PAGE = 2000;

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Readable;
}

/** The header row in the caller's language: the same names an import recognises. */
export function exportHeaders(locale: Locale): string[] {
  return retailerImportFields.map((field) => fieldSpecs[field].header[locale]);
}

/** One retailer as cells, every text cell escaped against formula injection. */
export function exportCells(record: ExportRecord, locale: Locale): (string | number)[] {
  return retailerImportFields.map((field: RetailerImportField) => escapeCell(fieldSpecs[field].format(record, locale)));
}

/**
 * The filtered list in the caller's scope, streamed page by page (keyset, the list's order), never held whole.
 * CSV starts with a UTF-8 BOM so Excel reads the Chinese; XLSX keeps licence numbers and phones as text.
 */
export function exportRetailers(
  deps: ExportDeps,
  actor: Actor,
  query: RetailerExportQuery,
  locale: Locale,
  log: FastifyBaseLogger,
  now: Date,
): ExportFile {
  assertCan(actor, 'retailer.export');
  const { format, lang: _lang, businessFormat, ...rest } = query;
  // The list's own filter → SQL builder, so the file holds exactly what the filtered list shows.
  const conditions = retailerFilterConditions({ ...rest, format: businessFormat }, shanghaiToday(now));
  // An admin exports the company's retailers: the ones an import by the same admin may write back.
  const scope =
    actor.role === 'admin'
      ? (and(retailerScope(actor), inCompany(actor.orgUnitId)) ?? sql`true`)
      : retailerScope(actor);
  async function* records() {
    let cursor: ExportCursor | null = null;
    for (;;) {
      const page = await findExportPage(deps.db, [scope, ...conditions], cursor, PAGE);
      for (const row of page) yield row satisfies ExportRecord;
      const last = page.at(-1);
      if (!last || page.length < PAGE) return;
      cursor = { shopName: last.shopName, id: last.id };
    }
  }
  const stamp = now.toISOString().slice(0, 10);
  const base = locale === 'en' ? `retailers-${stamp}` : `零售户-${stamp}`;

  if (format === 'csv') {
    async function* csv() {
      yield `\uFEFF${stringify([exportHeaders(locale)], CSV)}`;
      let batch: (string | number)[][] = [];
      for await (const record of records()) {
        batch.push(exportCells(record, locale));
        if (batch.length === PAGE) {
          yield stringify(batch, CSV);
          batch = [];
        }
      }
      if (batch.length > 0) yield stringify(batch, CSV);
    }
    return { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: Readable.from(csv()) };
  }

  const body = new PassThrough();
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: body,
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = workbook.addWorksheet(locale === 'en' ? 'Retailers' : '零售户');
    sheet.addRow(exportHeaders(locale)).commit();
    for await (const record of records()) sheet.addRow(exportCells(record, locale).map(xmlSafe)).commit();
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    log.error({ err: error }, 'retailer export failed while streaming');
    body.destroy(error instanceof Error ? error : new Error('export failed'));
  });
  return {
    fileName: `${base}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body,
  };
}
