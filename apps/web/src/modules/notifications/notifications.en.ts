import type { notificationsZhCN } from './notifications.zh-CN';

type StringTree<T> = { [K in keyof T]: T[K] extends string ? string : StringTree<T[K]> };

/** The notifications module's words in English: the same keys as notifications.zh-CN.ts. */
export const notificationsEn: StringTree<typeof notificationsZhCN> = {
  bell: 'Notifications',
  bellUnread: 'Notifications, {{count}} unread',
  title: 'Notifications',
  unreadSummary: '{{count}} unread',
  allRead: 'All read',
  markAllRead: 'Mark all as read',
  markedAllRead: 'All marked as read',
  showUnreadOnly: 'Unread only',
  showAll: 'Show all',
  empty: 'No notifications yet',
  emptyUnread: 'No unread notifications',
  unread: 'Unread',
  open: 'Open',
  markRead: 'Mark as read',
  more: 'More',
  previous: 'Previous',
  next: 'Next',
  pageOf: 'Page {{page}} of {{pages}}',
  outboxLink: 'Development outbox',
  outbox: {
    title: 'Development outbox',
    intro:
      'SMS and WeChat notifications show here. With the default "outbox" channel nothing is actually sent: this is what would have been.',
    empty: 'The outbox is empty',
    to: 'To',
    noRecipient: '(no address)',
    channel: { outbox: 'Outbox', sms: 'SMS', wechat: 'WeChat' },
    status: { held: 'Held', sent: 'Sent', failed: 'Failed', skipped: 'Skipped' },
    back: 'Back to notifications',
  },
};
