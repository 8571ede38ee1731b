import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { UNUSED_ANTD_COMPONENTS } from './src/app/antd-unused-components';

const srcDir = decodeURIComponent(new URL('./src', import.meta.url).pathname);

// Right-to-left variants go too: both of the app's languages are written left to right.
const unusedSelector = new RegExp(`\\.ant-(?:${UNUSED_ANTD_COMPONENTS.join('|')})(?![a-z])|-rtl(?![a-z])`);

/** Drops the rules of unused components from minified CSS (antd.css has no comments or braces in strings). */
function dropUnusedAntdRules(css: string): string {
  let kept = '';
  let at = 0;
  while (at < css.length) {
    const open = css.indexOf('{', at);
    if (open < 0) return kept + css.slice(at);
    let depth = 1;
    let end = open + 1;
    for (; depth > 0 && end < css.length; end++) {
      if (css[end] === '{') depth++;
      else if (css[end] === '}') depth--;
    }
    const prelude = css.slice(at, open);
    const body = css.slice(open + 1, end - 1);
    if (/^\s*@(?:media|supports|layer)/.test(prelude) && body.includes('{')) {
      const inner = dropUnusedAntdRules(body);
      if (inner.trim() !== '') kept += `${prelude}{${inner}}`;
    } else if (prelude.trimStart().startsWith('@') || !prelude.split(',').every((s) => unusedSelector.test(s))) {
      kept += `${prelude}{${body}}`;
    }
    at = end;
  }
  return kept;
}

/**
 * antd's sheet comes with the first page drawn with antd, after app.css and the plain pages' sheets. In the `antd`
 * cascade layer every unlayered rule of ours wins over it whatever the order the sheets arrive in and whatever
 * antd's selectors weigh (app.css declares the layers' order: its reset below antd).
 */
function antdStaticStyles(): Plugin {
  return {
    name: 'siyi:antd-static-styles',
    enforce: 'pre',
    load(id) {
      if (!/[\\/]antd[\\/]dist[\\/]antd\.css$/.test(id)) return null;
      return `@layer antd{${dropUnusedAntdRules(readFileSync(id, 'utf8'))}}`;
    },
  };
}

/**
 * Moves the build's stylesheets from the head to the end of the body. In the head they hold back every paint until
 * they arrive (antd's is ~45 KB compressed: a second on a slow phone network); at the end of the body they hold back
 * only what follows them, so index.html's static first screen (inline styles) paints at once. The scripts still run
 * after the stylesheets have loaded (a module script waits for the stylesheets before it), so React never draws
 * unstyled.
 */
function stylesheetsAfterFirstScreen(): Plugin {
  return {
    name: 'siyi:stylesheets-after-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const links = html.match(/<link rel="stylesheet"[^>]*>/g) ?? [];
        let moved = html;
        for (const link of links) moved = moved.replace(link, '');
        return moved.replace('</body>', `${links.map((l) => `  ${l}\n`).join('')}  </body>`);
      },
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [antdStaticStyles(), react(), stylesheetsAfterFirstScreen()],
  resolve: { alias: { '@': srcDir } },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: 'http://localhost:3000' } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // .vite/manifest.json: which chunks and stylesheets each page's module needs. The server reads it to name a
    // signed-in user's first screen in index.html (apps/server/src/plugins/first-screen-hints.ts).
    manifest: true,
    target: 'es2022',
    // The echarts chunk (bar + line + grid + tooltip + legend + aria, canvas) is ~500 kB raw, ~140 kB brotli, and
    // loads only with chart pages.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Vendor code changes rarely: separate chunks stay cached across releases of our own code. Only what every
        // page needs is grouped; everything a lazy page alone uses stays in that page's chunks (a group would pull
        // its whole content, e.g. every antd table and tree, into the first page that needs one Select).
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
              // A group takes its modules' dependencies too: react goes first so antd does not swallow react-dom.
              priority: 30,
            },
            { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 20 },
            {
              name: 'antd',
              test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|dayjs|stylis|@emotion)[\\/]/,
              // No first screen draws antd (the shell and the homes use the plain kit): it loads with the first page
              // that does, as one chunk every antd page shares — one download, cached across pages and releases,
              // instead of each page fetching its own slices of it.
              minShareCount: 3,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
