import { PhoneOutlined } from '@ant-design/icons';
import type { ProductFigure, RetailerDetail } from '@siyi/contracts';
import { Button, Card, Result, Statistic, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/modules/auth/session';
import { ChangeRequestShopCard } from '@/modules/change-requests/change-request-shop-card';
import { ConcernShopCard } from '@/modules/concerns/concern-shop-card';
import { ShopProfileCard } from '@/modules/retailer-360/shop-profile-card';
import { TierChangeCard } from '@/modules/tiers/tier-change-card';
import { formatCount, formatMoney, formatWeekday, telHref } from '@/ui/format';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { StatusTag } from './retailer-labels';
import { WeeklySalesChart } from './retailer-sales';
import { SALES_WEEKS, useRetailer, useRetailerSales } from './retailers.api';
import { ShopPlaceholder } from './shop-placeholder';

// The suggested-order card loads with its own code, after the page: the home's first screen does not wait for it.
const SuggestionCard = lazy(() =>
  import('@/modules/suggestions/suggestion-card').then((m) => ({ default: m.SuggestionCard })),
);
const OrderShopCard = lazy(() =>
  import('@/modules/ordering/order-shop-card').then((m) => ({ default: m.OrderShopCard })),
);
const NewProductsShopCard = lazy(() =>
  import('@/modules/campaigns/new-products-shop-card').then((m) => ({ default: m.NewProductsShopCard })),
);
const VisitRatingShopCard = lazy(() =>
  import('@/modules/visit-oversight/visit-rating-shop-card').then((m) => ({ default: m.VisitRatingShopCard })),
);

function ShopCard({ retailer }: { retailer: RetailerDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Card>
      <Typography.Title level={2} className="siyi-page__title">
        {retailer.shopName}
      </Typography.Title>
      {retailer.status !== 'active' ? <StatusTag status={retailer.status} /> : null}
      <div className="siyi-shop-facts" style={{ marginTop: 16 }}>
        <div>
          <Typography.Text type="secondary">{t('shop.tier')}</Typography.Text>
          <div className="siyi-tier-hero">{t('shop.tierValue', { tier: retailer.tier })}</div>
          <Typography.Text type="secondary">{t('shop.tierScale')}</Typography.Text>
        </div>
        <div>
          <Typography.Text type="secondary">{t('shop.orderDay')}</Typography.Text>
          <div className="siyi-big-value">
            {t('shop.orderDayValue', { day: formatWeekday(retailer.orderWeekday, i18n.language) })}
          </div>
        </div>
      </div>
      <dl className="siyi-shop-list">
        <dt>{t('retailers.fields.licenceNo')}</dt>
        <dd>{retailer.licenceNo}</dd>
        <dt>{t('retailers.fields.ownerName')}</dt>
        <dd>{retailer.ownerName}</dd>
        <dt>{t('retailers.fields.address')}</dt>
        <dd>{retailer.address}</dd>
        <dt>{t('retailers.fields.businessFormat')}</dt>
        <dd>{t(`formats.${retailer.businessFormat}`)}</dd>
      </dl>
    </Card>
  );
}

function ManagerCard({ retailer }: { retailer: RetailerDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t('shop.myManager')}>
      {retailer.managerName ? (
        <>
          <div className="siyi-big-value">{retailer.managerName}</div>
          {retailer.managerPhone ? (
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
                {retailer.managerPhone}
              </Typography.Paragraph>
              <Button type="primary" size="large" block icon={<PhoneOutlined />} href={telHref(retailer.managerPhone)}>
                {t('shop.callManager', { name: retailer.managerName })}
              </Button>
            </>
          ) : null}
        </>
      ) : (
        <Typography.Text type="secondary">{t('shop.noManager')}</Typography.Text>
      )}
    </Card>
  );
}

function TopProductsList({ products }: { products: readonly ProductFigure[] }) {
  const { t, i18n } = useTranslation();
  if (products.length === 0) return <EmptyState description={t('retailers.sales.empty')} />;
  return (
    <ol className="siyi-rank-list">
      {products.map((p) => (
        <li key={p.productId}>
          <span className="siyi-rank-list__name">
            <Typography.Text strong>{p.name}</Typography.Text>{' '}
            <Typography.Text type="secondary">{p.brand}</Typography.Text>
          </span>
          <Typography.Text className="siyi-rank-list__value">
            {t('common.cartons', { value: formatCount(p.quantity, i18n.language) })}
          </Typography.Text>
        </li>
      ))}
    </ol>
  );
}

/** `/` for a retailer: my shop, my tier, my order day, my customer manager, what I bought. */
export function ShopHome() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const retailer = useRetailer(user.retailerId);
  const sales = useRetailerSales(user.retailerId);
  useDocumentTitle(t('nav.myShop'));

  if (user.retailerId === null) return <Result status="info" title={t('shop.noRetailer')} />;

  return (
    <div className="siyi-page siyi-page--narrow">
      <Typography.Title level={1} className="siyi-page__title">
        {t('nav.myShop')}
      </Typography.Title>
      <QueryView query={retailer} loading={<ShopPlaceholder />}>
        {(data) => (
          <>
            <ShopCard retailer={data} />
            <ManagerCard retailer={data} />
          </>
        )}
      </QueryView>
      <ConcernShopCard />
      <Card
        title={t('shop.weeklyTitle')}
        extra={<Typography.Text type="secondary">{t('shop.period', { weeks: SALES_WEEKS })}</Typography.Text>}
      >
        <QueryView query={sales} loading={<BlockLoading rows={6} />}>
          {(data) => (
            <>
              <div className="siyi-shop-facts" style={{ marginBottom: 16 }}>
                <Statistic
                  title={t('shop.lastWeek')}
                  value={t('common.cartons', { value: formatCount(data.lastWeek.quantity, i18n.language) })}
                />
                <Statistic
                  title={t('shop.recentAmount')}
                  value={formatMoney(data.recentFourWeeks.amountFen, i18n.language)}
                />
              </div>
              <WeeklySalesChart weeks={data.weeks} variant="retailer" height={260} />
            </>
          )}
        </QueryView>
      </Card>
      <Card title={t('shop.topProducts')}>
        <QueryView query={sales}>{(data) => <TopProductsList products={data.topProducts} />}</QueryView>
      </Card>
      {/* Cards that fetch their own data come last: arriving later, they push nothing the owner is reading. */}
      {retailer.data ? (
        <>
          <Suspense fallback={null}>
            <OrderShopCard />
          </Suspense>
          <Suspense fallback={null}>
            <NewProductsShopCard />
          </Suspense>
          <TierChangeCard retailerId={retailer.data.id} />
          <ChangeRequestShopCard retailerId={retailer.data.id} />
          <ShopProfileCard retailerId={retailer.data.id} />
          <Suspense fallback={null}>
            <SuggestionCard retailerId={retailer.data.id} />
          </Suspense>
          <Suspense fallback={null}>
            <VisitRatingShopCard />
          </Suspense>
        </>
      ) : null}
    </div>
  );
}
