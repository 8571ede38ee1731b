import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppInstance, buildApp } from '../../app';
import { testConfig } from '../../config';
import type { Database } from '../../db/database';
import { auditLog, retailerPhotos, timelineEvents } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import { LocalDiskStorage } from '../../lib/storage';
import {
  databaseTargets,
  FIXTURE_PASSWORD,
  getAs,
  makeDistrict,
  makeRetailer,
  makeRetailerUser,
  makeSignedInUser,
  makeUser,
  type RetailerRow,
  type Session,
  signIn,
} from '../../testing';

const targets = await databaseTargets();
const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

type Part = { name: string; value: string } | { name: string; filename: string; contentType: string; bytes: Buffer };

/** A multipart/form-data body, built by hand so tests can also send broken ones. */
function multipart(parts: Part[], boundary = `----siyi${Math.random().toString(16).slice(2)}`) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.contentType}\r\n\r\n`,
        ),
      );
      chunks.push(part.bytes, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function jpeg(width: number, height: number, orientation?: number): Promise<Buffer> {
  let image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } }).jpeg();
  // EXIF with the orientation a turned phone writes (and a copyright line that must not survive).
  if (orientation) image = image.withExif({ IFD0: { Copyright: 'Siyi test' } }).withMetadata({ orientation });
  return image.toBuffer();
}

describe.each(targets)('shop photos on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let filesDir: string;
  let shopA: RetailerRow;
  let shopB: RetailerRow;
  const sessions: Record<string, Session> = {};
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  let smallJpeg: Buffer;

  beforeAll(async () => {
    database = await target.open();
    filesDir = await mkdtemp(join(tmpdir(), 'siyi-photos-test-'));
    app = await buildApp({
      config: testConfig(),
      database,
      clock,
      webDist: '/nonexistent-web-dist',
      storage: new LocalDiskStorage(filesDir),
    });
    await app.ready();
    const db = database.db;
    const districtA = await makeDistrict(db);
    const districtB = await makeDistrict(db, { parentId: districtA.parentId });
    const managerA = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: districtA.id });
    shopA = await makeRetailer(db, { districtId: districtA.id, managerId: managerA.user.id });
    shopB = await makeRetailer(db, { districtId: districtB.id });
    sessions.managerA = managerA.session;
    sessions.otherManagerA = (await makeSignedInUser(app, db, { role: 'manager', orgUnitId: districtA.id })).session;
    sessions.supervisorA = (await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: districtA.id })).session;
    sessions.supervisorB = (await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: districtB.id })).session;
    sessions.admin = (
      await makeSignedInUser(app, db, { role: 'admin', orgUnitId: districtA.parentId ?? districtA.id })
    ).session;
    sessions.retailerA = await signIn(app, (await makeRetailerUser(db, shopA)).username, FIXTURE_PASSWORD);
    sessions.retailerB = await signIn(app, (await makeRetailerUser(db, shopB)).username, FIXTURE_PASSWORD);
    await makeUser(db, { role: 'manager', orgUnitId: districtB.id });
    smallJpeg = await jpeg(64, 48);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (filesDir) await rm(filesDir, { recursive: true, force: true });
  });

  const session = (name: string) => {
    const s = sessions[name];
    if (!s) throw new Error(`no session ${name}`);
    return s;
  };

  function upload(who: string, retailerId: number, parts: Part[]) {
    const body = multipart(parts);
    const s = session(who);
    return app.inject({
      method: 'POST',
      url: `/api/retailers/${retailerId}/photos`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': body.contentType },
      payload: body.payload,
    });
  }
  const photoParts = (kind: string, bytes: Buffer, filename = 'shop.jpg', contentType = 'image/jpeg'): Part[] => [
    { name: 'kind', value: kind },
    { name: 'file', filename, contentType, bytes },
  ];
  function remove(who: string, photoId: number) {
    const s = session(who);
    return app.inject({
      method: 'DELETE',
      url: `/api/photos/${photoId}`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
    });
  }
  async function storedFiles(): Promise<string[]> {
    const entries = await readdir(filesDir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  }
  async function photoRows(): Promise<number> {
    const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(retailerPhotos);
    return row?.n ?? 0;
  }

  it('lets the manager, the supervisor and an admin add a photo, oriented and stripped, with its thumbnail', async () => {
    // 400 × 200 taken with the phone turned (EXIF orientation 6): shown upright it is 200 wide, 400 high.
    const turned = await jpeg(400, 200, 6);
    const response = await upload('managerA', shopA.id, photoParts('front', turned));
    expect(response.statusCode, response.body).toBe(201);
    const photo = response.json();
    expect(photo).toMatchObject({
      retailerId: shopA.id,
      kind: 'front',
      contentType: 'image/webp',
      width: 200,
      height: 400,
    });

    const display = await getAs(app, session('managerA'), photo.url);
    expect(display.statusCode).toBe(200);
    expect(display.headers['content-type']).toBe('image/webp');
    expect(display.headers['cache-control']).toBe('private, max-age=86400');
    const meta = await sharp(display.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 200, height: 400 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();

    const thumb = await getAs(app, session('managerA'), photo.thumbnailUrl);
    expect(thumb.statusCode).toBe(200);
    const thumbMeta = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(thumbMeta.width ?? 0, thumbMeta.height ?? 0)).toBe(320);

    const events = await database.db.select().from(timelineEvents).where(eq(timelineEvents.retailerId, shopA.id));
    expect(events.map((e) => [e.kind, e.sourceType, e.sourceId])).toContainEqual([
      'photo.added',
      'retailer_photo',
      String(photo.id),
    ]);

    for (const who of ['supervisorA', 'admin']) {
      const added = await upload(who, shopA.id, photoParts('counter', smallJpeg));
      expect(added.statusCode, who).toBe(201);
    }
    const list = await getAs(app, session('managerA'), `/api/retailers/${shopA.id}/photos`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(3);
    expect(list.json().canEdit).toBe(true);
    // Two files (display and thumbnail) per photo, nothing else.
    expect(await storedFiles()).toHaveLength(6);
  });

  it('answers 404 out of scope and 403 to the retailer, for every photo route', async () => {
    const list = await getAs(app, session('managerA'), `/api/retailers/${shopA.id}/photos`);
    const photoId: number = list.json().items[0].id;
    for (const who of ['otherManagerA', 'supervisorB', 'retailerB']) {
      expect((await upload(who, shopA.id, photoParts('front', smallJpeg))).statusCode, who).toBe(
        who === 'retailerB' ? 403 : 404,
      );
      expect((await getAs(app, session(who), `/api/retailers/${shopA.id}/photos`)).statusCode, who).toBe(404);
      expect((await getAs(app, session(who), `/api/photos/${photoId}`)).statusCode, who).toBe(404);
      expect((await getAs(app, session(who), `/api/photos/${photoId}/thumbnail`)).statusCode, who).toBe(404);
      expect((await remove(who, photoId)).statusCode, who).toBe(who === 'retailerB' ? 403 : 404);
    }
    // The shop's own account sees its photos but may not add or remove them.
    const own = await getAs(app, session('retailerA'), `/api/retailers/${shopA.id}/photos`);
    expect(own.statusCode).toBe(200);
    expect(own.json().canEdit).toBe(false);
    expect((await getAs(app, session('retailerA'), `/api/photos/${photoId}`)).statusCode).toBe(200);
    expect((await upload('retailerA', shopA.id, photoParts('front', smallJpeg))).statusCode).toBe(403);
    expect((await remove('retailerA', photoId)).statusCode).toBe(403);
    // Not signed in.
    expect((await app.inject({ method: 'GET', url: `/api/photos/${photoId}` })).statusCode).toBe(401);
    expect(await photoRows()).toBe(3);
  });

  it('refuses bad uploads with a clear message and writes nothing', async () => {
    const before = { rows: await photoRows(), files: (await storedFiles()).length };
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    const big = await jpeg(1200, 900);
    const cases: [string, Part[], number, string, string][] = [
      [
        'a text file named .jpg',
        photoParts('front', Buffer.from('hello, not a photo\n'.repeat(50))),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'file',
      ],
      ['a GIF', photoParts('front', gif, 'a.gif', 'image/gif'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'file'],
      ['an SVG', photoParts('front', svg, 'a.svg', 'image/svg+xml'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'file'],
      [
        'a truncated JPEG',
        photoParts('front', big.subarray(0, Math.floor(big.length / 2))),
        400,
        'VALIDATION_FAILED',
        'file',
      ],
      [
        'a truncated PNG',
        photoParts('front', png.subarray(0, png.length - 20), 'a.png', 'image/png'),
        400,
        'VALIDATION_FAILED',
        'file',
      ],
      ['an empty file', photoParts('front', Buffer.alloc(0)), 400, 'VALIDATION_FAILED', 'file'],
      ['no file', [{ name: 'kind', value: 'front' }], 400, 'VALIDATION_FAILED', 'file'],
      [
        'no kind',
        [{ name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', bytes: smallJpeg }],
        400,
        'VALIDATION_FAILED',
        'kind',
      ],
      ['a wrong kind', photoParts('selfie', smallJpeg), 400, 'VALIDATION_FAILED', 'kind'],
      [
        'a file over 10 MB',
        photoParts('front', Buffer.concat([smallJpeg, Buffer.alloc(10 * 1024 * 1024)])),
        413,
        'PAYLOAD_TOO_LARGE',
        'file',
      ],
      [
        'two files',
        [
          ...photoParts('front', smallJpeg),
          { name: 'file', filename: 'b.jpg', contentType: 'image/jpeg', bytes: smallJpeg },
        ],
        413,
        'PAYLOAD_TOO_LARGE',
        'file',
      ],
    ];
    for (const [label, parts, status, code, field] of cases) {
      const response = await upload('managerA', shopA.id, parts);
      expect(response.statusCode, `${label}: ${response.body}`).toBe(status);
      expect(response.json().code, label).toBe(code);
      expect(response.json().fields?.[field], label).toBeTruthy();
    }
    const textBody = multipart(photoParts('front', Buffer.from('text')));
    const english = await app.inject({
      method: 'POST',
      url: `/api/retailers/${shopA.id}/photos`,
      headers: {
        cookie: session('managerA').cookie,
        'x-csrf-token': session('managerA').csrfToken,
        'content-type': textBody.contentType,
        'accept-language': 'en',
      },
      payload: textBody.payload,
    });
    expect(english.json().fields.file).toBe('This file is not an image; upload a JPEG, PNG or WebP photo.');

    // Not multipart at all, and a multipart body cut off in the middle or with a broken boundary.
    const s = session('managerA');
    const headers = { cookie: s.cookie, 'x-csrf-token': s.csrfToken };
    const json = await app.inject({
      method: 'POST',
      url: `/api/retailers/${shopA.id}/photos`,
      headers,
      payload: { kind: 'front', file: 'aGVsbG8=' },
    });
    expect(json.statusCode).toBe(415);
    const whole = multipart(photoParts('front', big));
    const cut = await app.inject({
      method: 'POST',
      url: `/api/retailers/${shopA.id}/photos`,
      headers: { ...headers, 'content-type': whole.contentType },
      payload: whole.payload.subarray(0, 3000),
    });
    expect(cut.statusCode, cut.body).toBe(400);
    const noBoundary = await app.inject({
      method: 'POST',
      url: `/api/retailers/${shopA.id}/photos`,
      headers: { ...headers, 'content-type': 'multipart/form-data' },
      payload: whole.payload,
    });
    expect(noBoundary.statusCode, noBoundary.body).toBeGreaterThanOrEqual(400);
    expect(noBoundary.statusCode, noBoundary.body).toBeLessThan(500);
    // Without the CSRF header a multipart form (what a cross-site page could send) is refused.
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/api/retailers/${shopA.id}/photos`,
      headers: { cookie: s.cookie, 'content-type': whole.contentType },
      payload: whole.payload,
    });
    expect(noCsrf.statusCode).toBe(403);

    expect(await photoRows()).toBe(before.rows);
    expect((await storedFiles()).length).toBe(before.files);
  });

  it('never answers a naughty file name or kind with a 5xx; the name is never used', async () => {
    const before = await photoRows();
    // Every naughty string as the name and kind of a non-image (refused before storage), and every sixth as the
    // name of a real photo (each of those is stored: the sample keeps the run short).
    let accepted = 0;
    let tried = 0;
    for (let i = 0; i < naughtyStrings.length; i += 6) {
      const batch = naughtyStrings.slice(i, i + 6);
      const [first = ''] = batch;
      const responses = await Promise.all([
        upload('managerA', shopA.id, photoParts('other', smallJpeg, first)),
        ...batch.map((text) => upload('managerA', shopA.id, photoParts(text, Buffer.from('not an image'), text))),
      ]);
      tried += 1;
      for (const [index, response] of responses.entries()) {
        const text = index === 0 ? first : batch[index - 1];
        expect(response.statusCode, `${JSON.stringify(text)}: ${response.body}`).toBeLessThan(500);
        if (index > 0) expect(response.statusCode).toBeGreaterThanOrEqual(400);
        if (response.statusCode === 201) accepted += 1;
      }
    }
    // Most names travel fine (those with a line break cut the part's header and are refused as malformed).
    expect(accepted).toBeGreaterThan(tried / 2);
    expect(await photoRows()).toBe(before + accepted);
    for (const file of await storedFiles()) expect(file).toMatch(/\/photos\/r\d+\/[0-9a-f-]{36}(-thumb)?\.webp$/);
  });

  it('removes a photo softly, audited; it is then gone for everyone', async () => {
    const added = await upload('managerA', shopA.id, photoParts('counter', smallJpeg));
    const photoId: number = added.json().id;
    const response = await remove('managerA', photoId);
    expect(response.statusCode).toBe(204);
    expect((await getAs(app, session('managerA'), `/api/photos/${photoId}`)).statusCode).toBe(404);
    expect((await getAs(app, session('admin'), `/api/photos/${photoId}/thumbnail`)).statusCode).toBe(404);
    const list = await getAs(app, session('managerA'), `/api/retailers/${shopA.id}/photos`);
    expect(list.json().items.map((p: { id: number }) => p.id)).not.toContain(photoId);
    expect((await remove('admin', photoId)).statusCode).toBe(404);
    const [row] = await database.db.select().from(retailerPhotos).where(eq(retailerPhotos.id, photoId));
    expect(row?.deletedAt).toBeInstanceOf(Date);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityType} = 'retailer_photo' and ${auditLog.entityId} = ${String(photoId)}`);
    expect(audit.map((a) => a.action).sort()).toEqual(['photo.added', 'photo.deleted']);
  });

  it('removes the stored bytes when the transaction fails', async () => {
    const files = (await storedFiles()).length;
    const rows = await photoRows();
    await database.db.execute(sql`
      create function siyi_test_refuse_photo() returns trigger language plpgsql as $$
      begin raise exception 'refused by test'; end $$`);
    await database.db.execute(
      sql`create trigger siyi_test_refuse before insert on retailer_photos for each row execute function siyi_test_refuse_photo()`,
    );
    try {
      const response = await upload('managerA', shopA.id, photoParts('front', smallJpeg));
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain('refused by test');
    } finally {
      await database.db.execute(sql`drop trigger siyi_test_refuse on retailer_photos`);
      await database.db.execute(sql`drop function siyi_test_refuse_photo()`);
    }
    expect((await storedFiles()).length).toBe(files);
    expect(await photoRows()).toBe(rows);
  });
});
