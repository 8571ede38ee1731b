import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import { connectDatabase, type Database } from '../../db/database';
import { createTestApp, databaseTargets } from '../../testing';

const targets = await databaseTargets();

describe.each(targets)('GET /api/health on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers ok with the kind of database, through the pool', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: target.kind });
  });

  it('is described in OpenAPI with its 503 answer', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operation = spec.paths['/api/health'].get;
    expect(operation.summary).toBeTruthy();
    const unavailable = operation.responses['503'].content['application/json'].schema;
    expect(unavailable.properties.status.enum).toEqual(['unavailable']);
    expect(unavailable.properties.database.enum).toEqual(['embedded', 'server']);
  });
});

describe('GET /api/health without a database', () => {
  it('answers 503 unavailable when the database cannot be reached', async () => {
    // A pool aimed at a socket directory where no PostgreSQL listens.
    const database = connectDatabase('embedded', { host: '/nonexistent-siyi-socket-dir', port: 5432 });
    const app = await createTestApp(database);
    try {
      const response = await app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        status: 'unavailable',
        database: 'embedded',
        code: 'SERVICE_UNAVAILABLE',
        message: '服务暂时不可用，请稍后再试。',
      });
    } finally {
      await app.close();
      await database.close();
    }
  });
});
