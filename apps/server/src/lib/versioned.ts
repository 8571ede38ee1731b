import { AppError } from './app-error';

/**
 * Optimistic concurrency for every editable record: the client sends the `version` it read; the update is
 * `… WHERE id = $id AND version = $version` and bumps the version. No row updated means someone else saved
 * first: the answer is 409 CONFLICT carrying the record as it is now, so the client can show what changed
 * instead of silently overwriting it.
 */
export function staleVersion(current: Record<string, unknown>): AppError {
  return new AppError('CONFLICT', { version: 'conflict.stale_version' }, undefined, current);
}
