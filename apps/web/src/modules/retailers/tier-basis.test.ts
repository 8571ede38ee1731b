import { describe, expect, it } from 'vitest';
import { i18n, initI18n } from '../../i18n/i18n';
import { tierBasisText } from './tier-basis';

describe('tierBasisText', () => {
  it('turns each basis code into a sentence in both languages', async () => {
    await initI18n('zh-CN');
    const t = i18n.t.bind(i18n);
    expect(tierBasisText('computed:orders-13w', t)).toBe('按近 13 周的订货量和金额自动评定');
    expect(tierBasisText('manual', t)).toBe('由工作人员人工调整');
    await i18n.changeLanguage('en');
    expect(tierBasisText('computed:orders-13w', t)).toBe(
      'graded automatically from the cartons and amount ordered in the last 13 weeks',
    );
    expect(tierBasisText('computed:orders-1w', t)).toContain('in the last 1 week');
    expect(tierBasisText('manual', t)).toBe('set by hand by staff');
  });

  it('reads a published run as computed and shows the reason of a hand edit', async () => {
    await i18n.changeLanguage('zh-CN');
    const t = i18n.t.bind(i18n);
    expect(tierBasisText('computed:orders-13w:run-12', t)).toBe('按近 13 周的订货量和金额自动评定');
    expect(tierBasisText('manual:店面扩大', t)).toBe('由工作人员人工调整（店面扩大）');
    await i18n.changeLanguage('en');
    expect(tierBasisText('manual:new counter', t)).toBe('set by hand by staff (new counter)');
    expect(tierBasisText('manual:', t)).toBe('graded another way');
  });

  it('never shows an unknown code itself', async () => {
    await i18n.changeLanguage('en');
    const t = i18n.t.bind(i18n);
    for (const code of ['import:2027', 'computed:orders-w', '']) {
      expect(tierBasisText(code, t)).toBe('graded another way');
    }
  });
});
