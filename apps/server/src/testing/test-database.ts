import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connectDatabase, type Database, type DatabaseKind } from '../db/database';

export interface DatabaseTarget {
  readonly kind: DatabaseKind;
  /** A fresh, migrated, empty database of its own; `close()` removes it. */
  open(): Promise<Database>;
}

/** What the server project's global setup (`testing/global-setup.ts`) started and migrated for the run. */
export interface TestDatabases {
  embedded?: { host: string; port: number; user: string; template: string };
  server?: { adminUrl: string; template: string };
}

const DEFAULT_TEST_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_SERVER;
}

/** Copies the migrated template into a new database and connects to it; closing drops the copy. */
function templateTarget(
  kind: DatabaseKind,
  template: string,
  admin: pg.ClientConfig,
  connection: (name: string) => pg.PoolConfig,
): DatabaseTarget {
  const run = async (statement: string) => {
    const client = new pg.Client(admin);
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    kind,
    async open() {
      const name = `siyi_test_${randomBytes(6).toString('hex')}`;
      await run(`create database ${name} template ${template}`);
      return connectDatabase(
        kind,
        { ...connection(name), max: 5 },
        {
          onClose: () => run(`drop database if exists ${name} with (force)`),
        },
      );
    },
  };
}

/**
 * The databases every integration test runs on: the embedded PostgreSQL (18) and the PostgreSQL server at
 * TEST_DATABASE_URL (default 127.0.0.1:5432; 15 in CI). In CI the server is required; elsewhere its absence
 * is reported loudly by the global setup. SIYI_TEST_DB=embedded|postgres narrows the list.
 */
export async function databaseTargets(): Promise<DatabaseTarget[]> {
  const provided = inject('siyiTestDatabases');
  if (!provided) throw new Error('databaseTargets() needs the server project’s global setup (vitest --project server)');
  const targets: DatabaseTarget[] = [];
  const { embedded, server } = provided;
  if (embedded) {
    const base = { host: embedded.host, port: embedded.port, user: embedded.user };
    targets.push(
      templateTarget('embedded', embedded.template, { ...base, database: 'postgres' }, (name) => ({
        ...base,
        database: name,
      })),
    );
  }
  if (server) {
    targets.push(
      templateTarget('server', server.template, { connectionString: server.adminUrl }, (name) => {
        const url = new URL(server.adminUrl);
        url.pathname = `/${name}`;
        return { connectionString: url.toString() };
      }),
    );
  }
  return targets;
}
