/**
 * The CLI as a user runs it, with real processes: `siyi serve` on a temporary data directory, killed with
 * `kill -9`, its PostgreSQL killed under it, started on a directory of the previous version, and `demo --reset`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './testing/free-port';

const repoRoot = new URL('../../..', import.meta.url).pathname;
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `siyi <args>` in its own Node process (no tsx wrapper process: `kill -9` must hit the app itself). */
function siyi(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SIYI_DEMO: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const chunks: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => chunks.join(''), exited };
}

async function serveUntilReady(dataDir: string, extraEnv: Record<string, string> = {}) {
  const port = await freePort();
  const run = siyi(['serve'], { SIYI_DATA_DIR: dataDir, PORT: String(port), ...extraEnv });
  const deadline = Date.now() + 120_000;
  while (!run.output().includes('is ready')) {
    if (run.child.exitCode !== null) throw new Error(`serve exited:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`serve did not get ready:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { ...run, url: `http://127.0.0.1:${port}` };
}

/** PIDs of postmasters of this cluster: the postgres processes started with `-D <clusterDir>`. */
function postmasters(clusterDir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const zombie = stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
        return !zombie && /postgres$/.test(argv[0] ?? '') && argv[argv.indexOf('-D') + 1] === clusterDir;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Waits for a state, not a speed: the bound only keeps a broken run from hanging (a busy 2-core CI machine
 * starting the embedded PostgreSQL and generating a city can take a while). */
async function eventually(check: () => boolean, what: string) {
  const deadline = Date.now() + 90_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The data directory itself: a directory inside a private mkdtemp one would be out of the database user's reach. */
function tempDataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'siyi-cli-test-'));
  dirs.push(dir);
  return dir;
}

describe('siyi serve on the embedded PostgreSQL', { timeout: 240_000 }, () => {
  it('recovers by itself after kill -9: stops the orphaned PostgreSQL, runs exactly one, and keeps the lock', async () => {
    const dataDir = tempDataDir();
    const clusterDir = join(dataDir, 'postgresql');
    const first = await serveUntilReady(dataDir, { SIYI_DEMO: 'auto', SIYI_DEMO_RETAILERS: '40' });
    // The sign-ins are printed just after the ready line: wait for them rather than race them.
    await expect
      .poll(() => first.output(), { timeout: 10_000 })
      .toMatch(/Demo sign-ins \(演示账号\)[\s\S]*admin[\s\S]*manager1/);
    const [orphan] = postmasters(clusterDir);
    expect(orphan).toBeDefined();

    first.child.kill('SIGKILL');
    await first.exited;
    // The PostgreSQL child outlives its parent.
    expect(postmasters(clusterDir)).toEqual([orphan]);

    const second = await serveUntilReady(dataDir);
    expect(second.output()).toContain(`stopped the embedded PostgreSQL (PID ${orphan}) left by a previous run`);
    const health = await fetch(`${second.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'embedded' });
    const running = postmasters(clusterDir);
    expect(running).toHaveLength(1);
    expect(running).not.toContain(orphan);
    expect(readFileSync(join(dataDir, 'siyi.lock'), 'utf8').split(' ')[0]).toBe(String(second.child.pid));
    // The demo city from the first run is still there: no second load.
    expect(second.output()).not.toContain('loading the demo city');
    await expect.poll(() => second.output(), { timeout: 10_000 }).toContain('Demo sign-ins');

    // A second server on the same directory is refused, and so is resetting the demo data under the running one.
    const intruder = siyi(['serve'], { SIYI_DATA_DIR: dataDir, PORT: String(await freePort()) });
    const reset = siyi(['demo', '--reset'], { SIYI_DATA_DIR: dataDir });
    for (const refused of [intruder, reset]) {
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toContain(`正被另一个 Siyi 进程（PID ${second.child.pid}）使用`);
      expect(refused.output()).toContain(`in use by another Siyi process (PID ${second.child.pid})`);
    }
    expect(postmasters(clusterDir)).toEqual(running);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(postmasters(clusterDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'siyi.lock'))).toBe(false);

    // With no server running, demo --reset discards the data and loads the demo city again.
    const again = siyi(['demo', '--reset'], { SIYI_DATA_DIR: dataDir, SIYI_DEMO_RETAILERS: '40' });
    expect(await again.exited).toBe(0);
    expect(again.output()).toMatch(/Demo city loaded in [\d.]+ s: 40 retailers/);
    expect(again.output()).toContain('Demo sign-ins');
  });

  it('exits non-zero with a message in both languages when its PostgreSQL is killed, holding the lock until then', async () => {
    const dataDir = tempDataDir();
    const clusterDir = join(dataDir, 'postgresql');
    const run = await serveUntilReady(dataDir);
    const [postmaster] = postmasters(clusterDir);
    if (postmaster === undefined) throw new Error('no postmaster');

    process.kill(postmaster, 'SIGKILL');
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('嵌入式 PostgreSQL 意外停止（signal SIGKILL）。Siyi 已停止服务');
    expect(run.output()).toContain(
      'The embedded PostgreSQL stopped unexpectedly (signal SIGKILL). Siyi has stopped serving',
    );
    expect(existsSync(join(dataDir, 'siyi.lock'))).toBe(false);
    await eventually(() => postmasters(clusterDir).length === 0, 'no postmaster is left');

    // The next start recovers the killed cluster.
    const next = await serveUntilReady(dataDir);
    expect((await fetch(`${next.url}/api/health`)).status).toBe(200);
    // A closed terminal (SIGHUP) stops PostgreSQL too, though it runs in its own process group.
    next.child.kill('SIGHUP');
    expect(await next.exited).toBe(0);
    expect(postmasters(clusterDir)).toEqual([]);
  });

  it('stops cleanly on Ctrl-C in the middle of loading the demo city, which then loads afresh', async () => {
    const dataDir = tempDataDir();
    const clusterDir = join(dataDir, 'postgresql');
    const run = siyi(['serve'], {
      SIYI_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      SIYI_DEMO: 'auto',
      SIYI_DEMO_RETAILERS: '3000',
    });
    await eventually(
      // Without a terminal the progress prints a phase when it completes: after `products` come the order lines,
      // the longest phase, so the interrupt lands well before the load's commit.
      () => /products \d/.test(run.output()) || run.child.exitCode !== null,
      'the load is under way',
    );
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output()).not.toContain('Demo city loaded');
    expect(postmasters(clusterDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'siyi.lock'))).toBe(false);

    const next = await serveUntilReady(dataDir, { SIYI_DEMO: 'auto', SIYI_DEMO_RETAILERS: '40' });
    expect(next.output()).toMatch(/Demo city loaded in [\d.]+ s: 40 retailers/);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });

  it('tells the user what to do with a data directory of the previous version (PGlite), and touches nothing', async () => {
    const dataDir = tempDataDir();
    mkdirSync(join(dataDir, 'base'), { recursive: true });
    writeFileSync(join(dataDir, 'PG_VERSION'), '18\n');
    const run = siyi(['serve'], { SIYI_DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('是旧版本（PGlite 嵌入式数据库）留下的');
    expect(run.output()).toContain('was written by the previous version (the PGlite embedded database)');
    expect(run.output()).toContain(`mv "${dataDir}" "${dataDir}.pglite-old" && npm start`);
    expect(readdirSync(dataDir).sort()).toEqual(['PG_VERSION', 'base']);
  });
});
