import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Answers below this size gain less from compression than it costs (one TCP packet either way). */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * Brotli or gzip for every answer the client accepts it for: JSON from the API, and any web file without a
 * precompressed copy (`plugins/web.ts` sends the build's `.br`/`.gz` files as they are). Registered before the
 * routes so that its hook applies to all of them.
 */
export async function registerCompression(app: FastifyInstance) {
  await app.register(compress, {
    // Request bodies are never compressed by our clients: no decompression hook (and no zip bombs to guard against).
    globalDecompression: false,
    // Brotli at the plugin's default quality 4 is fast enough for dynamic answers; zstd only on newer Node.
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_THRESHOLD_BYTES,
  });
}
