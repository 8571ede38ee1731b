import type { Database } from '../apps/server/src/db/database';
import {
  DEMO_PASSWORD,
  type DemoCitySummary,
  type DemoLoadProgress,
  loadDemoCity,
} from '../apps/server/src/demo/demo-city.load';
import { hashPassword } from '../apps/server/src/modules/auth/password';

export { DEMO_PASSWORD };

export interface PhaseFigures {
  phase: string;
  /** The time between each of this phase's progress reports and the report before it (any phase's), summed. */
  seconds: number;
  /** The last progress report's figures: the rows (or items) the phase wrote. */
  done: number;
  total: number;
}

export interface DemoLoadFigures {
  /** Wall time of loadDemoCity alone: the password hash is made before the clock starts. */
  seconds: number;
  /** What loadDemoCity says it made. */
  summary: { orgUnits: number; users: number; retailers: number; products: number; orders: number; orderLines: number };
  orderLinesPerSecond: number;
  phases: PhaseFigures[];
  /** From the last progress report to loadDemoCity's return (the commit, for one). */
  afterLastReportSeconds: number;
  /** The demo accounts loadDemoCity reports, as it reports them. */
  demoLogins: DemoCitySummary['demoLogins'];
}

export interface DemoLoadSize {
  retailers: number | undefined;
  weeks: number | undefined;
}

/** Times loadDemoCity on a freshly migrated database, phase by phase, from its progress reports. */
export async function timeDemoLoad(
  database: Database,
  size: DemoLoadSize,
  onPhase: (phase: string) => void,
): Promise<DemoLoadFigures> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Phases in the order first reported; a phase may be reported again later (the loader interleaves some).
  const phases = new Map<string, PhaseFigures>();
  const started = performance.now();
  let lastReport = started;
  const onProgress = (p: DemoLoadProgress) => {
    const now = performance.now();
    let phase = phases.get(p.phase);
    if (!phase) {
      onPhase(p.phase);
      phase = { phase: p.phase, seconds: 0, done: 0, total: 0 };
      phases.set(p.phase, phase);
    }
    // A report says work is done, so the time since the previous report went into this phase.
    phase.seconds += (now - lastReport) / 1000;
    phase.done = p.done;
    phase.total = p.total;
    lastReport = now;
  };
  const summary = await loadDemoCity(database.db, {
    passwordHash,
    onProgress,
    ...(size.retailers !== undefined ? { retailers: size.retailers } : {}),
    ...(size.weeks !== undefined ? { weeks: size.weeks } : {}),
  });
  const finished = performance.now();
  const seconds = (finished - started) / 1000;
  return {
    seconds,
    summary: {
      orgUnits: summary.orgUnits,
      users: summary.users,
      retailers: summary.retailers,
      products: summary.products,
      orders: summary.orders,
      orderLines: summary.orderLines,
    },
    orderLinesPerSecond: summary.orderLines / seconds,
    phases: [...phases.values()],
    afterLastReportSeconds: (finished - lastReport) / 1000,
    demoLogins: summary.demoLogins,
  };
}
