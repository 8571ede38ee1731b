import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { signInCounters } from '../../db/schema';

const iso = (d: Date) => d.toISOString();

/**
 * Counts one attempt of `username` from `address` in the (name, address) and address windows, atomically, and
 * reads the name's failures across all addresses and whether this address ever signed this name in.
 */
export async function countAttempt(
  db: Db,
  input: {
    username: string;
    address: string;
    now: Date;
    /** Windows that started at or before this are over: the count starts again. */
    rateWindowFloor: Date;
    ceilingWindowFloor: Date;
    knownFloor: Date;
  },
) {
  const { username, address, now } = input;
  const hit = (kind: 'pair_rate' | 'address_rate', name: string) => sql`
    insert into sign_in_counters as c (kind, username, address, count, window_start, last_at)
    values (${kind}, ${name}, ${address}, 1, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
    on conflict (kind, username, address) do update set
      count = case when c.window_start <= ${iso(input.rateWindowFloor)}::timestamptz then 1 else c.count + 1 end,
      window_start = case when c.window_start <= ${iso(input.rateWindowFloor)}::timestamptz
        then excluded.window_start else c.window_start end,
      last_at = excluded.last_at
    returning c.count, c.window_start`;
  const result = await db.execute<{
    pair_count: number;
    pair_start: string;
    address_count: number;
    address_start: string;
    account_failures: number;
    known: boolean;
  }>(sql`
    with pair as (${hit('pair_rate', username)}), addr as (${hit('address_rate', '')})
    select pair.count as pair_count, pair.window_start as pair_start,
      addr.count as address_count, addr.window_start as address_start,
      coalesce((select f.count from sign_in_counters f
        where f.kind = 'account_failures' and f.username = ${username} and f.address = ''
          and f.window_start > ${iso(input.ceilingWindowFloor)}::timestamptz), 0) as account_failures,
      exists(select 1 from sign_in_counters k
        where k.kind = 'known_address' and k.username = ${username} and k.address = ${address}
          and k.last_at > ${iso(input.knownFloor)}::timestamptz) as known
    from pair, addr`);
  const row = result.rows[0];
  if (!row) throw new Error('countAttempt returned no row');
  return {
    pairCount: Number(row.pair_count),
    pairStart: new Date(row.pair_start),
    addressCount: Number(row.address_count),
    addressStart: new Date(row.address_start),
    accountFailures: Number(row.account_failures),
    known: Boolean(row.known),
  };
}

/**
 * Reserves one password check for (name, address) before it is made: the returned number is this attempt's place
 * among the consecutive failures. The one that reaches `max` sets the lock at once, so parallel guesses beyond it
 * are refused without being checked. A lock that ran out, or failures older than `resetFloor`, start over.
 */
