import { z } from 'zod';

/** Most stops one request may plan: a week of a manager's visits with room to spare, and a bounded solve. */
export const ROUTE_MAX_STOPS = 500;
/** Most working days one request may plan. */
export const ROUTE_MAX_DAYS = 7;

/**
 * A wall-clock time of the day, `HH:MM` (24:00 allowed as the end of a day), in the local time of the stops
 * (Asia/Shanghai for Siyi): opening hours are local times, not instants.
 */
export const ClockTime = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/);
export type ClockTime = z.infer<typeof ClockTime>;

/** WGS-84 degrees; NaN and infinities are refused (JSON cannot carry them, and a string is not a number). */
export const RoutePoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type RoutePoint = z.infer<typeof RoutePoint>;

/**
 * Strict objects throughout the request: a misspelt optional field (`serviceMinute`, `windows`) would otherwise be
 * dropped and the plan silently made without it; it is refused at its path instead.
 */
export const RouteStopInput = z.strictObject({
  /** The caller's id for the stop (a retailer id, a visit id), echoed back; unique within the request. */
  id: z
    .string()
    .min(1)
    .max(64)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .regex(/^[^\u0000-\u001F\u007F]*$/),
  ...RoutePoint.shape,
  /** Minutes spent at the stop; default 0. */
  serviceMinutes: z.number().int().min(0).max(720).optional(),
  /** The visit, its service minutes included, must lie within [from, to] (a shop's opening hours, a promise). */
  window: z.tuple([ClockTime, ClockTime]).optional(),
  /** Index into `days` of the only day the stop may be visited on (a visit pinned to a day). */
  day: z
    .number()
    .int()
    .min(0)
    .max(ROUTE_MAX_DAYS - 1)
    .optional(),
});
export type RouteStopInput = z.infer<typeof RouteStopInput>;

export const RouteDayInput = z.strictObject({
  /** Leaving the base; default `startTime`, else 08:30. */
  start: ClockTime.optional(),
  /** Back at the base by; default `endTime`, else 18:00. */
  end: ClockTime.optional(),
  /** At most this many visits that day. */
  maxVisits: z.number().int().min(0).max(ROUTE_MAX_STOPS).optional(),
  /** At most this many minutes from leaving the base to being back. */
  maxMinutes: z.number().int().min(1).max(1440).optional(),
});
export type RouteDayInput = z.infer<typeof RouteDayInput>;

export const RouteOptimizeRequest = z.strictObject({
  /** The manager's base: every day's route leaves from it and comes back to it. */
  start: RoutePoint,
  stops: z.array(RouteStopInput).min(1).max(ROUTE_MAX_STOPS),
  /** A single day's start and end when `days` is absent (defaults 08:30 and 18:00). */
  startTime: ClockTime.optional(),
  endTime: ClockTime.optional(),
  /** The working days of a week plan, each with its own hours and caps; one day when absent. */
  days: z.array(RouteDayInput).min(1).max(ROUTE_MAX_DAYS).optional(),
});
export type RouteOptimizeRequest = z.infer<typeof RouteOptimizeRequest>;

export const routeUnassignedReasons = [
  /** Pinned to a day the request does not have. */
  'no-vehicle',
  /** Every allowed day takes no visits (maxVisits 0). */
  'capacity',
  /** Its window closes before it can be reached, or is shorter than its service minutes. */
  'time-window',
  /** It can be reached, but not visited and the base reached again within the day's hours. */
  'shift',
  /** It fits alone, but the days are full with the others. */
  'no-room',
] as const;
export const RouteUnassignedReason = z.enum(routeUnassignedReasons);
export type RouteUnassignedReason = z.infer<typeof RouteUnassignedReason>;

export const PlannedStop = z.object({
  id: z.string(),
  /** Arrival and departure, `HH:MM` rounded to the minute; the visit starts at `arrival + waitMinutes`. */
  arrival: ClockTime,
  departure: ClockTime,
  waitMinutes: z.number().int(),
});
export type PlannedStop = z.infer<typeof PlannedStop>;

export const PlannedRoute = z.object({
  /** Index into the request's `days`; absent for a one-day request. */
  day: z.number().int().optional(),
  stops: z.array(PlannedStop),
  /** Leaving the base (as late as still makes the first visit on time) and back at the base. */
  leave: ClockTime,
  back: ClockTime,
  meters: z.number().int(),
});
export type PlannedRoute = z.infer<typeof PlannedRoute>;

export const RouteOptimizeResponse = z.object({
  /** One route per day, in day order; a day without visits has no stops. */
  routes: z.array(PlannedRoute),
  /** Stops that could not be planned, with the reason and the reason in the caller's language. */
  unassigned: z.array(z.object({ id: z.string(), reason: RouteUnassignedReason, message: z.string() })),
  totalMeters: z.number().int(),
});
export type RouteOptimizeResponse = z.infer<typeof RouteOptimizeResponse>;
