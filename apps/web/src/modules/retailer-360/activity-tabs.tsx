import '@/modules/ordering/ordering.messages';
import type { HistoryEntry, TimelineItem } from '@siyi/contracts';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { Button, Card, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '@/modules/auth/session';
import { orderEventLink } from '@/modules/ordering/order-timeline-words';
import { formatDate, formatDateTime } from '@/ui/format';
import { BlockLoading, EmptyState, ErrorState } from '@/ui/states';
import { useHistory, useTimeline } from './retailer-360.api';
import { describeAction, describeEvent, fieldName, fieldValue, timelineSourceLink } from './retailer-360-words';

function Paged<T>({
  query,
  empty,
  loadMore,
  children,
}: {
  query: UseInfiniteQueryResult<InfiniteData<{ items: T[] }>>;
  empty: string;
  loadMore: string;
  children: (items: T[]) => React.ReactNode;
}) {
  if (query.isPending) return <BlockLoading rows={5} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <EmptyState description={empty} />;
  return (
    <>
      {children(items)}
      {query.hasNextPage ? (
        <Button block onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {loadMore}
        </Button>
      ) : null}
    </>
  );
}

function EventDetail({ item }: { item: TimelineItem }) {
  const { i18n } = useTranslation();
  if (item.kind === 'concern.heard' && typeof item.data.body === 'string') {
    return (
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
        {typeof item.data.heardOn === 'string' ? `${formatDate(item.data.heardOn, i18n.language)} · ` : null}
        {item.data.body}
      </Typography.Paragraph>
    );
  }
  return null;
}

/** An order step's link to the page it refers to (the week's order progress, the proposals, the concern). */
function OrderEventLink({
  item,
  retailerId,
  districtId,
}: {
  item: TimelineItem;
  retailerId: number;
  districtId?: number;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!item.kind.startsWith('order.')) return null;
  const link = orderEventLink(item, { role: user.role, retailerId, districtId });
  if (!link) return null;
  return (
    <div>
      <Link to={link.to} data-testid="timeline-link">
        {t(`ordering.timeline.links.${link.label}`)}
      </Link>
    </div>
  );
}

/** A concern's or a visit's step: a link to that concern or visit. */
function SourceLink({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const link = timelineSourceLink(item);
  if (!link) return null;
  return (
    <div>
      <Link to={link.to} data-testid="timeline-link">
        {t(`retailer360.timeline.${link.label}`)}
      </Link>
    </div>
  );
}

/** One timeline of everything that happened to the retailer, newest first, put into words. */
export function TimelineTab({ retailerId, districtId }: { retailerId: number; districtId?: number }) {
  const { t, i18n } = useTranslation();
  const query = useTimeline(retailerId);
  return (
    <Card>
      <Paged query={query} empty={t('retailer360.timeline.empty')} loadMore={t('retailer360.timeline.loadMore')}>
        {(items) => (
          <Timeline
            className="siyi-r360-timeline"
            items={items.map((item) => ({
              key: item.id,
              color: item.kind === 'concern.heard' ? 'orange' : item.kind.startsWith('tier.') ? 'green' : 'blue',
              content: (
                <div data-testid="timeline-item" data-kind={item.kind}>
                  <Typography.Text strong>{describeEvent(item, t)}</Typography.Text>
                  <EventDetail item={item} />
                  <OrderEventLink item={item} retailerId={retailerId} districtId={districtId} />
                  <SourceLink item={item} />
                  <div>
                    <Typography.Text type="secondary">
                      <time dateTime={item.occurredAt}>{formatDateTime(item.occurredAt, i18n.language)}</time>
                    </Typography.Text>
                  </div>
                </div>
              ),
            }))}
          />
        )}
      </Paged>
    </Card>
  );
}

function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const actor = entry.actorName
    ? entry.actorRole
      ? t('retailer360.history.by', { actor: entry.actorName, role: t(`roles.${entry.actorRole}` as 'roles.admin') })
      : entry.actorName
    : t('retailer360.history.system');
  return (
    <div className="siyi-r360-history">
      <div>
        <Typography.Text strong>{describeAction(entry.action, t)}</Typography.Text>
        {' · '}
        <Typography.Text>{actor}</Typography.Text>
      </div>
      <Typography.Text type="secondary">
        <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, locale)}</time>
      </Typography.Text>
      <dl className="siyi-r360-changes">
        {entry.changes.map((change) => (
          <div key={change.field} className="siyi-r360-change">
            <dt>{fieldName(change.field, t)}</dt>
            <dd>
              <span className="siyi-r360-before">{fieldValue(change.field, change.before, t, locale)}</span>
              <span aria-hidden> → </span>
              <span className="siyi-visually-hidden">{` ${t('retailer360.history.after')}: `}</span>
              <span className="siyi-r360-after">{fieldValue(change.field, change.after, t, locale)}</span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Who changed what and when, before → after, from the audit trail. */
export function HistoryTab({ retailerId }: { retailerId: number }) {
  const { t } = useTranslation();
  const query = useHistory(retailerId);
  return (
    <Card>
      <Paged query={query} empty={t('retailer360.history.empty')} loadMore={t('retailer360.history.loadMore')}>
        {(items) => (
          <div className="siyi-r360-history-list">
            {items.map((entry) => (
              <HistoryItem key={entry.id} entry={entry} />
            ))}
          </div>
        )}
      </Paged>
    </Card>
  );
}