export async function reservePasswordCheck(
  db: Db,
  input: { username: string; address: string; now: Date; max: number; lockEnd: Date; resetFloor: Date },
): Promise<{ place: number; lockedUntil: Date | null }> {
  const { now, max } = input;
  const lockEnd = iso(input.lockEnd);
  const result = await db.execute<{ count: number; locked_until: string | null }>(sql`
    insert into sign_in_counters as c (kind, username, address, count, window_start, last_at, locked_until)
    values ('pair_failures', ${input.username}, ${input.address}, 1, ${iso(now)}::timestamptz,
      ${iso(now)}::timestamptz, case when 1 >= ${max}::int then ${lockEnd}::timestamptz end)
    on conflict (kind, username, address) do update set
      count = case when ${fresh(input.resetFloor, now)} then 1 else c.count + 1 end,
      locked_until = case
        when ${fresh(input.resetFloor, now)} then excluded.locked_until
        when c.count + 1 = ${max}::int then ${lockEnd}::timestamptz
        else c.locked_until end,
      window_start = case when ${fresh(input.resetFloor, now)} then excluded.window_start else c.window_start end,
      last_at = excluded.last_at
    returning c.count, c.locked_until`);
  const row = result.rows[0];
  if (!row) throw new Error('reservePasswordCheck returned no row');
  return { place: Number(row.count), lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
}

/** True in the ON CONFLICT branch when the stored failures no longer count. */
function fresh(resetFloor: Date, now: Date) {
  return sql`((c.locked_until is not null and c.locked_until <= ${iso(now)}::timestamptz)
    or (c.locked_until is null and c.last_at <= ${iso(resetFloor)}::timestamptz))`;
}

/**
 * A right password forgives the failures reserved up to and including its own place; checks reserved after it
 * (still running in parallel) keep counting.
 */
export async function releasePasswordCheck(
  db: Db,
  input: { username: string; address: string; place: number; max: number },
) {
  await db.execute(sql`
    update sign_in_counters set
      count = greatest(count - ${input.place}::int, 0),
      locked_until = case when count - ${input.place}::int >= ${input.max}::int then locked_until end
    where kind = 'pair_failures' and username = ${input.username} and address = ${input.address}`);
}

/** One more wrong password for the name across all addresses, in a window of `windowFloor`…now. */
export async function countAccountFailure(db: Db, input: { username: string; now: Date; windowFloor: Date }) {
  await db.execute(sql`
    insert into sign_in_counters as c (kind, username, address, count, window_start, last_at)
    values ('account_failures', ${input.username}, '', 1, ${iso(input.now)}::timestamptz, ${iso(input.now)}::timestamptz)
    on conflict (kind, username, address) do update set
      count = case when c.window_start <= ${iso(input.windowFloor)}::timestamptz then 1 else c.count + 1 end,
      window_start = case when c.window_start <= ${iso(input.windowFloor)}::timestamptz
        then excluded.window_start else c.window_start end,
      last_at = excluded.last_at`);
}

/** Remembers that the name signed in from this address (the per-account ceiling spares it). */
export async function rememberAddress(db: Db, input: { username: string; address: string; now: Date }) {
  await db
    .insert(signInCounters)
    .values({
      kind: 'known_address',
      username: input.username,
      address: input.address,
      count: 1,
      windowStart: input.now,
      lastAt: input.now,
    })
    .onConflictDoUpdate({
      target: [signInCounters.kind, signInCounters.username, signInCounters.address],
      set: { lastAt: input.now, count: sql`${signInCounters.count} + 1` },
    });
}

/** The name's standing failures: how many, and the latest lock still running (any address). */
export async function findFailures(db: Db, username: string, now: Date) {
  const [row] = await db
    .select({
      failures: sql<number>`coalesce(sum(${signInCounters.count}) filter (
        where ${signInCounters.lockedUntil} is null or ${signInCounters.lockedUntil} > ${iso(now)}::timestamptz), 0)`.mapWith(
        Number,
      ),
      lockedUntil: sql<string | null>`max(${signInCounters.lockedUntil}) filter (
        where ${signInCounters.lockedUntil} > ${iso(now)}::timestamptz)`,
    })
    .from(signInCounters)
    .where(and(eq(signInCounters.kind, 'pair_failures'), eq(signInCounters.username, username)));
  return {
    failures: row?.failures ?? 0,
    lockedUntil: row?.lockedUntil ? new Date(row.lockedUntil) : null,
  };
}

/** Lifts every lock and failure count of the name (an admin's unlock). */
export async function clearFailures(db: Db, username: string) {
  await db
    .delete(signInCounters)
    .where(
      and(
        inArray(signInCounters.kind, ['pair_failures', 'account_failures', 'pair_rate']),
        eq(signInCounters.username, username),
      ),
    );
}

/** Drops counters nobody needs any more: windows long over, locks run out, addresses unused for `knownFloor`. */
export async function purgeCounters(db: Db, input: { now: Date; staleFloor: Date; knownFloor: Date }) {
  await db
    .delete(signInCounters)
    .where(
      or(
        and(
          sql`${signInCounters.kind} <> 'known_address'`,
          lt(signInCounters.lastAt, input.staleFloor),
          or(sql`${signInCounters.lockedUntil} is null`, lt(signInCounters.lockedUntil, input.now)),
        ),
        and(eq(signInCounters.kind, 'known_address'), lt(signInCounters.lastAt, input.knownFloor)),
      ),
    );
}
