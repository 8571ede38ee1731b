import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hanPairs, hanSearchKeys, retailerSearchPinyin } from './retailer-pinyin';

describe('retailerSearchPinyin', () => {
  const keys = retailerSearchPinyin({ shopName: '红星便利店', ownerName: '王建国', address: '许昌市魏都区东升路12号' });

  it('holds the full reading and the initials of shop, owner and address', () => {
    expect(keys).toContain('hongxingbianlidian');
    expect(keys).toContain('hxbld');
    expect(keys).toContain('wangjianguo');
    expect(keys).toContain('wjg');
    expect(keys).toContain('dongsheng');
    expect(keys.split('\n')).toHaveLength(4);
  });

  it('ends with a line of the pairs of neighbouring Han characters of the three texts, each once', () => {
    const pairs = keys.split('\n')[3]?.split(' ');
    expect(pairs).toEqual(hanPairs(['红星便利店', '王建国', '许昌市魏都区东升路12号']));
    expect(pairs).toEqual(expect.arrayContaining(['红星', '便利', '利店', '王建', '建国', '东升', '升路']));
    // No pair across texts, across a digit or a space, and no Latin letter: the pinyin search never meets them.
    expect(pairs).not.toContain('店王');
    expect(pairs).not.toContain('路号');
    expect(keys.split('\n')[3]).not.toMatch(/[a-z0-9]/);
    expect(new Set(pairs).size).toBe(pairs?.length);
  });
});

describe('hanPairs and hanSearchKeys', () => {
  it('takes Han characters as written: no case, width or compatibility folding, astral ones whole', () => {
    expect(hanPairs(['A建国b', '东大街'])).toEqual(['建国', '东大', '大街']);
    expect(hanPairs(['建 国', 'A建b国', '店'])).toEqual([]);
    expect(hanPairs(['𠀀𠀁'])).toEqual(['𠀀𠀁']);
    expect(hanPairs(['ｱ１２', 'abc', ''])).toEqual([]);
    expect(hanPairs(['店店店'])).toEqual(['店店']);
  });

  it('asks for the pairs of every Chinese term, however long, and for nothing without a pair', () => {
    expect(hanSearchKeys('建国')).toEqual(['建国']);
    expect(hanSearchKeys('建国 东大')).toEqual(['建国', '东大']);
    expect(hanSearchKeys('东大街')).toEqual(['东大', '大街']);
    expect(hanSearchKeys('12号店')).toEqual(['号店']);
    expect(hanSearchKeys('a建 国b')).toBeNull();
    expect(hanSearchKeys('店')).toBeNull();
    expect(hanSearchKeys('hxbld')).toBeNull();
    expect(hanSearchKeys('0374')).toBeNull();
    expect(hanSearchKeys('%_\\')).toBeNull();
  });

  it('property: the keys of any term are among the pairs of any text holding it', () => {
    const alphabet = [...'建国东大街店a1 号_%𠀀'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, fc.nat(12), fc.nat(12), (s, from, length) => {
        const chars = [...s];
        const term = chars.slice(from, from + length).join('');
        const keys = hanSearchKeys(term) ?? [];
        const pairs = new Set(hanPairs([s]));
        return keys.every((k) => pairs.has(k));
      }),
    );
  });
});
