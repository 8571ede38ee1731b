import type { Locale } from '@siyi/contracts';
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './locales/zh-CN';

export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const i18n = i18next.createInstance();

/**
 * The default language ships with the app; English loads when first needed (main.tsx waits for it before the first
 * render, a switch of language waits for it before switching), so a phone in Chinese does not download it.
 */
const lazyEnglish: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (language !== 'en') return callback(null, language === DEFAULT_LOCALE ? zhCN : {});
    import('./locales/en').then(
      (m) => callback(null, m.en),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/**
 * Starts i18next in the given language: at once for Chinese, and for English once its catalogue has loaded (the
 * promise resolves then; until then text falls back to Chinese).
 */
export function initI18n(locale: Locale): Promise<unknown> {
  return i18n
    .use(initReactI18next)
    .use(lazyEnglish)
    .init({
      resources: { 'zh-CN': { translation: zhCN } },
      partialBundledLanguages: true,
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
