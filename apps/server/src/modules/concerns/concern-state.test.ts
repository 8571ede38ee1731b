import { type ConcernActorKind, type ConcernStatus, concernStatuses } from '@siyi/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedTargets, apply, type ConcernState, decide, invariantViolations, isFinal } from './concern-state';

const start = new Date('2026-11-26T02:00:00Z');
const fresh = (): ConcernState => ({
  status: 'new',
  dueAt: new Date(start.getTime() + 24 * 3_600_000),
  remindedAt: null,
  escalatedAt: null,
  firstResolvedAt: null,
  resolvedAt: null,
  resolution: null,
  closedAt: null,
  closedBy: null,
  reopenCount: 0,
});

const actorKinds: ConcernActorKind[] = ['staff', 'retailer', 'system'];
const command = fc.record({
  to: fc.constantFrom(...concernStatuses),
  by: fc.constantFrom(...actorKinds),
  note: fc.oneof(fc.constant(''), fc.constant('   '), fc.string({ maxLength: 20 })),
  minutes: fc.integer({ min: 0, max: 10_000 }),
});

describe('the concern state machine', () => {
  it('reaches no illegal state by any sequence of calls, and only the retailer confirms or reopens', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        let state = fresh();
        let at = start;
        for (const { to, by, note, minutes } of commands) {
          at = new Date(at.getTime() + minutes * 60_000);
          const before = state;
          const decision = decide(state.status, to, by, note);
          if (!decision.ok) {
            // A refusal changes nothing, and apply refuses the same move.
            expect(() => apply(state, to, by, note, at, 24)).toThrow();
            continue;
          }
          state = apply(state, to, by, note, at, 24);
          expect(invariantViolations(state)).toEqual([]);
          expect(isFinal(before.status)).toBe(false);
          if (to === 'confirmed' || to === 'reopened') expect(by).toBe('retailer');
          if (to === 'closed') expect(by).toBe('system');
          if (to === 'accepted' || to === 'in_progress' || to === 'resolved') expect(by).toBe('staff');
          if (to === 'resolved' || to === 'reopened') expect(note.trim()).not.toBe('');
          if (to === 'reopened') expect(state.dueAt.getTime()).toBe(at.getTime() + 24 * 3_600_000);
        }
        expect(invariantViolations(state)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves no way out of a final state', () => {
    for (const status of ['confirmed', 'closed'] as ConcernStatus[]) {
      for (const to of concernStatuses) {
        for (const by of actorKinds) expect(decide(status, to, by, 'note').ok).toBe(false);
      }
    }
  });

  it('names why a move is refused: another party’s move, a missing note, or no such move', () => {
    expect(decide('resolved', 'confirmed', 'staff', '')).toEqual({ ok: false, refusal: 'wrong_actor' });
    expect(decide('resolved', 'reopened', 'staff', 'why')).toEqual({ ok: false, refusal: 'wrong_actor' });
    expect(decide('in_progress', 'resolved', 'staff', '  ')).toEqual({ ok: false, refusal: 'note_required' });
    expect(decide('resolved', 'reopened', 'retailer', '')).toEqual({ ok: false, refusal: 'note_required' });
    expect(decide('new', 'resolved', 'staff', 'done')).toEqual({ ok: false, refusal: 'illegal' });
    expect(decide('new', 'confirmed', 'retailer', '')).toEqual({ ok: false, refusal: 'illegal' });
    expect(decide('in_progress', 'resolved', 'staff', 'done')).toEqual({ ok: true });
  });

  it('offers each party exactly its own moves', () => {
    expect(allowedTargets('new', 'staff')).toEqual(['accepted']);
    expect(allowedTargets('new', 'retailer')).toEqual([]);
    expect(allowedTargets('resolved', 'retailer')).toEqual(['confirmed', 'reopened']);
    expect(allowedTargets('resolved', 'staff')).toEqual([]);
    expect(allowedTargets('reopened', 'staff')).toEqual(['in_progress', 'resolved']);
  });
});
