import { AppError } from '../../lib/app-error';

/**
 * The keyset cursor of a newest-first page: `<time>~<id>` of the page's last item, the time with PostgreSQL's
 * microseconds (a JavaScript Date would round them away and skip or repeat items that share a millisecond).
 */
export function encodeCursor(at: string, id: number): string {
  return `${at}~${id}`;
}

/** The cursor's parts; null when absent; 400 when it is not one this module wrote. */
export function decodeCursor(cursor: string | undefined): { at: string; id: number } | null {
  if (cursor === undefined || cursor === '') return null;
  const invalid = () => new AppError('VALIDATION_FAILED', { cursor: 'profile.cursorInvalid' });
  if (!cursor.includes('~')) throw invalid();
  const split = cursor.lastIndexOf('~');
  const at = cursor.slice(0, split);
  const id = Number(cursor.slice(split + 1));
  // Only the form this module writes: anything else could be a time PostgreSQL refuses (a 500, not a 400).
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(at) || Number.isNaN(Date.parse(at))) throw invalid();
  if (!Number.isSafeInteger(id) || id < 1) throw invalid();
  return { at, id };
}
