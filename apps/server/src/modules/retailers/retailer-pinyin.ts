import { pinyin } from 'pinyin-pro';

/**
 * The `search_pinyin` column: for each text, its full pinyin and its initials, lower-case and without spaces or
 * tones, so a manager typing on a phone finds 红星便利店 by "hxbld" or "hongxing" and 东升路 by "dongsheng".
 * Letters and digits inside the text are kept as they are ("A12号" → "a12hao" and "a12h").
 *
 * pinyin-pro cannot run in SQL, so every write of shop name, owner or address sets this column through here
 * (profile edits, imports, the demo loader). Polyphonic characters are read in context (银行 → yinhang).
 */
export function retailerSearchPinyin(fields: { shopName: string; ownerName: string; address: string }): string {
  return [fields.shopName, fields.ownerName, fields.address].map(pinyinKeys).join('\n');
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
