import { randomInt } from 'node:crypto';
import type {
  CreateUserRequest,
  OrgUnit,
  ResetPasswordRequest,
  UpdateUserRequest,
  UserCommandRequest,
  UserDetail,
  UserListQuery,
  UserListResponse,
  UserWithPasswordResponse,
} from '@siyi/contracts';
import type { Db } from '../../db/database';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { isUniqueViolation } from '../../lib/pg-errors';
import { staleVersion } from '../../lib/versioned';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { districtScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import { hashPassword, passwordPolicyViolation } from '../auth/password';
import * as throttle from '../auth/throttle.repository';
import * as repo from './users.repository';

export interface UserDeps {
  db: Db;
  clock: Clock;
  /** Sessions idle longer than this are not counted as active. */
  sessionIdleMinutes: number;
}

export async function listUsers(deps: UserDeps, query: UserListQuery): Promise<UserListResponse> {
  const { page, pageSize, ...filters } = query;
  const { rows, total } = await repo.findUsers(
    deps.db,
    filters,
    { offset: (page - 1) * pageSize, limit: pageSize },
    deps.clock.now(),
  );
  return { items: rows, total, page, pageSize };
}

/** Admins see the whole organisation; a supervisor their own district. */
export async function listOrgUnits(deps: UserDeps, actor: Actor): Promise<{ items: OrgUnit[] }> {
  const scope = districtScope(actor);
  const items = await repo.findOrgUnits(deps.db, scope === null ? null : (scope[0] ?? -1));
  return { items };
}

/** One user, within the caller's scope (admins: everyone; a district scope: that district's users). */
export async function getUser(deps: UserDeps, actor: Actor, id: number, db: Db = deps.db): Promise<UserDetail> {
  const now = deps.clock.now();
  const row = await repo.findUserDetail(db, id, now, new Date(now.getTime() - deps.sessionIdleMinutes * 60_000));
  const scope = districtScope(actor);
  if (!row || (scope !== null && !scope.includes(row.orgUnitId))) throw notFound();
  const { lastSignInAt, ...rest } = row;
  // A retailer account "manages" nothing; the count is for customer managers.
  const { failures, lockedUntil } = await throttle.findFailures(db, row.username, now);
  return {
    ...rest,
    locked: lockedUntil !== null,
    lastSignInAt: lastSignInAt?.toISOString() ?? null,
    lockedUntil: lockedUntil?.toISOString() ?? null,
    failedAttempts: failures,
  };
}

/** Lifts every sign-in lock and failure count of a user, from all addresses; audited with what was lifted. */
export async function unlockUser(deps: UserDeps, actor: Actor, id: number, requestId: string): Promise<UserDetail> {
  return inTransaction(deps.db, async (tx) => {
    const before = await getUser(deps, actor, id, tx);
    await throttle.clearFailures(tx, before.username);
    await recordAudit(
      tx,
      { actor, at: deps.clock.now(), requestId },
      {
        entityType: 'user',
        entityId: id,
        action: 'unlocked',
        districtId: before.orgUnitId,
        before: { lockedUntil: before.lockedUntil, failedAttempts: before.failedAttempts },
        after: { lockedUntil: null, failedAttempts: 0 },
      },
    );
    return getUser(deps, actor, id, tx);
  });
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied from a screen. */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** 16 random characters (about 79 bits) in groups of four, e.g. `k7vm-3xqa-r9tz-hb2e`: easy to pass on by phone. */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/**
 * The admin's password, checked against the same policy as a chosen one (named in `password`), or a generated
 * one that passes it. Hashed here, before any transaction (hashing takes tens of milliseconds).
 */
async function temporaryPassword(
  given: string | undefined,
  context: { username: string; displayName: string; orgUnitName: string },
): Promise<{ hash: string; generated: string | null }> {
  if (given !== undefined) {
    const violation = passwordPolicyViolation(given, context);
    if (violation) throw new AppError('PASSWORD_POLICY', { password: violation });
    return { hash: await hashPassword(given), generated: null };
  }
  let generated = generatePassword();
  // A random 16 characters practically always pass; a context word by chance (e.g. "siyi") gets a new draw.
  while (passwordPolicyViolation(generated, context)) generated = generatePassword();
  return { hash: await hashPassword(generated), generated };
}

/** An admin is of the company; supervisors and managers of a district. */
function expectedOrgKind(role: string): 'company' | 'district' {
  return role === 'admin' ? 'company' : 'district';
}

async function checkOrgUnit(db: Db, orgUnitId: number, role: string) {
  const unit = await repo.findOrgUnit(db, orgUnitId);
  if (!unit) throw new AppError('VALIDATION_FAILED', { orgUnitId: 'user.orgUnitUnknown' });
  if (unit.kind !== expectedOrgKind(role)) {
    throw new AppError('VALIDATION_FAILED', {
      orgUnitId: role === 'admin' ? 'user.adminNeedsCompany' : 'user.staffNeedsDistrict',
    });
  }
  return unit;
}

/** The user a command is about, locked, or 404; then the action rule. */
async function lockTarget(tx: Tx, actor: Actor, id: number): Promise<repo.LockedUser> {
  const row = await repo.lockUser(tx, id);
  if (!row) throw notFound();
  assertCan(actor, 'user.manage', { districtId: row.orgUnitId });
  return row;
}

type AuditContext = { actor: Actor; at: Date; requestId: string };

async function audit(
  tx: Tx,
  context: AuditContext,
  target: repo.LockedUser,
  action: string,
  before: unknown,
  after: unknown,
) {
  await recordAudit(tx, context, {
    entityType: 'user',
    entityId: target.id,
    action,
    districtId: target.orgUnitId,
    before,
    after,
  });
}

/** Creates a staff account that must choose its own password at first sign-in. Audited with what was set. */
export async function createUser(
  deps: UserDeps,
  actor: Actor,
  input: CreateUserRequest,
  requestId: string,
): Promise<UserWithPasswordResponse> {
  assertCan(actor, 'user.manage');
  const unit = await checkOrgUnit(deps.db, input.orgUnitId, input.role);
  if (await repo.usernameTaken(deps.db, input.username)) {
    throw new AppError('VALIDATION_FAILED', { username: 'user.usernameTaken' });
  }
  const password = await temporaryPassword(input.password, {
    username: input.username,
    displayName: input.name,
    orgUnitName: unit.name,
  });
  const now = deps.clock.now();
  const phone = input.phone?.trim() ? input.phone.trim() : null;
  const id = await inTransaction(deps.db, async (tx) => {
    let newId: number;
    try {
      newId = await repo.insertUser(tx, {
        username: input.username,
        displayName: input.name,
        phone,
        role: input.role,
        orgUnitId: unit.id,
        passwordHash: password.hash,
        mustChangePassword: true,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      // Two admins creating the same name at once: the unique index decides, the loser gets the field message.
      if (isUniqueViolation(error)) {
        throw new AppError('VALIDATION_FAILED', { username: 'user.usernameTaken' });
      }
      throw error;
    }
    await recordAudit(
      tx,
      { actor, at: now, requestId },
      {
        entityType: 'user',
        entityId: newId,
        action: 'created',
        districtId: unit.id,
        after: { username: input.username, name: input.name, phone, role: input.role, orgUnitId: unit.id },
      },
    );
    return newId;
  });
  return { user: await getUser(deps, actor, id), generatedPassword: password.generated };
}

/**
 * Name, phone, and moving a supervisor or manager to another district. A customer manager who still has
 * retailers cannot move: the shops stay where they are, so they are handed to other managers first (the
 * territory page), and the admin is told how many there are. Versioned: a stale version answers 409.
 */
export async function updateUser(
  deps: UserDeps,
  actor: Actor,
  id: number,
  input: UpdateUserRequest,
  requestId: string,
): Promise<UserDetail> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const target = await lockTarget(tx, actor, id);
    if (target.version !== input.version) throw staleVersion(await getUser(deps, actor, id, tx));
    const changes: Parameters<typeof repo.updateUserRow>[3] = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== target.name) {
      changes.displayName = input.name;
      before.name = target.name;
      after.name = input.name;
    }
    if (input.phone !== undefined) {
      const phone = input.phone?.trim() ? input.phone.trim() : null;
      if (phone !== target.phone) {
        changes.phone = phone;
        before.phone = target.phone;
        after.phone = phone;
      }
    }
    if (input.orgUnitId !== undefined && input.orgUnitId !== target.orgUnitId) {
      if (target.role !== 'supervisor' && target.role !== 'manager') {
        throw new AppError('VALIDATION_FAILED', { orgUnitId: 'user.onlyStaffMove' });
      }
      const unit = await checkOrgUnit(tx, input.orgUnitId, target.role);
      if (target.role === 'manager') {
        const count = await repo.countManagedRetailers(tx, target.id);
        if (count > 0) {
          throw new AppError('VALIDATION_FAILED', {
            orgUnitId: { key: 'user.managerHasRetailers', params: { count } },
          });
        }
      }
      changes.orgUnitId = unit.id;
      before.orgUnitId = target.orgUnitId;
      before.orgUnitName = target.orgUnitName;
      after.orgUnitId = unit.id;
      after.orgUnitName = unit.name;
    }
    if (Object.keys(changes).length > 0) {
      if (!(await repo.updateUserRow(tx, id, input.version, changes, now))) {
        throw staleVersion(await getUser(deps, actor, id, tx));
      }
      // Logged under the district it was in before a move, so that district's trail shows who left.
      await audit(tx, { actor, at: now, requestId }, target, 'updated', before, after);
    }
    return getUser(deps, actor, id, tx);
  });
}

