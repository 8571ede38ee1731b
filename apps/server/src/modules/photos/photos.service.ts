import { randomUUID } from 'node:crypto';
import { PhotoKind, type RetailerPhoto, type RetailerPhotoListResponse } from '@siyi/contracts';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { BlobStorage } from '../../lib/storage';
import type { Actor } from '../access/actor';
import { assertCan, can } from '../access/can';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import { appendTimelineEvent } from '../timeline/timeline.service';
import { preparePhoto } from './photo-image';
import * as repo from './photos.repository';

export interface PhotoDeps {
  db: Db;
  clock: Clock;
  storage: BlobStorage;
}

export interface RequestContext {
  actor: Actor;
  requestId: string;
}

/** What the route read from the multipart body: the `kind` field and the `file` part's bytes, if present. */
export interface PhotoUpload {
  kind: string | undefined;
  bytes: Buffer | undefined;
}

function toPhoto(row: repo.PhotoRow): RetailerPhoto {
  return {
    id: row.id,
    retailerId: row.retailerId,
    kind: row.kind,
    contentType: row.contentType,
    byteSize: row.byteSize,
    width: row.width,
    height: row.height,
    url: `/api/photos/${row.id}`,
    thumbnailUrl: `/api/photos/${row.id}/thumbnail`,
    uploadedBy: row.uploadedByUserId !== null ? { id: row.uploadedByUserId, name: row.uploadedByName ?? '' } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listPhotos(
  deps: PhotoDeps,
  actor: Actor,
  retailerId: number,
): Promise<RetailerPhotoListResponse> {
  const retailer = await repo.findRetailerInScope(deps.db, retailerScope(actor), retailerId);
  if (!retailer) throw notFound();
  const rows = await repo.findPhotos(deps.db, retailerId);
  return { items: rows.map(toPhoto), canEdit: can(actor, 'retailer.note', retailer) };
}

/**
 * Adds a photo to a retailer (the write path): scope (404), then action (403), both before a byte of the body is
 * read; then the bytes are checked, resized and stored — outside any transaction — and only then one transaction
 * writes the row, the audit entry and the timeline event. If that transaction fails, the stored files are removed,
 * so a failed upload leaves nothing behind.
 */
export async function addPhoto(
  deps: PhotoDeps,
  context: RequestContext,
  retailerId: number,
  readUpload: () => Promise<PhotoUpload>,
): Promise<RetailerPhoto> {
  const { actor } = context;
  const retailer = await repo.findRetailerInScope(deps.db, retailerScope(actor), retailerId);
  if (!retailer) throw notFound();
  assertCan(actor, 'retailer.note', retailer);

  const upload = await readUpload();
  const kind = PhotoKind.safeParse(upload.kind);
  if (!upload.bytes) {
    throw new AppError('VALIDATION_FAILED', {
      file: 'photo.fileRequired',
      ...(kind.success ? {} : { kind: 'photo.kindRequired' }),
    });
  }
  if (!kind.success) throw new AppError('VALIDATION_FAILED', { kind: 'photo.kindRequired' });
  if (upload.bytes.length === 0) throw new AppError('VALIDATION_FAILED', { file: 'photo.empty' });

  const prepared = await preparePhoto(upload.bytes);
  const name = randomUUID();
  const storageKey = `photos/r${retailerId}/${name}.webp`;
  const thumbnailKey = `photos/r${retailerId}/${name}-thumb.webp`;
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
      const row = await repo.insertPhoto(tx, {
        retailerId,
        districtId: retailer.districtId,
        kind: kind.data,
        storageKey,
        thumbnailKey,
        contentType: prepared.display.contentType,
        byteSize: prepared.display.bytes.length,
        width: prepared.display.width,
        height: prepared.display.height,
        uploadedByUserId: actor.id,
        createdAt: at,
      });
      const described = { kind: kind.data, width: prepared.display.width, height: prepared.display.height };
      await recordAudit(
        tx,
        { actor, at, requestId: context.requestId },
        {
          entityType: 'retailer_photo',
          entityId: row.id,
          action: 'photo.added',
          after: { retailerId, ...described, byteSize: prepared.display.bytes.length },
          districtId: retailer.districtId,
        },
      );
      await appendTimelineEvent(tx, {
        retailerId,
        districtId: retailer.districtId,
        occurredAt: at,
        kind: 'photo.added',
        actorUserId: actor.id,
        sourceType: 'retailer_photo',
        sourceId: row.id,
        data: { photoId: row.id, kind: kind.data },
      });
      return row.id;
    });
    const saved = await repo.findPhotoInScope(deps.db, retailerScope(actor), id);
    if (!saved) throw new Error(`photo ${id} vanished after insert`);
    return toPhoto(saved);
  } catch (error) {
    await removeStored();
    throw error;
  }
}

/** The bytes of a photo (display size or thumbnail) the caller may see; 404 outside the scope or once deleted. */
export async function readPhoto(
  deps: PhotoDeps,
  actor: Actor,
  photoId: number,
  size: 'display' | 'thumbnail',
): Promise<{ bytes: Buffer; contentType: string }> {
  const photo = await repo.findPhotoInScope(deps.db, retailerScope(actor), photoId);
  if (!photo) throw notFound();
  const bytes = await deps.storage.get(size === 'display' ? photo.storageKey : photo.thumbnailKey);
  if (!bytes) throw notFound();
  return { bytes, contentType: size === 'display' ? photo.contentType : 'image/webp' };
}

/**
 * Removes a photo from the retailer's record: a soft delete (the row keeps `deleted_at`, the bytes stay for the
 * audit trail), audited with what it was. Same people as adding one.
 */
export async function deletePhoto(deps: PhotoDeps, context: RequestContext, photoId: number): Promise<void> {
  const { actor } = context;
  const photo = await repo.findPhotoInScope(deps.db, retailerScope(actor), photoId);
  if (!photo) throw notFound();
  assertCan(actor, 'retailer.note', photo);
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    // Deleted by someone else meanwhile: the photo is gone either way, as if never found.
    if (!(await repo.softDeletePhoto(tx, photoId, at))) throw notFound();
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'retailer_photo',
        entityId: photoId,
        action: 'photo.deleted',
        before: {
          retailerId: photo.retailerId,
          kind: photo.kind,
          storageKey: photo.storageKey,
          uploadedByUserId: photo.uploadedByUserId,
          createdAt: photo.createdAt.toISOString(),
        },
        after: { deletedAt: at.toISOString() },
        districtId: photo.districtId,
      },
    );
  });
}
