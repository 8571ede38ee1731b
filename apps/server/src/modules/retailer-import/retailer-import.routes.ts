import multipart, { type MultipartFile } from '@fastify/multipart';
import {
  IMPORT_MAX_BYTES,
  ImportKeyParams,
  ImportRunProgress,
  RetailerImportQuery,
  RetailerImportReport,
} from '@siyi/contracts';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppInstance } from '../../app';
import { AppError } from '../../lib/app-error';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import { getImportProgress, type ImportDeps, importRetailers } from './retailer-import.service';

const MAX_MB = `${IMPORT_MAX_BYTES / 1024 / 1024} MB`;
const fileError = (key: string, params?: Record<string, string | number>) =>
  new AppError('VALIDATION_FAILED', { file: params ? { key, params } : key });

/** The upload's one file, read whole (at most IMPORT_MAX_BYTES): a clear 413 past the limit, 400 without a file. */
async function readUpload(request: FastifyRequest) {
  if (!request.isMultipart()) throw fileError('import.fileMissing');
  let part: MultipartFile | undefined;
  try {
    // Limits per call: they hold whatever limits another module registered multipart with.
    part = await request.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, parts: 20 } });
  } catch {
    throw new AppError('MALFORMED_REQUEST');
  }
  if (part?.fieldname !== 'file') {
    part?.file.resume();
    throw fileError('import.fileMissing');
  }
  try {
    const bytes = await part.toBuffer();
    if (part.file.truncated) throw Object.assign(new Error('too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
    return { bytes, fileName: (part.filename || 'upload').slice(0, 200) };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', { file: { key: 'import.fileTooLarge', params: { max: MAX_MB } } });
    }
    throw new AppError('MALFORMED_REQUEST');
  }
}

export function registerRetailerImportRoutes(app: AppInstance, deps: ImportDeps) {
  const importers = { access: rolesThatMay('retailer.import') };

  // Multipart only in this scope (another module may register it elsewhere with its own limits).
  app.register((plain, _options, done) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    if (!scope.hasContentTypeParser('multipart/form-data')) {
      scope.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, parts: 20 } });
    }
    scope.post(
      '/api/retailers/import',
      {
        config: importers,
        schema: {
          tags: ['retailers'],
          summary: 'Import retailers from a CSV or XLSX file (dry run or commit)',
          description:
            'Multipart field `file`: a CSV (UTF-8 with or without BOM, or GBK/GB18030 — detected) or an XLSX (first ' +
            `visible sheet), at most ${MAX_MB}; row 1 holds the headers, in Chinese (许可证号, 店名, 负责人, 电话, 地址, ` +
            '业态, 档位, 片区, 客户经理, 营业时间, 订货日 …) or English. Rows are matched by licence number: unknown ' +
            'ones are created, known ones (in the admin’s company) updated in the columns the file has. ' +
            '`dryRun=true` (default) writes nothing and reports every bad cell `{ row, column, message }` (row as in ' +
            'the file, header = row 1) and how many retailers would be created, updated or left unchanged. ' +
            '`dryRun=false` writes all rows in one transaction — or, if any row is bad, none (`committed: false`). ' +
            'Formulas are refused; `key` (a UUID chosen by the client) lets `GET /api/retailers/import/{key}` report ' +
            'progress meanwhile. Admins only.',
          querystring: RetailerImportQuery,
          response: { 200: RetailerImportReport, ...errorResponses([400, 401, 403, 409, 413]) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { bytes, fileName } = await readUpload(request);
        return importRetailers(deps, actor, {
          bytes,
          fileName,
          dryRun: request.query.dryRun,
          key: request.query.key,
          locale: request.locale,
          requestId: request.id,
        });
      },
    );
    done();
  });

  app.get(
    '/api/retailers/import/:key',
    {
      config: importers,
      schema: {
        tags: ['retailers'],
        summary: 'Progress of a retailer import',
        description:
          'How far the import started with this `key` has got: rows in the file, rows processed (a commit counts ' +
          'checking as the first half and writing as the second), created, updated and errors, and whether it is ' +
          'running, done or failed. Only the admin who started it sees it; any other key is 404.',
        params: ImportKeyParams,
        response: { 200: ImportRunProgress, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getImportProgress(deps, actorOf(request), request.params.key),
  );
}
