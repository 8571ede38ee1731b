import { describe, expect, it } from 'vitest';
import {
  changedDraft,
  draftKey,
  draftState,
  isPending,
  markSent,
  readDraft,
  removeDraft,
  startingDraft,
  type VisitDraft,
  writeDraft,
} from './visit-draft';

function memoryStorage(): Storage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

interface Rec {
  summary: string;
}
const t0 = new Date('2026-12-01T02:00:00Z');
const t1 = new Date('2026-12-01T02:01:00Z');
const t2 = new Date('2026-12-01T02:02:00Z');

describe('the draft on this phone', () => {
  it('survives being written and read back (a reload)', () => {
    const storage = memoryStorage();
    const draft: VisitDraft<Rec> = {
      visitId: 7,
      record: { summary: '陈列整齐' },
      savedAt: t0.toISOString(),
      sentAt: null,
      baseVersion: 3,
    };
    expect(writeDraft(storage, draft)).toBe(true);
    expect(readDraft<Rec>(storage, 7)).toEqual(draft);
    expect(readDraft<Rec>(storage, 8)).toBeNull();
    removeDraft(storage, 7);
    expect(readDraft<Rec>(storage, 7)).toBeNull();
  });

  it('ignores what it cannot read instead of failing the page', () => {
    const storage = memoryStorage();
    storage.setItem(draftKey(7), '{not json');
    expect(readDraft(storage, 7)).toBeNull();
    storage.setItem(draftKey(7), JSON.stringify({ visitId: 8, record: {}, savedAt: 'x', baseVersion: 1 }));
    expect(readDraft(storage, 7)).toBeNull();
    storage.setItem(draftKey(7), JSON.stringify({ visitId: 7, record: null, savedAt: 'x', baseVersion: 1 }));
    expect(readDraft(storage, 7)).toBeNull();
  });

  it('says when the phone refused to store it', () => {
    const full = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(writeDraft(full, { visitId: 1, record: {}, savedAt: '', sentAt: null, baseVersion: 1 })).toBe(false);
  });

  it('is pending after a change and sent once the server took that very change', () => {
    const base: VisitDraft<Rec> = {
      visitId: 7,
      record: { summary: '' },
      savedAt: t0.toISOString(),
      sentAt: t0.toISOString(),
      baseVersion: 3,
    };
    expect(draftState(base)).toBe('sent');
    const changed = changedDraft(base, { summary: 'a' }, t1);
    expect(isPending(changed)).toBe(true);
    expect(draftState(changed)).toBe('local');
    const sent = markSent(changed, changed.savedAt, 4, t2);
    expect(draftState(sent)).toBe('sent');
    expect(sent.baseVersion).toBe(4);
    expect(draftState(null)).toBe('empty');
  });

  it('stays pending when a change came while the previous one was on its way', () => {
    const base: VisitDraft<Rec> = {
      visitId: 7,
      record: { summary: 'a' },
      savedAt: t1.toISOString(),
      sentAt: null,
      baseVersion: 3,
    };
    const later = changedDraft(base, { summary: 'ab' }, t2);
    const answered = markSent(later, base.savedAt, 4, t2);
    expect(isPending(answered)).toBe(true);
    expect(answered.record.summary).toBe('ab');
    expect(answered.baseVersion).toBe(4);
  });
});

describe('where the form starts', () => {
  const server = { visitId: 7, record: { summary: 'server' }, version: 5 };

  it('from the unsent draft: the latest typing wins over the server', () => {
    const local: VisitDraft<Rec> = {
      visitId: 7,
      record: { summary: 'typed offline' },
      savedAt: t1.toISOString(),
      sentAt: null,
      baseVersion: 4,
    };
    expect(startingDraft(server, local, t2)).toBe(local);
  });

  it('from the server when the phone has nothing unsent (the server may be newer)', () => {
    const local: VisitDraft<Rec> = {
      visitId: 7,
      record: { summary: 'old' },
      savedAt: t0.toISOString(),
      sentAt: t1.toISOString(),
      baseVersion: 4,
    };
    const start = startingDraft(server, local, t2);
    expect(start.record).toEqual({ summary: 'server' });
    expect(start.baseVersion).toBe(5);
    expect(isPending(start)).toBe(false);
    expect(isPending(startingDraft(server, null, t2))).toBe(false);
  });
});