function checkVersion(target: repo.LockedUser, version: number | undefined) {
  return version === undefined || version === target.version;
}

/** Disables an account: its sessions end now and sign-in is refused (ACCOUNT_DISABLED). Not one's own. */
export async function disableUser(
  deps: UserDeps,
  actor: Actor,
  id: number,
  input: UserCommandRequest,
  requestId: string,
): Promise<UserDetail> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const target = await lockTarget(tx, actor, id);
    if (target.id === actor.id) throw new AppError('VALIDATION_FAILED', { user: 'user.cannotDisableSelf' });
    if (!checkVersion(target, input.version)) throw staleVersion(await getUser(deps, actor, id, tx));
    if (target.disabledAt === null) {
      await repo.updateUserRow(tx, id, undefined, { disabledAt: now }, now);
      const sessionsEnded = await repo.endSessions(tx, id);
      await audit(
        tx,
        { actor, at: now, requestId },
        target,
        'disabled',
        { disabled: false },
        { disabled: true, sessionsEnded },
      );
    }
    return getUser(deps, actor, id, tx);
  });
}

/** Lets a disabled account sign in again (with the password it had). */
export async function enableUser(
  deps: UserDeps,
  actor: Actor,
  id: number,
  input: UserCommandRequest,
  requestId: string,
): Promise<UserDetail> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const target = await lockTarget(tx, actor, id);
    if (!checkVersion(target, input.version)) throw staleVersion(await getUser(deps, actor, id, tx));
    if (target.disabledAt !== null) {
      await repo.updateUserRow(tx, id, undefined, { disabledAt: null }, now);
      await audit(tx, { actor, at: now, requestId }, target, 'enabled', { disabled: true }, { disabled: false });
    }
    return getUser(deps, actor, id, tx);
  });
}

