import { PHOTO_MAX_BYTES } from '@siyi/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error';

/**
 * Multipart limits for a photo upload: one file and a few short text fields; anything more is refused before it is
 * buffered. Shop, concern and visit photos share them and differ only in their text fields.
 */
export function photoUploadLimits(text: { fields: number; fieldSize: number }) {
  return {
    fileSize: PHOTO_MAX_BYTES,
    files: 1,
    fields: text.fields,
    fieldSize: text.fieldSize,
    fieldNameSize: 100,
    parts: text.fields + 2,
    headerPairs: 50,
  };
}

const TOO_LARGE_CODES = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

/**
 * Reads the `file` part and the named text fields of a photo upload. The file is buffered (at most
 * PHOTO_MAX_BYTES) because sharp needs all of it; every multipart failure — limits, a cut-off body, a broken
 * boundary — becomes a 4xx here, never a 500.
 */
export async function readPhotoUpload(
  request: FastifyRequest,
  limits: ReturnType<typeof photoUploadLimits>,
  fieldNames: readonly string[] = [],
): Promise<{ bytes: Buffer | undefined; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { file: 'photo.multipartRequired' });
  let bytes: Buffer | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits })) {
      if (part.type === 'file') {
        // Read every file part to its end (busboy needs that to go on); only the one named `file` is kept.
        const content = await part.toBuffer();
        if (part.fieldname === 'file') bytes = content;
      } else if (fieldNames.includes(part.fieldname) && typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && TOO_LARGE_CODES.has(code)) {
      throw new AppError('PAYLOAD_TOO_LARGE', {
        file: { key: 'photo.tooLarge', params: { mb: PHOTO_MAX_BYTES / 2 ** 20 } },
      });
    }
    throw new AppError('MALFORMED_REQUEST', { file: 'photo.malformedUpload' });
  }
  return { bytes, fields };
}
