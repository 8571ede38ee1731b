import { randomUUID } from 'node:crypto';
import { ChinaLat, ChinaLng, GeoAccuracy, VISIT_PHOTOS_MAX, type VisitPhoto, visitMessages } from '@siyi/contracts';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { BlobStorage } from '../../lib/storage';
import { recordAudit } from '../audit/audit.service';
import { preparePhoto } from '../photos/photo-image';
import * as repo from './visits.repository';
import {
  appendVisitPhotoEvent,
  type RequestContext,
  recordEditable,
  type VisitDeps,
  visitForPhoto,
} from './visits.service';

export interface VisitPhotoDeps extends VisitDeps {
  storage: BlobStorage;
}

/** What a multipart upload carried: the `file` part and the text fields `lat`, `lng`, `accuracy` (where taken). */
export interface VisitUpload {
  bytes: Buffer | undefined;
  fields: Record<string, string>;
}

/** The position sent with a photo: all three numbers in China, or none (absent or blank); anything else 400. */
function positionOf(fields: Record<string, string>): { lat: number; lng: number; accuracy: number | null } | null {
  const raw = { lat: fields.lat?.trim() ?? '', lng: fields.lng?.trim() ?? '', accuracy: fields.accuracy?.trim() ?? '' };
  if (raw.lat === '' && raw.lng === '') return null;
  const issues: Record<string, string> = {};
  const lat = ChinaLat.safeParse(raw.lat === '' ? Number.NaN : Number(raw.lat));
  const lng = ChinaLng.safeParse(raw.lng === '' ? Number.NaN : Number(raw.lng));
  const accuracy = raw.accuracy === '' ? null : GeoAccuracy.safeParse(Number(raw.accuracy));
  if (!lat.success) issues.lat = visitMessages.outsideChina;
  if (!lng.success) issues.lng = visitMessages.outsideChina;
  if (accuracy && !accuracy.success) issues.accuracy = visitMessages.accuracyInvalid;
  if (!lat.success || !lng.success || (accuracy && !accuracy.success)) throw new AppError('VALIDATION_FAILED', issues);
  return { lat: lat.data, lng: lng.data, accuracy: accuracy?.data ?? null };
}

/**
 * When the photo was taken: `takenAt` (an ISO time, sent by a phone that kept the photo while offline) within the
 * visit, from its check-in to now; without it, now. Not a time: 400 on `takenAt`.
 */
function takenAtOf(fields: Record<string, string>, checkInAt: Date | null, now: Date): Date {
  const raw = fields.takenAt?.trim() ?? '';
  if (raw === '') return now;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms)) throw new AppError('VALIDATION_FAILED', { takenAt: 'photo.takenAtInvalid' });
  return new Date(Math.min(Math.max(ms, checkInAt?.getTime() ?? ms), now.getTime()));
}

/**
 * Adds a photo taken on the visit (its manager, while the record is editable): scope 404, another's visit 403 and
 * a closed record 409 before the body is read; the bytes go through the photos module's checks (not an image
 * 415, damaged 400), are re-encoded and stored outside any transaction; one transaction writes the row and its
 * audit entry. A failed write removes the files.
 */
export async function addVisitPhoto(
  deps: VisitPhotoDeps,
  context: RequestContext,
  visitId: number,
  readUpload: () => Promise<VisitUpload>,
): Promise<VisitPhoto> {
  const { actor } = context;
  const row = await visitForPhoto(deps, actor, visitId);
  if (row.photoCount >= VISIT_PHOTOS_MAX)
    throw new AppError('VALIDATION_FAILED', { file: visitMessages.tooManyPhotos });
  const upload = await readUpload();
  const position = positionOf(upload.fields);
  const takenAt = takenAtOf(upload.fields, row.checkInAt, deps.clock.now());
  if (!upload.bytes) throw new AppError('VALIDATION_FAILED', { file: 'photo.fileRequired' });
  if (upload.bytes.length === 0) throw new AppError('VALIDATION_FAILED', { file: 'photo.empty' });
  const prepared = await preparePhoto(upload.bytes);

  const name = randomUUID();
  const storageKey = `visits/v${visitId}/${name}.webp`;
  const thumbnailKey = `visits/v${visitId}/${name}-thumb.webp`;
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
  let photoId: number;
  try {
    photoId = await inTransaction(deps.db, async (tx) => {
      const locked = await repo.lockVisit(tx, visitId);
      if (!locked) throw notFound();
      if (!recordEditable(locked, at)) throw new AppError('ILLEGAL_TRANSITION', { file: visitMessages.recordClosed });
      if ((await repo.countPhotos(tx, visitId)) >= VISIT_PHOTOS_MAX) {
        throw new AppError('VALIDATION_FAILED', { file: visitMessages.tooManyPhotos });
      }
      const id = await repo.insertPhoto(tx, {
        visitId,
        districtId: locked.districtId,
        storageKey,
        thumbnailKey,
        contentType: prepared.display.contentType,
        byteSize: prepared.display.bytes.length,
        width: prepared.display.width,
        height: prepared.display.height,
        lat: position?.lat ?? null,
        lng: position?.lng ?? null,
        accuracyM: position?.accuracy ?? null,
        uploadedByUserId: actor.id,
        createdAt: takenAt,
      });
      await recordAudit(
        tx,
        { actor, at, requestId: context.requestId },
        {
          entityType: 'visit',
          entityId: visitId,
          action: 'visit.photo_added',
          after: { photoId: id, width: prepared.display.width, height: prepared.display.height, ...position },
          districtId: locked.districtId,
        },
      );
      await appendVisitPhotoEvent(tx, {
        visitId,
        retailerId: locked.retailerId,
        districtId: locked.districtId,
        actorUserId: actor.id,
        photoId: id,
        at: takenAt,
      });
      return id;
    });
  } catch (error) {
    await removeStored();
    throw error;
  }
  const saved = (await repo.findPhotos(deps.db, visitId)).find((p) => p.id === photoId);
  if (!saved) throw new Error(`visit photo ${storageKey} vanished after insert`);
  return {
    id: saved.id,
    url: `/api/visits/${visitId}/photos/${saved.id}`,
    thumbnailUrl: `/api/visits/${visitId}/photos/${saved.id}/thumbnail`,
    width: saved.width,
    height: saved.height,
    lat: saved.lat,
    lng: saved.lng,
    uploadedBy:
      saved.uploadedByUserId === null ? null : { id: saved.uploadedByUserId, name: saved.uploadedByName ?? '' },
    createdAt: saved.createdAt.toISOString(),
  };
}

/** A visit photo's bytes, for staff who see the visit (the retailer and anyone out of scope: 404). */
export async function readVisitPhoto(
  deps: VisitPhotoDeps,
  context: RequestContext,
  visitId: number,
  photoId: number,
  size: 'display' | 'thumbnail',
): Promise<{ bytes: Buffer; contentType: string }> {
  if (context.actor.role === 'retailer') throw notFound();
  const row = await repo.findVisitInScope(deps.db, repo.visitScope(context.actor), visitId);
  if (!row) throw notFound();
  const photo = (await repo.findPhotos(deps.db, visitId)).find((p) => p.id === photoId);
  if (!photo) throw notFound();
  const bytes = await deps.storage.get(size === 'display' ? photo.storageKey : photo.thumbnailKey);
  if (!bytes) throw notFound();
  return { bytes, contentType: size === 'display' ? photo.contentType : 'image/webp' };
}
