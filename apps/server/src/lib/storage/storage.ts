/**
 * Where uploaded files (a shop's photos, later other evidence) keep their bytes. The database holds only keys;
 * this interface is the one door to the bytes, so a local disk today can become an object store later without
 * touching the modules that store files.
 *
 * Keys are chosen by the app, never by a client: lower-case letters, digits, `-`, `_`, `.` and `/` between
 * segments, no empty or dot segment — so no key can leave the storage root.
 */
export interface BlobStorage {
  /** Stores `bytes` under `key`, replacing whatever was there; resolves once durable. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes `key`; removing a key that does not exist is not an error. */
  delete(key: string): Promise<void>;
}

const SEGMENT = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** True for a key the app may use (see BlobStorage). */
export function isValidStorageKey(key: string): boolean {
  if (key.length === 0 || key.length > 500) return false;
  return key.split('/').every((segment) => SEGMENT.test(segment) && !/^\.+$/.test(segment));
}

export function assertValidStorageKey(key: string): void {
  if (!isValidStorageKey(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
}
