import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase, runMigrations } from '../db/database';

export interface DatabaseTarget {
  readonly kind: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database of its own; `close()` removes it. */
  open(): Promise<Database>;
}

const DEFAULT_TEST_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

function serverUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_SERVER;
}

async function serverReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgliteTarget: DatabaseTarget = {
  kind: 'pglite',
  async open() {
    const database = await openDatabase({ dataDir: 'memory://' });
    await runMigrations(database);
    return database;
  },
};

function postgresTarget(adminUrl: string): DatabaseTarget {
  return {
    kind: 'postgres',
    async open() {
      const name = `siyi_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 5 });
      await runMigrations(database);
      return {
        ...database,
        async close() {
          await database.close();
          const dropper = new pg.Client({ connectionString: adminUrl });
          await dropper.connect();
          await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await dropper.end();
        },
      };
    },
  };
}

let cached: Promise<DatabaseTarget[]> | undefined;

/**
 * The databases every integration test runs on: PGlite always, and the PostgreSQL server at TEST_DATABASE_URL
 * (default 127.0.0.1:5432). In CI the server is required; elsewhere its absence is reported loudly.
 * SIYI_TEST_DB=pglite|postgres narrows the list.
 */
export function databaseTargets(): Promise<DatabaseTarget[]> {
  cached ??= (async () => {
    const only = process.env.SIYI_TEST_DB;
    const targets: DatabaseTarget[] = [];
    if (only !== 'postgres') targets.push(pgliteTarget);
    if (only !== 'pglite') {
      const url = serverUrl();
      if (await serverReachable(url)) {
        targets.push(postgresTarget(url));
      } else if (process.env.CI) {
        throw new Error(`CI requires the PostgreSQL pass, but no server answers at ${url}`);
      } else {
        console.warn(
          `\n!!! PostgreSQL server not reachable at ${url}: the integration tests run on PGlite only.\n` +
            '!!! Start one (pg_ctlcluster 15 main start) or set TEST_DATABASE_URL to run the PostgreSQL pass.\n',
        );
      }
    }
    return targets;
  })();
  return cached;
}
