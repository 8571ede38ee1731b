import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { testConfig } from '../config';
import type { Database } from '../db/database';
import { databaseTargets } from '../testing';

const [target] = await databaseTargets();

/** The start-up output (the demo sign-ins) must stay readable on a terminal: requests are logged at debug. */
describe('request logs', () => {
  let database: Database;
  beforeAll(async () => {
    if (!target) throw new Error('no database target');
    database = await target.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  async function logOfTwoRequests(logLevel: string): Promise<string> {
    const lines: string[] = [];
    const app = await buildApp({
      config: testConfig({ logLevel }),
      database,
      webDist: '/nonexistent-web-dist',
      logStream: { write: (line) => void lines.push(line) },
    });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/no-such-route' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
    return lines.join('');
  }

  it('are quiet at the default level (info)', async () => {
    const log = await logOfTwoRequests('info');
    expect(log).not.toContain('/api/health');
    expect(log).not.toContain('/api/no-such-route');
  });

  it('show each request with its status and time at LOG_LEVEL=debug', async () => {
    const log = await logOfTwoRequests('debug');
    expect(log).toContain('"msg":"request completed"');
    expect(log).toContain('"url":"/api/health"');
    expect(log).toContain('"statusCode":200');
    expect(log).toContain('"responseTime"');
    expect(log).toContain('"url":"/api/no-such-route"');
  });
});
