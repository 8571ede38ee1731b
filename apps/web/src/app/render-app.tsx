import type { QueryClient } from '@tanstack/react-query';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { Providers } from '@/app/providers';
import { createRouter } from '@/app/router';

/**
 * React's DOM renderer and the router, started once main.tsx has the session. They are a chunk of their own, loaded
 * beside the entry (index.html preloads it) but evaluated in a task of their own: a phone at 4× slowdown then runs
 * two shorter tasks instead of one long one that holds every tap.
 */
export function renderApp(root: HTMLElement, queryClient: QueryClient): void {
  // A transition renders in slices that yield to the browser every few milliseconds instead of one long task:
  // the phone stays responsive while the first screen is built.
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <Providers queryClient={queryClient}>
          <RouterProvider router={createRouter()} />
        </Providers>
      </StrictMode>,
    );
  });
}
