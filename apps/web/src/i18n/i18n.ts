import type { Locale } from '@siyi/contracts';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const i18n = i18next.createInstance();

/** Starts i18next synchronously with both languages bundled (they are small), in the given language. */
export function initI18n(locale: Locale): void {
  void i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: ['zh-CN', 'en'],
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
}

/** The UI language as an API locale. */
export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
