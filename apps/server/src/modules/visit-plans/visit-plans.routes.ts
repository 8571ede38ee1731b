import {
  AddPlannedVisitBody,
  GeneratePlansBody,
  GeneratePlansResponse,
  IdParams,
  MovePlannedVisitBody,
  ReoptimizeDayBody,
  UpdateVisitRulesBody,
  VisitPlanQuery,
  VisitPlanView,
  VisitRulesHistory,
  VisitRulesQuery,
  VisitRulesView,
} from '@siyi/contracts';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { actorOf } from '../access/request-actor';
import {
  addPlannedVisit,
  generatePlans,
  getPlan,
  movePlannedVisit,
  type PlanDeps,
  removePlannedVisit,
  reoptimizePlanDay,
} from './visit-plans.service';
import { getRules, getRulesHistory, updateRules } from './visit-rules.service';

const staff = { access: ['admin', 'supervisor', 'manager'] as const };
const admin = { access: ['admin'] as const };

const scope =
  'A manager sees and changes its own plan; a supervisor every plan of its district’s managers; an admin all; ' +
  'another’s plan or visit answers 404. Weeks are ISO weeks in Asia/Shanghai named by their Monday; `week` ' +
  'takes a date (its week) or `YYYY-Www`.';

/** Coverage rules and weekly visit plans (issue 9 items 1–3). */
export function registerVisitPlanRoutes(app: AppInstance, deps: PlanDeps) {
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), requestId: request.id });

  app.get(
    '/api/visits/rules',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'Coverage rules in force',
        description:
          'The rules of a district (`districtId`; supervisors and managers: their own, the default) or city-wide ' +
          '(admins without `districtId`): visit frequency per tier band, the monthly minimum, daily cap, working ' +
          'days and hours, minutes per visit, check-in radius. `source` says whether they are the district’s own, ' +
          'the city-wide ones or the defaults; `version` 0 means never saved.',
        querystring: VisitRulesQuery,
        response: { 200: VisitRulesView, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getRules(deps, actorOf(request), request.query.districtId),
  );

  app.get(
    '/api/visits/rules/history',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'Saved versions of the coverage rules',
        description: 'Every saved version of a key (district or city-wide), newest first, with who and when.',
        querystring: VisitRulesQuery,
        response: { 200: VisitRulesHistory, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getRulesHistory(deps, actorOf(request), request.query.districtId),
  );

  app.put(
    '/api/visits/rules',
    {
      config: admin,
      schema: {
        tags: ['visits'],
        summary: 'Save the coverage rules (admin)',
        description:
          'A new version of the key’s rules (`districtId` null: city-wide), with the `version` read (0 when none ' +
          'was saved; stale → 409). Tier bands may not overlap; the working day must hold a visit. Applies to ' +
          'plans generated from now on; audited.',
        body: UpdateVisitRulesBody,
        response: { 200: VisitRulesView, ...errorResponses([400, 401, 403, 409]) },
      },
    },
    async (request) => updateRules(deps, context(request), request.body),
  );

  app.get(
    '/api/visits/plan',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'A manager’s week plan',
        description:
          'Monday to Sunday with each day’s visits in order (shop, address, position, planned start in minutes ' +
          'after midnight, status, pinned, why it is due), and the due retailers the plan could not take with the ' +
          `reason. Both parameters optional: the caller (a manager), this week. ${scope}`,
        querystring: VisitPlanQuery,
        response: { 200: VisitPlanView, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getPlan(deps, actorOf(request), request.query),
  );

  app.put(
    '/api/visits/plan/visits/:id',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'Move, pin or re-order a planned visit',
        description:
          'A new day (today or later; pinned unless `pinned: false`), pin or unpin, or a place within its day. ' +
          `Only a planned visit not yet started (else 409). Answers the week plan; audited. ${scope}`,
        params: IdParams,
        body: MovePlannedVisitBody,
        response: { 200: VisitPlanView, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => movePlannedVisit(deps, context(request), request.params.id, request.body),
  );

  app.delete(
    '/api/visits/plan/visits/:id',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'Remove a planned visit',
        description:
          'Cancels a planned visit not yet started (else 409); the next generation of that week leaves the ' +
          `retailer out. Answers the week plan; audited. ${scope}`,
        params: IdParams,
        response: { 200: VisitPlanView, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => removePlannedVisit(deps, context(request), request.params.id),
  );

  app.post(
    '/api/visits/plan/visits',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'Add a visit to a plan',
        description:
          'A pinned visit to a retailer in scope on a day (today or later), in its manager’s plan, last of the ' +
          'day; one visit per retailer and week (400 when it has one). Answers the week plan; audited.',
        body: AddPlannedVisitBody,
        response: { 201: VisitPlanView, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request, reply) => reply.status(201).send(await addPlannedVisit(deps, context(request), request.body)),
  );

  app.post(
    '/api/visits/plan/reoptimize',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'Re-order the rest of a day from here',
        description:
          'The day’s visits not yet checked in are re-ordered from `lat`/`lng` (today: from now; a later day: ' +
          'from the start of the working day), the new order and start times stored; started and finished ' +
          `visits keep their places. A visit that no longer fits keeps a place at the end without a time. ${scope}`,
        body: ReoptimizeDayBody,
        response: { 200: VisitPlanView, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => reoptimizePlanDay(deps, context(request), request.body),
  );

  app.post(
    '/api/visits/plan/generate',
    {
      config: staff,
      schema: {
        tags: ['visits'],
        summary: 'Generate week plans now',
        description:
          'Generates the week’s plan of one manager (`managerId`) or of every manager in scope (a manager: its own ' +
          'only; another’s 404), from the rules in ' +
          'force: overdue first, then due, within the daily cap, hours and closed days. Replaces the generated ' +
          'visits not yet started; pinned, added and started ones stay. The weekly job does the same for next ' +
          'week every Sunday at 20:00 (Asia/Shanghai), once. Audited.',
        body: GeneratePlansBody,
        response: { 200: GeneratePlansResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => generatePlans(deps, context(request), request.body),
  );
}
