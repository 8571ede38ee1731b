import multipart from '@fastify/multipart';
import { IdParams, PHOTO_MAX_BYTES, RetailerPhoto, RetailerPhotoListResponse } from '@siyi/contracts';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import { photoUploadLimits, readPhotoUpload } from './photo-upload';
import { addPhoto, deletePhoto, listPhotos, type PhotoDeps, type PhotoUpload, readPhoto } from './photos.service';

const everyone = { access: ['admin', 'supervisor', 'manager', 'retailer'] as const };
const photoEditors = { access: rolesThatMay('retailer.note') };

const uploadLimits = photoUploadLimits({ fields: 4, fieldSize: 200 });

/** The upload's `kind` field and `file` part. */
async function readUpload(request: FastifyRequest): Promise<PhotoUpload> {
  const { bytes, fields } = await readPhotoUpload(request, uploadLimits, ['kind']);
  return { kind: fields.kind, bytes };
}

/** Photos of a shop (门头照, 柜台照): upload, list, the bytes in two sizes, removal. */
export function registerPhotoRoutes(app: AppInstance, deps: PhotoDeps) {
  // Multipart only inside this plugin: every other route keeps refusing form bodies (a cross-site form can send
  // multipart without a CSRF header; the CSRF check refuses it here, and the parser is not there elsewhere).
  app.register((scope, _options, done) => {
    scope.register(multipart, { limits: uploadLimits, throwFileSizeLimit: true });
    const routes = scope.withTypeProvider<ZodTypeProvider>();

    routes.post(
      '/api/retailers/:id/photos',
      {
        config: photoEditors,
        schema: {
          tags: ['photos'],
          summary: 'Add a photo of a retailer’s shop',
          description:
            'multipart/form-data with a text field `kind` (`front` 门头照, `counter` 柜台照, `other`) and one file ' +
            `\`file\` (JPEG, PNG or WebP, at most ${PHOTO_MAX_BYTES / 2 ** 20} MB). The type is decided from the ` +
            'bytes, not the name: anything else is 415, a damaged image 400, a larger file 413. The photo is ' +
            'oriented by its EXIF data, stripped of all metadata (GPS included) and kept as WebP at most 1600 px ' +
            'with a 320 px thumbnail. Its manager, the district’s supervisor or an admin; out of scope 404. Adds ' +
            '`photo.added` to the timeline.',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: RetailerPhoto, ...errorResponses([400, 401, 403, 404, 413, 415]) },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const photo = await addPhoto(deps, { actor, requestId: request.id }, request.params.id, () =>
          readUpload(request),
        );
        return reply.status(201).send(photo);
      },
    );
    done();
  });

  app.get(
    '/api/retailers/:id/photos',
    {
      config: everyone,
      schema: {
        tags: ['photos'],
        summary: 'A retailer’s photos',
        description:
          'The photos of a retailer in the caller’s scope, newest first, with the URLs of their display size and ' +
          'thumbnail, and whether the caller may add or remove photos. Out of scope 404.',
        params: IdParams,
        response: { 200: RetailerPhotoListResponse, ...errorResponses([400, 401, 404]) },
      },
    },
    async (request) => listPhotos(deps, actorOf(request), request.params.id),
  );

  for (const size of ['display', 'thumbnail'] as const) {
    app.get(
      size === 'display' ? '/api/photos/:id' : '/api/photos/:id/thumbnail',
      {
        config: everyone,
        schema: {
          tags: ['photos'],
          summary: size === 'display' ? 'A photo at display size' : 'A photo’s thumbnail',
          description:
            (size === 'display'
              ? 'The photo as WebP, at most 1600 px on its longer side. '
              : 'The photo’s 320 px WebP thumbnail. ') +
            'Only if its retailer is in the caller’s scope (else 404, as for a deleted photo). Cached privately ' +
            '(a photo never changes under its id).',
          params: IdParams,
          response: {
            200: z.any().describe('The image (image/webp)'),
            ...errorResponses([400, 401, 404]),
          },
        },
      },
      async (request, reply) => {
        const photo = await readPhoto(deps, actorOf(request), request.params.id, size);
        return reply
          .type(photo.contentType)
          .header('cache-control', 'private, max-age=86400')
          .header('content-disposition', 'inline')
          .send(photo.bytes);
      },
    );
  }

  app.delete(
    '/api/photos/:id',
    {
      config: photoEditors,
      schema: {
        tags: ['photos'],
        summary: 'Remove a photo',
        description:
          'Takes the photo off the retailer’s record (kept, marked deleted, for the audit trail; audited with ' +
          'what it was). The retailer’s manager, the district’s supervisor or an admin; out of scope 404.',
        params: IdParams,
        response: { 204: z.null().describe('Removed'), ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request, reply) => {
      await deletePhoto(deps, { actor: actorOf(request), requestId: request.id }, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
