import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../../config';
import { LocalDiskStorage } from './local-disk-storage';
import type { BlobStorage } from './storage';

export { LocalDiskStorage } from './local-disk-storage';
export { assertValidStorageKey, type BlobStorage, isValidStorageKey } from './storage';

/**
 * The app's file storage when none is given: `files/` in the data directory. Tests run with the data directory
 * `memory://` (no files of their own): they get a fresh directory under the system's temporary directory.
 */
export function defaultStorage(config: Pick<AppConfig, 'dataDir'>): BlobStorage {
  if (config.dataDir.startsWith('memory://')) {
    return new LocalDiskStorage(join(tmpdir(), `siyi-files-${randomBytes(6).toString('hex')}`));
  }
  return new LocalDiskStorage(join(config.dataDir, 'files'));
}
