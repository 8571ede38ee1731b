/**
 * Once per run of the `server` Vitest project: one embedded PostgreSQL cluster in a temporary directory and a
 * migrated template database on it and on the PostgreSQL server; every test file then copies a template
 * (`CREATE DATABASE … TEMPLATE`, a file copy) instead of migrating its own database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connectDatabase, runMigrations } from '../db/database';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../db/embedded/embedded-postgres';
import { type TestDatabases, testServerUrl } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    siyiTestDatabases: TestDatabases;
  }
}

let embedded: EmbeddedPostgres | undefined;
let embeddedDir: string | undefined;
let serverTemplate: { adminUrl: string; name: string } | undefined;

async function migrateTemplate(config: pg.PoolConfig, adminConfig: pg.ClientConfig, name: string): Promise<void> {
  const admin = new pg.Client(adminConfig);
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const database = connectDatabase('server', { ...config, database: name, max: 1 });
  try {
    await runMigrations(database);
  } finally {
    await database.close();
  }
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

export async function setup(project: TestProject): Promise<void> {
  const only = process.env.SIYI_TEST_DB;
  const provided: TestDatabases = {};
  const template = `siyi_template_${randomBytes(4).toString('hex')}`;

  if (only !== 'postgres' && only !== 'server') {
    embeddedDir = mkdtempSync(join(tmpdir(), 'siyi-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir: embeddedDir, durable: false });
    const connection = { host: embedded.host, port: embedded.port, user: embedded.user };
    await migrateTemplate(connection, { ...connection, database: 'postgres' }, template);
    provided.embedded = { ...connection, template };
  }

  if (only !== 'embedded') {
    const url = testServerUrl();
    if (await serverReachable(url)) {
      const templateUrl = new URL(url);
      templateUrl.pathname = `/${template}`;
      await migrateTemplate({ connectionString: templateUrl.toString() }, { connectionString: url }, template);
      serverTemplate = { adminUrl: url, name: template };
      provided.server = { adminUrl: url, template };
    } else if (process.env.CI) {
      throw new Error(`CI requires the PostgreSQL server pass, but no server answers at ${url}`);
    } else {
      console.warn(
        `\n!!! PostgreSQL server not reachable at ${url}: the integration tests run on the embedded PostgreSQL only.\n` +
          '!!! Start one (pg_ctlcluster 15 main start) or set TEST_DATABASE_URL to run the server pass.\n',
      );
    }
  }
  project.provide('siyiTestDatabases', provided);
}

export async function teardown(): Promise<void> {
  if (serverTemplate) {
    const admin = new pg.Client({ connectionString: serverTemplate.adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${serverTemplate.name} with (force)`);
    await admin.end();
  }
  await embedded?.stop();
  if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
}
