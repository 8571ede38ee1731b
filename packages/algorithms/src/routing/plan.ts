/**
 * A manager's day or week as a routing problem: visits (stops) with service minutes and opening hours, working
 * days with their own hours and caps, all routes from and back to the manager's base. Times are minutes after
 * midnight of the day they fall on; distances metres. One day is a TSP with time windows; several days are a
 * VRP with time windows whose vehicles are the days. Stops that cannot be fitted come back as unassigned with
 * the reason — never silently dropped.
 */
import { type LatLng, straightLineProvider, type TravelMatrix, type TravelProvider } from './travel';
import { solveVrptw, type UnassignedReason, type VrpCustomer, type VrpOptions, type VrpVehicle } from './vrptw';

export interface PlanStop {
  id: string;
  lat: number;
  lng: number;
  /** Minutes spent at the stop; default 0. */
  serviceMinutes?: number;
  /** The visit, service included, must lie within [from, to] (opening hours, a promised time). */
  window?: readonly [number, number];
  /** Index into `days`: the stop may only be visited on that day. */
  day?: number;
  /** Indices into `days`: the stop may only be visited on one of these (a shop closed on the others); `day` wins. */
  days?: readonly number[];
}

export interface PlanDay {
  /** Leaves the base at `start` and must be back by `end` (minutes after midnight). */
  start: number;
  end: number;
  /** At most this many visits that day. */
  maxVisits?: number;
  /** At most this many minutes from leaving the base to coming back. */
  maxMinutes?: number;
}

export interface PlanRequest {
  base: LatLng;
  stops: readonly PlanStop[];
  days: readonly PlanDay[];
  /**
   * Distances and times with node 0 the base and node i + 1 stop i; when absent, `provider` (default: straight
   * lines × road factor) computes them.
   */
  travel?: TravelMatrix;
  provider?: TravelProvider;
}

export interface PlannedStop {
  id: string;
  /** Arrival, start of the visit (later than arrival when the shop is not open yet) and departure. */
  arrival: number;
  start: number;
  departure: number;
  waitMinutes: number;
}

export interface PlannedRoute {
  day: number;
  stops: PlannedStop[];
  /** Leaving the base (as late as the first visit allows) and back at the base. */
  leave: number;
  back: number;
  meters: number;
  waitMinutes: number;
}

export interface RoutePlan {
  /** One route per day, in day order (a day without visits has an empty route). */
  routes: PlannedRoute[];
  unassigned: { id: string; reason: UnassignedReason }[];
  totalMeters: number;
  iterations: number;
}

/** The budget the plan gets unless told: enough for a week of 100 visits, short for a day's 30. */
export function defaultPlanTimeMs(stops: number): number {
  return Math.min(1500, 60 + 12 * stops);
}

export function planRoutes(request: PlanRequest, options: VrpOptions = {}): RoutePlan {
  const { stops, days } = request;
  const n = stops.length + 1;
  const travel = request.travel ?? (request.provider ?? straightLineProvider()).matrix([request.base, ...stops]);
  if (travel.size !== n) throw new RangeError(`travel matrix is ${travel.size}×${travel.size} for ${n} points`);
  const customers: VrpCustomer[] = stops.map((s, i) => {
    const service = s.serviceMinutes ?? 0;
    const c: VrpCustomer = { node: i + 1, service };
    if (s.window) {
      c.ready = s.window[0];
      // The whole visit must fit in the window: it starts by `to − service` at the latest.
      c.due = s.window[1] - service;
    }
    if (s.day !== undefined) c.vehicles = [s.day];
    else if (s.days !== undefined) c.vehicles = [...s.days];
    return c;
  });
  const vehicles: VrpVehicle[] = days.map((d) => {
    const v: VrpVehicle = { start: 0, end: 0, earliest: d.start, latest: d.end };
    if (d.maxMinutes !== undefined) v.latest = Math.min(d.end, d.start + d.maxMinutes);
    if (d.maxVisits !== undefined) v.maxStops = d.maxVisits;
    return v;
  });
  const result = solveVrptw(
    { size: n, distance: travel.meters, travelTime: travel.minutes, customers, vehicles },
    { timeLimitMs: defaultPlanTimeMs(stops.length), ...options },
  );
  const minutes = travel.minutes;
  const routes: PlannedRoute[] = result.routes.map((r) => {
    const planned: PlannedStop[] = r.customers.map((c, k) => {
      const stop = stops[c] as PlanStop;
      const arrival = r.arrival[k] as number;
      const start = r.start[k] as number;
      return {
        id: stop.id,
        arrival,
        start,
        departure: start + (stop.serviceMinutes ?? 0),
        waitMinutes: start - arrival,
      };
    });
    const first = planned[0];
    if (first) {
      // Leave as late as still reaches the first visit at its start: no waiting outside a shutter at dawn.
      const firstNode = (r.customers[0] as number) + 1;
      const leave = Math.max(r.departure, first.start - (minutes[firstNode] as number));
      first.arrival = leave + (minutes[firstNode] as number);
      first.waitMinutes = first.start - first.arrival;
      return {
        day: r.vehicle,
        stops: planned,
        leave,
        back: r.returnTime,
        meters: r.distance,
        waitMinutes: planned.reduce((a, s) => a + s.waitMinutes, 0),
      };
    }
    return { day: r.vehicle, stops: [], leave: r.departure, back: r.departure, meters: 0, waitMinutes: 0 };
  });
  return {
    routes,
    unassigned: result.unassigned.map((u) => ({ id: (stops[u.customer] as PlanStop).id, reason: u.reason })),
    totalMeters: result.distance,
    iterations: result.iterations,
  };
}
