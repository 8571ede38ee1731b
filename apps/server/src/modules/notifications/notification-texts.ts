import type { Locale, NotificationParams } from '@siyi/contracts';

type Worded = { 'zh-CN': string; en: string };

export interface NotificationText {
  title: Worded;
  /** `{param}` is replaced by the notification's param of that name (worded by `words` when given). */
  body: Worded;
}

export interface NotificationKindOptions {
  /** Param values that are codes, worded per language: `{ category: { supply: { 'zh-CN': '货源', en: 'supply' } } }`. */
  words?: Record<string, Record<string, Worded>>;
  /** Kinds that also go out by the configured channel (SMS, WeChat, the outbox) unless notify() says otherwise. */
  outbound?: readonly string[];
}

interface Entry {
  text: NotificationText;
  words: Record<string, Record<string, Worded>>;
  outbound: boolean;
}

const catalogue = new Map<string, Entry>();

/**
 * Each module registers the texts of the kinds it sends (at start-up, e.g. in its register…Routes): a kind is
 * worded when it is read, in the reader's language, so a text fixed later also fixes old notifications.
 */
export function registerNotificationTexts(
  texts: Record<string, NotificationText>,
  options: NotificationKindOptions = {},
): void {
  for (const [kind, text] of Object.entries(texts)) {
    catalogue.set(kind, {
      text,
      words: options.words ?? {},
      outbound: options.outbound?.includes(kind) ?? false,
    });
  }
}

export function isOutboundKind(kind: string): boolean {
  return catalogue.get(kind)?.outbound ?? false;
}

export function isKnownKind(kind: string): boolean {
  return catalogue.has(kind);
}

const fallback: NotificationText = {
  title: { 'zh-CN': '新通知', en: 'New notification' },
  body: { 'zh-CN': '您有一条新通知。', en: 'You have a new notification.' },
};

function fill(template: string, params: NotificationParams, words: Entry['words'], locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return '';
    const worded = words[name]?.[String(value)];
    return worded ? worded[locale] : String(value);
  });
}

/** Title and body of a notification in `locale`; a kind nobody registered reads as a generic "new notification". */
export function renderNotification(
  kind: string,
  params: NotificationParams,
  locale: Locale,
): { title: string; body: string } {
  const entry = catalogue.get(kind);
  if (!entry) return { title: fallback.title[locale], body: fallback.body[locale] };
  return {
    title: fill(entry.text.title[locale], params, entry.words, locale),
    body: fill(entry.text.body[locale], params, entry.words, locale),
  };
}

/** The kinds of this module: a plain message from the system (an administrator's notice, the tests). */
registerNotificationTexts({
  'system.message': {
    title: { 'zh-CN': '{title}', en: '{title}' },
    body: { 'zh-CN': '{text}', en: '{text}' },
  },
});
