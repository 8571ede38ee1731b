import { RetailerExportQuery } from '@siyi/contracts';
import { z } from 'zod';
import type { AppInstance } from '../../app';
import type { Clock } from '../../lib/clock';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import { type ExportDeps, exportRetailers } from './retailer-export.service';

export function registerRetailerExportRoutes(app: AppInstance, deps: ExportDeps & { clock: Clock }) {
  app.get(
    '/api/retailers/export',
    {
      config: { access: rolesThatMay('retailer.export') },
      schema: {
        tags: ['retailers'],
        summary: 'Export the filtered retailer list as CSV or XLSX',
        description:
          'The retailers in the caller’s scope (an admin all, a supervisor the district’s) that match the list’s ' +
          'filters (`q`, `tier`, `tierMin`, `tierMax`, `businessFormat` — the list’s `format` —, `status`, `managerId`, ' +
          '`districtId`, `licence`; the list’s own filter → SQL builder), in the ' +
          'list’s order, streamed; an admin’s holds the company’s retailers. `format` is the file’s: csv or xlsx. ' +
          'Headers in the caller’s language (`lang` overrides it) — the same columns an import reads, so the file ' +
          'imports back unchanged. CSV is UTF-8 with a BOM (Excel opens it); no cell begins with =, +, -, @, tab or ' +
          'carriage return: such text is prefixed with an apostrophe.',
        querystring: RetailerExportQuery,
        response: { 200: z.any().describe('The file'), ...errorResponses([400, 401, 403]) },
      },
    },
    async (request, reply) => {
      const locale = request.query.lang ?? request.locale;
      const file = exportRetailers(deps, actorOf(request), request.query, locale, request.log, deps.clock.now());
      // RFC 6266/5987: an ASCII fallback and the UTF-8 name.
      const ascii = file.fileName.replace(/[^\x20-\x7e]/gu, '_');
      reply
        .header('content-type', file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        );
      return reply.send(file.body);
    },
  );
}
