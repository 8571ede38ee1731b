import type { ConcernCategory, ConcernNotificationKind } from '@siyi/contracts';
import type { Tx } from '../../db/transaction';
import { registerNotificationTexts } from '../notifications/notification-texts';
import type { Notify as AppNotify } from '../notifications/notifications.service';

/** One in-app notification, written in the transaction of the change it announces. */
export interface ConcernNotification {
  userId: number;
  kind: ConcernNotificationKind;
  params: { concernId: number; shopName: string; category: ConcernCategory; hours?: number };
  /** The web app's page of the concern. */
  link: string;
}

/** The notifications module's `notify`, as this module needs it (injected, so tests can use the real one or none). */
export type Notify = (tx: Tx, notification: ConcernNotification) => Promise<void>;

export const concernLink = (id: number) => `/concerns/${id}`;

/** The category names the texts below use. */
export const categoryNames: Record<ConcernCategory, { 'zh-CN': string; en: string }> = {
  supply: { 'zh-CN': '货源', en: 'supply' },
  price: { 'zh-CN': '价格', en: 'price' },
  delivery: { 'zh-CN': '配送', en: 'delivery' },
  ordering: { 'zh-CN': '订货', en: 'ordering' },
  service_attitude: { 'zh-CN': '服务态度', en: 'service attitude' },
  forced_ordering: { 'zh-CN': '强制搭配', en: 'forced ordering' },
  counterfeit: { 'zh-CN': '假烟私烟', en: 'counterfeit or smuggled cigarettes' },
  licence: { 'zh-CN': '证照', en: 'licence' },
  suggestion: { 'zh-CN': '建议', en: 'suggestion' },
  other: { 'zh-CN': '其他', en: 'other' },
};

/**
 * The texts of the concern notifications, zh-CN and en. `{shopName}`, `{category}` (worded by categoryNames),
 * `{concernId}` and `{hours}` are filled from the notification's params.
 */
export const concernNotificationTexts: Record<
  ConcernNotificationKind,
  { title: { 'zh-CN': string; en: string }; body: { 'zh-CN': string; en: string } }
> = {
  'concern.assigned': {
    title: { 'zh-CN': '新诉求待处理', en: 'A new concern for you' },
    body: {
      'zh-CN': '{shopName} 提出了一条{category}诉求（#{concernId}），请按时处理。',
      en: '{shopName} raised a {category} concern (#{concernId}); please handle it in time.',
    },
  },
  'concern.dueSoon': {
    title: { 'zh-CN': '诉求即将到期', en: 'A concern is due soon' },
    body: {
      'zh-CN': '{shopName} 的{category}诉求（#{concernId}）将在 {hours} 小时内到期。',
      en: 'The {category} concern of {shopName} (#{concernId}) is due within {hours} hours.',
    },
  },
  'concern.escalated': {
    title: { 'zh-CN': '诉求已超时升级', en: 'A concern was escalated' },
    body: {
      'zh-CN': '{shopName} 的{category}诉求（#{concernId}）已超过处理时限，已转交片区主管。',
      en: 'The {category} concern of {shopName} (#{concernId}) passed its deadline and went to the district supervisor.',
    },
  },
  'concern.reassigned': {
    title: { 'zh-CN': '诉求已转交给您', en: 'A concern was handed to you' },
    body: {
      'zh-CN': '{shopName} 的{category}诉求（#{concernId}）已转交给您处理，请按时处理。',
      en: 'The {category} concern of {shopName} (#{concernId}) was handed to you; please handle it in time.',
    },
  },
  'concern.resolved': {
    title: { 'zh-CN': '您的诉求已处理', en: 'Your concern was resolved' },
    body: {
      'zh-CN': '您的{category}诉求（#{concernId}）已处理，请确认是否解决，或说明原因重新打开。',
      en: 'Your {category} concern (#{concernId}) was resolved: please confirm, or reopen it and say why.',
    },
  },
  'concern.reopened': {
    title: { 'zh-CN': '诉求被重新打开', en: 'A concern was reopened' },
    body: {
      'zh-CN': '{shopName} 认为{category}诉求（#{concernId}）尚未解决，已重新打开。',
      en: '{shopName} says the {category} concern (#{concernId}) is not solved and reopened it.',
    },
  },
  'concern.confirmed': {
    title: { 'zh-CN': '零售户已确认解决', en: 'The retailer confirmed the resolution' },
    body: {
      'zh-CN': '{shopName} 已确认{category}诉求（#{concernId}）得到解决。',
      en: '{shopName} confirmed that the {category} concern (#{concernId}) is solved.',
    },
  },
  'concern.autoClosed': {
    title: { 'zh-CN': '诉求已自动关闭', en: 'A concern closed by itself' },
    body: {
      'zh-CN': '{category}诉求（#{concernId}）处理后未获确认，已按规定自动关闭。',
      en: 'The {category} concern (#{concernId}) was resolved but not confirmed in time, so it closed by itself.',
    },
  },
};

/** Registered with the notifications module: worded when read, the category worded too; resolved/escalated go out by SMS/WeChat too. */
registerNotificationTexts(concernNotificationTexts, {
  words: { category: categoryNames },
  outbound: ['concern.resolved', 'concern.escalated'],
});

/** This module's notify over the app's (modules/notifications): the same call, the concern's kinds and params. */
export function concernNotify(notify: AppNotify): Notify {
  return async (tx, n) => {
    await notify(tx, { userId: n.userId, kind: n.kind, params: n.params, link: n.link });
  };
}
