import multipart from '@fastify/multipart';
import {
  CampaignDetail,
  CampaignFeedback,
  CampaignFeedbackListQuery,
  CampaignFeedbackListResponse,
  CampaignFunnel,
  CampaignIntroduction,
  CampaignItem,
  CampaignItemParams,
  CampaignListQuery,
  CampaignListResponse,
  CreateCampaignBody,
  CreateCampaignFeedbackBody,
  CreateCampaignItemBody,
  CreateIntroductionBody,
  FunnelQuery,
  FunnelRetailerListResponse,
  FunnelRetailersQuery,
  Gift,
  GiftListQuery,
  GiftListResponse,
  GiftStockQuery,
  GiftStockResponse,
  GiftStockRow,
  IdParams,
  IntroductionListQuery,
  IntroductionListResponse,
  IssueGiftBody,
  Locale,
  NewProductsQuery,
  NewProductsResponse,
  PHOTO_MAX_BYTES,
  PRODUCT_PHOTOS_MAX,
  ProductKnowledge,
  ProductPhoto,
  ProductPhotoParams,
  ReturnGiftBody,
  SetGiftStockBody,
  UpdateCampaignBody,
  UpdateProductKnowledgeBody,
} from '@siyi/contracts';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import { photoUploadLimits, readPhotoUpload } from '../photos/photo-upload';
import { exportFunnel, getFunnel, listFunnelRetailers } from './campaign-funnel.service';
import {
  type CampaignDeps,
  createCampaign,
  createItem,
  getCampaign,
  getKnowledge,
  introduce,
  leaveFeedback,
  listCampaigns,
  listFeedback,
  listIntroductions,
  newProducts,
  putKnowledge,
  setStock,
  stockList,
  updateCampaign,
} from './campaigns.service';
import { confirmGift, issueGift, listGifts, returnGift } from './gifts.service';
import { addProductPhoto, deleteProductPhoto, type ProductPhotoDeps, readProductPhoto } from './product-photos.service';

const uploadLimits = photoUploadLimits({ fields: 2, fieldSize: 200 });

const everyone = ['admin', 'supervisor', 'manager', 'retailer'] as const;
const tags = ['campaigns'];
const funnelRule =
  'Each step comes from the record that proves it, never typed by hand: introduced (an introduction), interested ' +
  '(the introduction’s reaction, the retailer’s feedback, or its first order), first order (an order line of a ' +
  'campaign product in a counted order of a week at or after the introduction’s week), reorder (a second order ' +
  'week within the campaign’s `goals.reorderWeeks` of the first).';

