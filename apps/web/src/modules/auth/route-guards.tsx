import type { Role } from '@siyi/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { http } from '@/api/http';
import { AntdScope } from '@/app/antd-scope';
import { notify } from '@/app/notices';
import { ForbiddenPage } from '@/modules/shell/error-pages';
import { ErrorState, PageLoading } from '@/ui/states';
import { endSession, hasSession, useCurrentUser, useSessionQuery } from './session';

// Only a user whose password an admin reset ever sees this: its form code stays out of everyone's first download.
const ForcedPasswordChange = lazy(() =>
  import('./forced-password-change').then((m) => ({ default: m.ForcedPasswordChange })),
);

/**
 * When any call finds the session gone (expired, signed out elsewhere), drop the user's data and
 * let RequireAuth send them to the sign-in page, remembering where they were.
 */
function useSessionLossHandler() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  useEffect(
    () =>
      http.onSessionLost(() => {
        if (!hasSession(queryClient)) return;
        endSession(queryClient);
        notify('warning', t('auth.sessionExpired'), 'session-lost');
      }),
    [queryClient, t],
  );
}

/** The gate in front of every signed-in page. */
export function RequireAuth() {
  const session = useSessionQuery();
  const location = useLocation();
  useSessionLossHandler();

  if (session.isPending) return <PageLoading />;
  if (session.isError) {
    return (
      <div className="siyi-centered">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </div>
    );
  }
  if (!session.data) {
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (session.data.user.mustChangePassword) {
    return (
      // Its form and dialog are antd's: they bring antd's code, theme and stylesheet with them.
      <AntdScope fallback={<PageLoading />}>
        <ForcedPasswordChange />
      </AntdScope>
    );
  }
  return <Outlet />;
}

/** Hides a page from roles it is not for. The server enforces scope; this only spares a confusing screen. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const user = useCurrentUser();
  return roles.includes(user.role) ? children : <ForbiddenPage />;
}
