import multipart from '@fastify/multipart';
import {
  CheckInBody,
  CheckOutBody,
  CreateVisitBody,
  DEFAULT_CHECK_IN_RADIUS_M,
  IdParams,
  PHOTO_MAX_BYTES,
  RateVisitBody,
  UpdateVisitRecordBody,
  UpdateVisitTemplateBody,
  VISIT_PHOTOS_MAX,
  VISIT_RATING_DAYS,
  VISIT_RECORD_EDIT_HOURS,
  VisitDetail,
  VisitListQuery,
  VisitListResponse,
  VisitPhoto,
  VisitTemplate,
  VisitToRateResponse,
} from '@siyi/contracts';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { actorOf } from '../access/request-actor';
import { photoUploadLimits, readPhotoUpload } from '../photos/photo-upload';
import { addVisitPhoto, readVisitPhoto, type VisitPhotoDeps, type VisitUpload } from './visit-photos.service';
import { getTemplate, updateTemplate } from './visit-templates.service';
import {
  checkIn,
  checkOut,
  getVisit,
  listVisits,
  listVisitsToRate,
  rateVisit,
  saveRecord,
  startUnplannedVisit,
} from './visits.service';

const everyone = { access: ['admin', 'supervisor', 'manager', 'retailer'] as const };
const staff = { access: ['admin', 'supervisor', 'manager'] as const };
const managers = { access: ['manager'] as const };
const retailerOnly = { access: ['retailer'] as const };
const admins = { access: ['admin'] as const };

const PhotoParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  photoId: z.coerce.number().int().positive().max(2_147_483_647),
});

const uploadLimits = photoUploadLimits({ fields: 4, fieldSize: 100 });
/** The `file` part and where and when the photo was taken. */
const readUpload = (request: FastifyRequest): Promise<VisitUpload> =>
  readPhotoUpload(request, uploadLimits, ['lat', 'lng', 'accuracy', 'takenAt']);

const lifecycle =
  'A visit is `planned` (from the weekly plan, or started on the spot), `in_progress` after check-in, `done` after ' +
  'check-out; a planned one may be `cancelled`. Only the visit’s manager checks in, records and checks out (others ' +
  'in scope 403); out of scope 404.';

