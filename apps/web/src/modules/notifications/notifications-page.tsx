import '@/modules/notifications/notifications.messages';
import { CheckOutlined } from '@ant-design/icons';
import type { Notification } from '@siyi/contracts';
import { App, Button, Card, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCurrentUser } from '@/modules/auth/session';
import { formatDateTime } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { EmptyState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { NOTIFICATION_PAGE_SIZE, useMarkAllRead, useMarkRead, useNotificationList } from './notifications.api';
import './notifications.css';

/** Previous / next and "page n of m" under a list; nothing when one page holds it all. */
export function Pager({ page, total, onChange }: { page: number; total: number; onChange: (page: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / NOTIFICATION_PAGE_SIZE));
  if (pages <= 1) return null;
  return (
    <nav className="siyi-notes__pager" aria-label={t('notifications.pageOf', { page, pages })}>
      <Button disabled={page <= 1} onClick={() => onChange(page - 1)}>
        {t('notifications.previous')}
      </Button>
      <Typography.Text>{t('notifications.pageOf', { page, pages })}</Typography.Text>
      <Button disabled={page >= pages} onClick={() => onChange(page + 1)}>
        {t('notifications.next')}
      </Button>
    </nav>
  );
}

function NotificationItem({ item }: { item: Notification }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const unread = item.readAt === null;
  const open = () => {
    if (unread) markRead.mutate(item.id);
    if (item.link) void navigate(item.link);
  };
  return (
    <li className={unread ? 'siyi-notes__item siyi-notes__item--unread' : 'siyi-notes__item'}>
      <div className="siyi-notes__head">
        {unread ? <span className="siyi-notes__dot" role="img" aria-label={t('notifications.unread')} /> : null}
        <Typography.Text strong className="siyi-notes__title">
          {item.title}
        </Typography.Text>
      </div>
      <Typography.Paragraph className="siyi-notes__body">{item.body}</Typography.Paragraph>
      <div className="siyi-notes__foot">
        <Typography.Text type="secondary">{formatDateTime(item.createdAt, i18n.language)}</Typography.Text>
        <span className="siyi-notes__actions">
          {unread && !item.link ? (
            <Button size="small" loading={markRead.isPending} onClick={() => markRead.mutate(item.id)}>
              {t('notifications.markRead')}
            </Button>
          ) : null}
          {item.link ? (
            <Button size="small" type={unread ? 'primary' : 'default'} onClick={open}>
              {t('notifications.open')}
            </Button>
          ) : null}
        </span>
      </div>
    </li>
  );
}

/** One's own notifications, newest first, unread ones marked; a tap opens the page it is about. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotificationList(page, unreadOnly);
  const markAll = useMarkAllRead();
  useDocumentTitle(t('notifications.title'));

  return (
    <div className="siyi-notes">
      <header className="siyi-notes__header">
        <Typography.Title level={1} className="siyi-notes__h1">
          {t('notifications.title')}
        </Typography.Title>
        {user.role === 'admin' ? (
          <LinkButton to="/notifications/outbox" type="link">
            {t('notifications.outboxLink')}
          </LinkButton>
        ) : null}
      </header>
      <Card>
        <div className="siyi-notes__toolbar">
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(value) => {
              setUnreadOnly(value === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('notifications.showAll') },
              { value: 'unread', label: t('notifications.showUnreadOnly') },
            ]}
          />
          <Button
            icon={<CheckOutlined />}
            disabled={(list.data?.unread ?? 0) === 0}
            loading={markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, { onSuccess: () => void message.success(t('notifications.markedAllRead')) })
            }
          >
            {t('notifications.markAllRead')}
          </Button>
        </div>
        <QueryView query={list}>
          {(data) => (
            <>
              <Typography.Text type="secondary" className="siyi-notes__summary">
                {data.unread > 0
                  ? t('notifications.unreadSummary', { count: data.unread })
                  : t('notifications.allRead')}
              </Typography.Text>
              {data.items.length === 0 ? (
                <EmptyState description={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')} />
              ) : (
                <ul className="siyi-notes__list">
                  {data.items.map((item) => (
                    <NotificationItem key={item.id} item={item} />
                  ))}
                </ul>
              )}
              <Pager page={page} total={data.total} onChange={setPage} />
            </>
          )}
        </QueryView>
      </Card>
    </div>
  );
}
