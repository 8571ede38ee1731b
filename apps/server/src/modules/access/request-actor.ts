import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error';
import type { Actor } from './actor';

/** The actor behind a request to a route whose access already required a session. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw new AppError('UNAUTHENTICATED');
  return request.auth.actor;
}
