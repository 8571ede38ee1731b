import { lazy, type ReactNode, Suspense } from 'react';

const AntdProvider = lazy(() => import('./antd-provider').then((m) => ({ default: m.AntdProvider })));

/**
 * Where antd is drawn: its code, stylesheet and theme load when the first AntdScope renders (a page with forms,
 * tables or pickers; a dialog opened from the shell), so a role's home and the shell — drawn with the plain kit
 * (ui/plain) — reach a phone without them. `fallback` holds the place meanwhile.
 */
export function AntdScope({ children, fallback = null }: { children: ReactNode; fallback?: ReactNode }) {
  return (
    <Suspense fallback={fallback}>
      <AntdProvider>{children}</AntdProvider>
    </Suspense>
  );
}

/** Starts antd's download early (e.g. when the browser is idle after the first screen) without drawing anything. */
export function preloadAntd(): void {
  void import('./antd-provider');
}
