import { z } from 'zod';
import { ErrorResponse } from './common';

/** `embedded`: the PostgreSQL Siyi starts on its data directory; `server`: a PostgreSQL server (DATABASE_URL). */
export const DatabaseKind = z.enum(['embedded', 'server']);
export type DatabaseKind = z.infer<typeof DatabaseKind>;

export const HealthResponse = z.object({
  status: z.literal('ok'),
  database: DatabaseKind,
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** 503: the database did not answer. The usual error answer (code SERVICE_UNAVAILABLE), with the health fields. */
export const HealthUnavailableResponse = z.object({
  ...ErrorResponse.shape,
  status: z.literal('unavailable'),
  database: DatabaseKind,
});
export type HealthUnavailableResponse = z.infer<typeof HealthUnavailableResponse>;
