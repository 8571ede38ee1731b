import {
  ErrorResponse,
  IdParams,
  RetailerDetail,
  RetailerListQuery,
  RetailerListResponse,
  RetailerSalesResponse,
  SalesQuery,
} from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { actorOf } from '../access/request-actor';
import { getRetailer, getRetailerSales, listRetailers, type RetailerDeps } from './retailers.service';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const everyone = { access: ['admin', 'supervisor', 'manager', 'retailer'] as const };

export function registerRetailerRoutes(app: AppInstance, deps: RetailerDeps) {
  app.get(
    '/api/retailers',
    {
      config: everyone,
      schema: {
        tags: ['retailers'],
        querystring: RetailerListQuery,
        response: { 200: RetailerListResponse, ...errors },
      },
    },
    async (request) => listRetailers(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/retailers/:id',
    {
      config: everyone,
      schema: { tags: ['retailers'], params: IdParams, response: { 200: RetailerDetail, ...errors } },
    },
    async (request) => getRetailer(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/retailers/:id/sales',
    {
      config: everyone,
      schema: {
        tags: ['retailers'],
        params: IdParams,
        querystring: SalesQuery,
        response: { 200: RetailerSalesResponse, ...errors },
      },
    },
    async (request) => getRetailerSales(deps, actorOf(request), request.params.id, request.query),
  );
}
