import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '@/ui/link-button';
import { useUnreadCount } from './notifications.api';

/**
 * The bell in the header: the unread count, refreshed on focus and every few minutes while visible. Loaded lazily
 * by the shell, after the first screen.
 */
export function NotificationBell({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  return (
    <Badge count={count} overflowCount={99} size={compact ? 'small' : 'default'}>
      <LinkButton
        to="/notifications"
        // In the phone's header every pixel counts (375 px in English with large type): an icon without a frame, as
        // high as the header's buttons, with the header's 8 px gap around it.
        {...(compact ? { type: 'text' as const, style: { width: 'auto', minWidth: 20, paddingInline: 0 } } : {})}
        icon={<BellOutlined />}
        aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
        className="siyi-bell"
      />
    </Badge>
  );
}
