import './states.css';
import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useDeferredValue, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-client';
import { Button, ButtonLink, Empty, Skeleton, Spinner } from './plain/plain';

/*
 * The waits and messages every page shows, drawn with the plain kit: the first screen (sign-in, the homes, the
 * shell's not-found and no-access pages) uses them, so they must not bring antd.
 */

/** A whole-page wait (start-up, a lazy page loading). */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="siyi-page-loading">
      <Spinner label={t('common.loading')} />
    </div>
  );
}

/** A block-sized wait inside a card. */
export function BlockLoading({ rows = 4 }: { rows?: number }) {
  return <Skeleton rows={rows} />;
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
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <section className="siyi-status" aria-labelledby={headingId}>
      <div className="siyi-status__code" aria-hidden="true">
        {code}
      </div>
      <Heading id={headingId} className="siyi-status__title">
        {title}
      </Heading>
      <div className="siyi-status__body">{body}</div>
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
        <ButtonLink look="primary" to={backTo}>
          {backLabel ?? t('errors.backHome')}
        </ButtonLink>
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
          <Button look="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}

/** An empty tray (antd's simple empty picture, redrawn): decoration, the words say it. */
function EmptyPicture() {
  return (
    <svg className="siyi-empty-state__picture" viewBox="0 0 64 41" aria-hidden="true" focusable="false">
      <ellipse cx="32" cy="33" rx="32" ry="7" fill="#f5f5f5" />
      <g fill="none" stroke="#d9d9d9" strokeWidth="1">
        <path d="M55 12.8L44.9 1.3C44.4.5 43.7 0 43 0H21c-.7 0-1.4.5-1.9 1.3L9 12.8V22h46v-9.2z" />
        <path
          d="M41.6 15.9c0-1.6 1-2.9 2.2-2.9H55v18.1c0 2.1-1.3 3.9-3 3.9H12c-1.7 0-3-1.8-3-3.9V13h11.2c1.2 0 2.2 1.3 2.2 2.9 0 1.6 1 2.9 2.2 2.9h14.8c1.2 0 2.2-1.3 2.2-2.9z"
          fill="#fafafa"
        />
      </g>
    </svg>
  );
}

export function EmptyState({ description }: { description?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Empty>
      <EmptyPicture />
      <div className="siyi-empty-state__text">{description ?? t('common.emptyTitle')}</div>
    </Empty>
  );
}

/**
 * Renders a query's three states: loading (skeleton by default), error (with retry; a 404 is "not found",
 * which no retry mends) and data.
 * Keeps every page honest about waiting and failing without repeating the same branches. `failure` draws the error
 * in a smaller shape where the page-sized panel would not fit (a card of the retailer's home).
 */
export function QueryView<T>({
  query,
  loading,
  failure,
  children,
}: {
  query: UseQueryResult<T>;
  loading?: ReactNode;
  failure?: (error: unknown, retry: () => void) => ReactNode;
  children: (data: T) => ReactNode;
}) {
  // An answer arrives through useSyncExternalStore, whose renders run in one piece; drawing what it holds is
  // deferred instead, so that render runs in slices that yield to the browser (no long task on a slow phone).
  const data = useDeferredValue(query.data);
  if (query.isError) {
    const retry = () => void query.refetch();
    return <>{failure ? failure(query.error, retry) : <ErrorState error={query.error} onRetry={retry} />}</>;
  }
  if (query.isPending || data === undefined) return <>{loading ?? <BlockLoading />}</>;
  return <>{children(data)}</>;
}
