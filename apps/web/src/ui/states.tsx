import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Empty, Result, Skeleton, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A whole-page wait (start-up, a lazy page loading). */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="siyi-page-loading">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

/** A block-sized wait inside a card. */
export function BlockLoading({ rows = 4 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} title={false} />;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="warning"
      title={t('common.loadFailedTitle')}
      subTitle={message}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}

export function EmptyState({ description }: { description?: ReactNode }) {
  const { t } = useTranslation();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('common.emptyTitle')} />;
}

/**
 * Renders a query's three states: loading (skeleton by default), error (with retry) and data.
 * Keeps every page honest about waiting and failing without repeating the same branches.
 */
export function QueryView<T>({
  query,
  loading,
  children,
}: {
  query: UseQueryResult<T>;
  loading?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <>{loading ?? <BlockLoading />}</>;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
