/**
 * The visit record's draft on this phone. Every change is written to localStorage at once, so a reload, a closed
 * tab or a lost connection loses nothing; the draft is sent (PUT record) when the phone is online again, and marked
 * sent when the server has it. Pure apart from the `Storage` passed in (tests give a Map-backed one).
 */

export interface VisitDraft<R> {
  visitId: number;
  record: R;
  /** When the record was last changed on this phone (ISO-8601). */
  savedAt: string;
  /** When the server last took this draft (ISO-8601); null: never, or changed since. */
  sentAt: string | null;
  /** The visit's version the draft was based on (for the server's optimistic check). */
  baseVersion: number;
}

export type DraftState = 'empty' | 'local' | 'sent';

const PREFIX = 'siyi.visit-draft.v1.';
export const draftKey = (visitId: number) => `${PREFIX}${visitId}`;

/** A stored draft, or null when there is none or it cannot be read (another version's shape, a full disk). */
export function readDraft<R>(storage: Pick<Storage, 'getItem'>, visitId: number): VisitDraft<R> | null {
  let raw: string | null;
  try {
    raw = storage.getItem(draftKey(visitId));
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<VisitDraft<R>>;
    if (
      parsed.visitId !== visitId ||
      typeof parsed.savedAt !== 'string' ||
      typeof parsed.baseVersion !== 'number' ||
      typeof parsed.record !== 'object' ||
      parsed.record === null
    ) {
      return null;
    }
    return {
      visitId,
      record: parsed.record as R,
      savedAt: parsed.savedAt,
      sentAt: typeof parsed.sentAt === 'string' ? parsed.sentAt : null,
      baseVersion: parsed.baseVersion,
    };
  } catch {
    return null;
  }
}

/** Writes the draft; false when the phone refused (storage full or disabled) — the page then says so. */
export function writeDraft<R>(storage: Pick<Storage, 'setItem'>, draft: VisitDraft<R>): boolean {
  try {
    storage.setItem(draftKey(draft.visitId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function removeDraft(storage: Pick<Storage, 'removeItem'>, visitId: number): void {
  try {
    storage.removeItem(draftKey(visitId));
  } catch {
    // nothing to do: a draft that cannot be removed is overwritten by the next visit of the same id (never).
  }
}

/** A change made on the phone: saved now, not yet sent. */
export function changedDraft<R>(draft: VisitDraft<R>, record: R, now: Date): VisitDraft<R> {
  return { ...draft, record, savedAt: now.toISOString(), sentAt: null };
}

/** The server took the draft as it was at `savedAt`; a change made while it was on its way stays unsent. */
export function markSent<R>(draft: VisitDraft<R>, sentSavedAt: string, newVersion: number, now: Date): VisitDraft<R> {
  if (draft.savedAt !== sentSavedAt) return { ...draft, baseVersion: newVersion };
  return { ...draft, sentAt: now.toISOString(), baseVersion: newVersion };
}

export function draftState(draft: VisitDraft<unknown> | null): DraftState {
  if (!draft) return 'empty';
  return draft.sentAt ? 'sent' : 'local';
}

/** True when the draft holds changes the server has not got. */
export function isPending(draft: VisitDraft<unknown> | null): boolean {
  return draft !== null && draft.sentAt === null;
}

/**
 * What the form starts from when the page opens: the phone's unsent draft wins (it is the manager's latest
 * typing, possibly from before a reload or while offline); otherwise the server's record — a sent draft is only
 * a copy of it, and the server's may be newer (edited on another device).
 */
export function startingDraft<R>(
  server: { visitId: number; record: R; version: number },
  local: VisitDraft<R> | null,
  now: Date,
): VisitDraft<R> {
  if (local && isPending(local)) return local;
  return {
    visitId: server.visitId,
    record: server.record,
    savedAt: local?.savedAt ?? now.toISOString(),
    sentAt: now.toISOString(),
    baseVersion: server.version,
  };
}
