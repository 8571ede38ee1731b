import './notices.css';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * Short messages after an action (sign-out failed, the session ended), without antd's `message`: the shell and the
 * sign-in page draw no antd. Shown at the top of the screen for a few seconds; an error is announced at once
 * (role="alert"), the rest politely (role="status").
 */

export interface Notice {
  id: number;
  tone: 'error' | 'warning' | 'success' | 'info';
  text: string;
  /** A notice with the same key replaces the earlier one (e.g. several calls finding the session gone). */
  key?: string;
}

const SHOWN_MS = 6000;
let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function publish(next: Notice[]): void {
  notices = next;
  for (const listener of listeners) listener();
}

export function dismissNotice(id: number): void {
  publish(notices.filter((notice) => notice.id !== id));
}

export function notify(tone: Notice['tone'], text: string, key?: string): void {
  const id = nextId++;
  const kept = key ? notices.filter((notice) => notice.key !== key) : notices;
  publish([...kept, { id, tone, text, ...(key ? { key } : {}) }]);
  setTimeout(() => dismissNotice(id), SHOWN_MS);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Rendered once, by the app's providers. */
export function Notices() {
  const { t } = useTranslation();
  const shown = useSyncExternalStore(
    subscribe,
    () => notices,
    () => notices,
  );
  if (shown.length === 0) return null;
  return (
    <div className="siyi-notices">
      {shown.map((notice) => (
        <div
          key={notice.id}
          className={`siyi-notice siyi-notice--${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
        >
          <span>{notice.text}</span>
          <button
            type="button"
            className="siyi-notice__close"
            aria-label={t('common.close')}
            title={t('common.close')}
            onClick={() => dismissNotice(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
