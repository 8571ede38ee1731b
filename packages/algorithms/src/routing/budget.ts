/**
 * The time budget of a search. The clock is injected so that a test can make a run depend on its seed
 * alone (a fake clock that advances per call, or an iteration cap); in production it is `performance.now`.
 */

export type Clock = () => number;

export interface SearchBudget {
  /** Wall-clock milliseconds the improvement phase may use (construction always completes). */
  timeLimitMs?: number;
  /** Stop after this many improvement iterations even if time remains: makes a run reproducible. */
  maxIterations?: number;
  /** Milliseconds from an arbitrary origin; default `performance.now`. */
  clock?: Clock;
  /** Seed of the pseudo-random stream; same seed, same budget consumption ⇒ same answer. */
  seed?: number;
}

export const defaultClock: Clock = () => performance.now();

/** Tracks elapsed time and iterations; reading the clock every call would cost more than a cheap iteration. */
export class Deadline {
  readonly start: number;
  readonly limitMs: number;
  readonly maxIterations: number;
  private readonly clock: Clock;
  iterations = 0;
  private lastElapsed = 0;

  constructor(budget: SearchBudget, defaultLimitMs: number) {
    this.clock = budget.clock ?? defaultClock;
    this.limitMs = budget.timeLimitMs ?? defaultLimitMs;
    this.maxIterations = budget.maxIterations ?? Number.POSITIVE_INFINITY;
    this.start = this.clock();
  }

  /** Counts one iteration and answers whether the search must stop. */
  tick(): boolean {
    this.iterations++;
    if (this.iterations >= this.maxIterations) return true;
    // Read the clock every 8 iterations: cheap enough for the budget to hold within a fraction of a millisecond.
    if ((this.iterations & 7) === 0) this.lastElapsed = this.clock() - this.start;
    return this.lastElapsed >= this.limitMs;
  }

  /** Share of the budget used, in [0, 1]: drives annealing temperatures. */
  progress(): number {
    const byTime = this.limitMs > 0 ? this.lastElapsed / this.limitMs : 1;
    const byIterations = Number.isFinite(this.maxIterations) ? this.iterations / this.maxIterations : 0;
    return Math.min(1, Math.max(byTime, byIterations));
  }
}
