import '@/modules/notifications/notifications.messages';
import './notification-bell.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { BellIcon } from '@/ui/plain/icons';
import { useUnreadCount } from './notifications.api';

/**
 * The bell in the header: the unread count, refreshed on focus and every few minutes while visible. Loaded lazily
 * by the shell, after the first screen; drawn without antd (the shell is).
 */
export function NotificationBell({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  return (
    <Link
      to="/notifications"
      // In the phone's header every pixel counts (375 px in English with large type): an icon without a frame.
      className={compact ? 'siyi-bell siyi-bell--compact' : 'siyi-bell'}
      aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
    >
      <BellIcon />
      {count > 0 ? (
        <span className="siyi-bell__count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  );
}
