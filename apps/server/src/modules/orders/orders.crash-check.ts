/**
 * Acknowledged orders survive a `kill -9` (issue 11, integrity under load), checked against the real server:
 *
 *   cd apps/server && npx tsx src/modules/orders/orders.crash-check.ts
 *   (ADMIN_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres: a PostgreSQL server it may create
 *   and drop a database on)
 *
 * It creates a fresh database, starts `cli.ts serve` on it (the demo city loads, its week's strategy published),
 * signs in 30 retailers and lets them submit round after round (each submit its own Idempotency-Key), kills the
 * server with SIGKILL in the middle of a round, starts it again on the same database and checks:
 * - every submission the server acknowledged (200) is stored with the answer it gave;
 * - each retailer's order is exactly its latest stored submission (never half-written);
 * - replaying each acknowledged key answers the same order and lines, `replayed: true`.
 * Prints one JSON line; exits 1 on any failure. The database is dropped at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const ADMIN_URL = process.env.ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RETAILERS = 30;
const ROUNDS = 6;
const PORT = 3000 + Math.floor(Math.random() * 2000) + 20_000;
const BASE = `http://127.0.0.1:${PORT}`;
const DB_NAME = `siyi_crash_${Date.now()}`;
const dbUrl = () => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
};

interface Shop {
  licence: string;
  cookie: string;
  csrf: string;
  productId: number;
}
interface Ack {
  shop: Shop;
  key: string;
  body: { orderId: number; lines: { productId: number; quantity: number }[]; submittedAt: string };
}

/** Lines as comparable text (jsonb does not keep key order). */
const linesKey = (lines: { productId: number; quantity: number }[]) =>
  JSON.stringify(lines.map((l) => [l.productId, l.quantity]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)));

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function startServer(): ChildProcess {
  const child = spawn('npx', ['tsx', 'src/cli.ts', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl(),
      PORT: String(PORT),
      HOST: '127.0.0.1',
      SIYI_DEMO: 'auto',
      SIYI_DEMO_RETAILERS: '300',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  return child;
}

function killHard(child: ChildProcess) {
  // The whole process group: npx, tsx and node.
  if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
}

async function waitHealthy(timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(`${BASE}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error('the server did not become healthy');
}

async function signIn(licence: string): Promise<Omit<Shop, 'productId'>> {
  const response = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: licence, password: 'siyi-demo' }),
  });
  if (!response.ok) throw new Error(`sign-in ${licence}: ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { licence, cookie, csrf: csrfToken };
}

function submit(shop: Shop, key: string, quantity: number) {
  return fetch(`${BASE}/api/orders/current/submit`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: shop.cookie,
      'x-csrf-token': shop.csrf,
      'idempotency-key': key,
    },
    body: JSON.stringify({ lines: [{ productId: shop.productId, quantity }] }),
  });
}

async function main() {
  await admin(`create database ${DB_NAME}`);
  const failures: string[] = [];
  const acks: Ack[] = [];
  let server = startServer();
  try {
    await waitHealthy(600_000);
    const db = new pg.Client({ connectionString: dbUrl() });
    await db.connect();
    const licences = await db.query<{ licence_no: string }>(
      `select r.licence_no from retailers r join users u on u.retailer_id = r.id
       where r.status = 'active' and u.disabled_at is null order by r.id limit ${RETAILERS}`,
    );
    await db.end();
    const shops: Shop[] = [];
    for (const { licence_no } of licences.rows) {
      const session = await signIn(licence_no);
      const current = await fetch(`${BASE}/api/orders/current`, { headers: { cookie: session.cookie } });
      const order = (await current.json()) as { products: { productId: number; mode: string; limit: number | null }[] };
      const open = order.products.find((p) => p.mode === 'open' && p.limit === null);
      if (!open) throw new Error(`no open product for ${licence_no}`);
      shops.push({ ...session, productId: open.productId });
    }
    // Rounds of submissions from every shop at once; the server dies in the middle of round 3.
    let killed = false;
    for (let round = 1; round <= ROUNDS && !killed; round++) {
      const sent = shops.map(async (shop) => {
        const key = `crash-${shop.licence}-${round}`;
        try {
          const response = await submit(shop, key, round);
          if (response.status === 200) acks.push({ shop, key, body: (await response.json()) as Ack['body'] });
        } catch {
          // The connection died with the server: not acknowledged.
        }
      });
      if (round === 3) {
        // Killed once a few of the round are acknowledged and the rest are in flight.
        const before = acks.length;
        const until = Date.now() + 2000;
        while (acks.length < before + 5 && Date.now() < until) await sleep(1);
        killHard(server);
        killed = true;
      }
      await Promise.all(sent);
    }
    if (!killed) killHard(server);
    await sleep(1000);
    server = startServer();
    await waitHealthy(120_000);

    const check = new pg.Client({ connectionString: dbUrl() });
    await check.connect();
    for (const ack of acks) {
      const stored = await check.query<{ response: Ack['body'] }>(
        'select response from order_submissions where idempotency_key = $1',
        [ack.key],
      );
      const row = stored.rows[0];
      if (!row) failures.push(`acknowledged ${ack.key} is not stored`);
      else if (linesKey(row.response.lines) !== linesKey(ack.body.lines)) {
        failures.push(`${ack.key} stored another answer`);
      }
    }
    for (const shop of shops) {
      const latest = await check.query<{ response: Ack['body'] }>(
        `select s.response from order_submissions s join retailers r on r.id = s.retailer_id
         where r.licence_no = $1 order by s.created_at desc, s.idempotency_key desc limit 1`,
        [shop.licence],
      );
      const lines = await check.query<{ product_id: number; quantity: number; status: string }>(
        `select l.product_id, l.quantity, o.status from orders o join retailers r on r.id = o.retailer_id
         left join order_lines l on l.order_id = o.id
         where r.licence_no = $1 and o.status <> 'delivered' and o.week_start = (select max(week_start) from orders)`,
        [shop.licence],
      );
      const expected = latest.rows[0]?.response.lines ?? [];
      const actual = lines.rows
        .filter((l) => l.product_id !== null)
        .map((l) => ({ productId: l.product_id, quantity: l.quantity }));
      if (linesKey(actual) !== linesKey(expected)) {
        failures.push(
          `${shop.licence}: order ${JSON.stringify(actual)} is not its latest submission ${JSON.stringify(expected)}`,
        );
      }
    }
    await check.end();
    for (const ack of acks) {
      const again = await submit(ack.shop, ack.key, Number(ack.key.split('-').at(-1)));
      const body = (await again.json()) as Ack['body'] & { replayed?: boolean };
      if (again.status !== 200 || body.replayed !== true || body.orderId !== ack.body.orderId) {
        failures.push(`replay of ${ack.key}: ${again.status} ${JSON.stringify(body)}`);
      }
    }
  } finally {
    killHard(server);
    await sleep(1000);
    await admin(`drop database if exists ${DB_NAME} with (force)`);
  }
  const lastRound = acks.filter((a) => a.key.endsWith('-3')).length;
  console.log(
    JSON.stringify({ check: 'orders-kill-9', acknowledged: acks.length, inKilledRound: lastRound, failures }),
  );
  if (failures.length > 0) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
