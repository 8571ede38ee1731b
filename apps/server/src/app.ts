import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type AppConfig, mapTileOrigins } from './config';
import type { Database } from './db/database';
import { createJobQueue, type JobQueue, type JobQueueMode } from './jobs/job-queue';
import { type Clock, systemClock } from './lib/clock';
import { registerListChangeCompaction } from './lib/list-change-compaction';
import { type BlobStorage, defaultStorage } from './lib/storage';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { registerSessionProbeRoute } from './modules/auth/session-probe.routes';
import { registerCampaignRoutes } from './modules/campaigns/campaigns.routes';
import { registerChangeRequestRoutes } from './modules/change-requests/change-requests.routes';
import { concernNotify } from './modules/concerns/concern-notify';
import { registerConcernJobs } from './modules/concerns/concerns.jobs';
import { registerConcernRoutes } from './modules/concerns/concerns.routes';
import { registerDashboardRoutes } from './modules/dashboard/dashboard.routes';
import { registerHealthRoutes } from './modules/health/health.routes';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes';
import { createNotify, type Notify, registerNotificationJobs } from './modules/notifications/notifications.service';
import { channelFromConfig } from './modules/notifications/outbound-channels';
import { registerOrderJobs, registerOrderRoutes } from './modules/orders/orders.routes';
import { registerPhotoRoutes } from './modules/photos/photos.routes';
import { registerRetailerExportRoutes } from './modules/retailer-export/retailer-export.routes';
import { registerRetailerImportRoutes } from './modules/retailer-import/retailer-import.routes';
import { registerHeardConcernRoutes } from './modules/retailers/heard-concerns.routes';
import { registerRetailerProfileRoutes } from './modules/retailers/retailer-profile.routes';
import { registerRetailerRoutes } from './modules/retailers/retailers.routes';
import { registerRouteRoutes } from './modules/routes/routes.routes';
import { registerSuggestionJobs } from './modules/suggestions/suggestions.jobs';
import { registerSuggestionRoutes } from './modules/suggestions/suggestions.routes';
import { registerTerritoryRoutes } from './modules/territory/territory.routes';
import { registerTierRoutes } from './modules/tiers/tiers.routes';
import { registerTimelineRoutes } from './modules/timeline/timeline.routes';
import { registerUserRoutes } from './modules/users/users.routes';
import { registerVisitPlanJobs } from './modules/visit-plans/visit-plans.jobs';
import { registerVisitPlanRoutes } from './modules/visit-plans/visit-plans.routes';
import { registerVisitQualityJobs } from './modules/visit-quality/visit-quality.jobs';
import { registerVisitQualityRoutes } from './modules/visit-quality/visit-quality.routes';
import { registerVisitFollowUpRoutes } from './modules/visits/visit-follow-ups.routes';
import { registerVisitRoutes } from './modules/visits/visits.routes';
import { registerAuth } from './plugins/auth';
import { registerCompression } from './plugins/compression';
import { registerErrorHandling } from './plugins/errors';
import { registerOpenApi } from './plugins/openapi';
import { RequestLogAtDebug } from './plugins/request-log';
import {
  logRedactPaths,
  registerInputHygiene,
  registerSecurityHeaders,
  serializeErrorSafely,
} from './plugins/security';
import { registerWebApp } from './plugins/web';

export type AppInstance = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface AppOptions {
  config: AppConfig;
  database: Database;
  clock?: Clock;
  /** Where the built web app lives; defaults to apps/web/dist. */
  webDist?: string;
  /** Where uploaded files go; defaults to `files/` in the data directory (lib/storage). */
  storage?: BlobStorage;
  /** Where the JSON log goes instead of stdout (tests read it). */
  logStream?: { write(line: string): void };
  /**
   * Background jobs (jobs/job-queue.ts): `run` polls and fires cron schedules (the server); `manual` (default:
   * tests) runs nothing by itself — `app.jobs.runDue()` runs what is due by the app clock.
   */
  jobs?: JobQueueMode;
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
    /** Writes a notification inside a transaction (modules/notifications): for tests and tools. */
    notify: Notify;
  }
}

