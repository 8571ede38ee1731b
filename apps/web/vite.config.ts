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
 * index.html preloads the code main.tsx imports on start (app/render-app.tsx: React's DOM renderer, the router and
 * the app's frame). main.tsx asks for it at once, but only once the entry has arrived and run: preloaded here, it
 * downloads beside the entry instead of after it — one round trip less before the first screen on a phone.
 */
function preloadAppCode(): Plugin {
  const module = '/src/app/render-app.tsx';
  return {
    name: 'siyi:preload-app-code',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
        const start = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(module));
        if (!start) throw new Error(`preload-app-code: no chunk for ${module}`);
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          const chunk = chunks.find((item) => item.fileName === fileName);
          for (const imported of chunk?.imports ?? []) visit(imported);
        };
        visit(start.fileName);
        const links = [...files]
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`);
        // Its stylesheets too, like the entry's (paintBeforeScripts loads them all after the first paint): otherwise
        // the import would ask for them only when main.tsx runs, and wait for them.
        const sheets = [...files]
          .flatMap((file) => [...(chunks.find((item) => item.fileName === file)?.viteMetadata?.importedCss ?? [])])
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => `<link rel="stylesheet" crossorigin href="/${file}">`);
        return html
          .replace('</head>', `  ${links.join('\n  ')}\n  </head>`)
          .replace('</body>', `  ${sheets.join('\n  ')}\n  </body>`);
      },
    },
  };
}

/**
 * The scripts are asked for once the first screen is painted, not while index.html is parsed. The page is ~3 KB, so
 * on a real phone they start the same moment either way; but a paint that waits on nothing but the HTML is what a
 * phone's user sees first, and what Lighthouse's simulation counts as first paint (it otherwise charges the first
 * paint with every download that started before it). A small inline loader (its hash is in the server's CSP, see
 * `inlineScriptHashes` in apps/server/src/plugins/web.ts) then adds the session probe, the modulepreloads and, once
 * the stylesheets have loaded (as a parser-inserted module script would wait for them), the entry.
 */
function paintBeforeScripts(): Plugin {
  return {
    name: 'siyi:paint-before-scripts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const entryTag = html.match(/<script type="module" crossorigin src="([^"]+)"><\/script>/);
        if (!entryTag) throw new Error('paint-before-scripts: no entry script in index.html');
        const preloadTags = html.match(/<link rel="modulepreload" crossorigin href="[^"]+">/g) ?? [];
        const sheetTags = html.match(/<link rel="stylesheet" crossorigin href="[^"]+">/g) ?? [];
        const sessionTag = html.match(/<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous" \/>/);
        if (!sessionTag) throw new Error('paint-before-scripts: no session preload in index.html');
        let result = html;
        for (const tag of [entryTag[0], sessionTag[0], ...preloadTags, ...sheetTags]) result = result.replace(tag, '');
        const hrefOf = (tag: string) => tag.match(/href="([^"]+)"/)?.[1];
        const preloads = preloadTags.map(hrefOf);
        const sheets = sheetTags.map(hrefOf);
        const loader = `(function () {
  var entry = ${JSON.stringify(entryTag[1])};
  var preloads = ${JSON.stringify(preloads)};
  var sheets = ${JSON.stringify(sheets)};
  function add(tag, attributes) {
    var element = document.createElement(tag);
    for (var name in attributes) element.setAttribute(name, attributes[name]);
    document.head.appendChild(element);
    return element;
  }
  function start() {
    add('link', { rel: 'preload', href: ${JSON.stringify(sessionTag[1])}, as: 'fetch', crossorigin: 'anonymous' });
    for (var i = 0; i < preloads.length; i++) add('link', { rel: 'modulepreload', crossorigin: '', href: preloads[i] });
    // The app draws only once its stylesheets are in, as a parser-inserted module script would wait for them.
    var pending = sheets.length + 1;
    function loaded() {
      pending -= 1;
      if (pending === 0) add('script', { type: 'module', crossorigin: '', src: entry });
    }
    for (var j = 0; j < sheets.length; j++) {
      var sheet = add('link', { rel: 'stylesheet', crossorigin: '', href: sheets[j] });
      sheet.addEventListener('load', loaded);
      sheet.addEventListener('error', loaded);
    }
    loaded();
  }
  if (document.visibilityState === 'hidden') start();
  else requestAnimationFrame(function () { setTimeout(start, 0); });
})();`;
        return result.replace('<!-- siyi:loader -->', `<script>${loader}</script>`);
      },
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [antdStaticStyles(), react(), preloadAppCode(), paintBeforeScripts()],
  resolve: { alias: { '@': srcDir } },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: 'http://localhost:3000' } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
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
            // React itself is small and the entry needs it (i18n, queries); its DOM renderer and the router are
            // evaluated later, in a task of their own (app/render-app.tsx). A group takes its modules' dependencies
            // too: these go first so antd does not swallow react-dom.
            { name: 'react', test: /[\\/]node_modules[\\/]react[\\/]/, priority: 32 },
            { name: 'react-dom', test: /[\\/]node_modules[\\/](react-dom|scheduler)[\\/]/, priority: 31 },
            { name: 'router', test: /[\\/]node_modules[\\/](react-router|react-router-dom)[\\/]/, priority: 30 },
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
