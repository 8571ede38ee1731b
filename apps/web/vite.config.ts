import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const srcDir = decodeURIComponent(new URL('./src', import.meta.url).pathname);

export default defineConfig({
  base: '/',
  plugins: [react()],
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
              // Only what the first screen needs (the shell); forms, tables, selects load with the pages using them.
              tags: ['$initial'],
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
