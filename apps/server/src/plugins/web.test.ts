import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDirectory } from '../../../../scripts/precompress-web.mjs';
import { type AppInstance, buildApp } from '../app';
import { testConfig } from '../config';
import type { Database } from '../db/database';
import { databaseTargets } from '../testing';
import { COMPRESS_THRESHOLD_BYTES } from './compression';
import { IMMUTABLE_CACHE, REVALIDATE_CACHE } from './web';

const ASSET = '/assets/index-Bq3x9Zk1.js';
const assetSource = Array.from({ length: 200 }, (_, i) => `export const value${i} = 'figure ${i}';`).join('\n');
const indexHtml = `<!doctype html><html lang="zh-CN"><head><script type="module" src="${ASSET}"></script></head><body><div id="root"></div></body></html>`;

/** A web build in miniature: an index, a hashed asset, a small icon; precompressed as the build step does. */
function writeWebBuild(dir: string) {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), indexHtml);
  writeFileSync(join(dir, ASSET), assetSource);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return precompressDirectory(dir);
}

describe('web app and API answers: compression and caching', () => {
  let dir: string;
  let written: ReturnType<typeof precompressDirectory>;
  let database: Database;
  let app: AppInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'siyi-web-'));
    written = writeWebBuild(dir);
    const [first] = await databaseTargets();
    if (!first) throw new Error('no database target');
    database = await first.open();
    app = await buildApp({ config: testConfig(), database, webDist: dir });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('precompresses only files large enough to gain from it', () => {
    expect(written.map((file) => file.path)).toEqual([join(dir, ASSET)]);
    const [asset] = written;
    expect(asset?.br).toBeLessThan(asset?.gz ?? 0);
    expect(asset?.gz).toBeLessThan(assetSource.length / 3);
  });

  it('sends the brotli copy of a hashed asset, cached for a year as immutable', async () => {
    const response = await app.inject({ method: 'GET', url: ASSET, headers: { 'accept-encoding': 'gzip, br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(assetSource);
  });

  it('sends the gzip copy to a client without brotli, and the plain file to one that accepts neither', async () => {
    const gzip = await app.inject({ method: 'GET', url: ASSET, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(assetSource);

    const plain = await app.inject({ method: 'GET', url: ASSET, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(assetSource);
  });

  it('serves index.html and the client-side routes that fall back to it as no-cache', async () => {
    for (const url of ['/', '/index.html', '/retailers/12', '/districts']) {
      const response = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe(REVALIDATE_CACHE);
      expect(response.headers['content-type'], url).toMatch(/text\/html/);
      const body =
        response.headers['content-encoding'] === 'br'
          ? brotliDecompressSync(response.rawPayload).toString()
          : response.body;
      expect(body, url).toBe(indexHtml);
    }
  });

  it('revalidates files outside /assets/ and answers a missing asset with 404', async () => {
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe(REVALIDATE_CACHE);
    const missing = await app.inject({ method: 'GET', url: '/assets/missing-0000.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).not.toBe(IMMUTABLE_CACHE);
  });

  it('compresses API answers above the threshold with brotli or gzip, and keeps them uncached', async () => {
    const brotli = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br' } });
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe('no-store');
    const document = JSON.parse(brotliDecompressSync(brotli.rawPayload).toString()) as { openapi: string };
    expect(document.openapi).toMatch(/^3\./);
    expect(brotli.rawPayload.length).toBeLessThan(Buffer.byteLength(JSON.stringify(document)) / 3);

    const gzip = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(document);

    const plain = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toEqual(document);
  });

  it('leaves small API answers uncompressed', async () => {
    const health = await app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(health.statusCode).toBe(200);
    expect(Buffer.byteLength(health.body)).toBeLessThan(COMPRESS_THRESHOLD_BYTES);
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});
