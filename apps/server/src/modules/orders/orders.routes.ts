import {
  AcceptProposalBody,
  AllocationExplainQuery,
  AllocationExplainResponse,
  AllocationRunBody,
  AllocationRunResponse,
  CreateProposalBody,
  CurrentOrderResponse,
  IdempotencyKey,
  LatestAllocationRunQuery,
  OrderIdParam,
  OrderWeekParam,
  OrderWeekQuery,
  OrderWeekResponse,
  orderMessages,
  PressuredBody,
  PressuredResponse,
  ProductListQuery,
  ProductListResponse,
  ProposalListQuery,
  ProposalListResponse,
  ProposalView,
  PutOrderBody,
  PutSupplyStrategyBody,
  RejectProposalBody,
  SubmitOrderBody,
  SubmitOrderResponse,
  SupplyStrategyQuery,
  SupplyStrategyResponse,
} from '@siyi/contracts';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app';
import { AppError } from '../../lib/app-error';
import { errorResponses } from '../../plugins/openapi';
import { actorOf } from '../access/request-actor';
import { explainAllocation, runAllocation } from './allocations.service';
import { getOrderWeek } from './order-week.service';

export { registerOrderJobs } from './orders.jobs';

import {
  acceptProposal,
  createProposal,
  getCurrentOrder,
  type OrderDeps,
  putCurrentOrder,
  rejectProposal,
  reportPressured,
  submitCurrentOrder,
} from './orders.service';
import { latestAllocationRun, listProducts, listProposals } from './read-backs.service';
import { getSupplyStrategy, putSupplyStrategy } from './supply-strategies.service';

const retailerOnly = { access: ['retailer'] as const };
const staff = { access: ['admin', 'supervisor', 'manager'] as const };
const planners = { access: ['admin', 'supervisor'] as const };

const context = (request: FastifyRequest & { locale: 'zh-CN' | 'en' }) => ({
  actor: actorOf(request),
  requestId: request.id,
  locale: request.locale,
});

function idempotencyKeyOf(request: FastifyRequest): string {
  const raw = request.headers['idempotency-key'];
  const parsed = IdempotencyKey.safeParse(Array.isArray(raw) ? raw[0] : raw);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', { idempotencyKey: orderMessages.idempotencyKeyRequired });
  return parsed.data;
}

