import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Empty, Skeleton, Spin, Typography } from 'antd';
import { type ReactNode, useDeferredValue, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { LinkButton } from './link-button';

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

/**
 * A page-sized message in the product's own look: a large status figure in the brand colour, a heading,
 * one sentence and the way out. Used for not found, no access, a failed load and a crash.
 */
export function StatusPanel({
  code,
  title,
  body,
  actions,
  headingLevel = 2,
}: {
  /** "404", "403", "!" … shown large, hidden from screen readers (the heading says it in words). */
  code: string;
  title: string;
  body: ReactNode;
  actions?: ReactNode;
  headingLevel?: 1 | 2;
}) {
  const headingId = useId();
  return (
    <section className="siyi-status" aria-labelledby={headingId}>
      <div className="siyi-status__code" aria-hidden="true">
        {code}
      </div>
      <Typography.Title level={headingLevel} id={headingId} className="siyi-status__title">
        {title}
      </Typography.Title>
      <Typography.Paragraph className="siyi-status__body">{body}</Typography.Paragraph>
      {actions ? <div className="siyi-status__actions">{actions}</div> : null}
    </section>
  );
}

/** What a 404 from the API means to the user: the thing is not there (or not theirs) — retrying will not help. */
export function NotFoundState({
  title,
  body,
  backTo = '/',
  backLabel,
  headingLevel,
}: {
  title?: string;
  body?: ReactNode;
  backTo?: string;
  backLabel?: string;
  headingLevel?: 1 | 2;
}) {
  const { t } = useTranslation();
  return (
    <StatusPanel
      code="404"
      title={title ?? t('errors.recordNotFoundTitle')}
      body={body ?? t('errors.notFoundBody')}
      {...(headingLevel ? { headingLevel } : {})}
      actions={
        <LinkButton type="primary" to={backTo}>
          {backLabel ?? t('errors.backHome')}
        </LinkButton>
      }
    />
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 404) return <NotFoundState body={error.message} />;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <StatusPanel
      code="!"
      title={t('common.loadFailedTitle')}
      body={message}
      actions={
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
 * Renders a query's three states: loading (skeleton by default), error (with retry; a 404 is "not found",
 * which no retry mends) and data.
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
  // An answer arrives through useSyncExternalStore, whose renders run in one piece; drawing what it holds is
  // deferred instead, so that render runs in slices that yield to the browser (no long task on a slow phone).
  const data = useDeferredValue(query.data);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending || data === undefined) return <>{loading ?? <BlockLoading />}</>;
  return <>{children(data)}</>;
}
