import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { fieldValue } from './retailer-360-words';
import { closedDaysText, contactsText, creditGradeText } from './shop-profile-words';

// Echoes the key and its values, so two texts are equal only when they ask for the same words.
const t = ((key: string, values?: Record<string, unknown>) =>
  `${key}${values ? JSON.stringify(values) : ''}`) as TFunction;

describe("the retailer home's archive card says its fields as the 360 page does", () => {
  for (const locale of ['zh-CN', 'en']) {
    it(`closed days, contacts and credit grade (${locale})`, () => {
      for (const days of [[], [0], [1, 3, 6]]) {
        expect(closedDaysText(days, t, locale)).toBe(fieldValue('closedWeekdays', days, t, locale));
      }
      const contacts = [
        { name: '王芳', role: '店员', phone: '13800000001' },
        { name: 'Li', role: '', phone: '13800000002' },
      ];
      for (const list of [[], contacts]) {
        expect(contactsText(list, t, locale)).toBe(fieldValue('otherContacts', list, t, locale));
      }
      for (const grade of ['A', null]) {
        expect(creditGradeText(grade, t)).toBe(fieldValue('creditGrade', grade, t, locale));
      }
    });
  }
});