/**
 * Sets a temporary password (the admin's or a generated one, answered once): the user's sessions end, sign-in
 * locks are lifted, and at the next sign-in nothing but the password change answers until they choose their own.
 * Not for one's own account (that is "change my password").
 */
export async function resetPassword(
  deps: UserDeps,
  actor: Actor,
  id: number,
  input: ResetPasswordRequest,
  requestId: string,
): Promise<UserWithPasswordResponse> {
  assertCan(actor, 'user.manage');
  if (id === actor.id) throw new AppError('VALIDATION_FAILED', { user: 'user.cannotResetSelf' });
  // Read (scoped) before hashing, so an unknown id is a 404 and the policy knows the user's words.
  const current = await getUser(deps, actor, id);
  const password = await temporaryPassword(input.password, {
    username: current.username,
    displayName: current.name,
    orgUnitName: current.orgUnitName,
  });
  const now = deps.clock.now();
  const user = await inTransaction(deps.db, async (tx) => {
    const target = await lockTarget(tx, actor, id);
    if (!checkVersion(target, input.version)) throw staleVersion(await getUser(deps, actor, id, tx));
    // The demo password stops working too: the account is no longer the generator's.
    await repo.updateUserRow(
      tx,
      id,
      undefined,
      { passwordHash: password.hash, mustChangePassword: true, isDemo: false },
      now,
    );
    const sessionsEnded = await repo.endSessions(tx, id);
    await throttle.clearFailures(tx, target.username);
    await audit(
      tx,
      { actor, at: now, requestId },
      target,
      'password_reset',
      { mustChangePassword: target.mustChangePassword },
      { mustChangePassword: true, sessionsEnded },
    );
    return getUser(deps, actor, id, tx);
  });
  return { user, generatedPassword: password.generated };
}
