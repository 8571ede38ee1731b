/**
 * Photos taken while offline: kept on the phone (IndexedDB, the browser's own API) with when and where they were
 * taken, and sent when the connection is back. The queue logic is here, pure over a `PhotoStore`, so it is tested
 * with an in-memory store; `indexedDbPhotoStore` is the phone's.
 */

export interface QueuedPhoto {
  /** Unique on this phone: the order of taking, then a random part. */
  id: string;
  visitId: number;
  photo: Blob;
  name: string;
  /** When it was taken (ISO): the server keeps it as the photo's time. */
  takenAt: string;
  position: { lat: number; lng: number; accuracy: number } | null;
}

export interface PhotoStore {
  all(): Promise<QueuedPhoto[]>;
  put(photo: QueuedPhoto): Promise<void>;
  remove(id: string): Promise<void>;
}

/**
 * What a failed send means: `offline` (no connection: keep it and stop trying for now), `retry` (the server had
 * a moment: keep it for the next round), `drop` (the server refused it for good — record closed, 12 photos
 * already, not an image: keep it no longer, say so).
 */
export type SendFailure = 'offline' | 'retry' | 'drop';

/**
 * An API failure (ApiError's shape: `status`, `code`) as a send failure: no connection keeps the photo and stops;
 * a 5xx or 429 keeps it for the next round; any other answer (409 record closed, 400, 413, 415) is a refusal.
 */
export function sendFailure(error: unknown): SendFailure {
  if (typeof error !== 'object' || error === null || !('status' in error)) return 'retry';
  const { status, code } = error as { status: unknown; code?: unknown };
  if (code === 'NETWORK_ERROR') return 'offline';
  if (typeof status !== 'number') return 'retry';
  return status >= 500 || status === 429 ? 'retry' : 'drop';
}

export interface FlushResult {
  sent: QueuedPhoto[];
  dropped: { photo: QueuedPhoto; error: unknown }[];
  /** Stopped because the connection is (still) gone: what remains waits for the next `online`. */
  offline: boolean;
}

let counter = 0;
export function queuedPhotoId(at: Date, random: () => number = Math.random): string {
  counter += 1;
  return `${at.getTime().toString(36).padStart(9, '0')}-${counter.toString(36).padStart(4, '0')}-${random().toString(36).slice(2, 8)}`;
}

/** The photos waiting, oldest first (ids sort as they were taken). */
export async function waitingPhotos(store: PhotoStore, visitId?: number): Promise<QueuedPhoto[]> {
  const all = await store.all();
  return all.filter((p) => visitId === undefined || p.visitId === visitId).sort((a, b) => a.id.localeCompare(b.id));
}

let flushing: Promise<FlushResult> | null = null;

/**
 * Sends every waiting photo, oldest first, one at a time; a sent one leaves the store, a refused one too (in
 * `dropped`); at the first `offline` failure it stops and the rest wait. One flush at a time on the page: a second
 * call while one runs gets the running one (an `online` event and a mount at once do not send a photo twice).
 */
export function flushPhotos(
  store: PhotoStore,
  send: (photo: QueuedPhoto) => Promise<unknown>,
  classify: (error: unknown) => SendFailure,
): Promise<FlushResult> {
  flushing ??= (async () => {
    const result: FlushResult = { sent: [], dropped: [], offline: false };
    try {
      for (const photo of await waitingPhotos(store)) {
        try {
          await send(photo);
        } catch (error) {
          const failure = classify(error);
          if (failure === 'offline') {
            result.offline = true;
            break;
          }
          if (failure === 'retry') continue;
          await store.remove(photo.id);
          result.dropped.push({ photo, error });
          continue;
        }
        await store.remove(photo.id);
        result.sent.push(photo);
      }
      return result;
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

const DB_NAME = 'siyi-visit-photos';
const STORE = 'photos';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let opening: Promise<IDBDatabase> | null = null;
function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

async function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  const tx = db.transaction(STORE, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  const [result] = await Promise.all([request(work(tx.objectStore(STORE))), done]);
  return result;
}

/** The phone's store: IndexedDB keeps Blobs as they are, across reloads and a closed browser. */
export const indexedDbPhotoStore: PhotoStore = {
  all: () => inStore('readonly', (s) => s.getAll() as IDBRequest<QueuedPhoto[]>),
  put: async (photo) => {
    await inStore('readwrite', (s) => s.put(photo));
  },
  remove: async (id) => {
    await inStore('readwrite', (s) => s.delete(id));
  },
};

/** Whether this browser can keep photos (no IndexedDB: private modes of old browsers). */
export const canQueuePhotos = () => typeof indexedDB !== 'undefined';
