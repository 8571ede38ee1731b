import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../apps/server/src/testing/free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const repoRoot = new URL('../..', import.meta.url).pathname;
let server: ChildProcess | undefined;
let dataDir: string | undefined;

/**
 * Starts the real server the way a user does (`siyi serve`), on a fresh embedded database in a temporary
 * directory with a small demo city, and hands its URL to the journeys.
 */
export async function setup(project: TestProject): Promise<void> {
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'siyi-e2e-'));
  const output: string[] = [];
  server = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['apps/server/src/cli.ts', 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SIYI_DATA_DIR: dataDir,
      SIYI_DEMO_RETAILERS: '300',
      SIYI_LOGIN_RATE_LIMIT: '1000',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const baseURL = `http://127.0.0.1:${port}`;
  // Five minutes: with several builds and servers running side by side, loading the demo city took over three.
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited during start-up:\n${output.join('')}`);
    try {
      const health = await fetch(`${baseURL}/api/health`);
      if (health.ok && output.join('').includes('is ready')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start in time:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  project.provide('baseURL', baseURL);
}

export async function teardown(): Promise<void> {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
