import { z } from 'zod';
import { PageQuery, paginated } from './common';

/**
 * In-app notifications (the bell) and what goes out by SMS or WeChat. A notification is stored as a kind and its
 * params, never as text: it is worded in the reader's language when it is read (and, for outbound messages, in the
 * recipient's language when it is sent).
 */

/** Where outbound messages go: `outbox` keeps them in the development outbox (nothing leaves the server). */
export const outboundChannels = ['outbox', 'sms', 'wechat'] as const;
export const OutboundChannelName = z.enum(outboundChannels);
export type OutboundChannelName = z.infer<typeof OutboundChannelName>;

/** held: in the outbox only; sent: the gateway took it; failed: the gateway refused (retried); skipped: no address. */
export const outboundStatuses = ['held', 'sent', 'failed', 'skipped'] as const;
export const OutboundStatus = z.enum(outboundStatuses);
export type OutboundStatus = z.infer<typeof OutboundStatus>;

/** `module.event`, e.g. `concern.assigned`, `suggestion.ready`. */
export const NotificationKind = z
  .string()
  .max(60)
  .regex(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/);

/** What a text may be filled with: at most 20 short scalar values. */
export const NotificationParams = z
  .record(
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/),
    z.union([z.string().max(500), z.number().finite(), z.boolean(), z.null()]),
  )
  .refine((params) => Object.keys(params).length <= 20, 'at most 20 params');
export type NotificationParams = z.infer<typeof NotificationParams>;

/** A page of the web app (`/concerns/12`): a path on this site, never another origin. */
export const NotificationLink = z
  .string()
  .max(300)
  .regex(/^\/(?!\/)[^\s\\]*$/);

export const Notification = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    /** Worded in the caller's language from kind and params. */
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = PageQuery.extend({
  /** `true`: unread only. */
  unread: z.enum(['true', 'false']).optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationListResponse = paginated(Notification).extend({ unread: z.number().int() });
export type NotificationListResponse = z.infer<typeof NotificationListResponse>;

export const UnreadCountResponse = z.object({ count: z.number().int() });
export type UnreadCountResponse = z.infer<typeof UnreadCountResponse>;

export const ReadAllResponse = z.object({ updated: z.number().int() });
export type ReadAllResponse = z.infer<typeof ReadAllResponse>;

/** One message as a channel handled it (the development outbox page lists them, newest first). */
export const OutboxMessage = z
  .object({
    id: z.number().int(),
    notificationId: z.number().int(),
    userId: z.number().int(),
    userDisplayName: z.string(),
    channel: OutboundChannelName,
    /** The phone (masked) or WeChat id it was (or would have been) sent to; null when the user has none. */
    recipient: z.string().nullable(),
    locale: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    status: OutboundStatus,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxListResponse = paginated(OutboxMessage);
export type OutboxListResponse = z.infer<typeof OutboxListResponse>;

export { notificationRoutes } from './values';
