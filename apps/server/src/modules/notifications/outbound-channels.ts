import type { OutboundChannelName } from '@siyi/contracts';

/** One message to one person, already worded in that person's language. */
export interface OutboundMessage {
  notificationId: number;
  userId: number;
  locale: string;
  title: string;
  body: string;
  /** A path of the web app (`/concerns/12`), or null. */
  link: string | null;
  /** The user's mobile number, for SMS. */
  phone: string | null;
  /** The user's id in the company's WeChat (企业微信 userid: the Siyi user name by convention). */
  wechatId: string | null;
}

export interface SendResult {
  /** held: kept in the outbox; sent: the gateway accepted it; skipped: the user has no address on this channel. */
  status: 'held' | 'sent' | 'skipped';
  /** Where it went, as shown in the outbox (a phone number masked). */
  recipient: string | null;
}

/**
 * Where outbound messages go — one interface, the adapter chosen by configuration (SIYI_NOTIFY_CHANNEL). `send`
 * throws when the gateway refused or could not be reached: the delivery job is then retried with backoff.
 */
export interface OutboundChannel {
  readonly name: OutboundChannelName;
  send(message: OutboundMessage): Promise<SendResult>;
}

export type OutboundChannelConfig =
  | { kind: 'outbox' }
  | { kind: 'sms' | 'wechat'; url: string; token: string; timeoutMs?: number };

/** 13700001111 → 137****1111 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** The default: nothing leaves the server; the development outbox page (admins) shows what would have been sent. */
export const outboxChannel: OutboundChannel = {
  name: 'outbox',
  async send(message) {
    return { status: 'held', recipient: message.phone ? maskPhone(message.phone) : message.wechatId };
  },
};

/** The error of a gateway call; its message names the status only (never the token or the recipient). */
export class GatewayError extends Error {
  constructor(
    readonly channel: string,
    readonly status: number | null,
  ) {
    super(`${channel} gateway ${status === null ? 'unreachable' : `answered ${status}`}`);
    this.name = 'GatewayError';
  }
}

async function postJson(
  channel: OutboundChannelName,
  config: { url: string; token: string; timeoutMs?: number },
  payload: object,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.token}` },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
    });
  } catch {
    throw new GatewayError(channel, null);
  }
  // Drain the body so the connection is reused; its content is not ours to log.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new GatewayError(channel, response.status);
}

/**
 * SMS through the company's SMS gateway (an HTTP endpoint that takes `{ to, text }` with a bearer token; the
 * carrier contract and signature 【四意】 live behind it).
 */
export function smsChannel(config: { url: string; token: string; timeoutMs?: number }): OutboundChannel {
  return {
    name: 'sms',
    async send(message) {
      if (!message.phone) return { status: 'skipped', recipient: null };
      await postJson('sms', config, { to: message.phone, text: `【四意】${message.title}：${message.body}` });
      return { status: 'sent', recipient: maskPhone(message.phone) };
    },
  };
}

/**
 * WeChat through the company's WeChat relay (企业微信 application messages): `{ touser, title, description, url }`
 * with a bearer token; the relay holds the corp secret and turns `url` (a path) into a link to the web app.
 */
export function wechatChannel(config: { url: string; token: string; timeoutMs?: number }): OutboundChannel {
  return {
    name: 'wechat',
    async send(message) {
      if (!message.wechatId) return { status: 'skipped', recipient: null };
      await postJson('wechat', config, {
        touser: message.wechatId,
        title: message.title,
        description: message.body,
        url: message.link,
      });
      return { status: 'sent', recipient: message.wechatId };
    },
  };
}

export function channelFromConfig(config: OutboundChannelConfig): OutboundChannel {
  switch (config.kind) {
    case 'outbox':
      return outboxChannel;
    case 'sms':
      return smsChannel(config);
    case 'wechat':
      return wechatChannel(config);
    default: {
      const unreachable: never = config;
      throw new Error(`unknown channel ${JSON.stringify(unreachable)}`);
    }
  }
}
