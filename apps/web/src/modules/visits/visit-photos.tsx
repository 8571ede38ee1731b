import '@/modules/visits/visits.messages';
import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import type { VisitDetail, VisitPhoto } from '@siyi/contracts';
import { Alert, Button, Card, Modal, Typography } from 'antd';
import { type ChangeEvent, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/api-client';
import { formatDateTime } from '@/ui/format';
import { EmptyState } from '@/ui/states';
import { compressImage, photoFileName } from './image-resize';
import type { FlushResult } from './photo-queue';
import { usePhotoQueue } from './use-photo-queue';
import type { Fix } from './use-position';
import { readPosition } from './use-position';
import { useAddVisitPhoto } from './visits.api';
import '@/modules/photos/photos.css';

const PHOTOS_MAX = 12;

function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.fields.file ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Photos of the visit: from the camera (or the album), shrunk in the browser to ≤ 1600 px JPEG, sent with where
 * the phone was (the last reading if fresh, else a quick new one; none when the phone will not say). Without a
 * connection the photo is kept on the phone with its time and position, shown as waiting, and sent when back.
 */
export function VisitPhotos({ visit, lastFix }: { visit: VisitDetail; lastFix: Fix | null }) {
  const { t, i18n } = useTranslation();
  const camera = useRef<HTMLInputElement>(null);
  const album = useRef<HTMLInputElement>(null);
  const upload = useAddVisitPhoto(visit.id);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [kept, setKept] = useState(false);
  const [open, setOpen] = useState<VisitPhoto | null>(null);
  const onFlushed = useCallback(
    (result: FlushResult) => {
      if (result.sent.length > 0) {
        setKept(false);
        setDone(t('visits.photos.sentLater', { count: result.sent.length }));
      }
      const refused = result.dropped[0];
      if (refused) setProblem(t('visits.photos.dropped', { message: errorText(refused.error) }));
    },
    [t],
  );
  const queue = usePhotoQueue(visit.id, onFlushed);
  const waiting = queue.waiting.filter((p) => p.visitId === visit.id);
  const count = visit.photos.length + waiting.length;
  const editable = visit.canAddPhoto && count < PHOTOS_MAX;

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    setDone(null);
    setKept(false);
    setWorking(true);
    try {
      let photo: Blob;
      try {
        photo = await compressImage(file);
      } catch {
        setProblem(t('visits.photos.notImage'));
        return;
      }
      const takenAt = new Date();
      const fresh = lastFix && Date.now() - lastFix.at < 120_000 ? lastFix : null;
      const position = fresh ?? (await readPosition({ maxAgeMs: 60_000, timeoutMs: 8_000 }).catch(() => null));
      const item = {
        photo,
        name: photoFileName(visit.id, takenAt),
        position: position ? { lat: position.lat, lng: position.lng, accuracy: position.accuracy } : null,
      };
      const keep = async () => {
        await queue.keep({ ...item, takenAt: takenAt.toISOString() });
        setKept(true);
      };
      if (queue.available && !navigator.onLine) {
        await keep();
        return;
      }
      try {
        await upload.mutateAsync(item);
      } catch (error) {
        // The connection went while sending: kept like a photo taken offline.
        if (queue.available && error instanceof ApiError && error.code === 'NETWORK_ERROR') {
          await keep();
          return;
        }
        throw error;
      }
      setDone(t('visits.photos.uploaded'));
    } catch (error) {
      setProblem(t('visits.photos.failed', { message: errorText(error) }));
    } finally {
      setWorking(false);
    }
  };

  return (
    <Card
      title={t('visits.photos.title')}
      extra={<span className="siyi-visit-muted">{t('visits.photos.count', { count, max: PHOTOS_MAX })}</span>}
    >
      {visit.canAddPhoto ? (
        <div className="siyi-visit-photo-pick">
          <Button
            type="primary"
            size="large"
            icon={<CameraOutlined aria-hidden />}
            loading={working}
            disabled={!editable}
            onClick={() => camera.current?.click()}
            data-testid="visit-photo-take"
          >
            {working ? t('visits.photos.uploading') : t('visits.photos.take')}
          </Button>
          <Button
            size="large"
            icon={<PictureOutlined aria-hidden />}
            disabled={!editable || working}
            onClick={() => album.current?.click()}
          >
            {t('visits.photos.choose')}
          </Button>
          <input
            ref={camera}
            className="siyi-photos__hidden-input"
            type="file"
            accept="image/*"
            capture="environment"
            tabIndex={-1}
            aria-hidden
            data-testid="visit-photo-input"
            onChange={(e) => void onFile(e)}
          />
          <input
            ref={album}
            className="siyi-photos__hidden-input"
            type="file"
            accept="image/*"
            tabIndex={-1}
            aria-hidden
            onChange={(e) => void onFile(e)}
          />
        </div>
      ) : null}
      {problem ? <Alert type="error" showIcon role="alert" message={problem} style={{ marginBottom: 12 }} /> : null}
      {done ? <Alert type="success" showIcon role="status" message={done} style={{ marginBottom: 12 }} /> : null}
      {kept || waiting.length > 0 ? (
        <Alert
          type="info"
          showIcon
          role="status"
          message={t('visits.photos.kept', { count: waiting.length })}
          style={{ marginBottom: 12 }}
          data-testid="visit-photos-waiting"
        />
      ) : null}
      {count === 0 ? (
        <EmptyState description={t('visits.photos.empty')} />
      ) : (
        <ul className="siyi-photos__grid" aria-label={t('visits.photos.title')} data-testid="visit-photos">
          {waiting.map((photo) => (
            <li key={photo.id} data-testid="visit-photo-waiting">
              <div className="siyi-photos__thumb siyi-visit-photo-waiting">
                <img
                  src={photo.url}
                  alt={t('visits.photos.takenAt', { time: formatDateTime(photo.takenAt, i18n.language) })}
                />
                <span className="siyi-visit-photo-waiting__tag">{t('visits.photos.waiting')}</span>
              </div>
            </li>
          ))}
          {visit.photos.map((photo) => {
            const label = t('visits.photos.takenAt', { time: formatDateTime(photo.createdAt, i18n.language) });
            return (
              <li key={photo.id}>
                <button type="button" className="siyi-photos__thumb" onClick={() => setOpen(photo)} aria-label={label}>
                  <img src={photo.thumbnailUrl} alt="" loading="lazy" />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <Modal open={open !== null} onCancel={() => setOpen(null)} footer={null} title={t('visits.photos.preview')}>
        {open ? (
          <>
            <img className="siyi-photos__preview" src={open.url} alt={t('visits.photos.preview')} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('visits.photos.takenAt', { time: formatDateTime(open.createdAt, i18n.language) })}
            </Typography.Paragraph>
          </>
        ) : null}
      </Modal>
    </Card>
  );
}
