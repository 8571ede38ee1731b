import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { assertValidStorageKey, type BlobStorage } from './storage';

/**
 * BlobStorage on a local directory (by default `SIYI_DATA_DIR/files`): one file per key. A put writes a temporary
 * file beside the target, flushes it and renames it into place, so a reader never sees half a file and a crash
 * leaves at most a stray `.tmp-*` file, never a torn one.
 */
export class LocalDiskStorage implements BlobStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    assertValidStorageKey(key);
    const path = resolve(this.root, ...key.split('/'));
    // Belt and braces: the key check already forbids every way out of the root.
    if (!path.startsWith(this.root + sep)) throw new Error(`storage key ${JSON.stringify(key)} leaves the root`);
    return path;
  }

  async put(key: string, bytes: Buffer, _contentType: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = join(dirname(path), `.tmp-${randomBytes(8).toString('hex')}`);
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
