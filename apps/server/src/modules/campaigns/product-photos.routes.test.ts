import { readFileSync } from 'node:fs';
import type { ProductKnowledge, ProductPhoto } from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { auditLog, productPhotos } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import {
  createTestApp,
  makeCompany,
  makeDistrict,
  makeProduct,
  makeRetailer,
  makeRetailerUser,
  makeSignedInUser,
  type ProductRow,
  type Session,
  signIn,
} from '../../testing';
import { FIXTURE_PASSWORD } from '../../testing/fixture';
import { databaseTargets } from '../../testing/test-database';

const targets = await databaseTargets();
const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

/** A multipart/form-data body with one file part. */
function upload(bytes: Buffer, contentType = 'image/jpeg', filename = 'p.jpg') {
  const boundary = `----siyi${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(targets)('product knowledge pictures on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  const s: Record<'admin' | 'mgr' | 'shop', Session> = {} as never;
  let fresh: ProductRow;
  let old: ProductRow;
  let jpeg: Buffer;

  const post = (who: keyof typeof s, productId: number, body: { payload: Buffer; contentType: string }) =>
    app.inject({
      method: 'POST',
      url: `/api/products/${productId}/knowledge/photos`,
      headers: { cookie: s[who].cookie, 'x-csrf-token': s[who].csrfToken, 'content-type': body.contentType },
      payload: body.payload,
    });
  const get = (who: keyof typeof s, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: s[who].cookie } });
  const rows = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(productPhotos))[0]?.n;

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database, { clock: new ManualClock('2026-12-02T02:00:00Z') });
    const db = database.db;
    const company = await makeCompany(db);
    const district = await makeDistrict(db, { parentId: company.id });
    s.admin = (await makeSignedInUser(app, db, { role: 'admin', orgUnitId: company.id })).session;
    const mgr = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: district.id });
    s.mgr = mgr.session;
    const shop = await makeRetailer(db, { districtId: district.id, managerId: mgr.user.id });
    await makeRetailerUser(db, shop);
    s.shop = await signIn(app, shop.licenceNo, FIXTURE_PASSWORD);
    fresh = await makeProduct(db, { name: '新品', isNew: true });
    old = await makeProduct(db, { name: '老品' });
    jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c22' } })
      .jpeg()
      .toBuffer();
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lets an admin add pictures that whoever reads the knowledge may see, as WebP in two sizes', async () => {
    const added = await post('admin', fresh.id, upload(jpeg));
    expect(added.statusCode, added.body).toBe(201);
    const photo = added.json<ProductPhoto>();
    expect(photo).toMatchObject({ productId: fresh.id, width: 800, height: 600 });
    const knowledge = (await get('shop', `/api/products/${fresh.id}/knowledge`)).json<ProductKnowledge>();
    expect(knowledge.photos.map((p) => p.id)).toEqual([photo.id]);
    for (const url of [photo.url, photo.thumbnailUrl]) {
      const bytes = await get('shop', url);
      expect(bytes.statusCode).toBe(200);
      expect(bytes.headers['content-type']).toBe('image/webp');
      expect((await sharp(bytes.rawPayload).metadata()).format).toBe('webp');
    }
    // Another product's id in the path, and a product the retailer may not read: not found.
    expect((await get('admin', `/api/products/${old.id}/knowledge/photos/${photo.id}`)).statusCode).toBe(404);
    const oldPhoto = (await post('admin', old.id, upload(jpeg))).json<ProductPhoto>();
    expect((await get('mgr', oldPhoto.url)).statusCode).toBe(200);
    expect((await get('shop', oldPhoto.url)).statusCode).toBe(404);
    expect(
      (await database.db.select().from(auditLog).where(sql`${auditLog.action} = 'product.photo.added'`)).length,
    ).toBe(2);
  });

  it('refuses uploads by others, non-images, empty bodies and a seventh picture, writing nothing', async () => {
    const before = await rows();
    expect((await post('mgr', fresh.id, upload(jpeg))).statusCode).toBe(403);
    expect((await post('shop', fresh.id, upload(jpeg))).statusCode).toBe(403);
    expect((await post('admin', 999_999, upload(jpeg))).statusCode).toBe(404);
    expect((await post('admin', fresh.id, upload(Buffer.from('not an image'), 'image/png'))).statusCode).toBe(415);
    expect((await post('admin', fresh.id, upload(Buffer.alloc(0)))).statusCode).toBe(400);
    const notMultipart = await app.inject({
      method: 'POST',
      url: `/api/products/${fresh.id}/knowledge/photos`,
      headers: { cookie: s.admin.cookie, 'x-csrf-token': s.admin.csrfToken, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(notMultipart.statusCode).toBe(415);
    for (const text of naughtyStrings.filter((_, i) => i % 10 === 0)) {
      const response = await post(
        'admin',
        fresh.id,
        upload(Buffer.from(text), 'text/plain', text.replace(/["\r\n]/g, '')),
      );
      expect(response.statusCode, JSON.stringify(text)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, JSON.stringify(text)).toBeLessThan(500);
    }
    expect(await rows()).toBe(before);
    for (let i = 1; i < 6; i++) expect((await post('admin', fresh.id, upload(jpeg))).statusCode).toBe(201);
    const seventh = await post('admin', fresh.id, upload(jpeg));
    expect(seventh.statusCode).toBe(409);
    expect(seventh.json().fields.file).toBe('每个品规最多 6 张图片，请先删掉一张。');
    expect(await rows()).toBe((before ?? 0) + 5);
  });

  it('removes a picture (admin only): gone from the knowledge and its URL, kept for the audit trail', async () => {
    const [first] = (await get('admin', `/api/products/${fresh.id}/knowledge`)).json<ProductKnowledge>().photos;
    const url = `/api/products/${fresh.id}/knowledge/photos/${first?.id}`;
    const remove = (who: keyof typeof s) =>
      app.inject({ method: 'DELETE', url, headers: { cookie: s[who].cookie, 'x-csrf-token': s[who].csrfToken } });
    expect((await remove('mgr')).statusCode).toBe(403);
    expect((await remove('admin')).statusCode).toBe(204);
    expect((await remove('admin')).statusCode).toBe(404);
    expect((await get('admin', url)).statusCode).toBe(404);
    const left = (await get('admin', `/api/products/${fresh.id}/knowledge`)).json<ProductKnowledge>().photos;
    expect(left.map((p) => p.id)).not.toContain(first?.id);
    expect(left).toHaveLength(5);
    expect(await rows()).toBe(7);
    // A place freed: a sixth picture again.
    expect((await post('admin', fresh.id, upload(jpeg))).statusCode).toBe(201);
  });
});
