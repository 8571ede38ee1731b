import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { OutboundChannelConfig } from './modules/notifications/outbound-channels';

function isAddressOrCidr(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/** AMap's (高德) public road tiles: GCJ-02, four hosts. */
export const DEFAULT_MAP_TILES = {
  url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
  subdomains: '1234',
  crs: 'gcj02',
  attribution: '© 高德地图 AutoNavi',
} as const;

export interface MapTilesConfig {
  url: string;
  subdomains: string;
  crs: 'gcj02' | 'wgs84';
  attribution: string;
}

/** The origins the tile template can reach ({s} filled in with each subdomain): the CSP's img-src allows them. */
export function mapTileOrigins(tiles: MapTilesConfig | null): string[] {
  if (!tiles) return [];
  const hosts = tiles.url.includes('{s}') ? [...tiles.subdomains].map((s) => tiles.url.replace('{s}', s)) : [tiles.url];
  return [...new Set(hosts.map((h) => new URL(h.replace(/[{}]/g, '')).origin))];
}

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** `postgres://…` runs on a PostgreSQL server; unset runs on the embedded PostgreSQL in SIYI_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  SIYI_DATA_DIR: z.string().min(1).default('.siyi-data'),
  /** Another build of the web app to serve (e.g. a test run's own build); apps/web/dist by default. */
  SIYI_WEB_DIST: z.string().min(1).optional(),
  /** `auto` fills an empty database with the demo city; `off` never does. */
  SIYI_DEMO: z.enum(['auto', 'off']).default('auto'),
  SIYI_DEMO_RETAILERS: z.coerce.number().int().min(40).max(200_000).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set when the app is reached through a TLS-terminating proxy: Secure cookies, HSTS. */
  SIYI_BEHIND_HTTPS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Sign-in attempts per (user name, client address) per 5 minutes; a client address gets ten times as many. */
  SIYI_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Proxies whose X-Forwarded-For is believed: addresses or CIDRs, comma separated. None by default. */
  SIYI_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every(isAddressOrCidr), 'SIYI_TRUSTED_PROXIES must list IP addresses or CIDRs'),
  /**
   * The map's tiles: a URL template with {x} {y} {z} and optionally {s} (one of SIYI_MAP_TILE_SUBDOMAINS);
   * `off` draws the map without tiles (points and outlines only). SIYI_MAP_TILE_CRS: `gcj02` for Chinese tile
   * services (AMap, Tencent), `wgs84` for OpenStreetMap-style ones.
   */
  SIYI_MAP_TILE_URL: z
    .string()
    .regex(/^(off|https:\/\/[^\s'"]+)$/, 'SIYI_MAP_TILE_URL must be an https:// URL template or off')
    .default(DEFAULT_MAP_TILES.url),
  SIYI_MAP_TILE_SUBDOMAINS: z
    .string()
    .regex(/^[a-z0-9]*$/)
    .default(DEFAULT_MAP_TILES.subdomains),
  SIYI_MAP_TILE_CRS: z.enum(['gcj02', 'wgs84']).default(DEFAULT_MAP_TILES.crs),
  SIYI_MAP_ATTRIBUTION: z.string().max(200).default(DEFAULT_MAP_TILES.attribution),
  /**
   * Where outbound notifications go: `outbox` (default) keeps them in the development outbox; `sms` / `wechat`
   * post them to the company's gateway at SIYI_NOTIFY_URL with the bearer token SIYI_NOTIFY_TOKEN.
   */
  SIYI_NOTIFY_CHANNEL: z.enum(['outbox', 'sms', 'wechat']).default('outbox'),
  SIYI_NOTIFY_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'SIYI_NOTIFY_URL must be an http(s):// URL')
    .optional(),
  SIYI_NOTIFY_TOKEN: z.string().min(8).optional(),
  /** Hours before a retailer's order cut-off that it is reminded of an unsubmitted draft or a waiting proposal. */
  SIYI_ORDER_REMINDER_HOURS: z.coerce.number().int().min(1).max(72).default(3),
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** The built web app served (SIYI_WEB_DIST); undefined serves apps/web/dist. */
  webDist?: string | undefined;
  demo: 'auto' | 'off';
  demoRetailers: number | undefined;
  logLevel: string;
  behindHttps: boolean;
  /** Proxies trusted for X-Forwarded-For (Fastify's trustProxy); empty trusts none. */
  trustedProxies: string[];
  /** Sign-in attempts per (user name, address) per 5 minutes; per address alone, ten times this. */
  loginRateLimit: number;
  session: { idleMinutes: number; absoluteHours: number };
  /**
   * Wrong passwords of one name from one address that lock that pair for `minutes`; `accountCeiling` wrong
   * passwords of one name from all addresses within `minutes` pause sign-in from addresses it never used.
   */
  lockout: { maxFailures: number; minutes: number; accountCeiling: number };
  /** The retailer map's tiles; null: no tiles, the map draws points and outlines only. */
  mapTiles: MapTilesConfig | null;
  /** The channel of outbound notifications (modules/notifications/outbound-channels.ts). */
  notifyChannel: OutboundChannelConfig;
  /** Hours before each retailer's order cut-off that the reminder goes out (SIYI_ORDER_REMINDER_HOURS). */
  orderReminderHours: number;
}

/** Reads the environment once; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (`DATABASE_URL=`) means unset, as in most tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.SIYI_NOTIFY_CHANNEL !== 'outbox' && (!e.SIYI_NOTIFY_URL || !e.SIYI_NOTIFY_TOKEN)) {
    throw new Error(
      `Invalid configuration: SIYI_NOTIFY_CHANNEL=${e.SIYI_NOTIFY_CHANNEL} needs SIYI_NOTIFY_URL and SIYI_NOTIFY_TOKEN`,
    );
  }
  // npm runs workspace scripts inside the workspace; INIT_CWD is where the user typed the command.
  const base = env.INIT_CWD ?? process.cwd();
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: isAbsolute(e.SIYI_DATA_DIR) ? e.SIYI_DATA_DIR : resolve(base, e.SIYI_DATA_DIR),
    webDist: e.SIYI_WEB_DIST === undefined ? undefined : resolve(base, e.SIYI_WEB_DIST),
    demo: e.SIYI_DEMO,
    demoRetailers: e.SIYI_DEMO_RETAILERS,
    logLevel: e.LOG_LEVEL,
    behindHttps: e.SIYI_BEHIND_HTTPS,
    trustedProxies: e.SIYI_TRUSTED_PROXIES,
    loginRateLimit: e.SIYI_LOGIN_RATE_LIMIT,
    session: { idleMinutes: 30, absoluteHours: 12 },
    lockout: { maxFailures: 5, minutes: 15, accountCeiling: 50 },
    mapTiles:
      e.SIYI_MAP_TILE_URL === 'off'
        ? null
        : {
            url: e.SIYI_MAP_TILE_URL,
            subdomains: e.SIYI_MAP_TILE_SUBDOMAINS,
            crs: e.SIYI_MAP_TILE_CRS,
            attribution: e.SIYI_MAP_ATTRIBUTION,
          },
    notifyChannel:
      e.SIYI_NOTIFY_CHANNEL === 'outbox' || !e.SIYI_NOTIFY_URL || !e.SIYI_NOTIFY_TOKEN
        ? { kind: 'outbox' }
        : { kind: e.SIYI_NOTIFY_CHANNEL, url: e.SIYI_NOTIFY_URL, token: e.SIYI_NOTIFY_TOKEN },
    orderReminderHours: e.SIYI_ORDER_REMINDER_HOURS,
  };
}

/** A configuration for tests: no files, no demo, quiet. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: 'memory://',
    demo: 'off',
    demoRetailers: undefined,
    logLevel: 'silent',
    behindHttps: false,
    trustedProxies: [],
    loginRateLimit: 1000,
    session: { idleMinutes: 30, absoluteHours: 12 },
    lockout: { maxFailures: 5, minutes: 15, accountCeiling: 50 },
    mapTiles: { ...DEFAULT_MAP_TILES },
    notifyChannel: { kind: 'outbox' },
    orderReminderHours: 3,
    ...overrides,
  };
}