/** Everything but listening: tests drive the result with app.inject(). */
export async function buildApp(options: AppOptions): Promise<AppInstance> {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: logRedactPaths, censor: '[redacted]' },
      serializers: { err: (error) => serializeErrorSafely(error) },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    // Ids are ours, never taken from the client, and returned in x-request-id for support.
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    logController: new RequestLogAtDebug(),
    bodyLimit: 64 * 1024,
    // X-Forwarded-For is believed only from listed proxies (SIYI_TRUSTED_PROXIES); otherwise from nobody.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // A route that sets its own policy keeps it (a photo is cached privately); every other answer is not stored.
    if (request.url.startsWith('/api') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await registerSecurityHeaders(app, {
    behindHttps: config.behindHttps,
    imageOrigins: mapTileOrigins(config.mapTiles),
  });
  registerInputHygiene(app);
  await registerCompression(app);
  await app.register(cookie);
  const authDeps = { db: database.db, clock, config, behindHttps: config.behindHttps };
  registerAuth(app, authDeps);
  await registerOpenApi(app);

  registerHealthRoutes(app, database);
  registerAuthRoutes(app, authDeps);
  registerSessionProbeRoute(app, { behindHttps: config.behindHttps });
  const jobs = createJobQueue({
    database,
    clock,
    log: app.log.child({ module: 'jobs' }),
    mode: options.jobs ?? 'manual',
  });
  app.decorate('jobs', jobs);
  const deps = { db: database.db, clock, jobs };
  // Notifications: other modules write them inside their own transactions (notify); a job delivers outbound ones.
  const notify = createNotify({ clock, jobs });
  app.decorate('notify', notify);
  registerNotificationRoutes(app, deps);
  registerNotificationJobs(jobs, channelFromConfig(config.notifyChannel));
  registerRetailerImportRoutes(app, deps);
  registerRetailerExportRoutes(app, deps);
  registerRetailerRoutes(app, { ...deps, mapTiles: config.mapTiles });
  registerRetailerProfileRoutes(app, deps);
  registerHeardConcernRoutes(app, { ...deps, notify: concernNotify(notify) });
  registerTimelineRoutes(app, deps);
  registerRouteRoutes(app);
  registerDashboardRoutes(app, deps);
  registerPhotoRoutes(app, { ...deps, storage: options.storage ?? defaultStorage(config) });
  registerChangeRequestRoutes(app, deps);
  const concernDeps = { ...deps, notify: concernNotify(notify), storage: options.storage ?? defaultStorage(config) };
  registerConcernRoutes(app, concernDeps);
  registerConcernJobs(jobs, concernDeps);
  registerVisitRoutes(app, { ...concernDeps, notify, concernNotify: concernDeps.notify });
  registerVisitFollowUpRoutes(app, deps);
  registerTierRoutes(app, deps);
  registerUserRoutes(app, { ...deps, sessionIdleMinutes: config.session.idleMinutes });
  registerTerritoryRoutes(app, { ...deps, concernNotify: concernNotify(notify) });
  registerSuggestionRoutes(app, deps);
  registerSuggestionJobs(jobs, {});
  registerOrderRoutes(app, { ...deps, notify, concernNotify: concernNotify(notify) });
  registerOrderJobs(jobs, { notify, reminderHours: config.orderReminderHours });
  registerVisitQualityRoutes(app, deps);
  registerVisitQualityJobs(jobs);
  registerVisitPlanRoutes(app, { ...deps, mapTiles: config.mapTiles });
  registerVisitPlanJobs(jobs);
  // The lists' version log (lib/list-count-cache.ts) compacted every few minutes.
  registerListChangeCompaction(jobs);
  registerCampaignRoutes(app, { ...deps, storage: options.storage ?? defaultStorage(config) });

  await registerWebApp(app, { webDist: options.webDist });
  // Every module has registered its handlers: the queue starts; closing the app stops it before the database.
  await startJobQueue(app, jobs);
  app.addHook('onClose', () => jobs.stop());
  return app;
}

/**
 * Starts the queue without making the database a condition of the app: when it cannot be reached, the app still
 * answers (health says 503, requests say "unavailable") and the queue is tried again every few seconds until it
 * starts or the app closes. Nothing is lost meanwhile: jobs live in the database, so they wait there.
 */
async function startJobQueue(app: FastifyInstance, jobs: JobQueue, retrySeconds = 5): Promise<void> {
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onClose', async () => {
    closed = true;
    if (timer) clearTimeout(timer);
  });
  const attempt = async (): Promise<void> => {
    try {
      await jobs.start();
    } catch (error) {
      if (closed) return;
      app.log.error(
        { err: { message: (error as Error).message } },
        `background jobs not started (database unreachable); retrying in ${retrySeconds} s`,
      );
      timer = setTimeout(() => void attempt(), retrySeconds * 1000);
      timer.unref();
    }
  };
  await attempt();
}
