import { describe, expect, it } from 'vitest';
import {
  flushPhotos,
  type PhotoStore,
  type QueuedPhoto,
  queuedPhotoId,
  type SendFailure,
  sendFailure,
  waitingPhotos,
} from './photo-queue';

/** An in-memory store, as IndexedDB would be. */
function fakeStore(): PhotoStore & { map: Map<string, QueuedPhoto> } {
  const map = new Map<string, QueuedPhoto>();
  return {
    map,
    all: async () => [...map.values()],
    put: async (photo) => {
      map.set(photo.id, photo);
    },
    remove: async (id) => {
      map.delete(id);
    },
  };
}

const photo = (n: number, visitId = 7): QueuedPhoto => ({
  id: queuedPhotoId(new Date(Date.UTC(2026, 11, 1, 1, n)), () => 0.5),
  visitId,
  photo: new Blob([`photo ${n}`], { type: 'image/jpeg' }),
  name: `visit-${visitId}-${n}.jpg`,
  takenAt: new Date(Date.UTC(2026, 11, 1, 1, n)).toISOString(),
  position: { lat: 34.75, lng: 113.62, accuracy: 8 },
});

class Offline extends Error {}
class Refused extends Error {}
class Busy extends Error {}
const classify = (error: unknown): SendFailure =>
  error instanceof Offline ? 'offline' : error instanceof Refused ? 'drop' : 'retry';

describe('photos taken while offline', () => {
  it('waits with their time and position, oldest first, per visit', async () => {
    const store = fakeStore();
    // Put out of order: the ids sort by when the photos were taken.
    for (const p of [photo(3), photo(1), photo(2, 8)]) await store.put(p);
    const waiting = await waitingPhotos(store, 7);
    expect(waiting.map((p) => p.name)).toEqual(['visit-7-1.jpg', 'visit-7-3.jpg']);
    expect(waiting[0]).toMatchObject({ takenAt: '2026-12-01T01:01:00.000Z', position: { lat: 34.75 } });
    expect(await waitingPhotos(store)).toHaveLength(3);
  });

  it('sends them all when back online and forgets each one sent', async () => {
    const store = fakeStore();
    for (const p of [photo(2), photo(1)]) await store.put(p);
    const sent: string[] = [];
    const result = await flushPhotos(
      store,
      async (p) => {
        sent.push(p.name);
      },
      classify,
    );
    expect(sent).toEqual(['visit-7-1.jpg', 'visit-7-2.jpg']);
    expect(result).toMatchObject({ offline: false, dropped: [] });
    expect(result.sent).toHaveLength(2);
    expect(store.map.size).toBe(0);
  });

  it('stops at the first send without a connection and keeps that photo and the rest', async () => {
    const store = fakeStore();
    for (const p of [photo(1), photo(2), photo(3)]) await store.put(p);
    let calls = 0;
    const result = await flushPhotos(
      store,
      async () => {
        calls += 1;
        if (calls === 2) throw new Offline();
      },
      classify,
    );
    expect(calls).toBe(2);
    expect(result.offline).toBe(true);
    expect((await waitingPhotos(store)).map((p) => p.name)).toEqual(['visit-7-2.jpg', 'visit-7-3.jpg']);
  });

  it('drops a photo the server refuses for good, keeps one it could not take just now, and goes on', async () => {
    const store = fakeStore();
    for (const p of [photo(1), photo(2), photo(3)]) await store.put(p);
    const result = await flushPhotos(
      store,
      async (p) => {
        if (p.name === 'visit-7-1.jpg') throw new Refused('record closed');
        if (p.name === 'visit-7-2.jpg') throw new Busy();
      },
      classify,
    );
    expect(result.dropped.map((d) => d.photo.name)).toEqual(['visit-7-1.jpg']);
    expect(result.sent.map((p) => p.name)).toEqual(['visit-7-3.jpg']);
    expect((await waitingPhotos(store)).map((p) => p.name)).toEqual(['visit-7-2.jpg']);
  });

  it('sends each photo once when two flushes start together (a mount and an online event)', async () => {
    const store = fakeStore();
    for (const p of [photo(1), photo(2)]) await store.put(p);
    const sent: string[] = [];
    const send = async (p: QueuedPhoto) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent.push(p.name);
    };
    const [a, b] = await Promise.all([flushPhotos(store, send, classify), flushPhotos(store, send, classify)]);
    expect(sent).toEqual(['visit-7-1.jpg', 'visit-7-2.jpg']);
    expect(a).toBe(b);
    // The next flush after it finds nothing left.
    expect((await flushPhotos(store, send, classify)).sent).toEqual([]);
  });

  it('tells a lost connection (keep, stop) from a busy server (keep) and a refusal (drop)', () => {
    expect(sendFailure({ status: 0, code: 'NETWORK_ERROR' })).toBe('offline');
    expect(sendFailure({ status: 503, code: 'INTERNAL' })).toBe('retry');
    expect(sendFailure({ status: 429, code: 'RATE_LIMITED' })).toBe('retry');
    expect(sendFailure({ status: 409, code: 'ILLEGAL_TRANSITION' })).toBe('drop');
    expect(sendFailure({ status: 413, code: 'PAYLOAD_TOO_LARGE' })).toBe('drop');
    expect(sendFailure(new Error('boom'))).toBe('retry');
  });

  it('gives ids that sort in the order the photos were taken', () => {
    const early = queuedPhotoId(new Date('2026-12-01T01:00:00Z'));
    const late = queuedPhotoId(new Date('2026-12-01T11:00:00Z'));
    expect(early < late).toBe(true);
    expect(early).not.toBe(queuedPhotoId(new Date('2026-12-01T01:00:00Z')));
  });
});
