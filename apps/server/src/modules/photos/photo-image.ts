import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../lib/app-error';

/** The longer side of the size a photo is shown at; a phone's 4000 px original is not needed to see a shop front. */
export const DISPLAY_MAX_PX = 1600;
/** The longer side of a thumbnail in the grid. */
export const THUMBNAIL_MAX_PX = 320;
/** Pixels an input may declare: 50 MP covers phone cameras (48 MP) and keeps decompression bombs out. */
const MAX_INPUT_PIXELS = 50_000_000;

const ACCEPTED = new Set(['jpeg', 'png', 'webp']);

export interface PreparedImage {
  bytes: Buffer;
  width: number;
  height: number;
  contentType: 'image/webp';
}

export interface PreparedPhoto {
  display: PreparedImage;
  thumbnail: PreparedImage;
}

/**
 * Decides from the bytes alone whether an upload is a photo we take (JPEG, PNG or WebP — never from its name or
 * declared type), then makes the display size and the thumbnail: EXIF orientation applied, every piece of
 * metadata (GPS position, camera, owner) stripped, re-encoded as WebP. Re-encoding also means the bytes served
 * later are ones sharp wrote, not the uploader's.
 *
 * Refusals: not an image or another format → 415; a damaged or truncated image, or one of absurd size → 400.
 */
export async function preparePhoto(input: Buffer): Promise<PreparedPhoto> {
  let format: string | undefined;
  let width = 0;
  let height = 0;
  try {
    const metadata = await sharp(input, { limitInputPixels: false }).metadata();
    format = metadata.format;
    width = metadata.width ?? 0;
    height = metadata.height ?? 0;
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { file: 'photo.notAnImage' });
  }
  if (!format || !ACCEPTED.has(format)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { file: 'photo.unsupportedFormat' });
  }
  if (width < 1 || height < 1 || width * height > MAX_INPUT_PIXELS) {
    throw new AppError('VALIDATION_FAILED', { file: 'photo.tooManyPixels' });
  }
  try {
    // One decode (failOn 'error' also refuses truncated data), oriented once, then two sizes from it.
    const oriented = sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true });
    const [display, thumbnail] = await Promise.all([
      encode(oriented.clone(), DISPLAY_MAX_PX, 82),
      encode(oriented.clone(), THUMBNAIL_MAX_PX, 72),
    ]);
    return { display, thumbnail };
  } catch {
    throw new AppError('VALIDATION_FAILED', { file: 'photo.damaged' });
  }
}

async function encode(image: Sharp, maxPx: number, quality: number): Promise<PreparedImage> {
  const { data, info } = await image
    .resize({ width: maxPx, height: maxPx, fit: 'inside', withoutEnlargement: true })
    .webp({ quality })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height, contentType: 'image/webp' };
}
