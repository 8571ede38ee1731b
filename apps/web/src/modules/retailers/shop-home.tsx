import type { ProductFigure, RetailerDetail, WeeklyFigure } from '@siyi/contracts';
import { lazy, Suspense, useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/modules/auth/session';
import { ConcernShopCard } from '@/modules/concerns/concern-shop-card';
import { formatCount, formatMoney, formatWeekday, telHref } from '@/ui/format';
import { PhoneIcon } from '@/ui/plain/icons';
import { Alert, ButtonAnchor, Card, Stat, Tag } from '@/ui/plain/plain';
import { WhenVisible } from '@/ui/plain/when-visible';
import { BlockLoading, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { SALES_WEEKS, useRetailer, useRetailerSales } from './retailers.api';
import { ShopPlaceholder } from './shop-placeholder';
import { cardFailure, Nothing } from './shop-plain';

/*
 * The home's first cards are drawn with the plain kit and come in this page's chunk. What lies below them on a phone
 * — the weekly chart (echarts on a desktop) and the cards that fetch their own data (shop-more-cards.tsx, with the
 * suggested order's stock form in antd) — loads when the owner scrolls near it (WhenVisible), its place held meanwhile.
 */
const ShopWeeklyChart = lazy(() => import('./shop-weekly-chart').then((m) => ({ default: m.ShopWeeklyChart })));
const ShopMoreCards = lazy(() => import('./shop-more-cards').then((m) => ({ default: m.ShopMoreCards })));

const CHART_HEIGHT = 260;

function ShopCard({ retailer }: { retailer: RetailerDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Card>
      <h2 className="siyi-shop-name">{retailer.shopName}</h2>
      {retailer.status !== 'active' ? (
        <Tag tone={retailer.status === 'suspended' ? 'warning' : 'default'}>{t(`statuses.${retailer.status}`)}</Tag>
      ) : null}
      <div className="siyi-shop-facts">
        <div>
          <span className="siyi-shop-muted">{t('shop.tier')}</span>
          <div className="siyi-tier-hero">{t('shop.tierValue', { tier: retailer.tier })}</div>
          <span className="siyi-shop-muted">{t('shop.tierScale')}</span>
        </div>
        <div>
          <span className="siyi-shop-muted">{t('shop.orderDay')}</span>
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
              <p className="siyi-shop-text siyi-shop-muted">{retailer.managerPhone}</p>
              <ButtonAnchor
                look="primary"
                size="large"
                block
                icon={<PhoneIcon />}
                href={telHref(retailer.managerPhone)}
              >
                {t('shop.callManager', { name: retailer.managerName })}
              </ButtonAnchor>
            </>
          ) : null}
        </>
      ) : (
        <span className="siyi-shop-muted">{t('shop.noManager')}</span>
      )}
    </Card>
  );
}

function TopProductsList({ products }: { products: readonly ProductFigure[] }) {
  const { t, i18n } = useTranslation();
  if (products.length === 0) return <Nothing>{t('retailers.sales.empty')}</Nothing>;
  return (
    <ol className="siyi-rank-list">
      {products.map((p) => (
        <li key={p.productId}>
          <span className="siyi-rank-list__name">
            <strong>{p.name}</strong> <span className="siyi-shop-muted">{p.brand}</span>
          </span>
          <span className="siyi-rank-list__value">
            {t('common.cartons', { value: formatCount(p.quantity, i18n.language) })}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The weekly bars: their code (our SVG chart on a phone; ECharts on a desktop, which loads it in turn) comes when the
 * card nears the screen, the chart's height held meanwhile so nothing moves.
 */
function WeeklyChart({ weeks }: { weeks: readonly WeeklyFigure[] }) {
  const { t } = useTranslation();
  // Every calendar week is in the series; a period without a single order says so instead of drawing zeros.
  if (weeks.every((w) => w.quantity === 0)) return <Nothing>{t('retailers.sales.empty')}</Nothing>;
  const place = <div className="siyi-shop-chart-place" />;
  return (
    <WhenVisible placeholder={place}>
      <Suspense fallback={place}>
        <ShopWeeklyChart weeks={weeks} height={CHART_HEIGHT} />
      </Suspense>
    </WhenVisible>
  );
}

/** The place of the cards below the first screens until the owner scrolls near them and their code has come. */
function MoreCardsPlace() {
  return (
    <div data-testid="shop-more-cards">
      <Card>
        <BlockLoading rows={4} />
      </Card>
    </div>
  );
}

/** `/` for a retailer: my shop, my tier, my order day, my customer manager, what I bought. */
export function ShopHome() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const retailer = useRetailer(user.retailerId);
  const sales = useRetailerSales(user.retailerId);
  // The shop's record arrives through useSyncExternalStore, whose render runs in one piece; the cards it starts
  // (each with its own queries) are mounted from the deferred copy, in a render that yields to the browser.
  const shop = useDeferredValue(retailer.data);
  useDocumentTitle(t('nav.myShop'));

  if (user.retailerId === null) {
    return (
      <div className="siyi-page siyi-page--narrow siyi-shop-home">
        <h1 className="siyi-page__title">{t('nav.myShop')}</h1>
        <Alert title={t('shop.noRetailer')} />
      </div>
    );
  }

  return (
    <div className="siyi-page siyi-page--narrow siyi-shop-home">
      <h1 className="siyi-page__title">{t('nav.myShop')}</h1>
      <QueryView query={retailer} failure={cardFailure} loading={<ShopPlaceholder />}>
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
        extra={<span className="siyi-shop-muted">{t('shop.period', { weeks: SALES_WEEKS })}</span>}
      >
        <QueryView query={sales} failure={cardFailure} loading={<BlockLoading rows={6} />}>
          {(data) => (
            <>
              <div className="siyi-shop-facts" style={{ marginTop: 0, marginBottom: 16 }}>
                <Stat
                  label={t('shop.lastWeek')}
                  value={t('common.cartons', { value: formatCount(data.lastWeek.quantity, i18n.language) })}
                />
                <Stat
                  label={t('shop.recentAmount')}
                  value={formatMoney(data.recentFourWeeks.amountFen, i18n.language)}
                />
              </div>
              <WeeklyChart weeks={data.weeks} />
            </>
          )}
        </QueryView>
      </Card>
      <Card title={t('shop.topProducts')}>
        <QueryView query={sales} failure={cardFailure}>
          {(data) => <TopProductsList products={data.topProducts} />}
        </QueryView>
      </Card>
      {/*
        Cards that fetch their own data come last: arriving later, they push nothing the owner is reading. On a phone
        they lie screens below the first; they are drawn, and ask for their data, when the owner scrolls within a
        screen of them — the first screen's load then costs the phone six requests and a third of its work less.
      */}
      {shop ? (
        <WhenVisible placeholder={<MoreCardsPlace />} margin="100%">
          <Suspense fallback={<MoreCardsPlace />}>
            <ShopMoreCards retailerId={shop.id} />
          </Suspense>
        </WhenVisible>
      ) : null}
    </div>
  );
}
