import type { MeResponse, SessionProbeResponse, SessionUser } from '@siyi/contracts';
import { type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '@/api/http';
import { isFontScale, preferencesStore } from '@/modules/shell/preferences';
import { authApi } from './auth.api';

export const SESSION_QUERY_KEY = ['session'] as const;

/** The signed-in session, or null when nobody is signed in. */
export type Session = MeResponse | null;

function adoptServerPreferences(user: SessionUser): void {
  preferencesStore.set({ locale: user.locale, ...(isFontScale(user.fontScale) ? { fontScale: user.fontScale } : {}) });
}

let preloadedProbe = true;

/**
 * The first probe takes the answer index.html preloads (`<link rel="preload" as="fetch">`: it starts with the page,
 * not after the scripts), so it is a plain GET without headers of our own, or the browser would not match it.
 * Anything but a 200 asks again through the API client, which reports failures as usual.
 */
async function probeSession(): Promise<SessionProbeResponse> {
  if (preloadedProbe) {
    preloadedProbe = false;
    try {
      const response = await fetch('/api/session', { credentials: 'same-origin' });
      if (response.ok) return (await response.json()) as SessionProbeResponse;
    } catch {
      // Offline or no page origin (tests): the API client below tells.
    }
  }
  return authApi.session();
}

async function restoreSession(): Promise<Session> {
  const { session } = await probeSession();
  http.setCsrfToken(session?.csrfToken ?? null);
  if (session) adoptServerPreferences(session.user);
  return session;
}

export const sessionQuery = queryOptions({
  queryKey: SESSION_QUERY_KEY,
  queryFn: restoreSession,
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
});

export function useSessionQuery() {
  return useQuery(sessionQuery);
}

/** The signed-in user. Only for components under the signed-in routes, where the session is known to exist. */
export function useCurrentUser(): SessionUser {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useCurrentUser used outside the signed-in routes');
  return data.user;
}

/** Stores a fresh session after sign-in; the sign-in page's own language and type choice wins over the server's. */
export async function startSession(queryClient: QueryClient, login: MeResponse): Promise<void> {
  http.setCsrfToken(login.csrfToken);
  let user = login.user;
  if (preferencesStore.takeSignedOutChange()) {
    const local = preferencesStore.get();
    if (local.locale !== user.locale || local.fontScale !== user.fontScale) {
      try {
        user = await authApi.updatePreferences({ locale: local.locale, fontScale: local.fontScale });
      } catch {
        // Keep the local choice for this visit; the next change will try to save again.
        user = { ...user, locale: local.locale, fontScale: local.fontScale };
      }
    }
  } else {
    adoptServerPreferences(user);
  }
  const session: Session = { user, csrfToken: login.csrfToken };
  queryClient.setQueryData(sessionQuery.queryKey, session);
}

/** A password change renewed the session server-side: carry on with its new CSRF token. */
export function adoptRenewedSession(queryClient: QueryClient, renewed: MeResponse): void {
  http.setCsrfToken(renewed.csrfToken);
  queryClient.setQueryData(sessionQuery.queryKey, (session) =>
    session ? { ...session, csrfToken: renewed.csrfToken } : renewed,
  );
}

/** Whether anyone is signed in, as far as this tab knows. */
export function hasSession(queryClient: QueryClient): boolean {
  return Boolean(queryClient.getQueryData(sessionQuery.queryKey));
}

/** Forgets everything the signed-in user loaded, keeping the preferences. */
export function endSession(queryClient: QueryClient): void {
  http.setCsrfToken(null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY_KEY[0] });
  queryClient.setQueryData(sessionQuery.queryKey, null);
}

export function useUpdateSessionUser() {
  const queryClient = useQueryClient();
  return (user: SessionUser) => {
    queryClient.setQueryData(sessionQuery.queryKey, (session) => (session ? { ...session, user } : session));
  };
}
