import { type ReactNode, startTransition, useEffect, useState } from 'react';

/**
 * Draws `children` once the page's first screen is up and the browser has a moment (an idle callback, at most
 * `timeout` ms later), in a transition: a part below the fold — the manager's list of twenty retailer cards with
 * its filters — is then built and committed in its own tasks instead of lengthening the first screen's, which on
 * a slow phone is one long task the user waits through. Until then `placeholder` holds its place.
 */
export function AfterFirstScreen({
  children,
  placeholder,
  timeout = 1000,
}: {
  children: ReactNode;
  placeholder: ReactNode;
  timeout?: number;
}) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const show = () => startTransition(() => setReady(true));
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(show, { timeout });
      return () => window.cancelIdleCallback(id);
    }
    const id = window.setTimeout(show, 100);
    return () => window.clearTimeout(id);
  }, [timeout]);
  return <>{ready ? children : placeholder}</>;
}
