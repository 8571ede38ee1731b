import multipart from '@fastify/multipart';
import {
  ConcernDetail,
  ConcernListQuery,
  ConcernListResponse,
  ConcernOwnerCandidates,
  ConcernPhoto,
  ConcernSettings,
  ConcernStats,
  ConcernStatsQuery,
  CreateCallbackBody,
  CreateConcernBody,
  concernCategories,
  concernStatuses,
  IdParams,
  PHOTO_MAX_BYTES,
  RateConcernBody,
  ReassignConcernBody,
  TransitionConcernBody,
  UpdateConcernSettingsBody,
} from '@siyi/contracts';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import { photoUploadLimits, readPhotoUpload } from '../photos/photo-upload';
import { addConcernPhoto, type ConcernPhotoDeps, readConcernPhoto } from './concern-photos.service';
import { listOwnerCandidates, reassignConcern } from './concern-reassign.service';
import { getConcernStats } from './concern-stats.service';
import {
  addCallback,
  createConcern,
  getConcern,
  getSettings,
  listConcerns,
  rateConcern,
  transitionConcern,
  updateSettings,
} from './concerns.service';

const everyone = { access: ['admin', 'supervisor', 'manager', 'retailer'] as const };
const staff = { access: ['admin', 'supervisor', 'manager'] as const };
const PhotoParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  photoId: z.coerce.number().int().positive().max(2_147_483_647),
});

const uploadLimits = photoUploadLimits({ fields: 2, fieldSize: 200 });

const flow =
  'States: ' +
  concernStatuses.join(', ') +
  '. Categories: ' +
  concernCategories.join(', ') +
  '. 服务态度 (service_attitude) and 强制搭配 (forced_ordering) go to the district supervisor and answer 404 to ' +
  'every manager.';

