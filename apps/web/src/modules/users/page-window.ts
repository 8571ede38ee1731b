/**
 * The page numbers to show: the first, the last, and the current one with its neighbours; null marks a gap
 * ("…"). Few pages: all of them.
 */
export function pageWindow(current: number, pageCount: number, neighbours = 1): (number | null)[] {
  if (pageCount <= 5 + 2 * neighbours) return Array.from({ length: pageCount }, (_, i) => i + 1);
  const from = Math.max(2, current - neighbours);
  const to = Math.min(pageCount - 1, current + neighbours);
  const pages: (number | null)[] = [1];
  if (from > 2) pages.push(from === 3 ? 2 : null);
  for (let page = from; page <= to; page++) pages.push(page);
  if (to < pageCount - 1) pages.push(to === pageCount - 2 ? pageCount - 1 : null);
  pages.push(pageCount);
  return pages;
}
