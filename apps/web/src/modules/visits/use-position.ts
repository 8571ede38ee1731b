import { useCallback, useRef, useState } from 'react';
import { isPosition } from './visit-geo';

export interface Fix {
  lat: number;
  lng: number;
  /** Metres (the browser's 95 % radius). */
  accuracy: number;
  /** Epoch ms of the reading. */
  at: number;
}

export type GeoFailure = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

export class GeoError extends Error {
  constructor(readonly kind: GeoFailure) {
    super(kind);
  }
}

/** The phone's position once: a fresh reading (or one under `maxAgeMs` old), at most `timeoutMs` of waiting. */
export function readPosition({ maxAgeMs = 15_000, timeoutMs = 20_000 } = {}): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      reject(new GeoError('unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => {
        const fix = { lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy, at: p.timestamp };
        if (isPosition(fix)) resolve({ ...fix, accuracy: Number.isFinite(fix.accuracy) ? fix.accuracy : 0 });
        else reject(new GeoError('unavailable'));
      },
      (e) =>
        reject(
          new GeoError(e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable'),
        ),
      { enableHighAccuracy: true, maximumAge: maxAgeMs, timeout: timeoutMs },
    );
  });
}

/** Asks for the position on demand and remembers the last one (for distances and photos). */
export function usePosition() {
  const [fix, setFix] = useState<Fix | null>(null);
  const [locating, setLocating] = useState(false);
  const [failure, setFailure] = useState<GeoFailure | null>(null);
  const last = useRef<Fix | null>(null);
  const locate = useCallback(async (options?: { maxAgeMs?: number; timeoutMs?: number }): Promise<Fix | null> => {
    setLocating(true);
    setFailure(null);
    try {
      const next = await readPosition(options);
      last.current = next;
      setFix(next);
      return next;
    } catch (error) {
      setFailure(error instanceof GeoError ? error.kind : 'unavailable');
      return null;
    } finally {
      setLocating(false);
    }
  }, []);
  return { fix, locating, failure, locate, last };
}
