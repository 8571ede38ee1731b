import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hanGrams, hanSearchKeys, retailerSearchPinyin } from './retailer-pinyin';

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

  it('ends with a line of the Han characters and neighbouring pairs of the three texts, each once', () => {
    const grams = keys.split('\n')[3]?.split(' ');
    expect(grams).toEqual(hanGrams(['红星便利店', '王建国', '许昌市魏都区东升路12号']));
    expect(grams).toEqual(expect.arrayContaining(['红', '红星', '便利', '利店', '王建', '建国', '东升', '升路', '路']));
    // No pair across texts, across a digit or a space, and no Latin letter: the pinyin search never meets them.
    expect(grams).not.toContain('店王');
    expect(grams).not.toContain('路号');
    expect(keys.split('\n')[3]).not.toMatch(/[a-z0-9]/);
    expect(new Set(grams).size).toBe(grams?.length);
  });

  it('keeps letters and digits and lower-cases them', () => {
    const mixed = retailerSearchPinyin({ shopName: 'A12号 小卖部', ownerName: 'Li', address: '' });
    expect(mixed).toContain('a12haoxiaomaibu');
    expect(mixed).toContain('a12hxmb');
    expect(mixed).not.toMatch(/[A-Z]/);
  });

  it('reads polyphonic characters in context', () => {
    expect(retailerSearchPinyin({ shopName: '银行旁烟酒', ownerName: '', address: '' })).toContain('yinhang');
  });
});

describe('hanGrams and hanSearchKeys', () => {
  it('takes Han characters as written: no case, width or compatibility folding, astral ones whole', () => {
    expect(hanGrams(['A建b国'])).toEqual(['建', '国']);
    expect(hanGrams(['建 国'])).toEqual(['建', '国']);
    expect(hanGrams(['𠀀𠀁'])).toEqual(['𠀀', '𠀁', '𠀀𠀁']);
    expect(hanGrams(['ｱ１２', 'abc', ''])).toEqual([]);
    expect(hanGrams(['店店店'])).toEqual(['店', '店店']);
  });

  it('asks for the pairs of a term of two or more Han characters, the characters of a one-character term', () => {
    expect(hanSearchKeys('建国')).toEqual(['建国']);
    expect(hanSearchKeys('东大街')).toEqual(['东大', '大街']);
    expect(hanSearchKeys('店')).toEqual(['店']);
    expect(hanSearchKeys('12号店')).toEqual(['号店']);
    expect(hanSearchKeys('A号 b店')).toEqual(['号', '店']);
    expect(hanSearchKeys('hxbld')).toBeNull();
    expect(hanSearchKeys('0374')).toBeNull();
    expect(hanSearchKeys('%_\\')).toBeNull();
  });

  it('property: the keys of any term are among the grams of any text holding it', () => {
    const alphabet = [...'建国东大街店a1 号_%𠀀'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, fc.nat(12), fc.nat(12), (s, from, length) => {
        const chars = [...s];
        const term = chars.slice(from, from + length).join('');
        const keys = hanSearchKeys(term) ?? [];
        const grams = new Set(hanGrams([s]));
        return keys.every((k) => grams.has(k));
      }),
    );
  });
});
