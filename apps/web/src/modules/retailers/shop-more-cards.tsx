import '@/modules/suggestions/suggestions.messages';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { AntdScope } from '@/app/antd-scope';
import { NewProductsShopCard } from '@/modules/campaigns/new-products-shop-card';
import { ChangeRequestShopCard } from '@/modules/change-requests/change-request-shop-card';
import { OrderShopCard } from '@/modules/ordering/order-shop-card';
import { ShopProfileCard } from '@/modules/retailer-360/shop-profile-card';
import { TierChangeCard } from '@/modules/tiers/tier-change-card';
import { VisitRatingShopCard } from '@/modules/visit-oversight/visit-rating-shop-card';
import { Card } from '@/ui/plain/plain';
import { WhenVisible } from '@/ui/plain/when-visible';
import { BlockLoading } from '@/ui/states';

const SuggestionCard = lazy(() =>
  import('@/modules/suggestions/suggestion-card').then((m) => ({ default: m.SuggestionCard })),
);

/** The suggested order's place while its code (and antd, for the stock form) loads. */
function SuggestionPlace() {
  const { t } = useTranslation();
  return (
    <Card title={t('suggestions.title')}>
      <BlockLoading rows={3} />
    </Card>
  );
}

/**
 * The retailer home's cards below its first screens, each fetching its own data: this week's order, new products,
 * tier changes, contact changes, the archive, the suggested order (antd, for its stock form: loaded nearer still)
 * and visits to rate. Their own chunk, loaded when the owner scrolls near them (shop-home.tsx).
 */
export function ShopMoreCards({ retailerId }: { retailerId: number }) {
  return (
    <>
      <OrderShopCard />
      <NewProductsShopCard />
      <TierChangeCard retailerId={retailerId} />
      <ChangeRequestShopCard retailerId={retailerId} />
      <ShopProfileCard retailerId={retailerId} />
      <WhenVisible placeholder={<SuggestionPlace />}>
        <AntdScope fallback={<SuggestionPlace />}>
          <Suspense fallback={<SuggestionPlace />}>
            <SuggestionCard retailerId={retailerId} />
          </Suspense>
        </AntdScope>
      </WhenVisible>
      <VisitRatingShopCard />
    </>
  );
}
