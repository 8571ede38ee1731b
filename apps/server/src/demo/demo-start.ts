import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { hashPassword } from '../modules/auth/password';
import { DEMO_PASSWORD, type DemoLoadProgress, loadDemoCity } from './demo-city.load';

/** Loads the demo city into an empty database, showing progress on the terminal. */
export async function loadDemoCityWithProgress(database: Database, retailers?: number): Promise<void> {
  console.log('The database is empty: loading the demo city 许昌市 (Xuchang)…');
  const started = Date.now();
  const tty = process.stdout.isTTY;
  let lastLine = '';
  let lastPrint = 0;
  const onProgress = (p: DemoLoadProgress) => {
    const percent = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
    const width = 24;
    const filled = Math.round((percent / 100) * width);
    const line = `  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%  ${p.phase} ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')}`;
    const now = Date.now();
    if (tty) {
      process.stdout.write(`\r${line.padEnd(lastLine.length)}`);
      lastLine = line;
    } else if (now - lastPrint > 2000 || p.done === p.total) {
      console.log(line);
      lastPrint = now;
    }
  };
  const summary = await loadDemoCity(database.db, {
    passwordHash: await hashPassword(DEMO_PASSWORD),
    onProgress,
    ...(retailers ? { retailers } : {}),
  });
  if (tty) process.stdout.write('\n');
  await vacuumDemoCity(database);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Demo city loaded in ${seconds} s: ${summary.retailers.toLocaleString('en')} retailers, ` +
      `${summary.users.toLocaleString('en')} accounts, ${summary.products} products, ` +
      `${summary.orders.toLocaleString('en')} orders with ${summary.orderLines.toLocaleString('en')} lines.`,
  );
}

/** The tables the demo city fills, vacuumed and analyzed once its transaction has committed. */
export const DEMO_CITY_TABLES = [
  'org_units',
  'users',
  'retailers',
  'products',
  'orders',
  'order_lines',
  'sales_weekly',
  'retailer_weekly',
  'tier_history',
] as const;

/**
 * `VACUUM (ANALYZE)` of the freshly loaded tables (it cannot run inside the load's transaction). It sets the
 * visibility map, so the lists' counts and deep pages read their indexes alone (index-only scans) from the first
 * request instead of whenever autovacuum — if it is on at all — gets round to the million new rows.
 */
export async function vacuumDemoCity(database: Database): Promise<void> {
  // On its own connection without the web requests' 15 s statement timeout: a large city (30,000 retailers, four
  // million order lines) on a busy machine takes longer than that.
  const client = await database.pool.connect();
  try {
    await client.query('set statement_timeout = 0');
    await client.query(`vacuum (analyze) ${DEMO_CITY_TABLES.join(', ')}`);
  } finally {
    await client.query('reset statement_timeout').catch(() => {});
    client.release();
  }
}

/** Prints the demo sign-ins, if the database has demo accounts. */
export async function printDemoLogins(database: Database): Promise<void> {
  const result = await database.db.execute<{ username: string; role: string; display_name: string }>(sql`
    (select username, role, display_name from users where is_demo and role <> 'retailer'
      order by case role when 'admin' then 0 when 'supervisor' then 1 else 2 end, id)
    union all
    (select username, role, display_name from users where is_demo and role = 'retailer' order by id limit 3)
  `);
  const rows = result.rows;
  if (rows.length === 0) return;
  const names = (role: string) => rows.filter((r) => r.role === role).map((r) => r.username);
  const range = (list: string[]) => (list.length > 2 ? `${list[0]} … ${list[list.length - 1]}` : list.join(', '));
  console.log('\nDemo sign-ins (演示账号) — password for all: siyi-demo');
  console.log(`  admin       管理员      ${range(names('admin'))}`);
  console.log(`  supervisor  片区主管    ${range(names('supervisor'))}`);
  console.log(`  manager     客户经理    ${range(names('manager'))}`);
  console.log(`  retailer    零售户      licence number (许可证号), e.g. ${names('retailer').join(', ')}`);
  console.log('');
}
