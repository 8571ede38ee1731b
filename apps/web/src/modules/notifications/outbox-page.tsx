import '@/modules/notifications/notifications.messages';
import type { OutboxMessage } from '@siyi/contracts';
import { Alert, Card, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { EmptyState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useOutbox } from './notifications.api';
import { Pager } from './notifications-page';
import './notifications.css';

const statusColour: Record<OutboxMessage['status'], string> = {
  held: 'blue',
  sent: 'green',
  failed: 'red',
  skipped: 'default',
};

function OutboxItem({ item }: { item: OutboxMessage }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="siyi-notes__item">
      <div className="siyi-notes__head siyi-notes__head--wrap">
        <Tag>{t(`notifications.outbox.channel.${item.channel}`)}</Tag>
        <Tag color={statusColour[item.status]}>{t(`notifications.outbox.status.${item.status}`)}</Tag>
        <Typography.Text>
          {t('notifications.outbox.to')}: {item.userDisplayName} ·{' '}
          {item.recipient ?? t('notifications.outbox.noRecipient')} · {item.locale}
        </Typography.Text>
      </div>
      <Typography.Text strong className="siyi-notes__title">
        {item.title}
      </Typography.Text>
      <Typography.Paragraph className="siyi-notes__body">{item.body}</Typography.Paragraph>
      <div className="siyi-notes__foot">
        <Typography.Text type="secondary">{formatDateTime(item.createdAt, i18n.language)}</Typography.Text>
        {item.link ? <Typography.Text code>{item.link}</Typography.Text> : null}
      </div>
    </li>
  );
}

/** Admins: what the SMS / WeChat channel would have sent (or sent), newest first. */
export function OutboxPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const outbox = useOutbox(page);
  useDocumentTitle(t('notifications.outbox.title'));
  return (
    <div className="siyi-notes">
      <header className="siyi-notes__header">
        <Typography.Title level={1} className="siyi-notes__h1">
          {t('notifications.outbox.title')}
        </Typography.Title>
        <LinkButton to="/notifications" type="link">
          {t('notifications.outbox.back')}
        </LinkButton>
      </header>
      <Alert type="info" showIcon message={t('notifications.outbox.intro')} className="siyi-notes__intro" />
      <Card>
        <QueryView query={outbox}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState description={t('notifications.outbox.empty')} />
            ) : (
              <>
                <ul className="siyi-notes__list">
                  {data.items.map((item) => (
                    <OutboxItem key={item.id} item={item} />
                  ))}
                </ul>
                <Pager page={page} total={data.total} onChange={setPage} />
              </>
            )
          }
        </QueryView>
      </Card>
    </div>
  );
}
