import { Card } from 'antd';

/**
 * The shop card and the manager card while the shop loads, each about as tall as it will be (measured at 375–412 px
 * wide; in rem, so large type grows them too): the sales card below stays where it is when they arrive.
 */
export function ShopPlaceholder() {
  return (
    <>
      <Card loading style={{ minHeight: '18.5rem' }} />
      <Card loading style={{ minHeight: '12.5rem' }} />
    </>
  );
}
