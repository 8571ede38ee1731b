import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from './errors';
import { type FirstScreen, loadFirstScreenPages } from './first-screen-hints';

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map|webmanifest)(?:\.br|\.gz)?$/i;

export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Vite fingerprints asset names, so a file under /assets/ never changes under the same URL. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) names the current assets: revalidate on every use. */
export const REVALIDATE_CACHE = 'no-cache';
/** index.html naming a signed-in user's first screen: theirs alone, and it changes with the session cookie. */
export const FIRST_SCREEN_CACHE = 'private, no-cache';

/**
 * The first screen a page load will draw, when the server can tell: the sign-in page at /sign-in, and at / the
 * signed-in user's home (the auth plugin reads the session for / too) or, without a session, the sign-in page
 * the app sends a visitor to. Other paths, and a user who must first change the password, get index.html as it is.
 */
function firstScreenOf(request: FastifyRequest, path: string): FirstScreen | null {
  if (path === '/sign-in') return 'signIn';
  if (path !== '/') return null;
  const user = request.auth?.user;
  if (!user) return 'signIn';
  return user.mustChangePassword ? null : user.role;
}

/**
 * Serves the built web app and answers unknown paths: JSON 404 under /api, the app's index.html
 * elsewhere so that client-side routes survive a reload. The build's `.br`/`.gz` copies
 * (scripts/precompress-web.mjs) are sent as they are to clients that accept them.
 */
export async function registerWebApp(app: FastifyInstance, options: { webDist?: string | undefined }) {
  const root = options.webDist ?? WEB_DIST;
  const hasWeb = existsSync(`${root}/index.html`);
  // index.html once per first screen, its scripts and stylesheets named (first-screen-hints.ts); read again when the
  // build changes under a running server (a rebuild renames every asset), as sendFile reads index.html each time.
  const indexPath = join(root, 'index.html');
  let builtAt = hasWeb ? statSync(indexPath).mtimeMs : 0;
  let firstScreenPages = hasWeb ? loadFirstScreenPages(root) : new Map<FirstScreen, string>();
  const currentFirstScreenPages = () => {
    const modified = statSync(indexPath, { throwIfNoEntry: false })?.mtimeMs ?? builtAt;
    if (modified !== builtAt) {
      builtAt = modified;
      firstScreenPages = loadFirstScreenPages(root);
    }
    return firstScreenPages;
  };
  if (hasWeb) {
    const assetsDir = `${join(resolve(root), 'assets')}${sep}`;
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      preCompressed: true,
      // Ours, from setHeaders: send's own 'public, max-age=0' would override them.
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', path.startsWith(assetsDir) ? IMMUTABLE_CACHE : REVALIDATE_CACHE);
        // Whether a compressed copy exists or not, the answer depends on Accept-Encoding for shared caches.
        if (COMPRESSIBLE.test(path)) res.setHeader('vary', 'accept-encoding');
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
    const screen = firstScreenOf(request, path);
    const page = screen ? currentFirstScreenPages().get(screen) : undefined;
    if (page) {
      return reply
        .header('cache-control', FIRST_SCREEN_CACHE)
        .header('vary', 'cookie')
        .type('text/html; charset=utf-8')
        .send(page);
    }
    return reply.header('cache-control', REVALIDATE_CACHE).sendFile('index.html');
  });
}