/** Retailer concerns (诉求): raise, list, read, move through the flow, rate, photos, call-backs, figures, settings. */
export function registerConcernRoutes(app: AppInstance, deps: ConcernPhotoDeps) {
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), requestId: request.id });

  app.post(
    '/api/concerns',
    {
      config: { access: rolesThatMay('concern.raise'), multilineFields: ['text'] },
      schema: {
        tags: ['concerns'],
        summary: 'Raise a concern (诉求)',
        description:
          'A retailer raises one for itself (its source is always `retailer_portal`); its manager, the district’s ' +
          'supervisor or an admin raise one for a retailer in scope (`retailerId` required; source `phone` by ' +
          'default, or `visit`, `survey`). It is routed to its owner (the retailer’s manager; the supervisor for ' +
          'service attitude and forced ordering) and due by the category’s SLA; audited and on the retailer’s ' +
          `timeline as \`concern.raised\`. Out of scope 404. ${flow}`,
        body: CreateConcernBody,
        response: { 201: ConcernDetail, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request, reply) => reply.status(201).send(await createConcern(deps, context(request), request.body)),
  );

  app.get(
    '/api/concerns',
    {
      config: everyone,
      schema: {
        tags: ['concerns'],
        summary: 'Concerns, by due time (my work)',
        description:
          'The concerns in the caller’s scope, ordered by due time then id, one keyset page at a time ' +
          '(`nextCursor`). Filters: `status` (a state, `open` or `final`), `owner` (`me` or a user id), ' +
          '`category`, `retailerId`, `overdue` (past due and still the owner’s move). A list shows the first 200 ' +
          `characters of the text. ${flow}`,
        querystring: ConcernListQuery,
        response: { 200: ConcernListResponse, ...errorResponses([400, 401]) },
      },
    },
    async (request) => listConcerns(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/concerns/stats',
    {
      config: staff,
      schema: {
        tags: ['concerns'],
        summary: 'Concern figures (the supervisor view)',
        description:
          'Open and overdue concerns by owner and category now; over the last `weeks` weeks (this one included): ' +
          'the median hours to the first resolution, the shares confirmed, auto-closed and reopened among those ' +
          'finished, the average rating, and the weekly series. A supervisor’s district, an admin’s all (or ' +
          '`districtId`), a manager’s own retailers without the sensitive categories.',
        querystring: ConcernStatsQuery,
        response: { 200: ConcernStats, ...errorResponses([400, 401, 403]) },
      },
    },
    async (request) => getConcernStats(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/concerns/:id',
    {
      config: everyone,
      schema: {
        tags: ['concerns'],
        summary: 'A concern with its history',
        description:
          'The concern, its history of transitions (and escalations, reminders, rating, call-backs), photos and ' +
          'call-backs; `allowedTransitions`, `canRate`, `canCallback` and `canAddPhoto` say what the caller may do. ' +
          'Out of scope 404.',
        params: IdParams,
        response: { 200: ConcernDetail, ...errorResponses([400, 401, 404]) },
      },
    },
    async (request) => getConcern(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/concerns/:id/transition',
    {
      config: { access: everyone.access, multilineFields: ['note'] },
      schema: {
        tags: ['concerns'],
        summary: 'Move a concern through its flow',
        description:
          'Staff (the retailer’s manager, the supervisor, an admin): new → accepted → in_progress → resolved ' +
          '(`note`, the resolution, required); from reopened → in_progress or resolved. The retailer: resolved → ' +
          'confirmed, or → reopened (`note`, the reason, required). A move not possible from the current state is ' +
          '409 ILLEGAL_TRANSITION; another party’s move 403; a missing note 400; a stale `version` 409 CONFLICT — ' +
          'nothing is written then. Audited and on the retailer’s timeline as `concern.<state>`.',
        params: IdParams,
        body: TransitionConcernBody,
        response: { 200: ConcernDetail, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => transitionConcern(deps, context(request), request.params.id, request.body),
  );

  app.post(
    '/api/concerns/:id/reassign',
    {
      config: { access: rolesThatMay('concern.supervise'), multilineFields: ['reason'] },
      schema: {
        tags: ['concerns'],
        summary: 'Hand a concern to another owner',
        description:
          'The district’s supervisor or an admin hands an open concern to `ownerUserId` — an active customer manager ' +
          'or supervisor of the concern’s district; 服务态度 and 强制搭配 to a supervisor only — with a `reason` ' +
          '(required). The history records a `reassigned` event naming both owners, with the reason; audited; the new ' +
          'owner is notified (`concern.reassigned`). A manager the supervisor hands one of another manager’s shops to ' +
          'sees and works that concern. Out of scope 404; an illegal new owner 400 on `ownerUserId`; a finished ' +
          'concern 409 ILLEGAL_TRANSITION; a stale `version` 409 CONFLICT — nothing is written then.',
        params: IdParams,
        body: ReassignConcernBody,
        response: { 200: ConcernDetail, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => reassignConcern(deps, context(request), request.params.id, request.body),
  );

  app.get(
    '/api/concerns/:id/owners',
    {
      config: { access: rolesThatMay('concern.supervise') },
      schema: {
        tags: ['concerns'],
        summary: 'Who may take a concern over',
        description:
          'The active customer managers and supervisors of the concern’s district, but its owner (for 服务态度 and ' +
          '强制搭配: supervisors only); `retailersManager` marks the retailer’s own manager. Out of scope 404.',
        params: IdParams,
        response: { 200: ConcernOwnerCandidates, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => listOwnerCandidates(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/concerns/:id/rating',
    {
      config: { access: rolesThatMay('concern.respond'), multilineFields: ['comment'] },
      schema: {
        tags: ['concerns'],
        summary: 'Rate how a concern was handled (the retailer)',
        description:
          '1–5 stars and an optional comment, once, on a confirmed or auto-closed concern (before: 409 ' +
          'ILLEGAL_TRANSITION; a second rating: 409 CONFLICT). The retailer whose concern it is.',
        params: IdParams,
        body: RateConcernBody,
        response: { 200: ConcernDetail, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => rateConcern(deps, context(request), request.params.id, request.body),
  );

  app.post(
    '/api/concerns/:id/callbacks',
    {
      config: { access: rolesThatMay('concern.supervise'), multilineFields: ['note'] },
      schema: {
        tags: ['concerns'],
        summary: 'Record a call-back (回访) on a finished concern',
        description:
          'The district’s supervisor or an admin records calling the retailer back on a confirmed or auto-closed ' +
          'concern: `satisfied`, `unsatisfied` or `unreachable`, with a note. On an open concern 409 ' +
          'ILLEGAL_TRANSITION.',
        params: IdParams,
        body: CreateCallbackBody,
        response: { 200: ConcernDetail, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => addCallback(deps, context(request), request.params.id, request.body),
  );

  app.register((scope, _options, done) => {
    scope.register(multipart, { limits: uploadLimits, throwFileSizeLimit: true });
    const routes = scope.withTypeProvider<ZodTypeProvider>();
    routes.post(
      '/api/concerns/:id/photos',
      {
        config: everyone,
        schema: {
          tags: ['concerns'],
          summary: 'Add a photo to an open concern',
          description:
            `multipart/form-data with one file \`file\` (JPEG, PNG or WebP, at most ${PHOTO_MAX_BYTES / 2 ** 20} ` +
            'MB), checked and re-encoded as for shop photos: not an image 415, a damaged one 400, too large 413. ' +
            'Its staff or the retailer, while the concern is open; at most 6 photos.',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: ConcernPhoto, ...errorResponses([400, 401, 403, 404, 409, 413, 415]) },
        },
      },
      async (request, reply) => {
        const photo = await addConcernPhoto(
          deps,
          context(request),
          request.params.id,
          async () => (await readPhotoUpload(request, uploadLimits)).bytes,
        );
        return reply.status(201).send(photo);
      },
    );
    done();
  });

  for (const size of ['display', 'thumbnail'] as const) {
    app.get(
      size === 'display' ? '/api/concerns/:id/photos/:photoId' : '/api/concerns/:id/photos/:photoId/thumbnail',
      {
        config: everyone,
        schema: {
          tags: ['concerns'],
          summary: size === 'display' ? 'A concern photo' : 'A concern photo’s thumbnail',
          description: 'The image (WebP), if the concern is in the caller’s scope (else 404).',
          params: PhotoParams,
          response: { 200: z.any().describe('The image (image/webp)'), ...errorResponses([400, 401, 404]) },
        },
      },
      async (request, reply) => {
        const photo = await readConcernPhoto(deps, context(request), request.params.id, request.params.photoId, size);
        return reply
          .type(photo.contentType)
          .header('cache-control', 'private, max-age=86400')
          .header('content-disposition', 'inline')
          .send(photo.bytes);
      },
    );
  }

  app.get(
    '/api/concern-settings',
    {
      config: staff,
      schema: {
        tags: ['concerns'],
        summary: 'Concern SLA settings',
        description:
          'SLA hours per category, the days after which an unconfirmed resolution closes, the reminder lead.',
        response: { 200: ConcernSettings, ...errorResponses([401, 403]) },
      },
    },
    async () => getSettings(deps),
  );

  app.put(
    '/api/concern-settings',
    {
      config: { access: rolesThatMay('concern.configure') },
      schema: {
        tags: ['concerns'],
        summary: 'Change the concern SLA settings (admin)',
        description:
          'Every category’s SLA hours (1–1440), auto-close days (1–90), reminder lead hours (1–168), with the ' +
          '`version` read (stale: 409). Applies to concerns raised or reopened from now on; audited.',
        body: UpdateConcernSettingsBody,
        response: { 200: ConcernSettings, ...errorResponses([400, 401, 403, 409]) },
      },
    },
    async (request) => updateSettings(deps, context(request), request.body),
  );
}
