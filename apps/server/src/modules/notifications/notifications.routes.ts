import {
  IdParams,
  Notification,
  NotificationListQuery,
  NotificationListResponse,
  notificationRoutes,
  OutboxListResponse,
  PageQuery,
  ReadAllResponse,
  UnreadCountResponse,
} from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import {
  listNotifications,
  listOutbox,
  type NotificationDeps,
  readAllNotifications,
  readNotification,
  unreadCount,
} from './notifications.service';

const readers = { access: rolesThatMay('notification.read') };
const outboxReaders = { access: rolesThatMay('notification.outbox') };

/** The bell: one's own notifications, worded in one's language; and the development outbox (admins). */
export function registerNotificationRoutes(app: AppInstance, deps: NotificationDeps) {
  app.get(
    notificationRoutes.list,
    {
      config: readers,
      schema: {
        tags: ['notifications'],
        summary: 'My notifications',
        description:
          'The caller’s own notifications, newest first, a page at a time (`unread=true`: unread only), each ' +
          'worded in the caller’s language from its kind and params, with the page of the app it opens; ' +
          '`unread` counts all unread ones.',
        querystring: NotificationListQuery,
        response: { 200: NotificationListResponse, ...errorResponses([400, 401]) },
      },
    },
    async (request) => listNotifications(deps, actorOf(request), request.query, request.locale),
  );

  app.get(
    notificationRoutes.unreadCount,
    {
      config: readers,
      schema: {
        tags: ['notifications'],
        summary: 'How many of my notifications are unread',
        description: 'The number on the bell. Cheap: the web app asks on focus and every few minutes.',
        response: { 200: UnreadCountResponse, ...errorResponses([401]) },
      },
    },
    async (request) => unreadCount(deps, actorOf(request)),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: readers,
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        description:
          'Idempotent (the first reading time is kept). Another person’s notification is 404, as if it did not exist.',
        params: IdParams,
        response: { 200: Notification, ...errorResponses([400, 401, 404]) },
      },
    },
    async (request) => readNotification(deps, actorOf(request), request.params.id, request.locale),
  );

  app.post(
    notificationRoutes.readAll,
    {
      config: readers,
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        description: 'Returns how many were unread.',
        response: { 200: ReadAllResponse, ...errorResponses([401]) },
      },
    },
    async (request) => readAllNotifications(deps, actorOf(request)),
  );

  app.get(
    notificationRoutes.outbox,
    {
      config: outboxReaders,
      schema: {
        tags: ['notifications'],
        summary: 'The development outbox',
        description:
          'Every outbound message a channel handled, newest first: with the default `outbox` channel (nothing ' +
          'leaves the server) what would have been sent, to whom (phones masked), in the recipient’s language; with ' +
          'SMS or WeChat what was sent, skipped (no address) or failed. Admins.',
        querystring: PageQuery,
        response: { 200: OutboxListResponse, ...errorResponses([400, 401, 403]) },
      },
    },
    async (request) => listOutbox(deps, actorOf(request), request.query),
  );
}
