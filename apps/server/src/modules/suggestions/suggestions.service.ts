import { weekOf } from '@siyi/algorithms';
import {
  type Locale,
  type RecomputeSuggestionsBody,
  type RecomputeSuggestionsResponse,
  type StockReportBody,
  type Suggestion,
  SuggestionFigures,
  type SuggestionQuery,
  suggestionMessages,
  suggestionReason,
} from '@siyi/contracts';
import type { Db } from '../../db/database';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import { firstOrderCandidates } from '../campaigns/campaign-targets';
import {
  type ComputedSuggestion,
  type ComputeInputs,
  createSuggester,
  DEFAULT_SUGGESTION_PARAMETERS,
  type FestivalProfiles,
  firstOrdersOf,
  fitFestivalProfiles,
  SUGGESTION_MODEL_VERSION,
  type SuggestionParameters,
  suggestionWindow,
} from './suggestion-compute';
import { type Offers, offersOfOrderingWeek, withinOffer } from './suggestion-offers';
import * as repo from './suggestions.repository';

export interface SuggestionDeps {
  db: Db;
  clock: Clock;
  /** The method's settings; the defaults unless a test or the benchmark says otherwise. */
  parameters?: SuggestionParameters;
}

export interface RequestContext {
  actor: Actor;
  requestId: string;
  locale: Locale;
}

export const suggestionFieldMessages = {
  weekInFuture: 'suggestions.weekInFuture',
  weekNotCurrent: 'suggestions.weekNotCurrent',
} as const;

export interface RunResult {
  runId: number;
  week: string;
  retailerCount: number;
  rows: ComputedSuggestion[];
  /** Milliseconds spent reading, computing and writing (for the benchmark's breakdown). */
  timings: { readMs: number; computeMs: number; computeCpuMs: number; writeMs: number };
}

type Target = { scope: 'city' } | { scope: 'retailer'; retailer: repo.RetailerForSuggestion };

const NO_FESTIVAL: FestivalProfiles = { gift: null, everyday: null };
/** Retailers computed per part of a run (about 6,000 rows in the demo city). */
const RETAILERS_PER_PART = 500;

/**
 * Computes and stores the suggestions of one ordering week, for the whole city or one retailer, in one
 * transaction: the week's rows of those retailers are replaced (so a recompute is idempotent), the run records the
 * model version and settings, each row its history and figures.
 */
