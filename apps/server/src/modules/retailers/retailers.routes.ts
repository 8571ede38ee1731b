import {
  IdParams,
  RetailerListQuery,
  RetailerListResponse,
  RetailerMapQuery,
  RetailerMapResponse,
  RetailerSalesResponse,
  SalesQuery,
} from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { actorOf } from '../access/request-actor';
import { mapRetailers, type RetailerMapDeps } from './retailer-map';
import { getRetailerSales, listRetailers } from './retailers.service';

const errors = errorResponses([400, 401]);
const errorsWithNotFound = errorResponses([400, 401, 404]);
const everyone = { access: ['admin', 'supervisor', 'manager', 'retailer'] as const };

export function registerRetailerRoutes(app: AppInstance, deps: RetailerMapDeps) {
  app.get(
    '/api/retailers',
    {
      config: everyone,
      schema: {
        tags: ['retailers'],
        summary: 'List the retailers in the caller’s scope',
        description:
          'One page of retailers that the caller may see: an admin all of them, a supervisor the district’s, a ' +
          'customer manager the assigned ones, a retailer only itself. `q` searches shop name, owner, licence ' +
          'number, phone and address, and the pinyin of shop, owner and address — full (`dongsheng`) or initials ' +
          '(`hxbld`); `tier` or `tierMin`/`tierMax`, `format`, `status`, `managerId`, (admins) `districtId` and ' +
          '`licence` (`expiring`: ends within 60 days; `expired`) narrow the list. `sort`: `shopName` (default), ' +
          '`tierDesc`, `tierAsc` or `licenceExpiry`. Paging: pass the answer’s `nextCursor` as `cursor` for the next ' +
          'page (keyset: stable while rows change), or ask by `page` number. `total` counts every match, not only ' +
          'this page (a search stops counting at 1,000 and says so with `totalCapped`).',
        querystring: RetailerListQuery,
        response: { 200: RetailerListResponse, ...errors },
      },
    },
    async (request) => listRetailers(deps, actorOf(request), request.query),
  );

  // GET /api/retailers/:id (the full record with its version) lives in retailer-profile.routes.ts.

  app.get(
    '/api/retailers/map',
    {
      config: everyone,
      schema: {
        tags: ['retailers'],
        summary: 'The filtered retailer list on a map',
        description:
          'The positions (WGS-84) of the retailers the list would show for the same filters and scope — all of ' +
          'them up to 5,000, past that an even sample (`sampled`, with `total` the number of matches) — the ' +
          'outline of each county in the caller’s scope, drawn around its retailers’ positions, and the tile ' +
          'server to draw them on (`tiles`: a URL template and its datum, GCJ-02 for Chinese services; null when ' +
          'the map runs without tiles).',
        querystring: RetailerMapQuery,
        response: { 200: RetailerMapResponse, ...errors },
      },
    },
    async (request) => mapRetailers(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/retailers/:id/sales',
    {
      config: everyone,
      schema: {
        tags: ['retailers'],
        summary: 'A retailer’s weekly purchases and most bought products',
        description:
          'Cartons (条) and amount (fen) per calendar week over the last `weeks` weeks (Asia/Shanghai), and the ' +
          'ten products bought most in that period. Same scope as the record: outside it the answer is 404.',
        params: IdParams,
        querystring: SalesQuery,
        response: { 200: RetailerSalesResponse, ...errorsWithNotFound },
      },
    },
    async (request) => getRetailerSales(deps, actorOf(request), request.params.id, request.query),
  );
}
