import { Card, Skeleton } from '@/ui/plain/plain';

/**
 * The shop card and the manager card while the shop loads, each about as tall as it will be (measured at 375–412 px
 * wide; in rem, so large type grows them too): the sales card below stays where it is when they arrive.
 */
export function ShopPlaceholder() {
  return (
    <>
      <div style={{ minHeight: '18.5rem', display: 'flex' }}>
        <Card className="siyi-shop-wait">
          <Skeleton rows={6} />
        </Card>
      </div>
      <div style={{ minHeight: '12.5rem', display: 'flex' }}>
        <Card className="siyi-shop-wait">
          <Skeleton rows={3} />
        </Card>
      </div>
    </>
  );
}
