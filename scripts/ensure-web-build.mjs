// Builds the web app when its build is missing or older than its sources, so `npm start` and `npm test`
// always serve the current UI without a separate build step; then writes its precompressed copies.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PRECOMPRESS_MIN_BYTES, precompressDirectory } from './precompress-web.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'apps/web/dist');
const built = join(dist, 'index.html');
const sources = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/public',
  'packages/contracts/src',
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

/** A build from before precompression (or an interrupted one) lacks some `.br` copies. */
function missingCompressedCopies() {
  const assets = join(dist, 'assets');
  if (!existsSync(assets)) return true;
  return readdirSync(assets).some(
    (name) =>
      /\.(?:js|css)$/.test(name) &&
      statSync(join(assets, name)).size >= PRECOMPRESS_MIN_BYTES &&
      !existsSync(join(assets, `${name}.br`)),
  );
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map((s) => newest(join(root, s))));
if (builtAt < changedAt) {
  console.log('Building the web app (apps/web → apps/web/dist)…');
  const result = spawnSync('npm', ['run', 'build', '-w', '@siyi/web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (builtAt < changedAt || missingCompressedCopies()) {
  const written = precompressDirectory(dist);
  console.log(`Precompressed ${written.length} web files (.br, .gz).`);
}
