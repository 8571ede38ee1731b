import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import * as repo from './throttle.repository';

/**
 * Sign-in throttling (ADR 0003), all in the database so it survives restarts and holds across app servers:
 * - per (name as typed, address): `loginRateLimit` attempts per 5 minutes, and `lockout.maxFailures` consecutive
 *   wrong passwords lock that pair alone for `lockout.minutes` — an attacker elsewhere cannot lock the user out
 *   of their own address;
 * - per address: ten times `loginRateLimit` per 5 minutes, so an office behind one address is not starved;
 * - per name across addresses: after `lockout.accountCeiling` wrong passwords in `lockout.minutes`, only
 *   addresses that signed this name in before (30 days) may keep trying.
 * Unknown names are counted exactly like known ones: the answers cannot tell them apart.
 */
export interface ThrottleDeps {
  db: Db;
  clock: Clock;
  config: Pick<AppConfig, 'lockout' | 'loginRateLimit'>;
}

const RATE_WINDOW_MS = 5 * 60_000;
const ADDRESS_BUDGET_FACTOR = 10;
const KNOWN_ADDRESS_MS = 30 * 24 * 3_600_000;
const STALE_MS = 24 * 3_600_000;

/** A password check that was admitted: its place among the pair's consecutive failures. */
export interface PasswordCheck {
  username: string;
  address: string;
  place: number;
}

const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);
const secondsUntil = (now: Date, end: Date) => Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000));

/**
 * Counts the attempt and reserves a password check — or refuses without checking: 429 over a rate, 423 while
 * the pair is locked. Reserving before checking makes parallel guesses beyond the limit go unchecked.
 */
export async function admitPasswordCheck(
  deps: ThrottleDeps,
  input: { username: string; address: string },
): Promise<PasswordCheck> {
  const now = deps.clock.now();
  const { lockout } = deps.config;
  const counts = await repo.countAttempt(deps.db, {
    ...input,
    now,
    rateWindowFloor: new Date(now.getTime() - RATE_WINDOW_MS),
    ceilingWindowFloor: minutesAgo(now, lockout.minutes),
    knownFloor: new Date(now.getTime() - KNOWN_ADDRESS_MS),
  });
  const overRate = [
    counts.pairCount > deps.config.loginRateLimit ? counts.pairStart : null,
    counts.addressCount > deps.config.loginRateLimit * ADDRESS_BUDGET_FACTOR ? counts.addressStart : null,
  ].filter((start): start is Date => start !== null);
  if (overRate.length > 0) {
    const ends = overRate.map((start) => start.getTime() + RATE_WINDOW_MS);
    throw new AppError('RATE_LIMITED', undefined, { retryAfter: secondsUntil(now, new Date(Math.max(...ends))) });
  }
  if (!counts.known && counts.accountFailures >= lockout.accountCeiling) {
    throw new AppError('RATE_LIMITED', undefined, { retryAfter: lockout.minutes * 60 });
  }
  const reservation = await repo.reservePasswordCheck(deps.db, {
    ...input,
    now,
    max: lockout.maxFailures,
    lockEnd: new Date(now.getTime() + lockout.minutes * 60_000),
    resetFloor: minutesAgo(now, lockout.minutes),
  });
  if (reservation.place > lockout.maxFailures) {
    const until = reservation.lockedUntil ?? new Date(now.getTime() + lockout.minutes * 60_000);
    throw new AppError('ACCOUNT_LOCKED', undefined, { minutes: Math.ceil(secondsUntil(now, until) / 60) });
  }
  return { ...input, place: reservation.place };
}

/** Records a wrong password; throws 423 when this one completed the lock, else returns for the caller's answer. */
export async function passwordCheckFailed(deps: ThrottleDeps, check: PasswordCheck): Promise<void> {
  const now = deps.clock.now();
  await repo.countAccountFailure(deps.db, {
    username: check.username,
    now,
    windowFloor: minutesAgo(now, deps.config.lockout.minutes),
  });
  if (check.place >= deps.config.lockout.maxFailures) {
    throw new AppError('ACCOUNT_LOCKED', undefined, { minutes: deps.config.lockout.minutes });
  }
}

/** A right password forgives the pair's failures up to this check and remembers the address. */
export async function passwordCheckSucceeded(deps: ThrottleDeps, check: PasswordCheck): Promise<void> {
  await repo.releasePasswordCheck(deps.db, { ...check, max: deps.config.lockout.maxFailures });
  await repo.rememberAddress(deps.db, { ...check, now: deps.clock.now() });
}

/** Drops counters that no longer matter (run with the session purge). */
export async function purgeThrottle(deps: Pick<ThrottleDeps, 'db' | 'clock'>): Promise<void> {
  const now = deps.clock.now();
  await repo.purgeCounters(deps.db, {
    now,
    staleFloor: new Date(now.getTime() - STALE_MS),
    knownFloor: new Date(now.getTime() - KNOWN_ADDRESS_MS),
  });
}
