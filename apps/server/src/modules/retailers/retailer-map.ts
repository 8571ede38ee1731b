/**
 * The map of the filtered list (`GET /api/retailers/map`): the matches' positions — all of them up to
 * MAP_POINT_CAP, an even sample past it — and the outline of every county in the caller's scope, drawn as the
 * convex hull of its retailers' positions (the app ships no boundary data of its own), cached per scope.
 */
import { convexHull, type Point2 } from '@siyi/algorithms';
import { MAP_POINT_CAP, type MapOutline, type RetailerMapQuery, type RetailerMapResponse } from '@siyi/contracts';
import { and, asc, type SQL, sql } from 'drizzle-orm';
import type { MapTilesConfig } from '../../config';
import type { Db } from '../../db/database';
import { retailers } from '../../db/schema';
import { countyNames } from '../../reference/divisions';
import type { Actor } from '../access/actor';
import { retailerScope } from '../access/data-scope';
import { retailerListWhere, shanghaiToday } from './retailer-filter-sql';
import type { RetailerDeps } from './retailers.service';

export interface RetailerMapDeps extends RetailerDeps {
  mapTiles: MapTilesConfig | null;
}

/** Outlines change only when shops move or open: recomputed at most this often per scope. */
const OUTLINE_TTL_MS = 10 * 60_000;
const outlineCache = new Map<string, { at: number; outlines: MapOutline[] }>();

function scopeKey(actor: Actor): string {
  return actor.role === 'admin' ? 'admin' : `${actor.role}:${actor.role === 'supervisor' ? actor.orgUnitId : actor.id}`;
}

async function findPoints(db: Db, where: SQL) {
  const [counted] = await db
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(retailers)
    .where(where);
  const total = counted?.total ?? 0;
  // Past the cap, every step-th id: ids are spread evenly over the city, so the sample keeps the map's shape.
  const step = Math.ceil(total / MAP_POINT_CAP);
  const rows = await db
    .select({
      id: retailers.id,
      shopName: retailers.shopName,
      lat: retailers.lat,
      lng: retailers.lng,
      tier: retailers.tier,
      status: retailers.status,
    })
    .from(retailers)
    .where(step > 1 ? and(where, sql`${retailers.id} % ${step}::int = 0`) : where)
    .orderBy(asc(retailers.id))
    .limit(MAP_POINT_CAP);
  return { rows, total, sampled: step > 1 };
}

async function findOutlines(db: Db, scope: SQL, key: string, now: number): Promise<MapOutline[]> {
  const cached = outlineCache.get(key);
  if (cached && now - cached.at < OUTLINE_TTL_MS) return cached.outlines;
  const rows = await db
    .select({ county: retailers.countyCode, lat: retailers.lat, lng: retailers.lng })
    .from(retailers)
    .where(scope);
  const byCounty = new Map<string, Point2[]>();
  for (const r of rows) {
    const list = byCounty.get(r.county) ?? [];
    list.push([r.lng, r.lat]);
    byCounty.set(r.county, list);
  }
  const outlines = [...byCounty]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, points]) => ({
      code,
      name: countyNames[code] ?? code,
      ring: convexHull(points).map(([lng, lat]): [number, number] => [lat, lng]),
    }))
    .filter((o) => o.ring.length >= 3);
  outlineCache.set(key, { at: now, outlines });
  return outlines;
}

export async function mapRetailers(
  deps: RetailerMapDeps,
  actor: Actor,
  query: RetailerMapQuery,
): Promise<RetailerMapResponse> {
  const now = deps.clock.now();
  const scope = retailerScope(actor);
  const where = retailerListWhere(scope, query, shanghaiToday(now));
  const [points, outlines] = await Promise.all([
    findPoints(deps.db, where),
    findOutlines(deps.db, scope, scopeKey(actor), now.getTime()),
  ]);
  return {
    points: points.rows,
    total: points.total,
    sampled: points.sampled,
    outlines,
    tiles: deps.mapTiles,
  };
}
