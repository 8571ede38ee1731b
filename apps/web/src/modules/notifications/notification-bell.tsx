import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '@/ui/link-button';
import { useUnreadCount } from './notifications.api';

/**
 * The bell in the header: the unread count, refreshed on focus and every few minutes while visible. Loaded lazily
 * by the shell, after the first screen.
 */
export function NotificationBell({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  return (
    <Badge count={count} overflowCount={99} size={size === 'small' ? 'small' : 'default'}>
      <LinkButton
        to="/notifications"
        size={size}
        icon={<BellOutlined />}
        aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
        className="siyi-bell"
      />
    </Badge>
  );
}
