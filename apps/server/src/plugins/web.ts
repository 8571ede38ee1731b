import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors';

export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * Serves the built web app and answers unknown paths: JSON 404 under /api, the app's index.html
 * elsewhere so that client-side routes survive a reload.
 */
export async function registerWebApp(app: FastifyInstance, options: { webDist?: string | undefined }) {
  const root = options.webDist ?? WEB_DIST;
  const hasWeb = existsSync(`${root}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      setHeaders: (res, path) => {
        // Vite fingerprints asset names, so they never change under the same URL.
        if (path.includes('/assets/')) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsPage = request.method === 'GET' && !path.startsWith('/api') && hasWeb;
    if (!wantsPage) return sendError(request, reply, 'NOT_FOUND');
    if (/\.[a-z0-9]+$/i.test(path) && path !== '/index.html') {
      if (existsSync(`${root}${path}`)) return reply.sendFile(path.slice(1));
      return sendError(request, reply, 'NOT_FOUND');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
