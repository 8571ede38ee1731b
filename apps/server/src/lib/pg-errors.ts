/**
 * PostgreSQL's unique_violation (23505), found on the error itself or on one of its causes (Drizzle wraps the
 * driver's error in `cause`). Optionally only for one constraint or index name. When a unique index is what
 * decides a race (two admins creating one user name, two taps sending one request), the loser's insert fails
 * with this and the service answers 409/400 with a message instead of a 500.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const { code, constraint: name } = e as Error & { code?: unknown; constraint?: unknown };
    if (code === '23505') return constraint === undefined || name === constraint;
  }
  return false;
}