/** Visits (拜访): start, read, list, check in, record, photos, check out, the retailer's rating, the checklist. */
export function registerVisitRoutes(app: AppInstance, deps: VisitPhotoDeps) {
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), requestId: request.id });

  app.post(
    '/api/visits',
    {
      config: managers,
      schema: {
        tags: ['visits'],
        summary: 'Start an unplanned visit',
        description:
          'The manager starts a visit at one of its assigned retailers (another’s retailer: 404), not on the plan: ' +
          'status `planned`, source `unplanned`, for today; check in next. While one is open for this shop (in ' +
          'progress, or planned for today — on the plan or by an earlier tap) that one is answered (200) instead. ' +
          lifecycle,
        body: CreateVisitBody,
        response: { 200: VisitDetail, 201: VisitDetail, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request, reply) => {
      const { created, visit } = await startUnplannedVisit(deps, context(request), request.body.retailerId);
      return reply.status(created ? 201 : 200).send(visit);
    },
  );

  app.get(
    '/api/visits',
    {
      config: everyone,
      schema: {
        tags: ['visits'],
        summary: 'Visits (history), newest first',
        description:
          'The visits in the caller’s scope, newest first by the visit’s day (checked in, else planned), a page at a ' +
          'time. Filters: `retailerId`, `managerId`, `status`, `from`/`to` (days, inclusive, Asia/Shanghai). A ' +
          'manager sees its own visits and those of its retailers; a supervisor its district; an admin all; a ' +
          'retailer its own checked-in visits, without the internal fields.',
        querystring: VisitListQuery,
        response: { 200: VisitListResponse, ...errorResponses([400, 401]) },
      },
    },
    async (request) => listVisits(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/visits/to-rate',
    {
      config: retailerOnly,
      schema: {
        tags: ['visits'],
        summary: 'The retailer’s visits waiting for its rating',
        description: `Its checked-out visits of the last ${VISIT_RATING_DAYS} days not rated yet, newest first.`,
        response: { 200: VisitToRateResponse, ...errorResponses([401, 403]) },
      },
    },
    async (request) => listVisitsToRate(deps, actorOf(request)),
  );

  app.get(
    '/api/visits/templates',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'The visit checklist template',
        description: 'The current version of the checklist a visit record answers (labels in zh-CN and en).',
        response: { 200: VisitTemplate, ...errorResponses([401, 403]) },
      },
    },
    async () => getTemplate(deps),
  );

  app.put(
    '/api/visits/templates',
    {
      config: admins,
      schema: {
        tags: ['visits'],
        summary: 'Save the visit checklist template (admin)',
        description:
          'The whole list of items (1–50, unique slug ids, labels in zh-CN and en) with the `version` read (stale: ' +
          '409). Each save is a new version; a visit keeps the version it was checked in with. Audited.',
        body: UpdateVisitTemplateBody,
        response: { 200: VisitTemplate, ...errorResponses([400, 401, 403, 409]) },
      },
    },
    async (request) => updateTemplate(deps, context(request), request.body),
  );

  app.get(
    '/api/visits/:id',
    {
      config: everyone,
      schema: {
        tags: ['visits'],
        summary: 'A visit',
        description:
          'The visit with its record, photos and checklist; `can…` say what the caller may do now. The retailer ' +
          `gets its own checked-in visits without the internal fields (position, reason, record, photos). ${lifecycle}`,
        params: IdParams,
        response: { 200: VisitDetail, ...errorResponses([400, 401, 404]) },
      },
    },
    async (request) => getVisit(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/visits/:id/check-in',
    {
      config: { access: managers.access, multilineFields: ['reason'] },
      schema: {
        tags: ['visits'],
        summary: 'Check in on site',
        description:
          'The phone’s position (WGS-84, within China; NaN or outside: 400) and accuracy. The distance to the shop ' +
          `is measured; beyond the check-in radius (default ${DEFAULT_CHECK_IN_RADIUS_M} m) a \`reason\` is required ` +
          '(400 on `reason`). Stored with the distance; audited; `visit.checked_in` on the retailer’s timeline. A ' +
          `second check-in: 409 ILLEGAL_TRANSITION. ${lifecycle}`,
        params: IdParams,
        body: CheckInBody,
        response: { 200: VisitDetail, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => checkIn(deps, context(request), request.params.id, request.body),
  );

  app.post(
    '/api/visits/:id/check-out',
    {
      config: managers,
      schema: {
        tags: ['visits'],
        summary: 'Check out',
        description:
          'Ends the visit and stores the seconds on site; before check-in (or twice): 409 ILLEGAL_TRANSITION. ' +
          'Audited; `visit.checked_out` on the timeline; the retailer is asked to rate the visit.',
        params: IdParams,
        body: CheckOutBody,
        response: { 200: VisitDetail, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => checkOut(deps, context(request), request.params.id),
  );

  app.put(
    '/api/visits/:id/record',
    {
      config: {
        access: managers.access,
        multilineFields: [
          'summary',
          'market.stockNotes',
          'market.consumerRemarks',
          'market.competitorPrices.*.note',
          'heardConcerns.*.text',
          'productsIntroduced.*.note',
          'followUps.*.text',
        ],
      },
      schema: {
        tags: ['visits'],
        summary: 'Save the visit record',
        description:
          'The whole record: checklist answers keyed by the template’s item ids, market information, concerns ' +
          'heard (each new one is raised as a tracked concern, source `visit`), products introduced, follow-ups ' +
          `with due dates, a summary. While in progress and up to ${VISIT_RECORD_EDIT_HOURS} h after check-out ` +
          '(else 409 ILLEGAL_TRANSITION). With `version`: a stale one is 409 CONFLICT; without, the last write wins.',
        params: IdParams,
        body: UpdateVisitRecordBody,
        response: { 200: VisitDetail, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => saveRecord(deps, context(request), request.params.id, request.body),
  );

  app.post(
    '/api/visits/:id/rating',
    {
      config: { access: retailerOnly.access, multilineFields: ['comment'] },
      schema: {
        tags: ['visits'],
        summary: 'Rate a visit (the retailer)',
        description:
          `1–5 and an optional comment, once, within ${VISIT_RATING_DAYS} days of the check-out: before check-out or ` +
          'after the window 409 ILLEGAL_TRANSITION, a second rating 409 CONFLICT. Only the retailer of the visit.',
        params: IdParams,
        body: RateVisitBody,
        response: { 200: VisitDetail, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => rateVisit(deps, context(request), request.params.id, request.body),
  );

  app.register((scope, _options, done) => {
    scope.register(multipart, { limits: uploadLimits, throwFileSizeLimit: true });
    const routes = scope.withTypeProvider<ZodTypeProvider>();
    routes.post(
      '/api/visits/:id/photos',
      {
        config: managers,
        schema: {
          tags: ['visits'],
          summary: 'Add a photo to a visit',
          description:
            `multipart/form-data: one file \`file\` (JPEG, PNG or WebP, at most ${PHOTO_MAX_BYTES / 2 ** 20} MB) and ` +
            'optional text fields `lat`, `lng`, `accuracy` (where it was taken) and `takenAt` (ISO time, when a phone ' +
            'sends a photo kept while offline; kept within check-in and now). Checked from the bytes and ' +
            're-encoded: not an image 415, damaged 400, too large 413. The visit’s manager while the record is ' +
            `editable; at most ${VISIT_PHOTOS_MAX} photos.`,
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: VisitPhoto, ...errorResponses([400, 401, 403, 404, 409, 413, 415]) },
        },
      },
      async (request, reply) => {
        const photo = await addVisitPhoto(deps, context(request), request.params.id, () => readUpload(request));
        return reply.status(201).send(photo);
      },
    );
    done();
  });

  for (const size of ['display', 'thumbnail'] as const) {
    app.get(
      size === 'display' ? '/api/visits/:id/photos/:photoId' : '/api/visits/:id/photos/:photoId/thumbnail',
      {
        config: staff,
        schema: {
          tags: ['visits'],
          summary: size === 'display' ? 'A visit photo' : 'A visit photo’s thumbnail',
          description: 'The image (WebP), if the visit is in the caller’s scope (else 404).',
          params: PhotoParams,
          response: { 200: z.any().describe('The image (image/webp)'), ...errorResponses([400, 401, 403, 404]) },
        },
      },
      async (request, reply) => {
        const photo = await readVisitPhoto(deps, context(request), request.params.id, request.params.photoId, size);
        return reply
          .type(photo.contentType)
          .header('cache-control', 'private, max-age=86400')
          .header('content-disposition', 'inline')
          .send(photo.bytes);
      },
    );
  }
}
