import type { Locale } from '@siyi/contracts';
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Messages } from './locales/messages';
import { zhCNCore } from './locales/zh-CN-core';

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
    // Chinese is bundled (the core, and each module's words as its code loads: addChineseMessages).
    if (language !== 'en') return callback(null, {});
    import('./locales/en').then(
      (m) => callback(null, m.en),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** Modules' Chinese words taken in before i18next started (a module among the entry's own imports). */
const pendingChinese: ChineseMessages[] = [];
let catalogueStarted = false;

/**
 * Starts i18next in the given language: at once for Chinese, and for English once its catalogue has loaded (the
 * promise resolves then; until then text falls back to Chinese).
 */
export function initI18n(locale: Locale): Promise<unknown> {
  const ready = i18n
    .use(initReactI18next)
    .use(lazyEnglish)
    .init({
      resources: { 'zh-CN': { translation: zhCNCore } },
      partialBundledLanguages: true,
      lng: locale,
      fallbackLng: DEFAULT_LOCALE,
      supportedLngs: ['zh-CN', 'en'],
      interpolation: { escapeValue: false }, // React escapes.
      returnNull: false,
      initAsync: false,
      showSupportNotice: false,
    });
  // The store exists from here on (English may still be loading): words of modules loaded before, then every new one.
  catalogueStarted = true;
  for (const part of pendingChinese.splice(0)) addToCatalogue(part);
  return ready;
}

/** A module's branch of the Chinese catalogue, e.g. `{ concerns: concernsZhCN }`. */
export type ChineseMessages = Partial<Messages>;

function addToCatalogue(part: ChineseMessages): void {
  // Deep: a module's branch joins what the core already has of it (its menu words).
  i18n.addResourceBundle(DEFAULT_LOCALE, 'translation', part, true, true);
}

/**
 * Takes a module's Chinese words into the catalogue; its `*.messages.ts` calls it as the module's code loads, before
 * anything of the module renders (every file that reads the words imports that file: i18n-registration.test.ts).
 */
export function addChineseMessages(part: ChineseMessages): void {
  if (catalogueStarted) addToCatalogue(part);
  else pendingChinese.push(part);
}

/** The UI language as an API locale. */
export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
