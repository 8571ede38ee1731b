import '@/modules/campaigns/campaigns.messages';
import { CameraOutlined, DeleteOutlined, LeftOutlined, PictureOutlined, RightOutlined } from '@ant-design/icons';
import { PRODUCT_PHOTOS_MAX, type ProductKnowledge, type ProductPhoto } from '@siyi/contracts';
import { Alert, Button, Card, Modal, Popconfirm, Typography } from 'antd';
import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { compressImage, fitWithin } from '@/modules/visits/image-resize';
import { useProductPhotoMutations } from './campaigns.api';
import './campaigns.css';

/** The server keeps a 320 px thumbnail: its size, for the `<img>` to hold its place before it loads. */
const THUMB_EDGE = 320;

/** A picture with the product it shows (its alt text). */
export interface NamedPhoto {
  photo: ProductPhoto;
  name: string;
}

/** The failed upload or removal in words: the server's message for the file (not an image, too large, 6 already). */
function photoErrorText(error: unknown): string {
  if (error instanceof ApiError) return error.fields.file ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The uploaded file's name: the product, the moment and `.jpg` (the device's name may carry anything). */
function productPhotoFileName(productId: number, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `product-${productId}-${stamp}.jpg`;
}

/** The large picture over the page; previous/next when there are several. */
function PhotoViewer({
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
  const current = photos[index];
  if (!current) return null;
  const many = photos.length > 1;
  return (
    <Modal
      open
      title={current.name}
      onCancel={onClose}
      width={960}
      centered
      closable={{ 'aria-label': t('common.close') }}
      footer={
        <div className="siyi-product-photo-viewer__footer">
          {many ? (
            <>
              <Button
                size="large"
                icon={<LeftOutlined aria-hidden />}
                disabled={index === 0}
                onClick={() => onIndex(index - 1)}
              >
                {t('campaigns.photos.previous')}
              </Button>
              <Typography.Text type="secondary">
                {t('campaigns.photos.position', { n: index + 1, count: photos.length })}
              </Typography.Text>
              <Button
                size="large"
                icon={<RightOutlined aria-hidden />}
                iconPlacement="end"
                disabled={index === photos.length - 1}
                onClick={() => onIndex(index + 1)}
              >
                {t('campaigns.photos.next')}
              </Button>
            </>
          ) : null}
          <Button size="large" type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        </div>
      }
    >
      <img
        key={current.photo.id}
        className="siyi-product-photo-viewer__image"
        src={current.photo.url}
        alt={current.name}
        width={current.photo.width}
        height={current.photo.height}
        data-testid="product-photo-large"
      />
    </Modal>
  );
}

/** One square thumbnail: lazy, its size given so nothing moves when it arrives. */
function Thumbnail({ photo, name }: NamedPhoto) {
  const size = fitWithin(photo.width, photo.height, THUMB_EDGE);
  return (
    <img
      src={photo.thumbnailUrl}
      alt={name}
      width={size.width || THUMB_EDGE}
      height={size.height || THUMB_EDGE}
      loading="lazy"
      decoding="async"
    />
  );
}

/**
 * A product's pictures as a row of thumbnails; a tap opens the large one (新品上市, 新品推介, the retailer's home).
 * Nothing when there are none.
 */
export function ProductPhotoGallery({
  photos,
  label,
  compact = false,
}: {
  photos: readonly NamedPhoto[];
  /** What the list is, for a screen reader. */
  label: string;
  /** Smaller thumbnails (the home card). */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return null;
  return (
    <>
      <ul
        className={`siyi-product-photos${compact ? ' siyi-product-photos--compact' : ''}`}
        aria-label={label}
        data-testid="product-photos"
      >
        {photos.map((entry, i) => (
          <li key={entry.photo.id}>
            <button
              type="button"
              className="siyi-product-photos__thumb"
              aria-label={t('campaigns.photos.open', { name: entry.name, n: i + 1, count: photos.length })}
              data-testid="product-photo"
              data-photo-id={entry.photo.id}
              onClick={() => setOpen(i)}
            >
              <Thumbnail {...entry} />
            </button>
          </li>
        ))}
      </ul>
      {open !== null ? (
        <PhotoViewer photos={photos} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}

/**
 * The admin's pictures of a product: take one with the phone's camera or choose one, each redrawn on the device to
 * at most 1600 px first (a camera's 3–8 MB would be slow and may be refused); thumbnails; remove one after a
 * confirmation. At most PRODUCT_PHOTOS_MAX — said before the buttons are tried. Saved at once, apart from the form.
 */
export function ProductPhotosEditor({ knowledge }: { knowledge: ProductKnowledge }) {
  const { t } = useTranslation();
  const productId = knowledge.productId;
  const name = knowledge.product.name;
  const { add, remove } = useProductPhotoMutations(productId);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const photos = knowledge.photos;
  const full = photos.length >= PRODUCT_PHOTOS_MAX;
  const named = photos.map((photo) => ({ photo, name }));

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    setDone(null);
    setWorking(true);
    try {
      let photo: Blob;
      try {
        photo = await compressImage(file);
      } catch {
        setProblem(t('campaigns.photos.notImage'));
        return;
      }
      await add.mutateAsync({ photo, name: productPhotoFileName(productId, new Date()) });
      setDone(t('campaigns.photos.uploaded'));
    } catch (error) {
      setProblem(photoErrorText(error));
    } finally {
      setWorking(false);
    }
  };

  return (
    <Card
      title={t('campaigns.photos.title')}
      extra={
        <Typography.Text type="secondary" data-testid="product-photo-count" data-count={photos.length}>
          {t('campaigns.photos.count', { count: photos.length, max: PRODUCT_PHOTOS_MAX })}
        </Typography.Text>
      }
      data-testid="product-photos-editor"
    >
      <div className="siyi-product-photos__upload">
        <Button
          type="primary"
          size="large"
          icon={<CameraOutlined aria-hidden />}
          loading={working}
          disabled={full}
          onClick={() => cameraInput.current?.click()}
        >
          {t('campaigns.photos.takePhoto')}
        </Button>
        <Button
          size="large"
          icon={<PictureOutlined aria-hidden />}
          disabled={full || working}
          onClick={() => fileInput.current?.click()}
          data-testid="product-photo-choose"
        >
          {t('campaigns.photos.choosePhoto')}
        </Button>
        {/* capture opens the camera on a phone; the second input picks from the album or the disk. */}
        <input
          ref={cameraInput}
          className="siyi-product-photos__input"
          type="file"
          accept="image/*"
          capture="environment"
          tabIndex={-1}
          aria-hidden
          onChange={(e) => void onFile(e)}
        />
        <input
          ref={fileInput}
          className="siyi-product-photos__input"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          tabIndex={-1}
          aria-hidden
          onChange={(e) => void onFile(e)}
          data-testid="product-photo-input"
        />
      </div>
      <Typography.Paragraph type="secondary">
        {full ? t('campaigns.photos.full', { max: PRODUCT_PHOTOS_MAX }) : t('campaigns.photos.hint')}
      </Typography.Paragraph>
      {problem ? (
        <Alert
          type="error"
          showIcon
          message={problem}
          role="alert"
          style={{ marginBottom: 16 }}
          data-testid="product-photo-error"
        />
      ) : null}
      {done ? <Alert type="success" showIcon message={done} role="status" style={{ marginBottom: 16 }} /> : null}
      {photos.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('campaigns.photos.empty')}</Typography.Paragraph>
      ) : (
        <ul className="siyi-product-photos" aria-label={t('campaigns.photos.listLabel', { name })}>
          {photos.map((photo, i) => (
            <li key={photo.id} className="siyi-product-photos__item" data-testid="product-photo-item">
              <button
                type="button"
                className="siyi-product-photos__thumb"
                aria-label={t('campaigns.photos.open', { name, n: i + 1, count: photos.length })}
                data-testid="product-photo"
                data-photo-id={photo.id}
                onClick={() => setOpen(i)}
              >
                <Thumbnail photo={photo} name={name} />
              </button>
              <Popconfirm
                title={t('campaigns.photos.deleteConfirm')}
                okText={t('campaigns.photos.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => {
                  setProblem(null);
                  setDone(null);
                  remove.mutate(photo.id, {
                    onSuccess: () => setDone(t('campaigns.photos.deleted')),
                    onError: (error) => setProblem(photoErrorText(error)),
                  });
                }}
              >
                <Button
                  danger
                  block
                  icon={<DeleteOutlined aria-hidden />}
                  loading={remove.isPending && remove.variables === photo.id}
                  aria-label={t('campaigns.photos.deleteLabel', { n: i + 1 })}
                  data-testid="product-photo-delete"
                >
                  {t('campaigns.photos.delete')}
                </Button>
              </Popconfirm>
            </li>
          ))}
        </ul>
      )}
      {open !== null ? (
        <PhotoViewer photos={named} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      ) : null}
    </Card>
  );
}
