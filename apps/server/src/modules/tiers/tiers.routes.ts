import {
  IdParams,
  RetailerTier,
  TierOverrideRequest,
  TierPublishRequest,
  TierPublishResponse,
  TierRunDetail,
  TierRunListQuery,
  TierRunListResponse,
  TierRunQuery,
  TierRunSummary,
} from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import {
  getRetailerTier,
  getRun,
  listRuns,
  overrideTier,
  previewTiers,
  publishRun,
  type TierDeps,
} from './tiers.service';

const everyone = ['admin', 'supervisor', 'manager', 'retailer'] as const;

export function registerTierRoutes(app: AppInstance, deps: TierDeps) {
  app.post(
    '/api/tiers/preview',
    {
      config: { access: rolesThatMay('tier.preview') },
      schema: {
        tags: ['tiers'],
        summary: 'Compute a tier preview',
        description:
          'Tiers every active retailer from its last 13 complete calendar weeks of orders (the weekly rollup; ' +
          '10 bands of cartons × 3 bands of amount per carton, quantiles over the retailers that bought — the ' +
          'method the demo city was tiered with) and stores the run with one move per retailer whose tier would ' +
          'change, each with its reason as data. Earlier previews are superseded. Retailers are not changed until ' +
          'the run is published. Needs the CSRF token. Admins only.',
        response: { 200: TierRunSummary, ...errorResponses([401, 403]) },
      },
    },
    async (request) => previewTiers(deps, actorOf(request), request.id),
  );

  app.get(
    '/api/tiers/runs',
    {
      config: { access: rolesThatMay('tier.preview') },
      schema: {
        tags: ['tiers'],
        summary: 'List tier runs',
        description:
          'Previews, published and superseded runs, newest first, paged, each with its window, counts of moves up ' +
          'and down and the distribution of tiers before and after. Admins only.',
        querystring: TierRunListQuery,
        response: { 200: TierRunListResponse, ...errorResponses([400, 401, 403]) },
      },
    },
    async (request) => listRuns(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/tiers/runs/:id',
    {
      config: { access: rolesThatMay('tier.preview') },
      schema: {
        tags: ['tiers'],
        summary: 'Open a tier run with its moves',
        description:
          'The run, moves up and down per district, and one page of its moves (largest jumps first) with the ' +
          'reason of each; `districtId` and `direction` (up, down) filter the moves. Admins only.',
        params: IdParams,
        querystring: TierRunQuery,
        response: { 200: TierRunDetail, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getRun(deps, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/tiers/publish',
    {
      config: { access: rolesThatMay('tier.publish') },
      schema: {
        tags: ['tiers'],
        summary: 'Publish a tier run',
        description:
          'Applies every move of a preview in one transaction: the retailers’ tiers (and versions), a tier ' +
          'history row naming the run, an audit row per change and a `tier.changed` timeline event per retailer. ' +
          'A superseded or already published run, or one whose data changed since it was computed (a tier set by ' +
          'hand, orders in its window, a shop closed or moved, a new week completed), is refused with 409 and ' +
          'nothing changes. Needs the CSRF token. Admins only.',
        body: TierPublishRequest,
        response: { 200: TierPublishResponse, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => publishRun(deps, actorOf(request), request.body.runId, request.id),
  );

  app.get(
    '/api/retailers/:id/tier',
    {
      config: { access: everyone },
      schema: {
        tags: ['tiers'],
        summary: 'A retailer’s tier and why',
        description:
          'The tier now, its version, and the latest change: before and after, from which week, and why — the ' +
          'published run’s reason data (window totals, rank, band) or the reason given for a hand edit. Same ' +
          'scope as the retailer’s record: outside it the answer is 404.',
        params: IdParams,
        response: { 200: RetailerTier, ...errorResponses([400, 401, 404]) },
      },
    },
    async (request) => getRetailerTier(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/retailers/:id/tier',
    {
      config: { access: rolesThatMay('tier.override') },
      schema: {
        tags: ['tiers'],
        summary: 'Set a retailer’s tier by hand, with a reason',
        description:
          'An admin, or the supervisor of the retailer’s district, sets one tier with a reason (2–200 characters) ' +
          'and the `version` they read. A stale version answers 409 with the current tier and version. Audited ' +
          '(before → after with the reason), kept in tier history as a hand edit with the reason, and added to ' +
          'the retailer’s timeline. Outside the caller’s scope 404. Needs the CSRF token.',
        params: IdParams,
        body: TierOverrideRequest,
        response: { 200: RetailerTier, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => overrideTier(deps, actorOf(request), request.params.id, request.body, request.id),
  );
}
