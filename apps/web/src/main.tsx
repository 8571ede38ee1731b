// antd's stylesheet is not here: it comes with the first page drawn with antd (app/antd-provider.tsx), in a cascade
// layer (vite.config.ts), so the app's own rules win whatever order the sheets arrive in.
import '@/app/app.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { createQueryClient } from '@/api/query-client';
import { Providers } from '@/app/providers';
import { AppRoutes } from '@/app/router';
import { i18n, initI18n } from '@/i18n/i18n';
import { sessionQuery } from '@/modules/auth/session';
import { preloadHome } from '@/modules/shell/home-page';
import { preferencesStore } from '@/modules/shell/preferences';

const languageReady = initI18n(preferencesStore.get().locale);
preferencesStore.applyInitial();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
const queryClient = createQueryClient();

/**
 * What the first screen needs before React draws it: who is signed in (the probe index.html preloads, usually
 * here before the scripts) and, on a home page, that role's code, with its figures already on the way. Rendered
 * after that, the first render is the page itself — not a spinner, then the frame, then the page, each a
 * render of its own (a phone at 4× slowdown spends ~0.3 s on each). Until then the static first screen of
 * index.html shows.
 */
async function prepareFirstScreen(): Promise<void> {
  try {
    const session = await queryClient.fetchQuery(sessionQuery);
    // The signed-in user's language (the session brings it) is the one the page is drawn in.
    const language = i18n.changeLanguage(preferencesStore.get().locale);
    if (!session) await import('@/modules/auth/sign-in-page');
    else if (window.location.pathname === '/') await preloadHome(queryClient, session.user);
    await Promise.all([languageReady, language]);
  } catch {
    // The probe failed (offline, server down) or a page's code did not come: RequireAuth shows the error with a
    // retry, the router's lazy load tries the code again.
  }
}

void prepareFirstScreen().then(() => {
  // A transition renders in slices that yield to the browser every few milliseconds instead of one long task:
  // the phone stays responsive while the first screen is built.
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <Providers queryClient={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </Providers>
      </StrictMode>,
    );
  });
});
