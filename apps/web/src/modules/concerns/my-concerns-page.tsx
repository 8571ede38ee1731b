import '@/modules/concerns/concerns.messages';
import { RightOutlined, StarFilled } from '@ant-design/icons';
import { type Concern, type ConcernCategory, concernCategories } from '@siyi/contracts';
import { Button, Card, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '@/modules/auth/session';
import { formatDateTime } from '@/ui/format';
import { BlockLoading, EmptyState, ErrorState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { CategoryLabel, ConcernStatusTag, DueText, useNow } from './concern-labels';
import { allItems, useConcernList } from './concerns.api';
import { RaiseConcernForm } from './raise-concern-form';
import './concerns.css';

/** One of the retailer's concerns: what, where it stands, and what it asks of the retailer now. */
function MyConcernCard({ concern, now }: { concern: Concern; now: Date }) {
  const { t, i18n } = useTranslation();
  const asksRetailer = concern.allowedTransitions.includes('confirmed');
  return (
    <li>
      <Link
        to={`/concerns/${concern.id}`}
        className={asksRetailer || concern.canRate ? 'siyi-concern-card siyi-concern-card--ask' : 'siyi-concern-card'}
        data-testid="my-concern"
        data-status={concern.status}
      >
        <span className="siyi-concern-card__head">
          <Typography.Text strong>
            <CategoryLabel category={concern.category} />
          </Typography.Text>
          <ConcernStatusTag status={concern.status} />
        </span>
        <Typography.Paragraph ellipsis={{ rows: 2 }} className="siyi-concern-card__text">
          {concern.text}
        </Typography.Paragraph>
        <span className="siyi-concern-card__meta">
          <Typography.Text type="secondary">
            {t('concerns.mine.raisedAt', { at: formatDateTime(concern.createdAt, i18n.language) })}
          </Typography.Text>
          {concern.status === 'confirmed' || concern.status === 'closed' || asksRetailer ? null : (
            <DueText concern={concern} now={now} forRetailer />
          )}
          {concern.rating ? (
            <Typography.Text type="secondary">
              <StarFilled aria-hidden className="siyi-concern-star" />{' '}
              {t('concerns.rating.stars', { count: concern.rating.stars })}
            </Typography.Text>
          ) : null}
        </span>
        {asksRetailer ? <span className="siyi-concern-card__ask">{t('concerns.mine.pleaseConfirm')}</span> : null}
        {concern.canRate ? <span className="siyi-concern-card__ask">{t('concerns.mine.rateNow')}</span> : null}
        <RightOutlined aria-hidden className="siyi-concern-card__chevron" />
      </Link>
    </li>
  );
}

/** `/my-shop/concerns` for a retailer: raise a concern, follow the open ones, see the finished ones. */
export function MyConcernsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const asked = search.get('category');
  const initialCategory = concernCategories.includes(asked as ConcernCategory) ? (asked as ConcernCategory) : undefined;
  const list = useConcernList({});
  const now = useNow();
  useDocumentTitle(t('concerns.mine.title'));
  if (user.retailerId === null) return <Result status="info" title={t('shop.noRetailer')} />;

  const items = allItems(list.data?.pages);
  // Those asking the retailer to confirm first, then by deadline (the server's order).
  const asks = (c: Concern) => (c.allowedTransitions.includes('confirmed') ? 0 : 1);
  const open = items
    .filter((c) => c.status !== 'confirmed' && c.status !== 'closed' && !c.canRate)
    .sort((a, b) => asks(a) - asks(b));
  // Finished ones still waiting for a rating stay in sight with the open ones' call to action.
  const toRate = items.filter((c) => c.canRate);
  const finished = items.filter((c) => (c.status === 'confirmed' || c.status === 'closed') && !c.canRate);

  return (
    <div className="siyi-page siyi-page--narrow">
      <Typography.Title level={1} className="siyi-page__title">
        {t('concerns.mine.title')}
      </Typography.Title>
      <RaiseConcernForm
        key={initialCategory ?? 'none'}
        initialCategory={initialCategory}
        onRaised={(concern) => void navigate(`/concerns/${concern.id}`)}
      />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <BlockLoading rows={6} />
      ) : (
        <>
          <Card title={t('concerns.mine.open')}>
            {open.length + toRate.length === 0 ? (
              <EmptyState description={items.length === 0 ? t('concerns.mine.empty') : t('concerns.mine.noneOpen')} />
            ) : (
              <ul className="siyi-concern-cards">
                {[...toRate, ...open].map((c) => (
                  <MyConcernCard key={c.id} concern={c} now={now} />
                ))}
              </ul>
            )}
          </Card>
          {finished.length > 0 ? (
            <Card title={t('concerns.mine.finished')}>
              <ul className="siyi-concern-cards">
                {finished.map((c) => (
                  <MyConcernCard key={c.id} concern={c} now={now} />
                ))}
              </ul>
            </Card>
          ) : null}
          {list.hasNextPage ? (
            <Button size="large" block loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t('concerns.work.loadMore')}
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
