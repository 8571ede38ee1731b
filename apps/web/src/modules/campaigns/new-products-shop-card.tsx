import { GiftOutlined, RightOutlined, RocketOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useNewProducts } from './campaigns.api';
import { ProductPhotoGallery } from './product-photos';
import './campaigns.css';

/**
 * On the retailer's home: 新品上市 — how many new products are promoted and how many gifts wait for a tap, one tap
 * to the page. Nothing while it loads, when it cannot be read (the page says why) or when there is nothing new.
 */
export function NewProductsShopCard() {
  const { t } = useTranslation();
  const products = useNewProducts();
  const data = products.data;
  if (!data || (data.items.length === 0 && data.giftsToConfirm.length === 0)) return null;
  const names = data.items
    .slice(0, 3)
    .map((i) => i.product.name)
    .join(t('campaigns.shop.nameSeparator'));
  // One picture of each of the first products that have any: a glance at what is new, a tap shows it large.
  const pictures = data.items
    .flatMap((i) => (i.knowledge.photos[0] ? [{ photo: i.knowledge.photos[0], name: i.product.name }] : []))
    .slice(0, 4);
  return (
    <Card
      title={
        <span>
          <RocketOutlined aria-hidden /> {t('campaigns.shop.title')}
        </span>
      }
      data-testid="new-products-home-card"
    >
      <Link to="/my-shop/new-products" className="siyi-home-link">
        <span className="siyi-home-link__text">
          {data.items.length > 0 ? (
            <Typography.Text strong>{t('campaigns.shop.count', { count: data.items.length })}</Typography.Text>
          ) : null}
          {names ? <Typography.Text type="secondary">{names}</Typography.Text> : null}
          {data.giftsToConfirm.length > 0 ? (
            <Typography.Text type="warning" strong data-testid="gifts-waiting">
              <GiftOutlined aria-hidden /> {t('campaigns.shop.giftsWaiting', { count: data.giftsToConfirm.length })}
            </Typography.Text>
          ) : null}
          <span className="siyi-home-link__go">{t('campaigns.shop.open')}</span>
        </span>
        <RightOutlined aria-hidden />
      </Link>
      {pictures.length > 0 ? (
        <div style={{ marginTop: 12 }}>
          <ProductPhotoGallery photos={pictures} label={t('campaigns.shop.title')} compact />
        </div>
      ) : null}
    </Card>
  );
}
