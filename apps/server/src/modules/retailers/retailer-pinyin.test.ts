import { describe, expect, it } from 'vitest';
import { retailerSearchPinyin } from './retailer-pinyin';

describe('retailerSearchPinyin', () => {
  const keys = retailerSearchPinyin({ shopName: '红星便利店', ownerName: '王建国', address: '许昌市魏都区东升路12号' });

  it('holds the full reading and the initials of shop, owner and address', () => {
    expect(keys).toContain('hongxingbianlidian');
    expect(keys).toContain('hxbld');
    expect(keys).toContain('wangjianguo');
    expect(keys).toContain('wjg');
    expect(keys).toContain('dongsheng');
    expect(keys.split('\n')).toHaveLength(3);
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
