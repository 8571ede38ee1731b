import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  canQueuePhotos,
  type FlushResult,
  flushPhotos,
  indexedDbPhotoStore,
  type QueuedPhoto,
  queuedPhotoId,
  sendFailure,
  waitingPhotos,
} from './photo-queue';
import { visitKey, visitsApi } from './visits.api';

const send = (p: QueuedPhoto) => visitsApi.addPhoto(p.visitId, p.photo, p.name, p.position, p.takenAt);

/** A queued photo with a URL to show it while it waits (revoked when it leaves). */
export interface WaitingPhoto extends QueuedPhoto {
  url: string;
}

/**
 * The visit's photos waiting on this phone: `keep` stores one taken offline; they are sent when the browser is
 * online again (and when the page opens), then the visit is read again. `onFlushed` hears what was sent or refused.
 */
export function usePhotoQueue(visitId: number, onFlushed?: (result: FlushResult) => void) {
  const client = useQueryClient();
  const [waiting, setWaiting] = useState<QueuedPhoto[]>([]);
  const available = canQueuePhotos();

  const reload = useCallback(async () => {
    if (!available) return;
    setWaiting(await waitingPhotos(indexedDbPhotoStore, visitId).catch(() => []));
  }, [available, visitId]);

  const flush = useCallback(async () => {
    if (!available) return;
    const result = await flushPhotos(indexedDbPhotoStore, send, sendFailure).catch(() => null);
    await reload();
    if (!result) return;
    if (result.sent.length + result.dropped.length > 0) {
      await client.invalidateQueries({ queryKey: visitKey(visitId) });
      onFlushed?.(result);
    }
  }, [available, client, onFlushed, reload, visitId]);

  useEffect(() => {
    void reload().then(() => (navigator.onLine ? flush() : undefined));
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [reload, flush]);

  const keep = useCallback(
    async (photo: Omit<QueuedPhoto, 'id' | 'visitId'>) => {
      await indexedDbPhotoStore.put({ ...photo, visitId, id: queuedPhotoId(new Date(photo.takenAt)) });
      await reload();
    },
    [reload, visitId],
  );

  // One object URL per waiting photo, revoked when it is sent or the page closes.
  const shown = useMemo(
    () => waiting.map((p): WaitingPhoto => ({ ...p, url: URL.createObjectURL(p.photo) })),
    [waiting],
  );
  useEffect(
    () => () => {
      for (const p of shown) URL.revokeObjectURL(p.url);
    },
    [shown],
  );

  return { waiting: shown, keep, flush, available };
}
