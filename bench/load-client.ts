import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromLoadGenerator, LoadFigures, LoadJob, ToLoadGenerator } from './load-protocol';

const GENERATOR_SCRIPT = fileURLToPath(new URL('./load-generator.ts', import.meta.url));

/** The parent's handle on the load-generator child process: one child, reused for every measurement. */
export class LoadGenerator {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (f: LoadFigures) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: FromLoadGenerator) => {
      if (message.type === 'ready') return;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.type === 'result') waiter.resolve(message.figures);
      else waiter.reject(new Error(`load generator: ${message.message}`));
    });
    child.once('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`load generator exited (code ${code})`));
      this.pending.clear();
    });
  }

  static async start(): Promise<LoadGenerator> {
    // The child runs TypeScript through tsx, resolved here so the bench works from any working directory.
    const child = fork(GENERATOR_SCRIPT, [], {
      execArgv: ['--import', import.meta.resolve('tsx')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromLoadGenerator) => {
        if (message.type !== 'ready') return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve();
      };
      const onExit = (code: number | null) => reject(new Error(`load generator exited during start-up (code ${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
    return new LoadGenerator(child);
  }

  run(job: LoadJob): Promise<LoadFigures> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const message: ToLoadGenerator = { type: 'run', id, job };
      this.child.send(message);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const message: ToLoadGenerator = { type: 'stop' };
    this.child.send(message);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