export async function computeAndStore(
  deps: SuggestionDeps,
  target: Target,
  week: string,
  trigger: { kind: 'schedule' } | { kind: 'request'; actor: Actor; requestId?: string; audit: boolean },
  /** The command's own transaction, when the run is part of a larger command (a stock report). */
  outer?: Tx,
): Promise<RunResult> {
  const parameters = deps.parameters ?? DEFAULT_SUGGESTION_PARAMETERS;
  const window = suggestionWindow(week, parameters.historyWeeks);
  const startedAt = deps.clock.now();
  const run = (work: (tx: Tx) => Promise<RunResult>) => (outer ? work(outer) : inTransaction(deps.db, work));
  return run(async (tx) => {
    await repo.lockWeek(tx, week);
    const t0 = performance.now();
    const stockSince = new Date(startedAt.getTime() - parameters.stockMaxAgeDays * 86_400_000);
    const products = await repo.readProducts(tx);
    const limits = await repo.readLimits(tx);
    let inputs: ComputeInputs;
    let festival: FestivalProfiles = NO_FESTIVAL;
    if (target.scope === 'city') {
      await repo.allowLongStatements(tx);
      const retailers = await repo.findActiveRetailers(tx);
      const series = await repo.readSeries(tx, window, null);
      const stock = await repo.readStock(tx, stockSince, null);
      if (parameters.festival) festival = fitFestivalProfiles(series, window, products);
      const shops = new Map(retailers.map((r) => [r.id, r]));
      const campaigns = await firstOrderCandidates(
        tx,
        retailers.map((r) => r.id),
        startedAt,
      );
      inputs = {
        window,
        parameters,
        retailers,
        series,
        priorSeries: series,
        priorShops: shops,
        stock,
        limits,
        products,
        festival,
        campaigns,
        firstOrders: campaigns.length > 0 ? firstOrdersOf(series, shops) : [],
      };
    } else {
      const { retailer } = target;
      const series = await repo.readSeries(tx, window, [retailer.id]);
      const stock = await repo.readStock(tx, stockSince, [retailer.id]);
      // A prior is needed for the series younger than the forecaster's threshold: read the same products in
      // other shops (only those products, not the city).
      const until = parameters.forecast.priorUntil;
      const shopFirst = Math.min(window.weeks, ...series.map((s) => s.weeks[0] ?? window.weeks));
      const young = series
        .filter((s) => window.weeks - shopFirst < until || window.weeks - (s.weeks[0] ?? 0) < until)
        .map((s) => s.productId);
      const prior = await repo.readPriorSeries(tx, window, young, retailer.id);
      // Festival terms come from the week's city run, whose profiles were fitted on the whole city.
      const city = parameters.festival ? await repo.findLatestCityRun(tx, week) : undefined;
      if (city?.parameters.festivalProfiles) festival = city.parameters.festivalProfiles as FestivalProfiles;
      // A campaign's products the shop never ordered: the first orders of those products in the city, and of every
      // product only when one of them has none yet (the fallback prior), as the city run finds them.
      const campaigns = retailer.status === 'active' ? await firstOrderCandidates(tx, [retailer.id], startedAt) : [];
      const wanted = [...new Set(campaigns.map((c) => c.productId))];
      let firstOrders = await repo.readFirstOrders(tx, window, wanted);
      if (wanted.some((id) => !firstOrders.some((f) => f.productId === id))) {
        firstOrders = await repo.readFirstOrders(tx, window, null);
      }
      inputs = {
        window,
        parameters,
        retailers: retailer.status === 'active' ? [retailer] : [],
        series,
        priorSeries: prior.rows,
        priorShops: prior.shops,
        stock,
        limits,
        products,
        festival,
        campaigns,
        firstOrders,
      };
    }
    const t1 = performance.now();
    const retailerIds = target.scope === 'city' ? null : [target.retailer.id];
    const runId = await repo.insertRun(tx, {
      scope: target.scope,
      retailerId: target.scope === 'retailer' ? target.retailer.id : null,
      districtId: target.scope === 'retailer' ? target.retailer.districtId : null,
      weekStart: week,
      modelVersion: SUGGESTION_MODEL_VERSION,
      parameters: {
        ...parameters,
        fromWeek: window.fromWeek,
        toWeek: window.toWeek,
        festivalProfiles: festival,
      },
      retailerCount: inputs.retailers.length,
      suggestionCount: 0,
      trigger: trigger.kind,
      requestedByUserId: trigger.kind === 'request' ? trigger.actor.id : null,
      startedAt,
      finishedAt: startedAt,
    });
    await repo.deleteWeek(tx, week, retailerIds);
    // Computed a part of the retailers at a time, each part written while the next is computed: the database
    // works on one core while the forecasts run on the other.
    const suggest = createSuggester(inputs);
    const rows: ComputedSuggestion[] = [];
    const stored = { runId, week, modelVersion: SUGGESTION_MODEL_VERSION, computedAt: startedAt };
    let pending: Promise<void> = Promise.resolve();
    let computeMs = 0;
    let computeCpuMs = 0;
    for (let i = 0; i < inputs.retailers.length; i += RETAILERS_PER_PART) {
      const c0 = performance.now();
      const cpu0 = process.cpuUsage();
      const part = suggest(inputs.retailers.slice(i, i + RETAILERS_PER_PART));
      const cpu = process.cpuUsage(cpu0);
      computeCpuMs += (cpu.user + cpu.system) / 1000;
      computeMs += performance.now() - c0;
      for (const row of part) rows.push(row);
      await pending;
      const writing = repo.insertSuggestions(tx, stored, part);
      // Handled when awaited (next part, or after the loop); this keeps an early failure from going unobserved.
      writing.catch(() => {});
      pending = writing;
      // Lets the statement reach the database before the next part's computation holds the event loop.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await pending;
    await repo.finishRun(tx, runId, rows.length, deps.clock.now());
    if (trigger.kind === 'request' && trigger.audit && target.scope === 'retailer') {
      await recordAudit(
        tx,
        { actor: trigger.actor, at: startedAt, requestId: trigger.requestId },
        {
          entityType: 'retailer',
          entityId: target.retailer.id,
          action: 'suggestions.recomputed',
          after: { week, runId, modelVersion: SUGGESTION_MODEL_VERSION, suggestions: rows.length },
          districtId: target.retailer.districtId,
        },
      );
    }
    const t3 = performance.now();
    return {
      runId,
      week,
      retailerCount: inputs.retailers.length,
      rows,
      timings: { readMs: t1 - t0, computeMs, computeCpuMs, writeMs: t3 - t1 - computeMs },
    };
  });
}

/**
 * A stored suggestion in the reader's language, within what the retailer's ordering week offers (null: not offered,
 * left out); `offers` null shows it as stored.
 */
function toDto(row: repo.StoredSuggestion, locale: Locale, offers: Offers | null): Suggestion | null {
  const parsed = SuggestionFigures.safeParse(row.inputs.figures);
  const shown = withinOffer(
    { quantity: row.quantity, low: row.low, high: row.high, figures: parsed.success ? parsed.data : null },
    offers,
    row.productId,
  );
  if (!shown) return null;
  return {
    productId: row.productId,
    productName: row.productName,
    quantity: shown.quantity,
    low: shown.low,
    high: shown.high,
    reason: shown.figures ? suggestionReason(shown.figures, locale) : '',
    method: row.method,
  };
}

/**
 * The week's stored suggestions as the retailer is told them: for the current week, within the published supply
 * strategy of the week it orders for (the order page's own rules), the largest first; a past week as stored.
 */
async function shownSuggestions(
  deps: SuggestionDeps,
  retailerId: number,
  week: string,
  locale: Locale,
): Promise<Suggestion[]> {
  const rows = await repo.findSuggestions(deps.db, retailerId, week);
  const offers = week === currentWeek(deps) ? await offersOfOrderingWeek(deps.db, retailerId, deps.clock.now()) : null;
  const out: Suggestion[] = [];
  for (const row of rows) {
    const dto = toDto(row, locale, offers);
    if (dto) out.push(dto);
  }
  // A cap may change the order: the largest first again, then as stored (by name).
  return offers === null
    ? out
    : out
        .map((s, i) => ({ s, i }))
        .sort((a, b) => b.s.quantity - a.s.quantity || a.i - b.i)
        .map((x) => x.s);
}

/** The current ordering week at `now` (Asia/Shanghai): the week whose order is being placed. */
function currentWeek(deps: SuggestionDeps): string {
  return weekOf(deps.clock.now());
}

async function retailerInScope(db: Db | Tx, actor: Actor, retailerId: number) {
  const retailer = await repo.findRetailerInScope(db, retailerScope(actor), retailerId);
  if (!retailer) throw notFound();
  return retailer;
}

/**
 * A retailer's suggestions for a week (default: the current one), in the caller's language. Out of scope 404.
 * The current week is computed on first sight when no run has covered the retailer yet (a shop added since the
 * city job); a past week shows what was stored, as it was; a future week cannot be suggested yet (400).
 */
export async function getSuggestions(
  deps: SuggestionDeps,
  context: RequestContext,
  query: SuggestionQuery,
): Promise<Suggestion[]> {
  const retailer = await retailerInScope(deps.db, context.actor, query.retailerId);
  const now = currentWeek(deps);
  const week = query.week ?? now;
  if (week > now) throw new AppError('VALIDATION_FAILED', { week: suggestionFieldMessages.weekInFuture });
  if (week === now && !(await repo.hasRunFor(deps.db, retailer.id, week))) {
    await computeAndStore(deps, { scope: 'retailer', retailer }, week, {
      kind: 'request',
      actor: context.actor,
      audit: false,
    });
  }
  return shownSuggestions(deps, retailer.id, week, context.locale);
}

/**
 * Recomputes one retailer's suggestions for the current week now (its manager, the district's supervisor, an
 * admin), audited. Idempotent: the week's rows are replaced, and the same inputs give the same rows.
 */
export async function recomputeSuggestions(
  deps: SuggestionDeps,
  context: RequestContext,
  body: RecomputeSuggestionsBody,
): Promise<RecomputeSuggestionsResponse> {
  const { actor } = context;
  const retailer = await retailerInScope(deps.db, actor, body.retailerId);
  assertCan(actor, 'suggestion.recompute', retailer);
  const week = currentWeek(deps);
  if (body.week !== undefined && body.week !== week) {
    throw new AppError('VALIDATION_FAILED', { week: suggestionFieldMessages.weekNotCurrent });
  }
  const run = await computeAndStore(deps, { scope: 'retailer', retailer }, week, {
    kind: 'request',
    actor,
    requestId: context.requestId,
    audit: true,
  });
  return {
    runId: run.runId,
    week,
    modelVersion: SUGGESTION_MODEL_VERSION,
    items: await shownSuggestions(deps, retailer.id, week, context.locale),
  };
}

/**
 * The weekly city job: once a week has closed, every active retailer's suggestions for the new week. A job may
 * run more than once (a retry, `runDue`): a week the city run already covered is left as it is.
 */
export async function runCityWeek(deps: SuggestionDeps): Promise<RunResult | null> {
  const week = currentWeek(deps);
  if (await repo.findLatestCityRun(deps.db, week)) return null;
  return computeAndStore(deps, { scope: 'city' }, week, { kind: 'schedule' });
}

/**
 * The retailer gives its stock on hand (or its staff count it on a visit): the latest count per product is kept,
 * and the current week's suggestions are recomputed with it in the same transaction, so the answer already
 * subtracts it; the count is audited (who gave it, for which week, the run it fed). Products must be ones the catalogue knows (400 per item otherwise). Out of scope 404.
 */
export async function reportStock(
  deps: SuggestionDeps,
  context: RequestContext,
  body: StockReportBody,
): Promise<RecomputeSuggestionsResponse> {
  const { actor } = context;
  const retailer = await retailerInScope(deps.db, actor, body.retailerId);
  assertCan(actor, 'suggestion.reportStock', { ...retailer, retailerId: retailer.id });
  const known = await repo.readProducts(deps.db);
  const unknown = Object.fromEntries(
    body.items.flatMap((item, i) =>
      known.has(item.productId) ? [] : [[`items.${i}.productId`, suggestionMessages.unknownProduct]],
    ),
  );
  if (Object.keys(unknown).length > 0) throw new AppError('VALIDATION_FAILED', unknown);
  const week = currentWeek(deps);
  const at = deps.clock.now();
  const run = await inTransaction(deps.db, async (tx) => {
    await repo.upsertStock(
      tx,
      body.items.map((item) => ({
        retailerId: retailer.id,
        productId: item.productId,
        districtId: retailer.districtId,
        cartons: item.cartons,
        reportedAt: at,
        reportedByUserId: actor.id,
      })),
    );
    const result = await computeAndStore(
      deps,
      { scope: 'retailer', retailer },
      week,
      { kind: 'request', actor, requestId: context.requestId, audit: false },
      tx,
    );
    // The count replaces the last one per product: the trail keeps every count, who gave it and what it changed.
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'retailer',
        entityId: retailer.id,
        action: 'suggestions.stockReported',
        after: { week, runId: result.runId, items: body.items },
        districtId: retailer.districtId,
      },
    );
    return result;
  });
  return {
    runId: run.runId,
    week,
    modelVersion: SUGGESTION_MODEL_VERSION,
    items: await shownSuggestions(deps, retailer.id, week, context.locale),
  };
}
