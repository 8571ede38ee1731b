import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDirectory } from '../../../../scripts/precompress-web.mjs';
import { type AppInstance, buildApp } from '../app';
import { testConfig } from '../config';
import type { Database } from '../db/database';
import { databaseTargets, makeDistrict, makeSignedInUser } from '../testing';
import { COMPRESS_THRESHOLD_BYTES } from './compression';
import { FIRST_SCREEN_MODULES } from './first-screen-hints';
import { FIRST_SCREEN_CACHE, IMMUTABLE_CACHE, REVALIDATE_CACHE } from './web';

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

/** The app on a fresh database, serving the web build in `dir`. */
async function appServing(dir: string): Promise<{ database: Database; app: AppInstance }> {
  const [first] = await databaseTargets();
  if (!first) throw new Error('no database target');
  const database = await first.open();
  const app = await buildApp({ config: testConfig(), database, webDist: dir });
  await app.ready();
  return { database, app };
}

describe('web app and API answers: compression and caching', () => {
  let dir: string;
  let written: ReturnType<typeof precompressDirectory>;
  let database: Database;
  let app: AppInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'siyi-web-'));
    written = writeWebBuild(dir);
    ({ database, app } = await appServing(dir));
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

/** The manifest of a build whose sign-in page and manager home each have a chunk and a stylesheet of their own. */
function writeManifest(dir: string) {
  mkdirSync(join(dir, '.vite'));
  const manifest = {
    'index.html': { file: ASSET.slice(1), imports: [] },
    [FIRST_SCREEN_MODULES.signIn]: {
      file: 'assets/sign-in-page-S1.js',
      imports: ['index.html'],
      css: ['assets/sign-in-S1.css'],
    },
    [FIRST_SCREEN_MODULES.manager]: { file: 'assets/manager-home-M1.js', imports: ['index.html', '_chart-C1.js'] },
    '_chart-C1.js': { file: 'assets/chart-C1.js', css: ['assets/chart-C1.css'] },
  };
  writeFileSync(join(dir, '.vite', 'manifest.json'), JSON.stringify(manifest));
}

describe('index.html naming the first screen a page load draws', () => {
  let dir: string;
  let database: Database;
  let app: AppInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'siyi-web-hints-'));
    writeWebBuild(dir);
    writeManifest(dir);
    ({ database, app } = await appServing(dir));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const page = (url: string, cookie?: string) =>
    app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity', ...(cookie ? { cookie } : {}) } });

  it('names the sign-in page’s chunk and stylesheet for a visitor without a session, at / and at /sign-in', async () => {
    for (const url of ['/', '/sign-in']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/text\/html/);
      expect(response.headers['cache-control'], url).toBe(FIRST_SCREEN_CACHE);
      expect(response.headers.vary, url).toMatch(/cookie/i);
      expect(response.body, url).toContain('<link rel="modulepreload" crossorigin href="/assets/sign-in-page-S1.js">');
      expect(response.body, url).toContain('<link rel="stylesheet" crossorigin href="/assets/sign-in-S1.css">');
      expect(response.body, url).not.toContain('manager-home');
    }
  });

  it('names a signed-in manager’s home and what it imports at /, and nothing on other paths', async () => {
    const district = await makeDistrict(database.db);
    const { session } = await makeSignedInUser(app, database.db, { role: 'manager', orgUnitId: district.id });
    const home = await page('/', session.cookie);
    expect(home.headers['cache-control']).toBe(FIRST_SCREEN_CACHE);
    expect(home.body).toContain('<link rel="modulepreload" crossorigin href="/assets/manager-home-M1.js">');
    expect(home.body).toContain('<link rel="modulepreload" crossorigin href="/assets/chart-C1.js">');
    expect(home.body).toContain('<link rel="stylesheet" crossorigin href="/assets/chart-C1.css">');
    expect(home.body).not.toContain('sign-in-page');
    // A role whose home the build does not name (the admin's here) and any other page: index.html as it is.
    const other = await page('/retailers/12', session.cookie);
    expect(other.headers['cache-control']).toBe(REVALIDATE_CACHE);
    expect(other.body).toBe(indexHtml);
  });

  it('names the new build’s assets once the build changes under the running server', async () => {
    const manifestPath = join(dir, '.vite', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string }>;
    const signIn = manifest[FIRST_SCREEN_MODULES.signIn];
    if (!signIn) throw new Error('no sign-in chunk');
    signIn.file = 'assets/sign-in-page-S2.js';
    writeFileSync(manifestPath, JSON.stringify(manifest));
    // index.html is written last by a build; a later modification time tells the server to read both again.
    utimesSync(join(dir, 'index.html'), new Date(), new Date(Date.now() + 5_000));
    const response = await page('/sign-in');
    expect(response.body).toContain('/assets/sign-in-page-S2.js');
    expect(response.body).not.toContain('/assets/sign-in-page-S1.js');
  });

  it('treats a cookie naming no session as no session', async () => {
    const response = await page('/', 'siyi_sid=not-a-session-token-at-all-000000');
    expect(response.statusCode).toBe(200);
    // (The build as the test before left it.)
    expect(response.body).toMatch(/<link rel="modulepreload" crossorigin href="\/assets\/sign-in-page-S\d\.js">/);
  });
});
