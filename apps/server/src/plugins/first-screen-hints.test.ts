import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BuildManifest, FIRST_SCREEN_MODULES, screenAssets, withScreenAssets } from './first-screen-hints';

const webDir = new URL('../../../web/', import.meta.url);

/** A manifest in the shape Vite writes: the entry, a home with its own chunks, shared ones, a lazy part. */
const manifest: BuildManifest = {
  'index.html': { file: 'assets/index-a1.js', imports: ['_react-r1.js', '_http-h1.js'], css: ['assets/index-c1.css'] },
  '_react-r1.js': { file: 'assets/react-r1.js' },
  '_http-h1.js': { file: 'assets/http-h1.js', imports: ['_react-r1.js'] },
  '_format-f1.js': { file: 'assets/format-f1.js', imports: ['_react-r1.js'], css: ['assets/index-c1.css'] },
  '_icons-i1.js': { file: 'assets/icons-i1.js', imports: ['_format-f1.js'], css: ['assets/icons-c1.css'] },
  'src/modules/retailers/shop-home.tsx': {
    file: 'assets/shop-home-s1.js',
    imports: ['_react-r1.js', 'index.html', '_icons-i1.js', '_format-f1.js', '_http-h1.js'],
    css: ['assets/shop-home-c1.css'],
  },
  'src/modules/retailers/shop-more-cards.tsx': { file: 'assets/shop-more-m1.js', imports: ['_format-f1.js'] },
};

describe('a first screen’s assets', () => {
  it('are its chunk and every chunk it reaches by static imports, less the entry’s, with their stylesheets', () => {
    expect(screenAssets(manifest, 'src/modules/retailers/shop-home.tsx')).toEqual({
      scripts: ['/assets/shop-home-s1.js', '/assets/icons-i1.js', '/assets/format-f1.js'],
      // The entry's own stylesheet is in index.html already; each other one once.
      styles: ['/assets/shop-home-c1.css', '/assets/icons-c1.css'],
    });
  });

  it('leave out what the page loads lazily, and are empty for a module the build does not have', () => {
    expect(screenAssets(manifest, 'src/modules/retailers/shop-home.tsx').scripts).not.toContain(
      '/assets/shop-more-m1.js',
    );
    expect(screenAssets(manifest, 'src/nowhere.tsx')).toEqual({ scripts: [], styles: [] });
  });

  it('are named in index.html: scripts preloaded in the head, stylesheets beside the entry’s at the end of the body', () => {
    const index =
      '<html><head><title>x</title></head><body><div id="root"></div><link rel="stylesheet" href="/assets/index-c1.css"></body></html>';
    const html = withScreenAssets(index, {
      scripts: ['/assets/shop-home-s1.js'],
      styles: ['/assets/shop-home-c1.css'],
    });
    const head = html.slice(0, html.indexOf('</head>'));
    const body = html.slice(html.indexOf('<body>'));
    expect(head).toContain('<link rel="modulepreload" crossorigin href="/assets/shop-home-s1.js">');
    expect(body.indexOf('<link rel="stylesheet" crossorigin href="/assets/shop-home-c1.css">')).toBeGreaterThan(
      body.indexOf('/assets/index-c1.css'),
    );
    expect(withScreenAssets(index, { scripts: [], styles: [] })).toBe(index);
  });
});

describe('the first screens the server names', () => {
  it('are the page modules the web app loads for the sign-in page and each role’s home', () => {
    // main.tsx and the router load the sign-in page; home-page.tsx each role's home. A renamed page would otherwise
    // silently lose its hints (the manifest would have no such key).
    const loaders = ['src/main.tsx', 'src/app/router.tsx', 'src/modules/shell/home-page.tsx']
      .map((file) => readFileSync(new URL(file, webDir), 'utf8'))
      .join('\n');
    for (const module of Object.values(FIRST_SCREEN_MODULES)) {
      expect(readFileSync(new URL(module, webDir), 'utf8').length, module).toBeGreaterThan(0);
      const specifier = `import('@/${module.replace(/^src\//, '').replace(/\.tsx$/, '')}')`;
      expect(loaders, module).toContain(specifier);
    }
  });
});
