import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/locales/en';
import { zhCN } from '../../i18n/locales/zh-CN';

// WCAG 2.5.3 (label in name; Lighthouse's label-content-name-mismatch): the district table's link to a manager's
// retailers shows viewManagerRetailers and is named viewRetailersOf, so a voice user can say what they see.
describe('the manager link in the district table', () => {
  for (const [locale, messages] of [
    ['zh-CN', zhCN],
    ['en', en],
  ] as const) {
    it(`has its visible text inside its accessible name (${locale})`, () => {
      const { viewManagerRetailers, viewRetailersOf } = messages.dashboard.district;
      const name = viewRetailersOf.replace('{{name}}', '谭帅');
      expect(name.startsWith(viewManagerRetailers)).toBe(true);
      expect(name).toContain('谭帅');
    });
  }
});
