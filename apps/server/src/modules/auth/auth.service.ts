import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ChangePasswordRequest, SessionUser, UpdatePreferencesRequest } from '@siyi/contracts';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/audit.service';
import * as repo from './auth.repository';
import { hashPassword, passwordPolicyViolation, verifyAgainstDummy, verifyPassword } from './password';
import { admitPasswordCheck, passwordCheckFailed, passwordCheckSucceeded, purgeThrottle } from './throttle.service';

/** The public password of the demo accounts; accepted only for accounts the demo generator made. */
export const DEMO_PASSWORD = 'siyi-demo';

export interface AuthDeps {
  db: Db;
  clock: Clock;
  config: Pick<AppConfig, 'session' | 'lockout' | 'loginRateLimit'>;
}

export interface AuthContext {
  sessionId: string;
  csrfToken: string;
  user: SessionUser;
  actor: Actor;
}

type Account = NonNullable<repo.AccountRow>;

function toSessionUser(account: Account): SessionUser {
  return {
    id: account.id,
    username: account.username,
    name: account.displayName,
    role: account.role,
    locale: account.locale,
    fontScale: account.fontScale,
    orgUnitId: account.orgUnitId,
    orgUnitName: account.orgUnitName,
    retailerId: account.retailerId,
    mustChangePassword: account.mustChangePassword,
  };
}

function toActor(account: Account): Actor {
  return { id: account.id, role: account.role, orgUnitId: account.orgUnitId, retailerId: account.retailerId };
}

/** The cookie carries a random token; the table keeps only its hash. */
export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

interface ClientMeta {
  ip: string;
  userAgent: string | undefined;
}

/** A new session row in `tx`; the cookie gets the token, the table only its hash. */
async function createSession(tx: Db, account: Account, now: Date, meta: ClientMeta, absoluteHours: number) {
  const token = newToken();
  const sessionId = sessionIdFromToken(token);
  const csrfToken = newToken();
  await repo.insertSession(tx, {
    id: sessionId,
    userId: account.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + absoluteHours * 3_600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, context: { sessionId, csrfToken, user: toSessionUser(account), actor: toActor(account) } };
}

/** Whether the password is this account's; the public demo password only for demo accounts. */
async function passwordMatches(account: Account, password: string): Promise<boolean> {
  return (await verifyPassword(account.passwordHash, password)) && !(password === DEMO_PASSWORD && !account.isDemo);
}

export async function login(
  deps: AuthDeps,
  input: { username: string; password: string } & ClientMeta,
): Promise<{ token: string; context: AuthContext }> {
  // Counted and reserved before anything is looked up: unknown and known names go the same way.
  const check = await admitPasswordCheck(deps, { username: input.username, address: input.ip });
  const account = await repo.findAccountByUsername(deps.db, input.username);
  let valid = false;
  if (account) valid = await passwordMatches(account, input.password);
  else await verifyAgainstDummy(input.password);
  if (!valid || !account) {
    await passwordCheckFailed(deps, check);
    throw new AppError('INVALID_CREDENTIALS');
  }
  await passwordCheckSucceeded(deps, check);
  // Said only to whoever knows the password: the person is told why, a guesser learns nothing new.
  if (account.disabledAt) throw new AppError('ACCOUNT_DISABLED');
  const now = deps.clock.now();
  const session = await inTransaction(deps.db, async (tx) => {
    await repo.recordSignIn(tx, account.id, now);
    return createSession(tx, account, now, input, deps.config.session.absoluteHours);
  });
  // Opportunistically, besides the timer: a busy server keeps the table small.
  await purgeExpired(deps);
  return session;
}

/** Deletes sessions that ran out and throttle counters that no longer matter. */
export async function purgeExpired(deps: Pick<AuthDeps, 'db' | 'clock' | 'config'>): Promise<void> {
  const now = deps.clock.now();
  const idleFloor = new Date(now.getTime() - deps.config.session.idleMinutes * 60_000);
  await repo.purgeExpiredSessions(deps.db, now, idleFloor);
  await purgeThrottle(deps);
}

/** Looks up the session behind a cookie token; 'expired' when it ran out of idle or absolute time. */
export async function authenticate(deps: AuthDeps, token: string): Promise<AuthContext | 'expired' | null> {
  if (token.length < 20 || token.length > 100) return null;
  const sessionId = sessionIdFromToken(token);
  const row = await repo.findSessionWithAccount(deps.db, sessionId);
  if (!row) return null;
  const now = deps.clock.now();
  const idleLimit = row.session.lastSeenAt.getTime() + deps.config.session.idleMinutes * 60_000;
  if (now.getTime() >= idleLimit || now >= row.session.expiresAt || row.account.disabledAt) {
    await repo.deleteSession(deps.db, sessionId);
    return 'expired';
  }
  // Sliding idle window; written at most once a minute to keep reads cheap.
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) await repo.touchSession(deps.db, sessionId, now);
  return {
    sessionId,
    csrfToken: row.session.csrfToken,
    user: toSessionUser(row.account),
    actor: toActor(row.account),
  };
}

