import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../app';
import type { Database } from '../db/database';
import { statusByCode } from '../lib/app-error';
import { createTestApp, databaseTargets } from '../testing';
import { codesForStatus, errorResponses } from './openapi';

interface MediaObject {
  example?: { code?: string; message?: string };
  examples?: Record<string, { value?: { code?: string } }>;
}
interface Operation {
  summary?: string;
  description?: string;
  responses: Record<string, { description?: string; content?: Record<string, MediaObject> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

function operations(spec: Spec): [string, Operation][] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
  );
}

describe('the OpenAPI document', () => {
  let database: Database;
  let app: AppInstance;
  let spec: Spec;

  beforeAll(async () => {
    const [first] = await databaseTargets();
    if (!first) throw new Error('no database target');
    database = await first.open();
    app = await createTestApp(database);
    spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<Spec>();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('gives every operation a summary and a description', () => {
    const ops = operations(spec);
    expect(ops.length).toBeGreaterThan(5);
    for (const [name, operation] of ops) {
      expect(operation.summary?.trim(), `${name} summary`).toBeTruthy();
      expect(operation.description?.trim(), `${name} description`).toBeTruthy();
    }
  });

  it('documents each error status with an example whose code belongs to that status', () => {
    let errorsSeen = 0;
    for (const [name, operation] of operations(spec)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        errorsSeen++;
        expect(response.description, `${name} ${status}`).not.toBe('Default Response');
        const media = response.content?.['application/json'];
        const examples = [
          ...(media?.example ? [media.example] : []),
          ...Object.values(media?.examples ?? {}).map((e) => e.value ?? {}),
        ];
        expect(examples.length, `${name} ${status} has an example`).toBeGreaterThan(0);
        for (const example of examples) {
          expect(example.code, `${name} ${status}`).toBeDefined();
          expect(statusByCode[example.code as keyof typeof statusByCode], `${name} ${status} ${example.code}`).toBe(
            Number(status),
          );
        }
      }
    }
    expect(errorsSeen).toBeGreaterThan(10);
  });

  it('serves the docs page with a policy of its own that lets swagger-ui run', async () => {
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    const csp = String(docs.headers['content-security-policy']);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    // The app's own pages keep the strict policy.
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(String(health.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});

describe('errorResponses', () => {
  it('lists for each status exactly the codes the error handler answers with it', () => {
    expect(codesForStatus(401).sort()).toEqual(['INVALID_CREDENTIALS', 'SESSION_EXPIRED', 'UNAUTHENTICATED']);
    expect(codesForStatus(404)).toEqual(['NOT_FOUND']);
    expect(Object.keys(errorResponses([400, 404, 429]))).toEqual(['400', '404', '429']);
  });
});
