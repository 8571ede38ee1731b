// Writes `<file>.br` and `<file>.gz` beside every compressible file of the web build, at the strongest settings,
// so the server sends them as they are (@fastify/static `preCompressed`) instead of compressing on every request.
// Run by scripts/ensure-web-build.mjs after each build; `node scripts/precompress-web.mjs [dir]` runs it alone.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map|webmanifest)$/i;
/** Below this a compressed copy saves less than the request's own headers cost. */
export const PRECOMPRESS_MIN_BYTES = 1024;

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Compresses every eligible file under `dir`; answers what was written, for the build log. */
export function precompressDirectory(dir) {
  const written = [];
  for (const path of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(path)) continue;
    const content = readFileSync(path);
    if (content.length < PRECOMPRESS_MIN_BYTES) continue;
    const br = brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
    const gz = gzipSync(content, { level: constants.Z_BEST_COMPRESSION });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gz);
    written.push({ path, bytes: content.length, br: br.length, gz: gz.length });
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../apps/web/dist', import.meta.url));
  const written = precompressDirectory(dir);
  const sum = (key) => written.reduce((total, file) => total + file[key], 0);
  console.log(
    `Precompressed ${written.length} files: ${Math.round(sum('bytes') / 1024)} kB → ` +
      `${Math.round(sum('br') / 1024)} kB brotli, ${Math.round(sum('gz') / 1024)} kB gzip`,
  );
}
