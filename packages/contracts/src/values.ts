/**
 * Plain values of the contracts, without zod: the web app's first screens import these from
 * `@siyi/contracts/values`, so the schemas' runtime (~29 KB compressed, and a long evaluation task on a phone)
 * stays out of every home page. The schemas in the other files are built from the same values.
 */

export const roles = ['admin', 'supervisor', 'manager', 'retailer'] as const;

export const notificationRoutes = {
  list: '/api/notifications',
  unreadCount: '/api/notifications/unread-count',
  read: (id: number) => `/api/notifications/${id}/read`,
  readAll: '/api/notifications/read-all',
  outbox: '/api/dev/outbox',
} as const;
