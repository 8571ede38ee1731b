/** The wide CSV of the forecast benchmark (../shared/data/forecast/*.csv). */
import { readFileSync } from 'node:fs';

/** Reads the wide CSV: the first column names the series, the rest are periods; blanks (missing) become 0. */
export function readWideCsv(path: string): { names: string[]; periods: string[]; series: number[][] } {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const head = (lines[0] ?? '').split(',');
  const periods = head.slice(1).map((p) => p.trim());
  const names: string[] = [];
  const series: number[][] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    names.push((cells[0] ?? '').trim());
    const values: number[] = [];
    for (let i = 1; i <= periods.length; i++) {
      const cell = (cells[i] ?? '').trim();
      const v = cell === '' ? 0 : Number(cell);
      if (!Number.isFinite(v)) throw new Error(`not a number: ${cell} in ${cells[0]}`);
      values.push(v);
    }
    series.push(values);
  }
  return { names, periods, series };
}
