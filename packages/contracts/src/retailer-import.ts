import { z } from 'zod';
import { Locale } from './common';
import { BusinessFormat, RetailerListQuery } from './retailers';

/**
 * The columns an import understands and an export writes, in the export's order. Headers are recognised in
 * Chinese and English (apps/server/src/modules/retailer-import/import-columns.ts holds the aliases).
 */
export const retailerImportFields = [
  'licenceNo',
  'shopName',
  'ownerName',
  'phone',
  'address',
  'businessFormat',
  'tier',
  'status',
  'district',
  'manager',
  'countyCode',
  'townCode',
  'lat',
  'lng',
  'openingHours',
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
  'bestVisitHours',
  'notes',
] as const;
export const RetailerImportField = z.enum(retailerImportFields);
export type RetailerImportField = z.infer<typeof RetailerImportField>;

/** A client-chosen key (a UUID) under which the import's progress can be polled while the upload is answered. */
export const ImportKey = z.uuid();

export const RetailerImportQuery = z.object({
  /** true (the default): check the file and report what would happen, writing nothing. */
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  key: ImportKey.optional(),
});
export type RetailerImportQuery = z.infer<typeof RetailerImportQuery>;

export const ImportKeyParams = z.object({ key: ImportKey });

/** One problem in one cell (or one row when `column` is empty): row numbers as in the file, the header is row 1. */
export const ImportRowError = z.object({
  row: z.number().int(),
  /** The column's header as written in the file; empty when the problem is the whole row. */
  column: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const RetailerImportReport = z.object({
  key: z.string(),
  dryRun: z.boolean(),
  /** True only when the rows were written; a file with any error writes nothing. */
  committed: z.boolean(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  /** The text encoding a CSV was read in (utf-8, gb18030…); null for XLSX. */
  encoding: z.string().nullable(),
  /** Data rows (blank rows left out). */
  totalRows: z.number().int(),
  /** Retailers created (or, in a dry run, that would be), matched by licence number. */
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows whose retailer already holds exactly these values: nothing to write. */
  unchanged: z.number().int(),
  errors: z.array(ImportRowError),
  /** Every error counted, also those past the listed ones. */
  errorCount: z.number().int(),
  /** The file's headers that were understood, and the field each fills. */
  columns: z.array(z.object({ header: z.string(), field: RetailerImportField })),
  /** Headers no field matched: their cells are not read. */
  ignoredColumns: z.array(z.string()),
  /** Milliseconds spent on the request. */
  elapsedMs: z.number().int(),
});
export type RetailerImportReport = z.infer<typeof RetailerImportReport>;

export const importRunStatuses = ['running', 'done', 'failed'] as const;

export const ImportRunProgress = z.object({
  key: z.string(),
  dryRun: z.boolean(),
  fileName: z.string(),
  status: z.enum(importRunStatuses),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  errorCount: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportRunProgress = z.infer<typeof ImportRunProgress>;

export const exportFormats = ['csv', 'xlsx'] as const;

/**
 * The list's filters (without paging and sorting: a file is in shop-name order), the file format and the header language (default: the caller's). `format`
 * names the file format here, so the list's business-format filter is called `businessFormat`.
 */
export const RetailerExportQuery = RetailerListQuery.omit({
  page: true,
  pageSize: true,
  format: true,
  sort: true,
  cursor: true,
}).extend({
  businessFormat: BusinessFormat.optional(),
  format: z.enum(exportFormats).default('csv'),
  lang: Locale.optional(),
});
export type RetailerExportQuery = z.infer<typeof RetailerExportQuery>;

/** The largest file an import accepts. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** The most rows one import reads. */
export const IMPORT_MAX_ROWS = 50_000;
