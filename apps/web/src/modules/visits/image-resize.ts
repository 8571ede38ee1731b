/**
 * Photos from a phone's camera are 3–8 MB; a visit sends them over a weak connection. Each is redrawn in the
 * browser to at most 1600 px on its long side as a JPEG (~200–500 KB) before upload.
 */

export const MAX_PHOTO_EDGE = 1600;
export const PHOTO_QUALITY = 0.82;

/** The size to draw an image at: its long side at most `max`, proportions kept, never enlarged, whole pixels. */
export function fitWithin(
  width: number,
  height: number,
  max: number = MAX_PHOTO_EDGE,
): { width: number; height: number } {
  if (!(width > 0) || !(height > 0) || !Number.isFinite(width) || !Number.isFinite(height))
    return { width: 0, height: 0 };
  const long = Math.max(width, height);
  if (long <= max) return { width: Math.round(width), height: Math.round(height) };
  const scale = max / long;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** The uploaded file's name: the visit, the moment and `.jpg` (the original name may carry anything). */
export function photoFileName(visitId: number, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `visit-${visitId}-${stamp}.jpg`;
}

/**
 * Redraws an image file as a JPEG of at most 1600 px. EXIF orientation is applied by the browser when decoding
 * (`createImageBitmap` with `imageOrientation: 'from-image'`). A file the browser cannot decode is refused
 * (rejects), so "not a picture" is said before anything is sent; a small JPEG is sent as it is.
 */
export async function compressImage(file: File, max: number = MAX_PHOTO_EDGE): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const size = fitWithin(bitmap.width, bitmap.height, max);
    if (size.width === 0) throw new Error('empty image');
    if (file.type === 'image/jpeg' && size.width === bitmap.width && file.size <= 600_000) return file;
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode failed'))), 'image/jpeg', PHOTO_QUALITY),
    );
  } finally {
    bitmap.close();
  }
}