/** New-product promotion (创新, issue 12): product knowledge, campaigns, gifts, introductions, feedback, funnel. */
export function registerCampaignRoutes(app: AppInstance, deps: CampaignDeps & ProductPhotoDeps) {
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), requestId: request.id });

  // Multipart only inside this plugin (as for shop photos): every other route keeps refusing form bodies.
  app.register((scope, _options, done) => {
    scope.register(multipart, { limits: uploadLimits, throwFileSizeLimit: true });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/products/:id/knowledge/photos',
      {
        config: { access: rolesThatMay('campaign.manage') },
        schema: {
          tags,
          summary: 'Add a picture to a product’s knowledge (admin)',
          description:
            `multipart/form-data with one file \`file\` (JPEG, PNG or WebP, at most ${PHOTO_MAX_BYTES / 2 ** 20} ` +
            'MB): the type is decided from the bytes (anything else 415, a damaged image 400, larger 413), kept ' +
            `as WebP ≤ 1600 px with a 320 px thumbnail, metadata stripped. At most ${PRODUCT_PHOTOS_MAX} a ` +
            'product (more: 409 CONFLICT). Audited.',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: ProductPhoto, ...errorResponses([400, 401, 403, 404, 409, 413, 415]) },
        },
      },
      async (request, reply) => {
        const photo = await addProductPhoto(deps, context(request), request.params.id, async () => ({
          bytes: (await readPhotoUpload(request, uploadLimits)).bytes,
        }));
        return reply.status(201).send(photo);
      },
    );
    done();
  });

  for (const size of ['display', 'thumbnail'] as const) {
    app.get(
      size === 'display'
        ? '/api/products/:id/knowledge/photos/:photoId'
        : '/api/products/:id/knowledge/photos/:photoId/thumbnail',
      {
        config: { access: everyone },
        schema: {
          tags,
          summary: size === 'display' ? 'A product picture at display size' : 'A product picture’s thumbnail',
          description:
            'The picture as WebP, for whoever may read the product’s knowledge (else 404, as for a removed one). ' +
            'Cached privately (a picture never changes under its id).',
          params: ProductPhotoParams,
          response: { 200: z.any().describe('The image (image/webp)'), ...errorResponses([400, 401, 404]) },
        },
      },
      async (request, reply) => {
        const photo = await readProductPhoto(deps, actorOf(request), request.params.id, request.params.photoId, size);
        return reply
          .type(photo.contentType)
          .header('cache-control', 'private, max-age=86400')
          .header('content-disposition', 'inline')
          .send(photo.bytes);
      },
    );
  }

  app.delete(
    '/api/products/:id/knowledge/photos/:photoId',
    {
      config: { access: rolesThatMay('campaign.manage') },
      schema: {
        tags,
        summary: 'Remove a picture from a product’s knowledge (admin)',
        description: 'Marked deleted (the bytes stay for the audit trail) and audited. A removed or unknown one 404.',
        params: ProductPhotoParams,
        response: { 204: z.null().describe('Removed'), ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request, reply) => {
      await deleteProductPhoto(deps, context(request), request.params.id, request.params.photoId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/products/:id/knowledge',
    {
      config: { access: everyone },
      schema: {
        tags,
        summary: 'A product’s selling points, talking guide and tips',
        description:
          'Staff read every product’s; a retailer that of a product in a running campaign targeting it or a new ' +
          'product on sale (新品上市), without the manager’s talking guide (`null`); any other 404. Never written: ' +
          'empty fields and `version` 0.',
        params: IdParams,
        response: { 200: ProductKnowledge, ...errorResponses([400, 401, 404]) },
      },
    },
    async (request) => getKnowledge(deps, actorOf(request), request.params.id),
  );

  app.put(
    '/api/products/:id/knowledge',
    {
      config: {
        access: rolesThatMay('campaign.manage'),
        multilineFields: ['targetConsumers', 'pricePosition', 'talkingGuide', 'retailerTips'],
      },
      schema: {
        tags,
        summary: 'Write a product’s knowledge (admin)',
        description:
          'The whole knowledge and the `version` read (0 for the first write); a stale version 409 CONFLICT with ' +
          'the knowledge as it is now. Audited.',
        params: IdParams,
        body: UpdateProductKnowledgeBody,
        response: { 200: ProductKnowledge, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => putKnowledge(deps, context(request), request.params.id, request.body),
  );

  app.get(
    '/api/campaigns',
    {
      config: { access: rolesThatMay('campaign.read') },
      schema: {
        tags,
        summary: 'Campaigns (newest first)',
        description:
          'An admin sees all; a supervisor or manager the campaigns whose target reaches its retailers, with the ' +
          'target and introduced counts in its scope. `status` (upcoming, running, ended) comes from the dates in ' +
          'Shanghai.',
        querystring: CampaignListQuery,
        response: { 200: CampaignListResponse, ...errorResponses([400, 401, 403]) },
      },
    },
    async (request) => listCampaigns(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/campaigns',
    {
      config: { access: rolesThatMay('campaign.manage'), multilineFields: ['description'] },
      schema: {
        tags,
        summary: 'Create a campaign (admin)',
        description:
          'Products, period (`YYYY-MM-DD`, `endsOn` not before `startsOn`), an optional target segment (rules: a ' +
          'tier range, formats, districts — all that are given must match; or a hand-picked retailer list; left ' +
          'out: every active retailer; sent empty: 400) and goals (share introduced, first orders, reorders within ' +
          '`reorderWeeks`, 4 by default). Unknown products, districts or retailers 400. Audited.',
        body: CreateCampaignBody,
        response: { 201: CampaignDetail, ...errorResponses([400, 401, 403]) },
      },
    },
    async (request, reply) => reply.status(201).send(await createCampaign(deps, context(request), request.body)),
  );

  app.get(
    '/api/campaigns/:id',
    {
      config: { access: rolesThatMay('campaign.read') },
      schema: {
        tags,
        summary: 'A campaign with its segment, goals, gifts and materials',
        description: 'Item figures count the stock and gifts of the managers in the caller’s scope. Out of scope 404.',
        params: IdParams,
        response: { 200: CampaignDetail, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getCampaign(deps, actorOf(request), request.params.id),
  );

  app.put(
    '/api/campaigns/:id',
    {
      config: { access: rolesThatMay('campaign.manage'), multilineFields: ['description'] },
      schema: {
        tags,
        summary: 'Change a campaign (admin)',
        description:
          'The whole campaign as it should be and the `version` read; a stale version 409 CONFLICT with the ' +
          'campaign as it is now. The same rules as creating. Audited (before → after).',
        params: IdParams,
        body: UpdateCampaignBody,
        response: { 200: CampaignDetail, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => updateCampaign(deps, context(request), request.params.id, request.body),
  );

  app.post(
    '/api/campaigns/:id/items',
    {
      config: { access: rolesThatMay('campaign.manage') },
      schema: {
        tags,
        summary: 'Add a gift or material to a campaign (admin)',
        description:
          'A gift (小礼品) or a material (物料: posters, counter cards) with its unit; managers then get stock of it ' +
          '(`PUT …/items/:itemId/stock`). Audited.',
        params: IdParams,
        body: CreateCampaignItemBody,
        response: { 201: CampaignItem, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createItem(deps, context(request), request.params.id, request.body)),
  );

  app.put(
    '/api/campaigns/:id/items/:itemId/stock',
    {
      config: { access: rolesThatMay('campaign.manage') },
      schema: {
        tags,
        summary: 'Set a manager’s stock of a gift or material (admin)',
        description:
          'The whole stock (not a delta), 0 or more: negative 400; less than the manager has given out (issued, ' +
          'not returned) 409 CONFLICT. Audited.',
        params: CampaignItemParams,
        body: SetGiftStockBody,
        response: { 200: GiftStockRow, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => setStock(deps, context(request), request.params.id, request.params.itemId, request.body),
  );

  app.get(
    '/api/gift-stock',
    {
      config: { access: rolesThatMay('campaign.read') },
      schema: {
        tags,
        summary: 'Gift and material stock per manager',
        description:
          'Given, out (issued and not returned), confirmed, returned and available, per item and manager: an ' +
          'admin all, a supervisor its district’s managers, a manager its own.',
        querystring: GiftStockQuery,
        response: { 200: GiftStockResponse, ...errorResponses([400, 401, 403]) },
      },
    },
    async (request) => stockList(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/campaigns/:id/introductions',
    {
      config: { access: rolesThatMay('campaign.introduce'), multilineFields: ['note'] },
      schema: {
        tags,
        summary: 'Record introducing a campaign product to a retailer (its manager)',
        description:
          'While the campaign runs (else 409 ILLEGAL_TRANSITION), to a targeted retailer of the caller’s, with ' +
          'the talking guide shown (`guideShown: true`), ideally on a checked-in visit (`visitId`). The ' +
          'retailer’s reaction is recorded. Audited and on the retailer’s timeline as `campaign.introduced`.',
        params: IdParams,
        body: CreateIntroductionBody,
        response: { 201: CampaignIntroduction, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await introduce(deps, context(request), request.params.id, request.body)),
  );

  app.get(
    '/api/campaigns/:id/introductions',
    {
      config: { access: rolesThatMay('campaign.read') },
      schema: {
        tags,
        summary: 'A campaign’s introductions (oldest first)',
        description: 'To the retailers in the caller’s scope; `retailerId` narrows to one.',
        params: IdParams,
        querystring: IntroductionListQuery,
        response: { 200: IntroductionListResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => listIntroductions(deps, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/campaigns/:id/feedback',
    {
      config: { access: rolesThatMay('campaign.feedback'), multilineFields: ['qualityRemark'] },
      schema: {
        tags,
        summary: 'Say how a new product sells (the retailer)',
        description:
          'Consumer response, price acceptance, a taste/quality remark and whether it would reorder, on a ' +
          'product of a running campaign that targets the retailer (another campaign 404). Audited and on the ' +
          'retailer’s timeline as `campaign.feedback`.',
        params: IdParams,
        body: CreateCampaignFeedbackBody,
        response: { 201: CampaignFeedback, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await leaveFeedback(deps, context(request), request.params.id, request.body)),
  );

  app.get(
    '/api/campaigns/:id/feedback',
    {
      config: { access: everyone },
      schema: {
        tags,
        summary: 'Retailers’ feedback on a campaign (oldest first)',
        description: 'From the retailers in the caller’s scope; a retailer reads its own.',
        params: IdParams,
        querystring: CampaignFeedbackListQuery,
        response: { 200: CampaignFeedbackListResponse, ...errorResponses([400, 401, 404]) },
      },
    },
    async (request) => listFeedback(deps, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/campaigns/:id/funnel',
    {
      config: { access: rolesThatMay('campaign.read') },
      schema: {
        tags,
        summary: 'A campaign’s funnel: by district and manager, coverage, reorder rate, feedback, gifts',
        description: `Over the target retailers in the caller’s scope (\`districtId\`, \`managerId\` narrow it). ${funnelRule}`,
        params: IdParams,
        querystring: FunnelQuery,
        response: { 200: CampaignFunnel, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getFunnel(deps, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/campaigns/:id/funnel/retailers',
    {
      config: { access: rolesThatMay('campaign.read') },
      schema: {
        tags,
        summary: 'The retailers behind a funnel figure',
        description: `Those at exactly \`stage\` (\`target\`: not introduced yet), paged, each step timed. ${funnelRule}`,
        params: IdParams,
        querystring: FunnelRetailersQuery,
        response: { 200: FunnelRetailerListResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => listFunnelRetailers(deps, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/campaigns/:id/funnel.xlsx',
    {
      config: { access: rolesThatMay('campaign.export') },
      schema: {
        tags,
        summary: 'Export a campaign’s funnel as XLSX',
        description:
          'Two sheets: the counts (total, per district, per manager) and one row per target retailer with each ' +
          'step’s time. In the caller’s language (`lang` overrides it); no cell starts a formula.',
        params: IdParams,
        querystring: FunnelQuery.extend({ lang: Locale.optional() }),
        response: { 200: z.any().describe('The workbook'), ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const file = await exportFunnel(deps, actorOf(request), request.params.id, query, lang ?? request.locale);
      const ascii = file.fileName.replace(/[^\x20-\x7e]/gu, '_');
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.body);
    },
  );

  app.get(
    '/api/new-products',
    {
      config: { access: everyone },
      schema: {
        tags,
        summary: 'New products (新品上市) for a retailer, with their knowledge and tips',
        description:
          'The products of running campaigns that target the retailer, then new products on sale; each with its ' +
          'knowledge, campaigns, latest introduction and the retailer’s latest feedback, and the gifts waiting ' +
          'for its confirmation. A retailer: its own (no `retailerId`). Staff: a retailer in scope, with the ' +
          'talking guide (the visit’s panel). Out of scope 404.',
        querystring: NewProductsQuery,
        response: { 200: NewProductsResponse, ...errorResponses([400, 401, 404]) },
      },
    },
    async (request) => newProducts(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/gifts',
    {
      config: { access: everyone },
      schema: {
        tags,
        summary: 'Gifts and materials given (newest first)',
        description: 'To the retailers in the caller’s scope; a retailer its own. A gift carries no order field.',
        querystring: GiftListQuery,
        response: { 200: GiftListResponse, ...errorResponses([400, 401]) },
      },
    },
    async (request) => listGifts(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/gifts/issue',
    {
      config: { access: rolesThatMay('gift.issue'), multilineFields: ['note'] },
      schema: {
        tags,
        summary: 'Give a gift or material to a retailer (its manager)',
        description:
          'From the caller’s own stock of the item, to its own retailer in the campaign’s target (else 400), ' +
          'optionally on a checked-in visit. More ' +
          'than the available stock: 409 CONFLICT (`gifts.outOfStock`), nothing written. Never tied to an order. ' +
          'Audited and on the retailer’s timeline as `gift.issued`.',
        body: IssueGiftBody,
        response: { 201: Gift, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request, reply) => reply.status(201).send(await issueGift(deps, context(request), request.body)),
  );

  app.post(
    '/api/gifts/:id/confirm',
    {
      config: { access: rolesThatMay('gift.confirm') },
      schema: {
        tags,
        summary: 'Confirm a gift received (the retailer, one tap)',
        description:
          'The retailer it was given to; another retailer’s gift 404; confirmed or returned already 409 ' +
          'ILLEGAL_TRANSITION. Audited and on the timeline as `gift.confirmed`.',
        params: IdParams,
        response: { 200: Gift, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => confirmGift(deps, context(request), request.params.id),
  );

  app.post(
    '/api/gifts/:id/return',
    {
      config: { access: rolesThatMay('gift.return'), multilineFields: ['note'] },
      schema: {
        tags,
        summary: 'Take an unconfirmed gift back into stock',
        description:
          'The manager who gave it, or an admin; a confirmed or returned gift 409 ILLEGAL_TRANSITION. Audited and ' +
          'on the timeline as `gift.returned`.',
        params: IdParams,
        body: ReturnGiftBody,
        response: { 200: Gift, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => returnGift(deps, context(request), request.params.id, request.body),
  );
}
