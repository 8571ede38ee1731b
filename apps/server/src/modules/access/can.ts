import type { Role } from '@siyi/contracts';
import { AppError } from '../../lib/app-error';
import type { Actor } from './actor';

/**
 * What an actor may do, decided in one place (after immich's `checkAccess`). Two questions, always in this order:
 *
 * 1. **Scope** — may the actor see the target at all? That is SQL (`retailerScope` in data-scope.ts), part of every
 *    query; a record outside it is not found, so the answer is 404 and its existence does not leak.
 * 2. **Action** — may the actor do this to a target it can see? That is `can()` below; no is 403.
 *
 * Routes still declare which roles may call them (`config.access`); `can` is the finer rule a service applies to
 * the record in hand. Every new action is added here, with its rule in words.
 */
export const actions = [
  /** See a retailer's record, timeline and history (scope decides which). */
  'retailer.read',
  /** See a retailer's timeline, change history and concerns heard: staff (the retailer sees its own profile only). */
  'retailer.readInternal',
  /** Edit a retailer's profile: its manager, the district's supervisor, an admin. */
  'retailer.update',
  /** Record a concern heard (关注点) or a photo: the same people as update. */
  'retailer.note',
  /** Move retailers to another manager: the district's supervisor (within it), an admin. */
  'retailer.reassign',
  /** Ask for a change to one's own contacts and hours: the retailer. */
  'retailer.requestChange',
  /** Approve or reject a retailer's change request: its manager, the supervisor, an admin. */
  'retailer.decideChange',
  /** Import and export the retailer list: admins; supervisors export their district. */
  'retailer.import',
  'retailer.export',
  /** Raise a concern (诉求): the retailer for itself; its manager, the district's supervisor, an admin for it. */
  'concern.raise',
  /** Accept, work on and resolve a concern: the retailer's manager, the district's supervisor, an admin. */
  'concern.work',
  /** Confirm or reopen a resolution, rate the handling: the retailer whose concern it is. */
  'concern.respond',
  /** Record a call-back (回访) and read the concern figures: the district's supervisor, an admin. */
  'concern.supervise',
  /** Change the SLA hours, auto-close days and reminder lead: admins. */
  'concern.configure',
  /** Compute a tier preview and publish it: admins. */
  'tier.preview',
  'tier.publish',
  /** Set one retailer's tier by hand, with a reason: an admin, the supervisor of the retailer's district. */
  'tier.override',
  /** Create, disable, reset, unlock and move users: admins. */
  'user.manage',
  /** Recompute a retailer's suggested orders now: its manager, the district's supervisor, an admin. */
  'suggestion.recompute',
  /** Give a retailer's stock on hand: the retailer itself, its manager, the district's supervisor, an admin. */
  'suggestion.reportStock',
  /** Read and mark read one's own notifications (the bell): everyone; scope is the notification's user. */
  'notification.read',
  /** See the development outbox (what SMS / WeChat would have sent): admins. */
  'notification.outbox',
  /** Write product knowledge, create and change campaigns, their items and the managers' stock: admins. */
  'campaign.manage',
  /** Read campaigns and their funnel (scope: the campaigns reaching one's retailers): staff. */
  'campaign.read',
  /** Export a campaign's funnel: admins, supervisors (their district). */
  'campaign.export',
  /** Introduce a campaign product to a retailer, and give it a gift from one's stock: the retailer's own manager. */
  'campaign.introduce',
  'gift.issue',
  /** Leave feedback on a campaign product, confirm a gift received: the retailer itself. */
  'campaign.feedback',
  'gift.confirm',
  /** Take a gift back into stock: the manager who gave it, an admin. */
  'gift.return',
] as const;
export type Action = (typeof actions)[number];

/** The record an action is about, as far as the rule needs it (scope has already found it). */
export interface AccessTarget {
  /** The retailer's (or user's) district. */
  districtId?: number;
  /** The retailer's customer manager. */
  managerId?: number | null;
  /** The retailer itself, for a retailer's own requests. */
  retailerId?: number;
}

