/**
 * The concern's flow as a pure state machine: no database, no clock of its own. The service asks `decide` whether
 * a move is allowed and `apply` what the record becomes; the property test (concern-state.test.ts) drives both
 * with random sequences and checks that no sequence reaches an illegal state.
 *
 *   new → accepted → in_progress → resolved → confirmed            (the retailer; final)
 *                 ↘──────────────↗         ↘ reopened → in_progress / resolved → …   (the retailer, with a reason)
 *                                          ↘ closed                (the system after N days unconfirmed; final)
 */
import {
  type ConcernActorKind,
  type ConcernClosedBy,
  type ConcernStatus,
  concernTransitions,
  finalConcernStatuses,
} from '@siyi/contracts';

/** The part of a concern the flow reads and writes. */
export interface ConcernState {
  status: ConcernStatus;
  dueAt: Date;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  firstResolvedAt: Date | null;
  resolvedAt: Date | null;
  resolution: string | null;
  closedAt: Date | null;
  closedBy: ConcernClosedBy | null;
  reopenCount: number;
}

export type Refusal =
  /** No move to `to` from the current state (409 ILLEGAL_TRANSITION). */
  | 'illegal'
  /** The move exists but is another party's (403): only the retailer confirms or reopens; only staff work it. */
  | 'wrong_actor'
  /** Resolving needs the resolution, reopening the reason (400). */
  | 'note_required';

export type Decision = { ok: true } | { ok: false; refusal: Refusal };

export const isFinal = (status: ConcernStatus): boolean => (finalConcernStatuses as readonly string[]).includes(status);

/** Whether `by` may move a concern in `status` to `to` with `note` (trimmed), and if not, why. */
export function decide(status: ConcernStatus, to: ConcernStatus, by: ConcernActorKind, note: string): Decision {
  const rule = concernTransitions.find((t) => t.to === to && t.from.includes(status));
  if (!rule) return { ok: false, refusal: 'illegal' };
  if (rule.by !== by) return { ok: false, refusal: 'wrong_actor' };
  if (rule.note && note.trim() === '') return { ok: false, refusal: 'note_required' };
  return { ok: true };
}

/** The states `by` may move a concern in `status` to (the UI's buttons). */
export function allowedTargets(status: ConcernStatus, by: ConcernActorKind): ConcernStatus[] {
  return concernTransitions.filter((t) => t.by === by && t.from.includes(status)).map((t) => t.to);
}

/**
 * The record after an allowed move at `at`. `slaHours` is the category's SLA: reopening starts a new due time
 * (and a new reminder and escalation). Throws if the move is not allowed: call `decide` first.
 */
export function apply(
  state: ConcernState,
  to: ConcernStatus,
  by: ConcernActorKind,
  note: string,
  at: Date,
  slaHours: number,
): ConcernState {
  const decision = decide(state.status, to, by, note);
  if (!decision.ok) throw new Error(`refused ${state.status} → ${to} by ${by}: ${decision.refusal}`);
  const next: ConcernState = { ...state, status: to };
  switch (to) {
    case 'resolved':
      next.resolution = note.trim();
      next.resolvedAt = at;
      next.firstResolvedAt = state.firstResolvedAt ?? at;
      break;
    case 'confirmed':
      next.closedAt = at;
      next.closedBy = 'confirmed';
      break;
    case 'closed':
      next.closedAt = at;
      next.closedBy = 'auto';
      break;
    case 'reopened':
      next.reopenCount = state.reopenCount + 1;
      next.dueAt = new Date(at.getTime() + slaHours * 3_600_000);
      next.remindedAt = null;
      next.escalatedAt = null;
      break;
    default:
      break;
  }
  return next;
}

/** What must hold of every concern, whatever happened to it (the property test's invariant; the table's checks). */
export function invariantViolations(state: ConcernState): string[] {
  const problems: string[] = [];
  const resolvedOnce = ['resolved', 'confirmed', 'closed'].includes(state.status);
  if (resolvedOnce && (!state.resolution || state.resolvedAt === null)) problems.push('resolved without a note');
  if (state.status === 'confirmed' && (state.closedBy !== 'confirmed' || state.closedAt === null))
    problems.push('confirmed without closedBy confirmed');
  if (state.status === 'closed' && (state.closedBy !== 'auto' || state.closedAt === null))
    problems.push('closed without closedBy auto');
  if (!isFinal(state.status) && (state.closedBy !== null || state.closedAt !== null))
    problems.push('open but marked closed');
  if (state.status === 'reopened' && state.reopenCount < 1) problems.push('reopened without a count');
  if (state.resolvedAt !== null && state.firstResolvedAt === null) problems.push('resolved without a first time');
  return problems;
}
