import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { CART_PATH, SvgIcon } from '@/ui/plain/icons';
import { Alert, Button, Empty } from '@/ui/plain/plain';
import './shop-home.css';

/*
 * What the retailer's home and its cards share, drawn with the plain kit (the home reaches a phone without antd).
 * Waits and query states come from ui/states (plain too); here only what the home's cards draw their own way.
 */

/** Small inline icons of the home's cards (24×24, currentColor); decorative, the words beside them say it. */
export function CardIcon({ path, className }: { path: string; className?: string }) {
  return (
    <SvgIcon className={['siyi-shop-icon', className ?? ''].filter(Boolean).join(' ')}>
      <path d={path} />
    </SvgIcon>
  );
}

export const iconPaths = {
  chevronRight: 'M9 6l6 6-6 6',
  chevronLeft: 'M15 6l-6 6 6 6',
  arrowUp: 'M12 19V5M5 12l7-7 7 7',
  arrowDown: 'M12 5v14M19 12l-7 7-7-7',
  edit: 'M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z',
  cart: CART_PATH,
  rocket:
    'M5 15c-1.5 1.3-2 5-2 5s3.7-.5 5-2M12 15l-3-3M9 12a22 22 0 0 1 2-4 13 13 0 0 1 11-6c0 2.7-.8 7.5-6 11a22 22 0 0 1-4 2zM9 12H4s.6-3 2-4c1.6-1.1 5 0 5 0M12 15v5s3-.6 4-2c1.1-1.6 0-5 0-5',
  gift: 'M20 12v9H4v-9M2 7h20v5H2zM12 21V7M12 7H7.5a2.5 2.5 0 0 1 0-5C11 2 12 7 12 7zM12 7h4.5a2.5 2.5 0 0 0 0-5C13 2 12 7 12 7z',
  star: 'M12 2l3.1 6.3 6.9 1-5 4.9 1.2 6.8L12 17.8 5.8 21l1.2-6.8-5-4.9 6.9-1z',
  warning: 'M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0zM12 9v4M12 17h.01',
} as const;

/** "Nothing here" in a card: the words alone (ui/states' EmptyState draws a picture above them). */
export function Nothing({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return <Empty>{children ?? t('common.emptyTitle')}</Empty>;
}

/** A failed load in words, with a retry (a 404 is "not found": retrying does not mend it). */
function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const notFound = error instanceof ApiError && error.status === 404;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert tone="error" role="alert" title={notFound ? t('errors.recordNotFoundTitle') : t('common.loadFailedTitle')}>
      <p className="siyi-shop-text">{message}</p>
      {notFound ? null : (
        <Button look="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}

/** QueryView's `failure` for a card of the home: the failure in a box the card's size, not the page-sized panel. */
export function cardFailure(error: unknown, retry: () => void): ReactNode {
  return <LoadFailed error={error} onRetry={retry} />;
}
