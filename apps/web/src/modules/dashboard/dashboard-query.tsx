import type { UseQueryResult } from '@tanstack/react-query';
import { lazy, type ReactNode, useDeferredValue } from 'react';
import { AntdScope } from '@/app/antd-scope';

// A failed load is drawn as everywhere else (ui/states' ErrorState: "not found" for a 404, otherwise the failure
// and a retry), in antd; it loads only then, so a home that loads well never downloads antd for it.
const ErrorState = lazy(() => import('@/ui/states').then((m) => ({ default: m.ErrorState })));

/**
 * A home's query in its three states, like ui/states' QueryView but without antd on the way: loading shows
 * `loading` (the page's own shape, so nothing moves when the figures arrive), an answer draws `children`, a
 * failure the app's error panel.
 */
export function DashboardQuery<T>({
  query,
  loading,
  children,
}: {
  query: UseQueryResult<T>;
  loading: ReactNode;
  children: (data: T) => ReactNode;
}) {
  // As QueryView: the answer is drawn in a deferred render, in slices that yield to the browser (no long task).
  const data = useDeferredValue(query.data);
  if (query.isError) {
    return (
      <AntdScope fallback={loading}>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </AntdScope>
    );
  }
  if (query.isPending || data === undefined) return <>{loading}</>;
  return <>{children(data)}</>;
}
