import type { VisitDetail, VisitRecord } from '@siyi/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/api/api-client';
import {
  changedDraft,
  isPending,
  markSent,
  readDraft,
  startingDraft,
  type VisitDraft,
  writeDraft,
} from './visit-draft';
import { adoptConcernIds, emptyRecord, recordBody } from './visit-record';
import { visitKey, visitsApi } from './visits.api';

export type SendState = 'idle' | 'sending' | 'offline' | 'failed';

const SEND_AFTER_MS = 1500;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The record being written on a visit: every change goes to this phone's storage at once and to the server a
 * moment later (PUT record, last write wins — the draft is its author's); while offline it waits, and is sent
 * when the browser says it is online again. `flush` sends what is pending now (before check-out).
 */
export function useVisitDraft(visit: VisitDetail | undefined) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<VisitDraft<VisitRecord> | null>(null);
  const [sendState, setSendState] = useState<SendState>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const [storedLocally, setStoredLocally] = useState(true);
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  const current = useRef<VisitDraft<VisitRecord> | null>(null);
  const sending = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const canSend = visit?.canEditRecord ?? false;
  const visitId = visit?.id ?? null;

  const keep = useCallback((next: VisitDraft<VisitRecord>) => {
    current.current = next;
    setDraft(next);
    const store = storage();
    setStoredLocally(store ? writeDraft(store, next) : false);
  }, []);

  // The first answer for this visit decides where the form starts (the phone's unsent draft wins).
  useEffect(() => {
    if (!visit || current.current?.visitId === visit.id) return;
    const store = storage();
    const local = store ? readDraft<VisitRecord>(store, visit.id) : null;
    const start = startingDraft(
      { visitId: visit.id, record: visit.record ?? emptyRecord(), version: visit.version },
      local,
      new Date(),
    );
    current.current = start;
    setDraft(start);
    if (store && start !== local) writeDraft(store, start);
  }, [visit]);

  const send = useCallback(async (): Promise<boolean> => {
    if (sending.current !== null) await sending.current;
    const draftNow = current.current;
    if (!draftNow || !isPending(draftNow)) return true;
    if (!canSend) return false;
    const sentSavedAt = draftNow.savedAt;
    const attempt = (async () => {
      setSendState('sending');
      setProblem(null);
      try {
        const answer = await visitsApi.saveRecord(draftNow.visitId, recordBody(draftNow.record));
        client.setQueryData(visitKey(answer.id), answer);
        const latest = current.current ?? draftNow;
        let next = markSent(latest, sentSavedAt, answer.version, new Date());
        const serverRecord = answer.record ?? emptyRecord();
        // Nothing typed meanwhile: the server's copy (with product names and concern ids) is the record now.
        next = isPending(next)
          ? { ...next, record: adoptConcernIds(next.record, serverRecord) }
          : { ...next, record: serverRecord };
        keep(next);
        setSendState('idle');
        return true;
      } catch (error) {
        const offline = error instanceof ApiError && error.code === 'NETWORK_ERROR';
        setSendState(offline ? 'offline' : 'failed');
        setProblem(offline ? null : error instanceof Error ? error.message : String(error));
        return false;
      }
    })();
    sending.current = attempt;
    try {
      return await attempt;
    } finally {
      sending.current = null;
    }
  }, [canSend, client, keep]);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      if (navigator.onLine) void send();
      else setSendState('offline');
    }, SEND_AFTER_MS);
  }, [send]);

  const update = useCallback(
    (change: (record: VisitRecord) => VisitRecord) => {
      const base = current.current;
      if (!base) return;
      keep(changedDraft(base, change(base.record), new Date()));
      schedule();
    },
    [keep, schedule],
  );

  // Back online (or the page opened with an unsent draft): send what waits.
  useEffect(() => {
    const goOnline = () => {
      setOnline(true);
      void send();
    };
    const goOffline = () => {
      setOnline(false);
      setSendState((s) => (s === 'sending' ? s : 'offline'));
    };
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    return () => {
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
    };
  }, [send]);

  useEffect(() => {
    if (visitId !== null && canSend && draft && isPending(draft) && sendState === 'idle' && !timer.current) {
      schedule();
    }
  }, [visitId, canSend, draft, sendState, schedule]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const flush = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    return send();
  }, [send]);

  return {
    record: draft?.record ?? null,
    pending: isPending(draft),
    sendState,
    problem,
    storedLocally,
    online,
    update,
    flush,
  };
}