const rules: Record<Action, (actor: Actor, target: AccessTarget) => boolean> = {
  'retailer.read': () => true,
  'retailer.readInternal': (actor) => actor.role !== 'retailer',
  'retailer.update': (actor, target) => isStaffResponsibleFor(actor, target),
  'retailer.note': (actor, target) => isStaffResponsibleFor(actor, target),
  'retailer.reassign': (actor, target) =>
    actor.role === 'admin' || (actor.role === 'supervisor' && target.districtId === actor.orgUnitId),
  'retailer.requestChange': (actor, target) =>
    actor.role === 'retailer' && actor.retailerId !== null && actor.retailerId === target.retailerId,
  'retailer.decideChange': (actor, target) => isStaffResponsibleFor(actor, target),
  'retailer.import': (actor) => actor.role === 'admin',
  'retailer.export': (actor) => actor.role === 'admin' || actor.role === 'supervisor',
  'concern.raise': (actor, target) =>
    isStaffResponsibleFor(actor, target) ||
    (actor.role === 'retailer' && actor.retailerId !== null && actor.retailerId === target.retailerId),
  'concern.work': (actor, target) => isStaffResponsibleFor(actor, target),
  'concern.respond': (actor, target) =>
    actor.role === 'retailer' && actor.retailerId !== null && actor.retailerId === target.retailerId,
  'concern.supervise': (actor, target) =>
    actor.role === 'admin' ||
    (actor.role === 'supervisor' && (target.districtId === undefined || target.districtId === actor.orgUnitId)),
  'concern.configure': (actor) => actor.role === 'admin',
  'tier.preview': (actor) => actor.role === 'admin',
  'tier.publish': (actor) => actor.role === 'admin',
  'tier.override': (actor, target) =>
    actor.role === 'admin' || (actor.role === 'supervisor' && target.districtId === actor.orgUnitId),
  'user.manage': (actor) => actor.role === 'admin',
  'suggestion.recompute': (actor, target) => isStaffResponsibleFor(actor, target),
  'suggestion.reportStock': (actor, target) =>
    isStaffResponsibleFor(actor, target) ||
    (actor.role === 'retailer' && actor.retailerId !== null && actor.retailerId === target.retailerId),
  'notification.read': () => true,
  'notification.outbox': (actor) => actor.role === 'admin',
  'campaign.manage': (actor) => actor.role === 'admin',
  'campaign.read': (actor) => actor.role !== 'retailer',
  'campaign.export': (actor) => actor.role === 'admin' || actor.role === 'supervisor',
  'campaign.introduce': (actor, target) => actor.role === 'manager' && target.managerId === actor.id,
  'gift.issue': (actor, target) => actor.role === 'manager' && target.managerId === actor.id,
  'campaign.feedback': (actor, target) => isRetailerItself(actor, target),
  'gift.confirm': (actor, target) => isRetailerItself(actor, target),
  'gift.return': (actor, target) =>
    actor.role === 'admin' || (actor.role === 'manager' && target.managerId === actor.id),
};

/** The retailer acting for itself. */
function isRetailerItself(actor: Actor, target: AccessTarget): boolean {
  return actor.role === 'retailer' && actor.retailerId !== null && actor.retailerId === target.retailerId;
}

/** An admin; the supervisor of the target's district; the target's own customer manager. */
function isStaffResponsibleFor(actor: Actor, target: AccessTarget): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'supervisor':
      return target.districtId === actor.orgUnitId;
    case 'manager':
      return target.managerId === actor.id;
    case 'retailer':
      return false;
    default: {
      const unreachable: never = actor.role;
      throw new Error(`unknown role ${String(unreachable)}`);
    }
  }
}

export function can(actor: Actor, action: Action, target: AccessTarget = {}): boolean {
  return rules[action](actor, target);
}

/** `can`, or a 403 FORBIDDEN. Call it after the scoped read found the target (else the answer is 404). */
export function assertCan(actor: Actor, action: Action, target: AccessTarget = {}): void {
  if (!can(actor, action, target)) throw new AppError('FORBIDDEN');
}

/** The roles that may ever perform an action, for a route's `config.access` (the record-level rule still applies). */
export function rolesThatMay(action: Action): readonly Role[] {
  const probes: Record<Role, Actor> = {
    admin: { id: -1, role: 'admin', orgUnitId: -1, retailerId: null },
    supervisor: { id: -1, role: 'supervisor', orgUnitId: -1, retailerId: null },
    manager: { id: -1, role: 'manager', orgUnitId: -1, retailerId: null },
    retailer: { id: -1, role: 'retailer', orgUnitId: -1, retailerId: -1 },
  };
  const permissive: AccessTarget = { districtId: -1, managerId: -1, retailerId: -1 };
  return (Object.keys(probes) as Role[]).filter((role) => can(probes[role], action, permissive));
}
