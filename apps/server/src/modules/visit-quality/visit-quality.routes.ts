import {
  CoverageItemsQuery,
  CoverageItemsResponse,
  CoverageQuery,
  CoverageResponse,
  IdParams,
  SpotCheckBody,
  UpdateVisitFlagRulesBody,
  VisitCallbackBody,
  VisitFlag,
  VisitFlagListQuery,
  VisitFlagListResponse,
  VisitFlagRulesView,
  VisitQuality,
} from '@siyi/contracts';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { actorOf } from '../access/request-actor';
import { getCoverage, getCoverageItems } from './coverage.service';
import {
  addVisitCallback,
  getFlagRules,
  getVisitQuality,
  listFlags,
  spotCheckFlag,
  spotCheckVisit,
  updateFlagRules,
  type VisitQualityDeps,
} from './visit-quality.service';

const staff = { access: ['admin', 'supervisor', 'manager'] as const };
const supervisors = { access: ['admin', 'supervisor'] as const };

const kinds =
  'Kinds: short_visit (time on site under the minimum, 60 s), far_check_in (farther than 200 m from the shop), ' +
  'empty_record (no checklist answer, no summary, no photo; judged once the record can no longer be edited), ' +
  'long_visit (over 5 h), low_daily_time (a manager’s day with visits under 60 min on site), ' +
  'retailer_missed_month (an active retailer without a valid visit in a calendar month).';

/** Visit quality: flag rules, flags, spot-checks (抽检), call-backs (回访), the coverage dashboard. */
export function registerVisitQualityRoutes(app: AppInstance, deps: VisitQualityDeps) {
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), requestId: request.id });

  app.get(
    '/api/visits/flag-rules',
    {
      config: supervisors,
      schema: {
        tags: ['visits'],
        summary: 'The visit flag rules in force',
        description: `The thresholds and switches of the quality flags, with their version. ${kinds}`,
        response: { 200: VisitFlagRulesView, ...errorResponses([401, 403]) },
      },
    },
    async () => getFlagRules(deps),
  );

  app.put(
    '/api/visits/flag-rules',
    {
      config: { access: ['admin'] as const },
      schema: {
        tags: ['visits'],
        summary: 'Change the visit flag rules (admin)',
        description:
          'The whole rule set with the `version` read: a new version is saved (stale: 409 with the rules in force). ' +
          'Applies to flags raised from now on; flags already raised keep the version they were raised under. Audited.',
        body: UpdateVisitFlagRulesBody,
        response: { 200: VisitFlagRulesView, ...errorResponses([400, 401, 403, 409]) },
      },
    },
    async (request) => updateFlagRules(deps, context(request), request.body),
  );

  app.get(
    '/api/visits/flags',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'Quality flags on visits',
        description:
          'Newest day first, paged. An admin sees all (or `districtId`), a supervisor the district (another ' +
          'district: 404), a manager its own flags, read-only (another manager: 404). `open=true`: not ' +
          `spot-checked yet. ${kinds}`,
        querystring: VisitFlagListQuery,
        response: { 200: VisitFlagListResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => listFlags(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/visits/flags/:id/spot-check',
    {
      config: { ...supervisors, multilineFields: ['note'] },
      schema: {
        tags: ['visits'],
        summary: 'Spot-check one flag (a manager’s day or a retailer’s month)',
        description:
          'The finding (`confirmed` or `cleared`) and a note go on the flag, which closes; audited. A flag checked ' +
          'already: 409 ILLEGAL_TRANSITION. Another district: 404.',
        params: IdParams,
        body: SpotCheckBody,
        response: { 200: VisitFlag, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => spotCheckFlag(deps, context(request), request.params.id, request.body),
  );

  app.get(
    '/api/visits/:id/quality',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'A visit’s flags, spot-checks and call-backs',
        description: 'Staff in scope (a manager: its own visits); else 404.',
        params: IdParams,
        response: { 200: VisitQuality, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getVisitQuality(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/visits/:id/spot-check',
    {
      config: { ...supervisors, multilineFields: ['note'] },
      schema: {
        tags: ['visits'],
        summary: 'Spot-check (抽检) a done visit',
        description:
          'The district’s supervisor or an admin records the finding — `confirmed` (the problem is real) or ' +
          '`cleared` (the visit was fine) — and a note; the visit’s open flags close with it. Audited; on the ' +
          'retailer’s timeline as `visit.spot_checked`. Not done yet: 409 ILLEGAL_TRANSITION. Another district: 404.',
        params: IdParams,
        body: SpotCheckBody,
        response: { 201: VisitQuality, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await spotCheckVisit(deps, context(request), request.params.id, request.body)),
  );

  app.post(
    '/api/visits/:id/callback',
    {
      config: { ...supervisors, multilineFields: ['note'] },
      schema: {
        tags: ['visits'],
        summary: 'Record a call-back (回访) to the retailer about a visit',
        description:
          '`reached`; when reached, `retailerSays` — `as_recorded`, `perfunctory` (走过场) or `not_visited` — is ' +
          'required (and refused when not reached); a note. Audited; on the retailer’s timeline as ' +
          '`visit.callback`. Not done yet: 409 ILLEGAL_TRANSITION. Another district: 404.',
        params: IdParams,
        body: VisitCallbackBody,
        response: { 201: VisitQuality, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addVisitCallback(deps, context(request), request.params.id, request.body)),
  );

  app.get(
    '/api/coverage',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'Visit coverage by week, per district and manager',
        description:
          'For `week` (a Monday; default this week) and the 8 weeks before it: due (planned visits), done, ' +
          'overdue (due, not done, its day passed), coverage % (due visits done / due), average rating, flagged ' +
          'share (done visits with a visit flag / done). An admin all districts (or `districtId`), a supervisor its ' +
          'district (another: 404), a manager its own row. Each figure opens with GET /api/coverage/items.',
        querystring: CoverageQuery,
        response: { 200: CoverageResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getCoverage(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/coverage/items',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'The visits behind one coverage figure',
        description:
          '`figure`: due, done, overdue, flagged or rated, for `week` (default this week), a manager (`managerId`) ' +
          'or a district (`districtId`) in scope; `total` equals the figure on the dashboard.',
        querystring: CoverageItemsQuery,
        response: { 200: CoverageItemsResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getCoverageItems(deps, actorOf(request), request.query),
  );
}
