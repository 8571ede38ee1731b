import {
  RecomputeSuggestionsBody,
  RecomputeSuggestionsResponse,
  StockReportBody,
  SuggestionListResponse,
  SuggestionQuery,
} from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import { getSuggestions, recomputeSuggestions, reportStock, type SuggestionDeps } from './suggestions.service';

const everyone = { access: ['admin', 'supervisor', 'manager', 'retailer'] as const };
const recomputers = rolesThatMay('suggestion.recompute');
const stockReporters = rolesThatMay('suggestion.reportStock');

/** Suggested orders (建议订量): read by the retailer and its staff, recomputed on demand by its staff. */
export function registerSuggestionRoutes(app: AppInstance, deps: SuggestionDeps) {
  const context = (request: Parameters<typeof actorOf>[0] & { id: string; locale: 'zh-CN' | 'en' }) => ({
    actor: actorOf(request),
    requestId: request.id,
    locale: request.locale,
  });

  app.get(
    '/api/orders/suggestions',
    {
      config: everyone,
      schema: {
        tags: ['suggestions'],
        summary: 'A retailer’s suggested order for a week',
        description:
          'Per product the retailer has ordered before: the suggested cartons (a moderate quantile of its own ' +
          'demand over its order cycle, minus the stock it gave, capped by any limit), the low–high range, the ' +
          'method and a one-line reason in the caller’s language quoting the figures used. `week` (a Monday) ' +
          'defaults to the current week; the current week is computed on first sight if no run covered the ' +
          'retailer yet; a past week shows what was stored; a future week is 400. The retailer itself, its ' +
          'manager, the district’s supervisor, an admin; out of scope 404.',
        querystring: SuggestionQuery,
        response: { 200: SuggestionListResponse, ...errorResponses([400, 401, 404]) },
      },
    },
    async (request) => getSuggestions(deps, context(request), request.query),
  );

  app.post(
    '/api/orders/suggestions/recompute',
    {
      config: { access: recomputers },
      schema: {
        tags: ['suggestions'],
        summary: 'Recompute one retailer’s suggested order now',
        description:
          'Recomputes the current week’s suggestions of one retailer from its history, stock and limits as they ' +
          'are now, replacing the week’s stored ones (the same inputs give the same answer), and audits it. ' +
          'Only the current week (another `week` is 400). Its manager, the district’s supervisor, an admin; ' +
          'out of scope 404.',
        body: RecomputeSuggestionsBody,
        response: { 200: RecomputeSuggestionsResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => recomputeSuggestions(deps, context(request), request.body),
  );

  app.put(
    '/api/orders/stock',
    {
      config: { access: stockReporters },
      schema: {
        tags: ['suggestions'],
        summary: 'Give a retailer’s stock on hand',
        description:
          'Cartons on hand per product (the latest count per product is kept, with who gave it and when); the ' +
          'current week’s suggestions are recomputed with it in the same transaction and returned. A count older ' +
          'than 7 days is not subtracted. The retailer itself, its manager, the district’s supervisor, an admin; ' +
          'out of scope 404; an unknown or repeated product is 400 on its item.',
        body: StockReportBody,
        response: { 200: RecomputeSuggestionsResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => reportStock(deps, context(request), request.body),
  );
}
