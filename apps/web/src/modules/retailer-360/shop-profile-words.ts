import type { OtherContact } from '@siyi/contracts';
import type { TFunction } from 'i18next';
// Relative, not '@/…': the unit tests run this file without the web app's path aliases.
import { formatWeekday } from '../../ui/format';

/*
 * The words of the few fields this card shows, as retailer-360-words' fieldValue says them (a test holds the two
 * together): that module reads the contracts' runtime (zod and every schema), which the retailer's home must not
 * carry to a phone.
 */
export function closedDaysText(days: readonly number[], t: TFunction, locale: string): string {
  return days.length === 0
    ? t('retailer360.values.noClosedDays')
    : days.map((d) => formatWeekday(Number(d), locale, 'short')).join(locale === 'en' ? ', ' : '、');
}

export function contactsText(contacts: readonly OtherContact[], t: TFunction, locale: string): string {
  if (contacts.length === 0) return t('retailer360.history.emptyValue');
  return contacts
    .map((c) => `${c.role ? t('retailer360.values.contactLine', { name: c.name, role: c.role }) : c.name} ${c.phone}`)
    .join(locale === 'en' ? '; ' : '；');
}

export function creditGradeText(grade: string | null, t: TFunction): string {
  return grade ? t('retailer360.values.creditGrade', { grade }) : t('retailer360.history.emptyValue');
}
