import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from './local-disk-storage';
import { isValidStorageKey } from './storage';

describe('local-disk storage', () => {
  let root: string;
  let storage: LocalDiskStorage;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'siyi-storage-test-'));
    storage = new LocalDiskStorage(join(root, 'files'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('puts, gets, replaces and deletes by key, leaving no temporary files', async () => {
    await storage.put('photos/r1/a.webp', Buffer.from('one'), 'image/webp');
    expect((await storage.get('photos/r1/a.webp'))?.toString()).toBe('one');
    await storage.put('photos/r1/a.webp', Buffer.from('two'), 'image/webp');
    expect((await storage.get('photos/r1/a.webp'))?.toString()).toBe('two');
    expect(await readdir(join(root, 'files', 'photos', 'r1'))).toEqual(['a.webp']);
    await storage.delete('photos/r1/a.webp');
    expect(await storage.get('photos/r1/a.webp')).toBeNull();
    await expect(storage.delete('photos/r1/a.webp')).resolves.toBeUndefined();
  });

  it('refuses every key that could leave its root or is not the app’s own shape', async () => {
    const bad = ['', '../x', 'a/../../x', '/etc/passwd', 'a//b', './a', 'a/.', 'A.webp', 'a\\b', 'a\u0000b', 'ä', '..'];
    for (const key of bad) {
      expect(isValidStorageKey(key), key).toBe(false);
      await expect(storage.put(key, Buffer.from('x'), 'text/plain'), key).rejects.toThrow();
      await expect(storage.get(key), key).rejects.toThrow();
    }
    expect(await readdir(root)).toEqual(['files']);
  });
});
