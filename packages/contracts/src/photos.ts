import { z } from 'zod';
import { PhotoKind } from './archive';

/** The largest photo accepted, in bytes: a phone camera's JPEG is 2–8 MB. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** Content types accepted for upload, decided from the bytes (never from the name or the declared type). */
export const photoUploadFormats = ['jpeg', 'png', 'webp'] as const;

/** The multipart text field that says what the photo shows; the file itself is the part named `file`. */
export const PhotoUploadFields = z.object({ kind: PhotoKind });
export type PhotoUploadFields = z.infer<typeof PhotoUploadFields>;

export const RetailerPhoto = z.object({
  id: z.number().int(),
  retailerId: z.number().int(),
  kind: PhotoKind,
  /** The display size (WebP, at most 1600 px on its longer side), EXIF orientation applied, metadata stripped. */
  contentType: z.string(),
  byteSize: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  /** `GET` these for the display size and the 320 px thumbnail. */
  url: z.string(),
  thumbnailUrl: z.string(),
  uploadedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** UTC ISO-8601. */
  createdAt: z.iso.datetime(),
});
export type RetailerPhoto = z.infer<typeof RetailerPhoto>;

export const RetailerPhotoListResponse = z.object({
  items: z.array(RetailerPhoto),
  /** Whether the caller may add and remove photos of this retailer (its staff), so the UI can offer it. */
  canEdit: z.boolean(),
});
export type RetailerPhotoListResponse = z.infer<typeof RetailerPhotoListResponse>;
