/**
 * Where the cluster lives. Normally inside the data directory. Started as root on a data directory the database
 * user cannot reach (a checkout under `/root`, mode 0700), the cluster lives in a root-owned place that user can
 * reach instead, and the data directory keeps the user's handle on it: the lock, the log and a pointer file.
 *
 *   /var/lib/siyi/                   0755 root (also holds the copied binaries, see binaries.ts)
 *     clusters/                      0711 root
 *       <id>/                        0700 siyi-db; <id> = the first 16 hex digits of sha256(realpath(dataDir))
 *         postgresql/                the cluster
 *         run/                       the socket directory
 *   <dataDir>/                       0700 root
 *     siyi.lock, postgresql.log
 *     cluster-location               0600 root: `/var/lib/siyi/clusters/<id>`
 *
 * Only a pointer naming exactly the location derived from the data directory's real path is followed, so a
 * deleted data directory (no pointer) means a fresh cluster, and a pointer never leads root elsewhere.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { BINARY_COPIES } from './binaries';
import { assertReachable, blockedAncestor, type DataDirLayout, makePrivateDir, type OsUser } from './data-dir';
import { stopOrphanPostmaster } from './postmaster';

/** Root's home for clusters of data directories out of the database user's reach. */
export const CLUSTER_HOMES = join(BINARY_COPIES, 'clusters');
export const POINTER_FILE = 'cluster-location';

export interface ClusterPlace {
  /** The directory holding `postgresql/` and `run/`: the data directory itself, or `<CLUSTER_HOMES>/<id>`. */
  readonly home: string;
  readonly clusterDir: string;
  readonly socketDir: string;
  /** True when the cluster lives outside the data directory. */
  readonly elsewhere: boolean;
}

/** The place root keeps the cluster of `dataDir` (which must exist): stable for the directory's real path. */
export function clusterHomeFor(dataDir: string, homes = CLUSTER_HOMES): string {
  const id = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 16);
  return join(homes, id);
}

/** A directory of root's that nobody else can write to or redirect (no symlink), with the given mode. */
function rootDir(dir: string, mode: number): void {
  mkdirSync(dir, { recursive: true, mode });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== 0) {
    throw new Error(`${dir} must be a directory owned by root (it is not); remove it and start again`);
  }
  chmodSync(dir, mode);
}

function readPointer(dataDir: string): string | undefined {
  try {
    return readFileSync(join(dataDir, POINTER_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * Decides and prepares where the cluster of `layout` lives; the caller holds the data directory's lock. A fresh
 * handle (no pointer) over an existing cluster home — left by a deleted data directory of the same path — stops
 * that cluster's orphaned server and removes it: deleting the data directory means starting afresh.
 */
export async function prepareClusterPlace(
  layout: DataDirLayout,
  user: OsUser | undefined,
  homes = CLUSTER_HOMES,
): Promise<ClusterPlace> {
  const inside = { home: layout.dataDir, clusterDir: layout.clusterDir, socketDir: layout.socketDir, elsewhere: false };
  const pointer = readPointer(layout.dataDir);
  if (!user || (pointer === undefined && !blockedAncestor(layout.dataDir, user))) {
    makePrivateDir(layout.dataDir, user);
    return inside;
  }
  // A cluster already inside a data directory that became unreachable is the user's data: never moved by us.
  if (existsSync(join(layout.clusterDir, 'PG_VERSION'))) assertReachable([layout.dataDir], user);

  makePrivateDir(layout.dataDir, undefined);
  const home = clusterHomeFor(layout.dataDir, homes);
  rootDir(dirname(homes), 0o755);
  rootDir(homes, 0o711);
  if (pointer !== home) {
    if (pointer) {
      // Moved or copied: the cluster named belongs to the directory's old path (maybe still in use there).
      console.warn(
        `[siyi] 数据目录 ${layout.dataDir} 已被移动或复制，原来的数据库集群 ${pointer} 保持不动；此目录从新的集群开始。\n` +
          `[siyi] The data directory ${layout.dataDir} was moved or copied; its former cluster ${pointer} is left untouched and this directory starts with a new one.`,
      );
    }
    if (existsSync(join(home, 'postgresql', 'PG_VERSION'))) await stopOrphanPostmaster(join(home, 'postgresql'));
    rmSync(home, { recursive: true, force: true });
    makePrivateDir(home, user);
    const partial = join(layout.dataDir, `${POINTER_FILE}.new`);
    writeFileSync(partial, `${home}\n`, { mode: 0o600 });
    renameSync(partial, join(layout.dataDir, POINTER_FILE));
  } else {
    makePrivateDir(home, user);
  }
  return { home, clusterDir: join(home, 'postgresql'), socketDir: join(home, 'run'), elsewhere: true };
}
