import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { Button, ButtonLink } from '@/ui/plain/plain';
import { StatusPanel } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';

/** A path no page answers to, inside the signed-in frame. */
export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('errors.notFoundTitle'));
  return (
    <StatusPanel
      code="404"
      headingLevel={1}
      title={t('errors.notFoundTitle')}
      body={t('errors.notFoundBody')}
      actions={
        <ButtonLink look="primary" to="/">
          {t('errors.backHome')}
        </ButtonLink>
      }
    />
  );
}

/** A page the user's role may not open (the server refuses the data anyway). */
export function ForbiddenPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('errors.forbiddenTitle'));
  return (
    <StatusPanel
      code="403"
      headingLevel={1}
      title={t('errors.forbiddenTitle')}
      body={t('errors.forbiddenBody')}
      actions={
        <ButtonLink look="primary" to="/">
          {t('errors.backHome')}
        </ButtonLink>
      }
    />
  );
}

/** Shown when a page throws while rendering: no stack trace for the user, a way out instead. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <main className="siyi-centered siyi-centered--branded">
      <div className="siyi-brand" aria-hidden="true">
        {t('app.name')}
      </div>
      <StatusPanel
        code="!"
        headingLevel={1}
        title={t('errors.appCrashedTitle')}
        body={t('errors.appCrashedBody')}
        actions={
          <Button look="primary" onClick={() => window.location.reload()}>
            {t('errors.reload')}
          </Button>
        }
      />
    </main>
  );
}

interface BoundaryProps {
  /** Where the user is: an error is shown until they go elsewhere (a link, back), as a router's error page is. */
  pathname: string;
  children: ReactNode;
}

interface BoundaryState {
  /** The path at which a page threw, or null while nothing has. */
  failedAt: string | null;
}

export class PageErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failedAt: null };

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failedAt: '' };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    // The error was caught at this path ('' until componentDidCatch names it); another path draws its page again.
    if (state.failedAt && state.failedAt !== props.pathname) return { failedAt: null };
    return null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.setState({ failedAt: this.props.pathname });
    // For the developer's console only: the user sees RouteErrorPage, never a stack trace.
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failedAt === null ? this.props.children : <RouteErrorPage />;
  }
}

/**
 * Catches what a page throws while rendering (a bug, a page's code that failed to download) and shows RouteErrorPage
 * in its place, the rest of the app still working; going to another path tries again.
 */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <PageErrorBoundary pathname={pathname}>{children}</PageErrorBoundary>;
}
