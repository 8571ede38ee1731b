/**
 * Ascending order of ISO dates, instants and codes ("2026-11-23", "411002"): for such ASCII keys code-point order is
 * their order. `localeCompare` would give the same order but starts ICU's collator first — tens of milliseconds on
 * a phone, in the first screen's longest task.
 */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
