import { randomUUID } from 'node:crypto';
import { campaignMessages, PRODUCT_PHOTOS_MAX, type ProductPhoto } from '@siyi/contracts';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { BlobStorage } from '../../lib/storage';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { recordAudit } from '../audit/audit.service';
import { preparePhoto } from '../photos/photo-image';
import * as repo from './campaigns.repository';
import { type CampaignDeps, type RequestContext, readableProduct, toProductPhoto } from './campaigns.service';

/**
 * Pictures of a product's knowledge, made and stored the way shop photos are (photos module: the bytes decide the
 * format, EXIF orientation applied, metadata stripped, a display size and a thumbnail behind the storage
 * interface). Admins add and remove them; whoever may read the knowledge may read them.
 */

export interface ProductPhotoDeps extends CampaignDeps {
  storage: BlobStorage;
}

export async function addProductPhoto(
  deps: ProductPhotoDeps,
  context: RequestContext,
  productId: number,
  readUpload: () => Promise<{ bytes: Buffer | undefined }>,
): Promise<ProductPhoto> {
  const { actor } = context;
  assertCan(actor, 'campaign.manage');
  if ((await repo.findProducts(deps.db, [productId])).length === 0) throw notFound();
  if ((await repo.findProductPhotos(deps.db, [productId])).length >= PRODUCT_PHOTOS_MAX) {
    throw new AppError('CONFLICT', { file: campaignMessages.tooManyPhotos });
  }
  const { bytes } = await readUpload();
  if (!bytes) throw new AppError('VALIDATION_FAILED', { file: 'photo.fileRequired' });
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', { file: 'photo.empty' });

  // Bytes first, outside the transaction (no file I/O inside one); removed again if the row is not written.
  const prepared = await preparePhoto(bytes);
  const name = randomUUID();
  const storageKey = `photos/p${productId}/${name}.webp`;
  const thumbnailKey = `photos/p${productId}/${name}-thumb.webp`;
  const removeStored = () =>
    Promise.allSettled([deps.storage.delete(storageKey), deps.storage.delete(thumbnailKey)]).then(() => undefined);
  try {
    await deps.storage.put(storageKey, prepared.display.bytes, prepared.display.contentType);
    await deps.storage.put(thumbnailKey, prepared.thumbnail.bytes, prepared.thumbnail.contentType);
  } catch (error) {
    await removeStored();
    throw error;
  }
  const at = deps.clock.now();
  try {
    const id = await inTransaction(deps.db, async (tx) => {
      await repo.lockProduct(tx, productId);
      if ((await repo.findProductPhotos(tx, [productId])).length >= PRODUCT_PHOTOS_MAX) {
        throw new AppError('CONFLICT', { file: campaignMessages.tooManyPhotos });
      }
      const values = {
        productId,
        storageKey,
        thumbnailKey,
        contentType: prepared.display.contentType,
        byteSize: prepared.display.bytes.length,
        width: prepared.display.width,
        height: prepared.display.height,
        uploadedByUserId: actor.id,
        createdAt: at,
      };
      const photoId = await repo.insertProductPhoto(tx, values);
      await recordAudit(
        tx,
        { actor, at, requestId: context.requestId },
        {
          entityType: 'product_photo',
          entityId: photoId,
          action: 'product.photo.added',
          after: { productId, width: values.width, height: values.height, byteSize: values.byteSize },
        },
      );
      return photoId;
    });
    const saved = await repo.findProductPhoto(deps.db, productId, id);
    if (!saved) throw new Error(`product photo ${id} vanished after insert`);
    return toProductPhoto(saved);
  } catch (error) {
    await removeStored();
    throw error;
  }
}

export async function readProductPhoto(
  deps: ProductPhotoDeps,
  actor: Actor,
  productId: number,
  photoId: number,
  size: 'display' | 'thumbnail',
): Promise<{ bytes: Buffer; contentType: string }> {
  await readableProduct(deps, actor, productId);
  const photo = await repo.findProductPhoto(deps.db, productId, photoId);
  if (!photo) throw notFound();
  const bytes = await deps.storage.get(size === 'display' ? photo.storageKey : photo.thumbnailKey);
  if (!bytes) throw notFound();
  return { bytes, contentType: size === 'display' ? photo.contentType : 'image/webp' };
}

/** A soft delete, audited: the row keeps `deleted_at` and the bytes stay for the audit trail. */
export async function deleteProductPhoto(
  deps: ProductPhotoDeps,
  context: RequestContext,
  productId: number,
  photoId: number,
): Promise<void> {
  const { actor } = context;
  assertCan(actor, 'campaign.manage');
  const photo = await repo.findProductPhoto(deps.db, productId, photoId);
  if (!photo) throw notFound();
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    if (!(await repo.softDeleteProductPhoto(tx, photoId, at))) throw notFound();
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'product_photo',
        entityId: photoId,
        action: 'product.photo.deleted',
        before: { productId, width: photo.width, height: photo.height },
      },
    );
  });
}
