import type { Locale } from '@siyi/contracts';
import { useSyncExternalStore } from 'react';
import { DEFAULT_LOCALE, i18n } from '@/i18n/i18n';

export type FontScale = 1 | 2;

export interface Preferences {
  locale: Locale;
  /** 1 = normal type, 2 = large type (A+). */
  fontScale: FontScale;
}

const STORAGE_KEY = 'siyi.preferences';
const LARGE_TYPE_CLASS = 'siyi-large-type';

function readStored(): Preferences {
  const fallback: Preferences = { locale: DEFAULT_LOCALE, fontScale: 1 };
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return fallback;
    const { locale, fontScale } = parsed as Record<string, unknown>;
    return {
      locale: locale === 'en' || locale === 'zh-CN' ? locale : fallback.locale,
      fontScale: fontScale === 2 ? 2 : 1,
    };
  } catch {
    // Private mode or a hand-edited value: start from the defaults.
    return fallback;
  }
}

function store(value: Preferences): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
  } catch {
    // Storage may be unavailable; the choice still holds for this visit.
  }
}

function applyToDocument(value: Preferences): void {
  const root = document.documentElement;
  root.lang = value.locale;
  root.classList.toggle(LARGE_TYPE_CLASS, value.fontScale === 2);
  if (i18n.isInitialized && i18n.language !== value.locale) void i18n.changeLanguage(value.locale);
}

let current: Preferences = readStored();
/** Set when the user changes a preference on the sign-in page: that choice then wins over the server's at sign-in. */
let changedWhileSignedOut = false;
const listeners = new Set<() => void>();

export const preferencesStore = {
  get(): Preferences {
    return current;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  /** Applies and remembers a change. `signedOut` marks a choice made before sign-in. */
  set(change: Partial<Preferences>, options: { signedOut?: boolean } = {}): void {
    const next = { ...current, ...change };
    if (options.signedOut) changedWhileSignedOut = true;
    if (next.locale === current.locale && next.fontScale === current.fontScale) return;
    current = next;
    store(next);
    applyToDocument(next);
    for (const listener of listeners) listener();
  },
  /** Whether the sign-in page changed something, clearing the mark. */
  takeSignedOutChange(): boolean {
    const changed = changedWhileSignedOut;
    changedWhileSignedOut = false;
    return changed;
  },
  /** Applies the stored choice to <html> at start-up. */
  applyInitial(): void {
    applyToDocument(current);
  },
};

export function usePreferences(): Preferences {
  return useSyncExternalStore(preferencesStore.subscribe, preferencesStore.get);
}

export function isFontScale(value: number): value is FontScale {
  return value === 1 || value === 2;
}
