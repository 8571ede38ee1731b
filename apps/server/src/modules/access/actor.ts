import type { Role } from '@siyi/contracts';

/** The signed-in person a service acts for. Services decide scope from this alone. */
export interface Actor {
  readonly id: number;
  readonly role: Role;
  /** Company for admins; the district for supervisors, managers and retailers. */
  readonly orgUnitId: number;
  readonly retailerId: number | null;
}

/** Who may call a route: declared on every /api route (`config.access`) and checked before the handler. */
export type Access = 'public' | 'authenticated' | readonly Role[];
