import { CameraOutlined, DeleteOutlined, PictureOutlined } from '@ant-design/icons';
import { PHOTO_MAX_BYTES, type PhotoKind, photoKinds, type RetailerPhoto } from '@siyi/contracts';
import { Alert, Button, Card, Modal, Popconfirm, Radio, Typography } from 'antd';
import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { compressImage } from '@/modules/visits/image-resize';
import { formatDateTime } from '@/ui/format';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { usePhotoMutations, useRetailerPhotos } from './photos.api';
import './photos.css';

const MAX_MB = PHOTO_MAX_BYTES / 2 ** 20;

/** The message to show for a failed upload: the server's words for the file or kind, else its message. */
function uploadErrorText(error: unknown): string {
  if (error instanceof ApiError) return error.fields.file ?? error.fields.kind ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

function PhotoPreview({
  photo,
  canEdit,
  onClose,
  onDelete,
  deleting,
}: {
  photo: RetailerPhoto;
  canEdit: boolean;
  onClose: () => void;
  onDelete: () => void;
  deleting: boolean;
}) {
  const { t, i18n } = useTranslation();
  const kind = t(`photos.kinds.${photo.kind}`);
  return (
    <Modal
      open
      title={kind}
      onCancel={onClose}
      width={960}
      footer={[
        canEdit ? (
          <Popconfirm
            key="delete"
            title={t('photos.deleteConfirm')}
            okText={t('photos.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={onDelete}
          >
            <Button danger size="large" icon={<DeleteOutlined aria-hidden />} loading={deleting}>
              {t('photos.delete')}
            </Button>
          </Popconfirm>
        ) : null,
        <Button key="close" size="large" onClick={onClose}>
          {t('common.close')}
        </Button>,
      ]}
    >
      <img className="siyi-photos__preview" src={photo.url} alt={kind} width={photo.width} height={photo.height} />
      <Typography.Paragraph type="secondary" className="siyi-photos__meta">
        {photo.uploadedBy
          ? t('photos.takenBy', { name: photo.uploadedBy.name, at: formatDateTime(photo.createdAt, i18n.language) })
          : formatDateTime(photo.createdAt, i18n.language)}
      </Typography.Paragraph>
    </Modal>
  );
}

/**
 * A phone camera's 3–8 MB photo goes up as a JPEG of at most 1600 px (~200–500 KB), as a visit's photos do: on a
 * weak connection that is seconds instead of a minute. A file the browser cannot draw goes up as it is, and the
 * server (which checks every file's content) says what is wrong with it.
 */
async function shrinkForUpload(file: File): Promise<File> {
  try {
    const shrunk = await compressImage(file);
    if (shrunk === file) return file;
    return new File([shrunk], `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`, { type: 'image/jpeg' });
  } catch {
    return file;
  }
}

/**
 * A retailer's shop photos (门头照, 柜台照): thumbnails, a larger view, and — for its staff — taking a photo with
 * the phone's camera or choosing one, and removing one. The server decides what is an image; the size is checked
 * here first only to save a long upload that would be refused.
 */
export function RetailerPhotos({ retailerId, canEdit }: { retailerId: number; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const photos = useRetailerPhotos(retailerId);
  const { upload, remove } = usePhotoMutations(retailerId);
  const [kind, setKind] = useState<PhotoKind>('front');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Redrawing a camera photo takes a moment on a phone: the buttons show it is under way.
  const [preparing, setPreparing] = useState(false);
  const [open, setOpen] = useState<RetailerPhoto | null>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // The server's own answer wins; the prop only hides the controls before the list arrives.
  const editable = canEdit && (photos.data?.canEdit ?? true);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    setDone(null);
    setProblem(null);
    setPreparing(true);
    const file = await shrinkForUpload(chosen).finally(() => setPreparing(false));
    if (file.size > PHOTO_MAX_BYTES) {
      setProblem(t('photos.tooLarge', { mb: MAX_MB }));
      return;
    }
    upload.mutate(
      { kind, file },
      {
        onSuccess: () => setDone(t('photos.uploaded', { kind: t(`photos.kinds.${kind}`) })),
        onError: (error) => setProblem(uploadErrorText(error)),
      },
    );
  };

  return (
    <Card title={t('photos.title')}>
      {editable ? (
        <>
          <div className="siyi-photos__upload">
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value as PhotoKind)}
              optionType="button"
              buttonStyle="solid"
              size="large"
              aria-label={t('photos.kindLabel')}
              options={photoKinds.map((k) => ({ value: k, label: t(`photos.kinds.${k}`) }))}
            />
            <Button
              type="primary"
              size="large"
              icon={<CameraOutlined aria-hidden />}
              loading={upload.isPending || preparing}
              onClick={() => cameraInput.current?.click()}
            >
              {t('photos.takePhoto')}
            </Button>
            <Button
              size="large"
              icon={<PictureOutlined aria-hidden />}
              disabled={upload.isPending || preparing}
              onClick={() => fileInput.current?.click()}
            >
              {t('photos.choosePhoto')}
            </Button>
            {/* capture opens the camera on a phone; the second input picks from the album or the disk. */}
            <input
              ref={cameraInput}
              className="siyi-photos__hidden-input"
              type="file"
              accept="image/*"
              capture="environment"
              tabIndex={-1}
              aria-hidden
              onChange={(event) => void onFile(event)}
            />
            <input
              ref={fileInput}
              className="siyi-photos__hidden-input"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              tabIndex={-1}
              aria-hidden
              onChange={(event) => void onFile(event)}
            />
          </div>
          <Typography.Paragraph type="secondary">{t('photos.hint', { mb: MAX_MB })}</Typography.Paragraph>
          {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} role="alert" /> : null}
          {done ? <Alert type="success" showIcon message={done} style={{ marginBottom: 16 }} role="status" /> : null}
        </>
      ) : null}
      <QueryView query={photos} loading={<BlockLoading rows={3} />}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState description={t('photos.empty')} />
          ) : (
            <ul className="siyi-photos__grid" aria-label={t('photos.title')}>
              {data.items.map((photo) => {
                const label = t('photos.thumbLabel', {
                  kind: t(`photos.kinds.${photo.kind}`),
                  at: formatDateTime(photo.createdAt, i18n.language),
                });
                return (
                  <li key={photo.id}>
                    <button
                      type="button"
                      className="siyi-photos__thumb"
                      onClick={() => setOpen(photo)}
                      aria-label={label}
                    >
                      <img src={photo.thumbnailUrl} alt="" loading="lazy" />
                      <span className="siyi-photos__kind" aria-hidden>
                        {t(`photos.kinds.${photo.kind}`)}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )
        }
      </QueryView>
      {open ? (
        <PhotoPreview
          photo={open}
          canEdit={editable}
          deleting={remove.isPending}
          onClose={() => setOpen(null)}
          onDelete={() =>
            remove.mutate(open.id, {
              onSuccess: () => {
                setOpen(null);
                setDone(t('photos.deleted'));
              },
              onError: (error) => {
                setOpen(null);
                setProblem(uploadErrorText(error));
              },
            })
          }
        />
      ) : null}
    </Card>
  );
}
