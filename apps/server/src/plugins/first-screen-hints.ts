import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '@siyi/contracts';

/**
 * Which page module draws each first screen: the sign-in page, and each role's home at `/` (the web app's main.tsx
 * and modules/shell/home-page.tsx load them by `import()`). Keys of the build's .vite/manifest.json.
 */
export const FIRST_SCREEN_MODULES = {
  signIn: 'src/modules/auth/sign-in-page.tsx',
  manager: 'src/modules/dashboard/manager-home.tsx',
  supervisor: 'src/modules/dashboard/supervisor-home.tsx',
  admin: 'src/modules/users/admin-home.tsx',
  retailer: 'src/modules/retailers/shop-home.tsx',
} as const satisfies Record<'signIn' | Role, string>;

export type FirstScreen = keyof typeof FIRST_SCREEN_MODULES;

/** One chunk of Vite's build manifest (only what is read here). */
export interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

export type BuildManifest = Record<string, ManifestChunk>;

/** The entry's own key in the manifest: index.html names the app's first scripts and stylesheet itself. */
const ENTRY = 'index.html';

/** A chunk's key and every key it reaches through static imports (what the browser loads before running it). */
function staticClosure(manifest: BuildManifest, key: string): Set<string> {
  const seen = new Set<string>();
  const visit = (at: string) => {
    if (seen.has(at) || !manifest[at]) return;
    seen.add(at);
    for (const next of manifest[at].imports ?? []) visit(next);
  };
  visit(key);
  return seen;
}

/** What a first screen loads after index.html's own scripts and stylesheet: its scripts and stylesheets, in order. */
export interface ScreenAssets {
  scripts: string[];
  styles: string[];
}

/**
 * The scripts and stylesheets a page module needs beyond the entry's, as URLs. Without hints the browser learns of
 * them only once the entry has run and asked who is signed in: on a phone's network a round trip or more later.
 */
export function screenAssets(manifest: BuildManifest, module: string): ScreenAssets {
  const entry = staticClosure(manifest, ENTRY);
  const entryStyles = new Set([...entry].flatMap((key) => manifest[key]?.css ?? []));
  const keys = [...staticClosure(manifest, module)].filter((key) => !entry.has(key));
  const styles = new Set(keys.flatMap((key) => manifest[key]?.css ?? []).filter((file) => !entryStyles.has(file)));
  return {
    scripts: keys.map((key) => `/${manifest[key]?.file}`),
    styles: [...styles].map((file) => `/${file}`),
  };
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * index.html with a first screen's assets named: its scripts as module preloads in the head (they download beside
 * the entry's), its stylesheets beside the entry's at the end of the body — where, like the entry's, they hold back
 * neither the static first screen's paint nor anything but the scripts, which run once they have come (so the page
 * is never drawn unstyled), and where Vite's loader finds them and does not ask again.
 */
export function withScreenAssets(indexHtml: string, assets: ScreenAssets): string {
  if (assets.scripts.length === 0 && assets.styles.length === 0) return indexHtml;
  const scripts = assets.scripts
    .map((src) => `<link rel="modulepreload" crossorigin href="${escapeAttribute(src)}">`)
    .join('\n    ');
  const styles = assets.styles
    .map((href) => `<link rel="stylesheet" crossorigin href="${escapeAttribute(href)}">`)
    .join('\n    ');
  let html = indexHtml;
  if (scripts) html = html.replace('</head>', `  ${scripts}\n  </head>`);
  if (styles) html = html.replace('</body>', `  ${styles}\n  </body>`);
  return html;
}

/**
 * Each first screen's index.html, from the build in `root`; an empty map when the build has no manifest (an older
 * build, or none): index.html is then served as it is.
 */
export function loadFirstScreenPages(root: string): Map<FirstScreen, string> {
  const pages = new Map<FirstScreen, string>();
  const manifestPath = join(root, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) return pages;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BuildManifest;
  const indexHtml = readFileSync(join(root, 'index.html'), 'utf8');
  for (const [screen, module] of Object.entries(FIRST_SCREEN_MODULES) as [FirstScreen, string][]) {
    if (manifest[module]) pages.set(screen, withScreenAssets(indexHtml, screenAssets(manifest, module)));
  }
  return pages;
}
