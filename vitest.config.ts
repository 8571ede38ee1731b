import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Three projects: pure code (fast), the server (integration on the embedded PostgreSQL and a PostgreSQL server), browser journeys.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        // The web app's modules import each other as '@/…' (apps/web/vite.config.ts): the same alias for its tests.
        resolve: { alias: { '@': fileURLToPath(new URL('./apps/web/src', import.meta.url)) } },
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
          environment: 'node',
          // Property tests run hundreds of cases; vitest's 5 s default is a speed limit on a loaded 2-core CI machine.
          // The bound only stops a hang — speed is measured by the benchmarks.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One embedded PostgreSQL and one migrated template database per run; each file copies the template.
          globalSetup: ['apps/server/src/testing/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          environment: 'node',
          // One retry for a browser journey: on a loaded 2-core CI machine a journey has failed once by not finding a
          // button that a rerun (and every local run) finds. A journey that fails twice still fails the run; the
          // cause is tracked as a known problem, not hidden (see the stop notes).
          retry: 1,
          testTimeout: 90_000,
          hookTimeout: 240_000,
          // One browser and one server for the whole run: journeys share them through globalSetup.
          fileParallelism: false,
          globalSetup: ['e2e/support/global-setup.ts'],
        },
      },
    ],
  },
});
