import { eq, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { orgUnits, sessions, users } from '../../db/schema';

const accountColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  orgUnitId: users.orgUnitId,
  orgUnitName: orgUnits.name,
  retailerId: users.retailerId,
  locale: users.locale,
  fontScale: users.fontScale,
  passwordHash: users.passwordHash,
  isDemo: users.isDemo,
  disabledAt: users.disabledAt,
  mustChangePassword: users.mustChangePassword,
};

export type AccountRow = Awaited<ReturnType<typeof findAccountByUsername>>;

export async function findAccountByUsername(db: Db, username: string) {
  const [row] = await db
    .select(accountColumns)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.username, username))
    .limit(1);
  return row;
}

export async function findAccountById(db: Db, id: number) {
  const [row] = await db
    .select(accountColumns)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

export async function recordSignIn(db: Db, userId: number, at: Date) {
  await db.update(users).set({ lastSignInAt: at }).where(eq(users.id, userId));
}

export async function insertSession(db: Db, session: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(session);
}

function prepareSessionWithAccount(db: Db) {
  return db
    .select({
      session: {
        id: sessions.id,
        csrfToken: sessions.csrfToken,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
      },
      account: accountColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(sessions.id, sql.placeholder('sessionId')))
    .limit(1)
    .prepare('auth_session_with_account');
}

const sessionWithAccount = new WeakMap<Db, ReturnType<typeof prepareSessionWithAccount>>();

/**
 * The session and its account: the one query of every signed-in request. Built once per database handle and a
 * named prepared statement, so neither Drizzle rebuilds its SQL nor PostgreSQL parses and plans it per request.
 */
export async function findSessionWithAccount(db: Db, sessionId: string) {
  let query = sessionWithAccount.get(db);
  if (!query) {
    query = prepareSessionWithAccount(db);
    sessionWithAccount.set(db, query);
  }
  const [row] = await query.execute({ sessionId });
  return row;
}

export async function touchSession(db: Db, sessionId: string, at: Date) {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteUserSessions(db: Db, userId: number) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Sessions past their absolute end or idle for longer than the idle limit. */
export async function purgeExpiredSessions(db: Db, now: Date, idleFloor: Date) {
  await db.delete(sessions).where(or(lte(sessions.expiresAt, now), lte(sessions.lastSeenAt, idleFloor)));
}

export async function updatePreferences(
  db: Db,
  userId: number,
  changes: { locale?: 'zh-CN' | 'en'; fontScale?: number },
) {
  await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

export async function updatePasswordHash(db: Db, userId: number, passwordHash: string, at: Date) {
  // A changed password is no longer the public demo password, nor an admin's temporary one.
  await db
    .update(users)
    .set({
      passwordHash,
      passwordChangedAt: at,
      isDemo: false,
      mustChangePassword: false,
      version: sql`${users.version} + 1`,
      updatedAt: at,
    })
    .where(eq(users.id, userId));
}
