/** A LIKE/ILIKE pattern that finds `text` anywhere; `%`, `_` and `\` in the text match themselves. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
