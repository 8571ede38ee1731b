/**
 * Reads an uploaded CSV or XLSX into rows of cell text, with the libraries (csv-parse, exceljs) rather than by
 * hand. The format is decided by the bytes, not the file name; a CSV's encoding by the bytes too: valid UTF-8
 * (with or without a BOM) is UTF-8, anything else is what chardet finds — GB18030 (the superset of GBK and
 * GB2312) whenever chardet ranks it among its best guesses, since short Chinese text looks like EUC-KR to it.
 */
import { IMPORT_MAX_ROWS } from '@siyi/contracts';
import chardet from 'chardet';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../lib/app-error';

/** A cell that held a spreadsheet formula: never imported (its text could be anything once recalculated). */
export const FORMULA = Symbol('formula');
export type Cell = string | typeof FORMULA;

export interface ImportTable {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  headers: string[];
  /** Data rows with their row number in the file (the header is row 1); blank rows are left out. */
  rows: { row: number; cells: Cell[] }[];
}

const fileError = (key: string, params?: Record<string, string | number>) =>
  new AppError('VALIDATION_FAILED', { file: params ? { key, params } : key });

const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
/** The old binary .xls (OLE compound file). */
const isOle = (bytes: Buffer) =>
  bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'));

export async function readImportFile(bytes: Buffer): Promise<ImportTable> {
  if (bytes.length === 0) throw fileError('import.fileEmpty');
  if (isOle(bytes)) throw fileError('import.legacyXls');
  const table = isZip(bytes) ? await readXlsx(bytes) : readCsv(bytes);
  if (table.headers.every((h) => h === '')) throw fileError('import.fileEmpty');
  if (table.rows.length > IMPORT_MAX_ROWS) throw fileError('import.tooManyRows', { max: IMPORT_MAX_ROWS });
  return table;
}

function decode(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: iconv.decode(bytes.subarray(2), encoding), encoding };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: a legacy Chinese encoding most likely.
  }
  const guesses = chardet.analyse(bytes);
  const best = guesses[0];
  const gb = guesses.find((g) => g.name === 'GB18030');
  const chosen =
    gb && (!best || gb.confidence >= best.confidence - 15)
      ? 'gb18030'
      : best && iconv.encodingExists(best.name)
        ? best.name.toLowerCase()
        : 'gb18030';
  return { text: iconv.decode(bytes, chosen), encoding: chosen };
}

function readCsv(bytes: Buffer): ImportTable {
  const { text, encoding } = decode(bytes);
  if (text.includes('\u0000')) throw fileError('import.fileUnreadable');
  // Excel in Chinese locales writes CSV with commas; some tools use tabs or semicolons — sniff the header line.
  const firstLine = text.slice(0, text.search(/\r?\n|$/u));
  const delimiter = [',', '\t', ';'].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  );
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: false,
      skip_empty_lines: false,
      max_record_size: 64 * 1024,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw fileError(line ? 'import.csvMalformedAt' : 'import.fileUnreadable', line ? { line } : undefined);
  }
  const [header = [], ...data] = records;
  return {
    format: 'csv',
    encoding,
    headers: header.map((h) => h.trim()),
    rows: data
      .map((cells, index) => ({ row: index + 2, cells: cells.map((c) => c.trim()) as Cell[] }))
      .filter((r) => r.cells.some((c) => c !== '')),
  };
}

async function readXlsx(bytes: Buffer): Promise<ImportTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types want its own Buffer type; the bytes are a Node Buffer.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fileError('import.fileUnreadable');
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw fileError('import.fileEmpty');
  if (sheet.rowCount > IMPORT_MAX_ROWS + 1) throw fileError('import.tooManyRows', { max: IMPORT_MAX_ROWS });
  const width = sheet.columnCount;
  const read = (row: ExcelJS.Row): Cell[] => {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    return cells;
  };
  const headerRow = sheet.getRow(1);
  const headers = read(headerRow).map((h) => (h === FORMULA ? '' : h));
  const rows: ImportTable['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = read(row);
    if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
  });
  return { format: 'xlsx', encoding: null, headers, rows };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell's text as the sheet shows it: dates as 2026-12-01, times of day as 08:00, rich text joined. */
function cellText(cell: ExcelJS.Cell): Cell {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) {
    // exceljs gives dates in UTC; a time of day alone sits on 1899-12-30.
    if (value.getUTCFullYear() <= 1900) return `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return FORMULA;
    if ('richText' in value && Array.isArray(value.richText)) {
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    }
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('error' in value) return FORMULA;
  }
  return String(cell.text ?? '').trim();
}