export function csrfTokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function logout(deps: AuthDeps, context: AuthContext): Promise<void> {
  await repo.deleteSession(deps.db, context.sessionId);
}

export async function updatePreferences(
  deps: AuthDeps,
  context: AuthContext,
  changes: UpdatePreferencesRequest,
): Promise<SessionUser> {
  const patch: { locale?: 'zh-CN' | 'en'; fontScale?: number } = {};
  if (changes.locale) patch.locale = changes.locale;
  if (changes.fontScale) patch.fontScale = changes.fontScale;
  if (Object.keys(patch).length > 0) await repo.updatePreferences(deps.db, context.user.id, patch);
  const account = await repo.findAccountById(deps.db, context.user.id);
  if (!account) throw new AppError('UNAUTHENTICATED');
  return toSessionUser(account);
}

/**
 * Changes the caller's password (ASVS 7.4.3): a wrong current password counts toward the sign-in lock of this
 * name and address; on success every session of the user ends and the caller gets a new one. Audited, without
 * the hashes.
 */
export async function changePassword(
  deps: AuthDeps,
  context: AuthContext,
  input: ChangePasswordRequest,
  meta: ClientMeta & { requestId: string },
): Promise<{ token: string; context: AuthContext }> {
  const account = await repo.findAccountById(deps.db, context.user.id);
  if (!account) throw new AppError('UNAUTHENTICATED');
  const check = await admitPasswordCheck(deps, { username: account.username, address: meta.ip });
  if (!(await passwordMatches(account, input.currentPassword))) {
    await passwordCheckFailed(deps, check);
    throw new AppError('VALIDATION_FAILED', { currentPassword: 'password.wrongCurrent' });
  }
  await passwordCheckSucceeded(deps, check);
  if (input.newPassword === input.currentPassword) {
    throw new AppError('PASSWORD_POLICY', { newPassword: 'password.sameAsCurrent' });
  }
  const violation = passwordPolicyViolation(input.newPassword, {
    username: account.username,
    displayName: account.displayName,
    orgUnitName: account.orgUnitName,
  });
  if (violation) throw new AppError('PASSWORD_POLICY', { newPassword: violation });
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    await repo.updatePasswordHash(tx, account.id, passwordHash, now);
    // A new session id after a change of credentials; the old one, and every other, ends.
    await repo.deleteUserSessions(tx, account.id);
    const renewed = await createSession(
      tx,
      { ...account, mustChangePassword: false },
      now,
      meta,
      deps.config.session.absoluteHours,
    );
    await recordAudit(
      tx,
      { actor: context.actor, at: now, requestId: meta.requestId },
      { entityType: 'user', entityId: account.id, action: 'password_changed', districtId: account.orgUnitId },
    );
    return renewed;
  });
}
