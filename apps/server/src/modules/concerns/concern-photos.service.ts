import { randomUUID } from 'node:crypto';
import { CONCERN_PHOTOS_MAX, type ConcernPhoto, concernMessages } from '@siyi/contracts';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { BlobStorage } from '../../lib/storage';
import { preparePhoto } from '../photos/photo-image';
import { isFinal } from './concern-state';
import * as repo from './concerns.repository';
import {
  actorKindFor,
  type ConcernDeps,
  concernScope,
  type RequestContext,
  recordConcernEvent,
} from './concerns.service';

export interface ConcernPhotoDeps extends ConcernDeps {
  storage: BlobStorage;
}

/**
 * Adds a photo to an open concern (its staff or the retailer): scope 404 and party 403 before the body is read;
 * the bytes go through the photos module's checks (not an image 415, damaged 400), are re-encoded and stored
 * outside any transaction; one transaction then writes the row and its event. A failed write removes the files.
 */
export async function addConcernPhoto(
  deps: ConcernPhotoDeps,
  context: RequestContext,
  concernId: number,
  readUpload: () => Promise<Buffer | undefined>,
): Promise<ConcernPhoto> {
  const { actor } = context;
  const row = await repo.findConcernInScope(deps.db, concernScope(actor), concernId);
  if (!row) throw notFound();
  if (
    !actorKindFor(
      actor,
      { retailerId: row.retailerId, districtId: row.districtId, managerId: row.managerId },
      row.ownerUserId,
    )
  ) {
    throw new AppError('FORBIDDEN');
  }
  if (isFinal(row.status)) throw new AppError('ILLEGAL_TRANSITION', { file: concernMessages.finished });
  const bytes = await readUpload();
  if (!bytes) throw new AppError('VALIDATION_FAILED', { file: 'photo.fileRequired' });
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', { file: 'photo.empty' });
  const prepared = await preparePhoto(bytes);

  const name = randomUUID();
  const storageKey = `concerns/c${concernId}/${name}.webp`;
  const thumbnailKey = `concerns/c${concernId}/${name}-thumb.webp`;
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
    await inTransaction(deps.db, async (tx) => {
      const locked = await repo.lockConcern(tx, concernId);
      if (!locked) throw notFound();
      if (isFinal(locked.status)) throw new AppError('ILLEGAL_TRANSITION', { file: concernMessages.finished });
      if ((await repo.countPhotos(tx, concernId)) >= CONCERN_PHOTOS_MAX) {
        throw new AppError('VALIDATION_FAILED', { file: concernMessages.tooManyPhotos });
      }
      const photoId = await repo.insertPhoto(tx, {
        concernId,
        districtId: locked.districtId,
        storageKey,
        thumbnailKey,
        contentType: prepared.display.contentType,
        byteSize: prepared.display.bytes.length,
        width: prepared.display.width,
        height: prepared.display.height,
        uploadedByUserId: actor.id,
        createdAt: at,
      });
      await recordConcernEvent(
        tx,
        { actor, at, requestId: context.requestId },
        {
          concernId,
          retailerId: locked.retailerId,
          districtId: locked.districtId,
          sensitive: locked.sensitive,
          category: locked.category,
          kind: 'photo_added',
          data: { photoId },
          after: { photoId, width: prepared.display.width, height: prepared.display.height },
        },
      );
    });
  } catch (error) {
    await removeStored();
    throw error;
  }
  const photos = await repo.findPhotos(deps.db, concernId);
  const saved = photos.find((p) => p.storageKey === storageKey);
  if (!saved) throw new Error(`concern photo ${storageKey} vanished after insert`);
  return {
    id: saved.id,
    url: `/api/concerns/${concernId}/photos/${saved.id}`,
    thumbnailUrl: `/api/concerns/${concernId}/photos/${saved.id}/thumbnail`,
    width: saved.width,
    height: saved.height,
    uploadedBy:
      saved.uploadedByUserId === null ? null : { id: saved.uploadedByUserId, name: saved.uploadedByName ?? '' },
    createdAt: saved.createdAt.toISOString(),
  };
}

/** A concern photo's bytes, if the concern is in scope (else 404, as for a photo of another concern). */
export async function readConcernPhoto(
  deps: ConcernPhotoDeps,
  context: RequestContext,
  concernId: number,
  photoId: number,
  size: 'display' | 'thumbnail',
): Promise<{ bytes: Buffer; contentType: string }> {
  const row = await repo.findConcernInScope(deps.db, concernScope(context.actor), concernId);
  if (!row) throw notFound();
  const photo = (await repo.findPhotos(deps.db, concernId)).find((p) => p.id === photoId);
  if (!photo) throw notFound();
  const bytes = await deps.storage.get(size === 'display' ? photo.storageKey : photo.thumbnailKey);
  if (!bytes) throw notFound();
  return { bytes, contentType: size === 'display' ? photo.contentType : 'image/webp' };
}