/** Ordering with respect (issue 11): the retailer's order, managers' proposals, supply strategies, allocation. */
export function registerOrderRoutes(app: AppInstance, deps: OrderDeps) {
  app.get(
    '/api/orders/current',
    {
      config: retailerOnly,
      schema: {
        tags: ['orders'],
        summary: 'The retailer’s order for the open week',
        description:
          'The signed-in retailer’s order for the week it orders for: this week until its cut-off (24:00 of the ' +
          'day before its order day, Asia/Shanghai, unless the district’s strategy sets one closing time), then ' +
          'the next week. Its lines and how each came about, and per product it may order that week (the ' +
          'published supply strategy) the last 4 weeks’ cartons, its stock on hand, the suggestion with its ' +
          'reason, the limit that applies and, for scarce products, the request and allocation; the order window ' +
          '(opens when the strategy is published — `expectedOpensAt` says when that usually is while it is not — ' +
          'and closes at the cut-off); the managers’ proposals.',
        response: { 200: CurrentOrderResponse, ...errorResponses([401, 403, 404]) },
      },
    },
    async (request) => getCurrentOrder(deps, context(request)),
  );

  app.put(
    '/api/orders/current',
    {
      config: retailerOnly,
      schema: {
        tags: ['orders'],
        summary: 'Save the retailer’s draft order',
        description:
          'The whole list of lines as the retailer wants it now (an empty list clears it). Whole cartons 1–999, ' +
          'each product once, only products of this week’s strategy the retailer may order, within its limit: ' +
          'otherwise 400 per line; outside the window 409. Scarce products become requests for the allocation. ' +
          'Each change records its origin (typed, suggestion accepted or edited). A submitted order that is ' +
          'changed becomes a draft again until it is submitted.',
        body: PutOrderBody,
        response: { 200: CurrentOrderResponse, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => putCurrentOrder(deps, context(request), request.body),
  );

  app.post(
    '/api/orders/current/submit',
    {
      config: retailerOnly,
      schema: {
        tags: ['orders'],
        summary: 'Submit the retailer’s order',
        description:
          'Needs an `Idempotency-Key` header (8–100 visible characters). Submits the draft (`lines`, when given, ' +
          'replace it first, in the same transaction) under the order’s row lock, so limits hold however many ' +
          'requests arrive at once. A replay of the key answers the first answer (`replayed: true`) and changes ' +
          'nothing; the key with another body is 409. An empty order is 400; outside the window 409.',
        body: SubmitOrderBody,
        response: { 200: SubmitOrderResponse, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => submitCurrentOrder(deps, context(request), idempotencyKeyOf(request), request.body),
  );

  app.post(
    '/api/orders/proposals',
    {
      config: { access: ['manager'] as const },
      schema: {
        tags: ['orders'],
        summary: 'Propose an order for a retailer',
        description:
          'A manager prepares lines for one of its retailers (phone orders). It never becomes an order by itself: ' +
          'the retailer accepts it in its portal, or reads back the one-time code it was sent (6 digits, ' +
          '24 hours at most, until the window closes), which its manager then sends to /accept. It is for the week ' +
          'the retailer orders for; when that week’s window closes a pending proposal expires (a job). Answers the ' +
          'proposal with its line ids (never the code). Another manager’s retailer 404; lines as for the retailer.',
        body: CreateProposalBody,
        response: { 200: ProposalView, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => createProposal(deps, context(request), request.body),
  );

  app.get(
    '/api/orders/proposals',
    {
      config: staff,
      schema: {
        tags: ['orders'],
        summary: 'A retailer’s proposals for a week',
        description:
          'The proposals made to one retailer for a week (`week` defaults to the week it orders for now), oldest ' +
          'first, with ' +
          'their lines, state and how each was decided — so a manager reads back what it sent. A manager reads ' +
          'its assigned retailers’, a supervisor its district’s, an admin any; another’s retailer 404. The ' +
          'one-time code is never in the answer.',
        querystring: ProposalListQuery,
        response: { 200: ProposalListResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => listProposals(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/orders/proposals/:id/accept',
    {
      config: { access: ['retailer', 'manager'] as const },
      schema: {
        tags: ['orders'],
        summary: 'Accept a proposal',
        description:
          'The retailer in its portal (`{}`), or its manager with the code the retailer read back (`{ code }`; ' +
          'a wrong code 400 and counts, 5 wrong tries or an expired code end it). The proposal’s lines are set ' +
          'on the order (origin proposal_accepted) and the order is submitted. A decided proposal 409.',
        params: OrderIdParam,
        body: AcceptProposalBody,
        response: { 200: ProposalView, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => acceptProposal(deps, context(request), request.params.id, request.body),
  );

  app.post(
    '/api/orders/proposals/:id/reject',
    {
      config: retailerOnly,
      schema: {
        tags: ['orders'],
        summary: 'Reject a proposal',
        description:
          'The retailer rejects a proposal; `pressured: true` also reports it as 强制搭配 (the `note`, or the ' +
          'proposal’s lines, as the concern’s text), a concern the supervisor sees and the manager cannot.',
        params: OrderIdParam,
        body: RejectProposalBody,
        response: { 200: ProposalView, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => rejectProposal(deps, context(request), request.params.id, request.body),
  );

  app.post(
    '/api/orders/lines/:id/pressured',
    {
      config: retailerOnly,
      schema: {
        tags: ['orders'],
        summary: 'Report an order line as pressured (强制搭配)',
        description:
          'The line (an order line id) leaves the order and a 强制搭配 concern with the note as its text goes to ' +
          'the district’s supervisor; no manager can read it. Another retailer’s line 404.',
        params: OrderIdParam,
        body: PressuredBody,
        response: { 200: PressuredResponse, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => reportPressured(deps, context(request), request.params.id, request.body),
  );

  app.get(
    '/api/orders/week',
    {
      config: staff,
      schema: {
        tags: ['orders'],
        summary: 'The week’s orders per retailer and the respect figures per manager',
        description:
          'Each retailer in scope (a manager its own, a supervisor the district, an admin all or one district) ' +
          'with its state this week — not_yet, draft, proposal_waiting, submitted — and when its window closes ' +
          '(`closesAt`), and per manager the respect figures: the share of lines the retailer typed or accepted ' +
          'unchanged (pressured lines and rejected proposals’ lines count against it), proposals made and ' +
          'rejected, the rejection rate, pressure reports. ' +
          'A manager never learns of pressure reports: its `pressureReports` is null and its `lines` and share ' +
          'leave the reported lines out (supervisors and admins see them). ' +
          '`week` defaults to the current one; another manager or district 404.',
        querystring: OrderWeekQuery,
        response: { 200: OrderWeekResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getOrderWeek(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/supply-strategies/:week',
    {
      config: planners,
      schema: {
        tags: ['orders'],
        summary: 'A district’s supply strategy for a week',
        description: 'An admin names the district (`districtId`); a supervisor sees its own (another 404).',
        params: OrderWeekParam,
        querystring: SupplyStrategyQuery,
        response: { 200: SupplyStrategyResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getSupplyStrategy(deps, actorOf(request), request.params.week, request.query.districtId),
  );

  app.put(
    '/api/supply-strategies/:week',
    {
      config: planners,
      schema: {
        tags: ['orders'],
        summary: 'Save or publish a district’s supply strategy for a week',
        description:
          'The whole list of products with their mode (open, limited with tier limits, selected with outlets, ' +
          'scarce with the supply to allocate). `publish: true` opens the order window: each affected retailer ' +
          'is told (in-app) until when it may order, and one with an unsubmitted draft or a waiting proposal is ' +
          'reminded SIYI_ORDER_REMINDER_HOURS (default 3) before its cut-off (jobs). `closesAt`: one closing time ' +
          'for every retailer, after the Saturday 12:00 before the week and no later than its end (else 400); ' +
          'absent, each retailer’s cut-off is 24:00 of the day before its order day. `version` is the one ' +
          'read (absent for a week without one); stale 409. A past week, unknown or discontinued products, ' +
          'outlets outside the district 400. Audited.',
        params: OrderWeekParam,
        body: PutSupplyStrategyBody,
        response: { 200: SupplyStrategyResponse, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => putSupplyStrategy(deps, context(request), request.params.week, request.body),
  );

  app.post(
    '/api/allocations/:week/run',
    {
      config: planners,
      schema: {
        tags: ['orders'],
        summary: 'Allocate the week’s scarce products',
        description:
          'Shares each scarce product’s supply among the district’s requests by the published rule (tier weights ' +
          '1–14: 1, 15–24: 2, 25–30: 3; water-filling rounded to whole cartons; never above a request; ties by the ' +
          'declared seeded order, seed default the ISO week). Stores the rule, inputs and outputs; audited.',
        params: OrderWeekParam,
        body: AllocationRunBody,
        response: { 200: AllocationRunResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => runAllocation(deps, context(request), request.params.week, request.body),
  );

  app.get(
    '/api/allocations/:week/runs/latest',
    {
      config: planners,
      schema: {
        tags: ['orders'],
        summary: 'The week’s latest scarce allocation run',
        description:
          'The district’s latest run for the week, in the shape the run answered (rule, and per scarce product ' +
          'supply, cartons requested and allocated, weighted demand met, retailers), read from what the run ' +
          'stored. An admin names the district (`districtId`, else 400); a supervisor reads its own (another ' +
          '404). No run yet 404.',
        params: OrderWeekParam,
        querystring: LatestAllocationRunQuery,
        response: { 200: AllocationRunResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => latestAllocationRun(deps, actorOf(request), request.params.week, request.query.districtId),
  );

  app.get(
    '/api/products',
    {
      config: staff,
      schema: {
        tags: ['orders'],
        summary: 'Products to pick from',
        description:
          'Products of a status (`status`, default active) whose code, brand or name contains `q`, by price ' +
          'class, brand and name; at most 500 (`truncated` says more matched: narrow the search). For the ' +
          'supply strategy editor, which may add any active product.',
        querystring: ProductListQuery,
        response: { 200: ProductListResponse, ...errorResponses([400, 401, 403]) },
      },
    },
    async (request) => listProducts(deps.db, request.query),
  );

  app.get(
    '/api/allocations/:week/explain',
    {
      config: { access: ['admin', 'supervisor', 'manager', 'retailer'] as const },
      schema: {
        tags: ['orders'],
        summary: 'Why a retailer got what it got',
        description: 'The retailer its own (retailerId optional); staff a retailer in scope (another 404).',
        params: OrderWeekParam,
        querystring: AllocationExplainQuery,
        response: { 200: AllocationExplainResponse, ...errorResponses([400, 401, 404]) },
      },
    },
    async (request) => explainAllocation(deps, context(request), request.params.week, request.query),
  );
}
