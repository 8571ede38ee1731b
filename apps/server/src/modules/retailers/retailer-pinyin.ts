import { pinyin } from 'pinyin-pro';

/**
 * The `search_pinyin` column, four lines: for shop name, owner and address each, its full pinyin and its initials,
 * lower-case and without spaces or tones, so a manager typing on a phone finds 红星便利店 by "hxbld" or "hongxing"
 * and 东升路 by "dongsheng"; letters and digits inside the text are kept as they are ("A12号" → "a12hao" and
 * "a12h"). The fourth line holds the pairs of neighbouring Chinese characters of the three (`hanPairs`), the
 * keys of the index that finds a two-character Chinese search (migration 0010), where trigrams cannot.
 *
 * pinyin-pro cannot run in SQL, so every write of shop name, owner or address sets this column through here
 * (profile edits, imports, the demo loader). Polyphonic characters are read in context (银行 → yinhang).
 */
export function retailerSearchPinyin(fields: { shopName: string; ownerName: string; address: string }): string {
  const texts = [fields.shopName, fields.ownerName, fields.address];
  return [...texts.map(pinyinKeys), hanPairs(texts).join(' ')].join('\n');
}

function pinyinKeys(text: string): string {
  // Spaces carry no meaning in a Chinese name or address; without them the readings join up ("A12号 小卖部").
  const cleaned = text.normalize('NFKC').replace(/\s+/g, '');
  if (cleaned === '') return '';
  const options = { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true } as const;
  const full = pinyin(cleaned, options).join('');
  const initials = pinyin(cleaned, { ...options, pattern: 'first' }).join('');
  return `${full} ${initials}`.toLowerCase();
}

const HAN = /^\p{Script=Han}$/u;

/**
 * Every pair of Chinese characters (Han script) standing side by side in the texts, each once, in order of
 * appearance: 红星便利店 → 红星 星便 便利 利店. Taken from the text exactly as written (no case folding or
 * normalisation: a Han character has no case, so it stands in search_text — the lower-cased text the search reads
 * — exactly as here). Licence number and phone are left out: they are digits on every write (LicenceNo and the
 * import's PHONE pattern), so they hold no Han character.
 */
export function hanPairs(texts: readonly string[]): string[] {
  const pairs = new Set<string>();
  for (const text of texts) {
    let previous = '';
    for (const char of text) {
      const han = HAN.test(char);
      if (han && previous) pairs.add(previous + char);
      previous = han ? char : '';
    }
  }
  return [...pairs];
}

/**
 * The pairs a search term asks the index of Han pairs (migration 0010) for: every pair of Chinese characters in
 * it (建国 → 建国; 东大街 → 东大 大街). Asked for every Chinese term, however long: a trigram of Chinese characters
 * exists only under a locale that counts them as letters (not the embedded database's C locale). Null when the
 * term has no pair.
 */
export function hanSearchKeys(term: string): string[] | null {
  const pairs = hanPairs([term]);
  return pairs.length > 0 ? pairs : null;
}
