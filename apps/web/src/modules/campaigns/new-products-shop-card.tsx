import '@/modules/campaigns/campaigns.messages';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CardIcon, iconPaths } from '@/modules/retailers/shop-plain';
import { fitWithin } from '@/modules/visits/image-resize';
import { Button, Card } from '@/ui/plain/plain';
import { useNewProducts } from './campaigns.api';
import type { NamedPhoto } from './product-photos';

/** The server keeps a 320 px thumbnail: its size, for the `<img>` to hold its place before it loads. */
const THUMB_EDGE = 320;

/**
 * The large picture over the page, in the browser's own modal dialog (focus kept inside, Esc closes): what
 * product-photos' viewer shows, without antd's Modal on the home. Previous/next when there are several.
 */
function PhotoDialog({
  photos,
  index,
  onIndex,
  onClose,
}: {
  photos: readonly NamedPhoto[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const current = photos[index];
  if (!current) return null;
  const many = photos.length > 1;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop tap is a mouse/finger extra; keyboards close it with Esc (the dialog's own) or Close.
    <dialog
      ref={dialog}
      className="siyi-shop-viewer"
      aria-labelledby="siyi-shop-viewer-title"
      onClose={onClose}
      onClick={(event) => {
        // A tap on the dim backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <h2 id="siyi-shop-viewer-title">{current.name}</h2>
      <img
        key={current.photo.id}
        src={current.photo.url}
        alt={current.name}
        width={current.photo.width}
        height={current.photo.height}
        data-testid="product-photo-large"
      />
      <div className="siyi-shop-viewer__footer">
        {many ? (
          <>
            <Button
              size="large"
              icon={<CardIcon path={iconPaths.chevronLeft} />}
              disabled={index === 0}
              onClick={() => onIndex(index - 1)}
            >
              {t('campaigns.photos.previous')}
            </Button>
            <span className="siyi-shop-muted">
              {t('campaigns.photos.position', { n: index + 1, count: photos.length })}
            </span>
            <Button size="large" disabled={index === photos.length - 1} onClick={() => onIndex(index + 1)}>
              {t('campaigns.photos.next')}
              <CardIcon path={iconPaths.chevronRight} />
            </Button>
          </>
        ) : null}
        <Button size="large" look="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      </div>
    </dialog>
  );
}

/**
 * The first products' pictures as thumbnails; a tap shows one large. Styled by photo-thumbnails.css like
 * product-photos' gallery; the few lines of markup are written here again on purpose: a module shared with the
 * campaign pages would become a chunk of its own that the home fetches too (measured: +0.4 KB gzip, one request).
 */
function Thumbnails({ photos, label }: { photos: readonly NamedPhoto[]; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <>
      <ul className="siyi-product-photos siyi-product-photos--compact" aria-label={label} data-testid="product-photos">
        {photos.map((entry, i) => {
          const size = fitWithin(entry.photo.width, entry.photo.height, THUMB_EDGE);
          return (
            <li key={entry.photo.id}>
              <button
                type="button"
                className="siyi-product-photos__thumb"
                aria-label={t('campaigns.photos.open', { name: entry.name, n: i + 1, count: photos.length })}
                data-testid="product-photo"
                data-photo-id={entry.photo.id}
                onClick={() => setOpen(i)}
              >
                <img
                  src={entry.photo.thumbnailUrl}
                  alt={entry.name}
                  width={size.width || THUMB_EDGE}
                  height={size.height || THUMB_EDGE}
                  loading="lazy"
                  decoding="async"
                />
              </button>
            </li>
          );
        })}
      </ul>
      {open !== null ? (
        <PhotoDialog photos={photos} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}

/**
 * On the retailer's home: 新品上市 — how many new products are promoted and how many gifts wait for a tap, one tap
 * to the page. Nothing while it loads, when it cannot be read (the page says why) or when there is nothing new.
 * Plain kit: the home comes without antd.
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
        <span className="siyi-shop-title-icon">
          <CardIcon path={iconPaths.rocket} /> {t('campaigns.shop.title')}
        </span>
      }
      data-testid="new-products-home-card"
    >
      <Link to="/my-shop/new-products" className="siyi-home-link">
        <span className="siyi-home-link__text">
          {data.items.length > 0 ? <strong>{t('campaigns.shop.count', { count: data.items.length })}</strong> : null}
          {names ? <span className="siyi-shop-muted">{names}</span> : null}
          {data.giftsToConfirm.length > 0 ? (
            <strong className="siyi-shop-warn" data-testid="gifts-waiting">
              <CardIcon path={iconPaths.gift} />{' '}
              {t('campaigns.shop.giftsWaiting', { count: data.giftsToConfirm.length })}
            </strong>
          ) : null}
          <span className="siyi-home-link__go">{t('campaigns.shop.open')}</span>
        </span>
        <CardIcon path={iconPaths.chevronRight} />
      </Link>
      {pictures.length > 0 ? <Thumbnails photos={pictures} label={t('campaigns.shop.title')} /> : null}
    </Card>
  );
}
