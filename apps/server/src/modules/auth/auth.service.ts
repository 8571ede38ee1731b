import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ChangePasswordRequest, SessionUser, UpdatePreferencesRequest } from '@siyi/contracts';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/audit.service';
import * as repo from './auth.repository';
import { hashPassword, passwordPolicyViolation, verifyAgainstDummy, verifyPassword } from './password';

/** The public password of the demo accounts; accepted only for accounts the demo generator made. */
export const DEMO_PASSWORD = 'siyi-demo';

export interface AuthDeps {
  db: Db;
  clock: Clock;
  config: Pick<AppConfig, 'session' | 'lockout'>;
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

export async function login(
  deps: AuthDeps,
  input: { username: string; password: string; ip: string; userAgent: string | undefined },
): Promise<{ token: string; context: AuthContext }> {
  const now = deps.clock.now();
  const account = await repo.findAccountByUsername(deps.db, input.username);
  if (!account || account.disabledAt) {
    await verifyAgainstDummy(input.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (account.lockedUntil && account.lockedUntil > now) {
    const minutes = Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new AppError('ACCOUNT_LOCKED', undefined, { minutes });
  }
  const demoPasswordRefused = input.password === DEMO_PASSWORD && !account.isDemo;
  const valid = (await verifyPassword(account.passwordHash, input.password)) && !demoPasswordRefused;
  if (!valid) {
    // After a lock has run out, counting starts again.
    const previous = account.lockedUntil ? 0 : account.failedLoginCount;
    const failures = previous + 1;
    const lock = failures >= deps.config.lockout.maxFailures;
    const lockedUntil = lock ? new Date(now.getTime() + deps.config.lockout.minutes * 60_000) : null;
    await repo.recordLoginFailure(deps.db, account.id, lock ? 0 : failures, lockedUntil);
    if (lock) throw new AppError('ACCOUNT_LOCKED', undefined, { minutes: deps.config.lockout.minutes });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const token = newToken();
  const sessionId = sessionIdFromToken(token);
  const csrfToken = newToken();
  await deps.db.transaction(async (tx) => {
    if (account.failedLoginCount > 0 || account.lockedUntil) await repo.clearLoginFailures(tx, account.id);
    await repo.insertSession(tx, {
      id: sessionId,
      userId: account.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.config.session.absoluteHours * 3_600_000),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
  });
  return { token, context: { sessionId, csrfToken, user: toSessionUser(account), actor: toActor(account) } };
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

/** Changes the caller's password and ends their other sessions (ASVS 7.4.3). Audited, without the hashes. */
export async function changePassword(
  deps: AuthDeps,
  context: AuthContext,
  input: ChangePasswordRequest,
  requestId: string,
): Promise<void> {
  const account = await repo.findAccountById(deps.db, context.user.id);
  if (!account) throw new AppError('UNAUTHENTICATED');
  const currentValid =
    (await verifyPassword(account.passwordHash, input.currentPassword)) &&
    !(input.currentPassword === DEMO_PASSWORD && !account.isDemo);
  if (!currentValid) throw new AppError('VALIDATION_FAILED', { currentPassword: 'password.wrongCurrent' });
  if (input.newPassword === input.currentPassword) {
    throw new AppError('PASSWORD_POLICY', { newPassword: 'password.sameAsCurrent' });
  }
  const violation = passwordPolicyViolation(input.newPassword, { username: account.username });
  if (violation) throw new AppError('PASSWORD_POLICY', { newPassword: violation });
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.updatePasswordHash(tx, account.id, passwordHash, now);
    await repo.deleteOtherSessions(tx, account.id, context.sessionId);
    await recordAudit(
      tx,
      { actor: context.actor, at: now, requestId },
      { entityType: 'user', entityId: account.id, action: 'password_changed', districtId: account.orgUnitId },
    );
  });
}
