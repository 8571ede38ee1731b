import '@/modules/concerns/concerns.messages';
import { ArrowLeftOutlined, CameraOutlined, CheckOutlined, RedoOutlined } from '@ant-design/icons';
import {
  type ConcernDetail,
  type ConcernEvent,
  type ConcernStatus,
  concernTransitions,
  isSensitiveCategory,
  PHOTO_MAX_BYTES,
} from '@siyi/contracts';
import { Alert, App, Button, Card, Form, Input, Modal, Rate, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { formatDateTime } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { BlockLoading, NotFoundState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { CallbacksCard } from './callbacks-card';
import { CategoryLabel, ConcernStatusTag, DueText, useNow } from './concern-labels';
import { useAddConcernPhoto, useConcern, useRateConcern, useTransitionConcern } from './concerns.api';
import { ReassignCard } from './reassign-concern-dialog';
import './concerns.css';
import { byCodePoint } from '@/ui/sort';

const needsNote = (to: ConcernStatus) => concernTransitions.some((move) => move.to === to && move.note);

/** The message of a failed write: the field's own words when the server gave them, else its message. */
function errorText(error: unknown, field?: string): string {
  if (error instanceof ApiError) return (field ? error.fields[field] : undefined) ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Asks for the note a move requires (a resolution, a reason for reopening) and makes the move. */
function NoteDialog({ concern, to, onClose }: { concern: ConcernDetail; to: ConcernStatus; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const move = useTransitionConcern(concern);
  const reopening = to === 'reopened';
  const submit = ({ note }: { note: string }) =>
    move.mutate(
      { to, note: note.trim() },
      {
        onSuccess: () => {
          void message.success(t(`concerns.actions.done.${to}`));
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.fields.note)
            form.setFields([{ name: 'note', errors: [error.fields.note] }]);
        },
      },
    );
  return (
    <Modal
      open
      title={reopening ? t('concerns.actions.reopenTitle') : t('concerns.actions.resolveTitle')}
      onCancel={onClose}
      okText={t(`concerns.actions.${to}`)}
      cancelText={t('common.cancel')}
      okButtonProps={{ size: 'large', loading: move.isPending, danger: reopening }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => form.submit()}
    >
      {move.error && !(move.error instanceof ApiError && move.error.fields.note) ? (
        <Alert type="error" showIcon message={errorText(move.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="note"
          label={reopening ? t('concerns.actions.reopenReason') : t('concerns.actions.resolveNote')}
          extra={reopening ? undefined : t('concerns.actions.resolveHint')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: reopening ? t('concerns.actions.reasonRequired') : t('concerns.actions.noteRequired'),
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The moves the caller may make now, as buttons (the server's `allowedTransitions`). */
function ActionsCard({ concern }: { concern: ConcernDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { role } = useCurrentUser();
  const move = useTransitionConcern(concern);
  const [noteFor, setNoteFor] = useState<ConcernStatus | null>(null);
  const moves = concern.allowedTransitions;
  if (moves.length === 0) return null;
  const go = (to: ConcernStatus) => {
    if (needsNote(to)) return setNoteFor(to);
    move.mutate({ to, note: '' }, { onSuccess: () => void message.success(t(`concerns.actions.done.${to}`)) });
  };
  const retailerAsked = role === 'retailer';
  return (
    <Card
      title={retailerAsked ? t('concerns.actions.confirmQuestion') : undefined}
      className={retailerAsked ? 'siyi-concern-ask' : undefined}
    >
      {retailerAsked ? <Typography.Paragraph>{t('concerns.actions.confirmHint')}</Typography.Paragraph> : null}
      {move.error ? <Alert type="error" showIcon message={errorText(move.error)} style={{ marginBottom: 12 }} /> : null}
      <div className="siyi-concern-actions">
        {moves.map((to) => (
          <Button
            key={to}
            size="large"
            type={to === 'reopened' ? 'default' : 'primary'}
            danger={to === 'reopened'}
            icon={to === 'reopened' ? <RedoOutlined aria-hidden /> : <CheckOutlined aria-hidden />}
            loading={move.isPending && move.variables?.to === to}
            onClick={() => go(to)}
          >
            {t(`concerns.actions.${to}`)}
          </Button>
        ))}
      </div>
      {noteFor ? <NoteDialog concern={concern} to={noteFor} onClose={() => setNoteFor(null)} /> : null}
    </Card>
  );
}

/** The retailer rates how its finished concern was handled: 1–5 large stars and an optional word. */
function RatingCard({ concern }: { concern: ConcernDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ stars: number; comment: string }>();
  const rate = useRateConcern(concern.id);
  if (concern.rating) {
    return (
      <Card title={t('concerns.rating.yours')}>
        <Rate disabled value={concern.rating.stars} className="siyi-concern-rate" />
        <Typography.Text className="siyi-concern-rate__words">
          {t('concerns.rating.stars', { count: concern.rating.stars })}
        </Typography.Text>
        {concern.rating.comment ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>
            {concern.rating.comment}
          </Typography.Paragraph>
        ) : null}
      </Card>
    );
  }
  if (!concern.canRate) return null;
  const submit = (values: { stars: number; comment: string }) =>
    rate.mutate(
      { stars: values.stars, comment: (values.comment ?? '').trim() },
      {
        onSuccess: () => void message.success(t('concerns.rating.thanks')),
        onError: (error) => {
          if (error instanceof ApiError) {
            const placed = Object.entries(error.fields).filter(([name]) => name === 'stars' || name === 'comment');
            form.setFields(placed.map(([name, text]) => ({ name: name as 'stars' | 'comment', errors: [text] })));
          }
        },
      },
    );
  return (
    <Card title={t('concerns.rating.title')} className="siyi-concern-ask">
      {rate.error && !(rate.error instanceof ApiError && (rate.error.fields.stars || rate.error.fields.comment)) ? (
        <Alert type="error" showIcon message={errorText(rate.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="stars"
          label={t('concerns.rating.label')}
          rules={[{ required: true, message: t('concerns.rating.required') }]}
        >
          <Rate className="siyi-concern-rate" aria-label={t('concerns.rating.label')} />
        </Form.Item>
        <Form.Item name="comment" label={t('concerns.rating.comment')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={rate.isPending}>
          {t('concerns.rating.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function PhotosCard({ concern }: { concern: ConcernDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useAddConcernPhoto();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (concern.photos.length === 0 && !concern.canAddPhoto) return null;
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!file.type.startsWith('image/')) return setProblem(t('concerns.raise.photoNotImage'));
    if (file.size > PHOTO_MAX_BYTES)
      return setProblem(t('concerns.raise.photoTooBig', { mb: PHOTO_MAX_BYTES / 2 ** 20 }));
    setProblem(null);
    add.mutate(
      { id: concern.id, file },
      {
        onSuccess: () => void message.success(t('concerns.detail.photoAdded')),
        onError: (error) => setProblem(errorText(error, 'file')),
      },
    );
  };
  return (
    <Card title={t('concerns.detail.photos')}>
      {concern.photos.length > 0 ? (
        <ul className="siyi-concern-photos">
          {concern.photos.map((photo, index) => (
            <li key={photo.id}>
              <a href={photo.url} target="_blank" rel="noreferrer">
                <img
                  src={photo.thumbnailUrl}
                  alt={t('concerns.detail.photoAlt', { n: index + 1 })}
                  width={96}
                  height={96}
                  loading="lazy"
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {concern.canAddPhoto ? (
        <>
          <input
            ref={input}
            type="file"
            accept="image/*"
            className="siyi-visually-hidden"
            tabIndex={-1}
            aria-hidden
            onChange={choose}
          />
          <Button
            size="large"
            icon={<CameraOutlined aria-hidden />}
            loading={add.isPending}
            onClick={() => input.current?.click()}
          >
            {t('concerns.detail.addPhoto')}
          </Button>
        </>
      ) : null}
      {problem ? (
        <Typography.Paragraph type="danger" role="alert" style={{ marginTop: 8 }}>
          {problem}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** One line of the concern's history in words. */
function eventText(event: ConcernEvent, t: TFunction): string {
  const person = (value: unknown) =>
    value && typeof value === 'object' && 'name' in value
      ? String((value as { name: unknown }).name)
      : t('concerns.detail.nobody');
  switch (event.kind) {
    case 'transition':
      return event.from && event.to
        ? t('concerns.events.transition', {
            from: t(`concerns.statuses.${event.from}`),
            to: t(`concerns.statuses.${event.to}`),
          })
        : t('concerns.events.toOnly', { to: event.to ? t(`concerns.statuses.${event.to}`) : '' });
    case 'escalated':
      return t('concerns.events.escalated', { owner: person(event.data.toOwner) });
    case 'reassigned': {
      const line = t('concerns.events.reassigned', {
        from: person(event.data.fromOwner),
        to: person(event.data.toOwner),
      });
      const reason = String(event.data.reason ?? '');
      return ['sla', 'retailer_moved', 'manual'].includes(reason)
        ? t('concerns.events.reassignedWhy', { line, why: t(`concerns.events.reassignReasons.${reason as 'sla'}`) })
        : line;
    }
    case 'rated':
      return t('concerns.events.rated', { stars: Number(event.data.stars ?? 0) });
    case 'callback': {
      const outcome = String(event.data.outcome ?? '');
      return t('concerns.events.callback', {
        outcome: ['satisfied', 'unsatisfied', 'unreachable'].includes(outcome)
          ? t(`concerns.callback.outcomes.${outcome as 'satisfied'}`)
          : outcome,
      });
    }
    default:
      return t(`concerns.events.${event.kind}`);
  }
}

function HistoryCard({ concern }: { concern: ConcernDetail }) {
  const { t, i18n } = useTranslation();
  const events = [...concern.history].sort((a, b) => byCodePoint(a.occurredAt, b.occurredAt) || a.id - b.id);
  return (
    <Card title={t('concerns.detail.history')}>
      <Timeline
        className="siyi-concern-history"
        items={events.map((event) => ({
          key: event.id,
          color:
            event.kind === 'escalated'
              ? 'red'
              : event.to === 'reopened'
                ? 'orange'
                : event.to === 'confirmed'
                  ? 'green'
                  : 'blue',
          content: (
            <div data-testid="concern-event" data-kind={event.kind} data-to={event.to ?? ''}>
              <Typography.Text strong>{eventText(event, t)}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {formatDateTime(event.occurredAt, i18n.language)} · {event.actor?.name ?? t('concerns.events.system')}
                </Typography.Text>
              </div>
              {event.note ? (
                <Typography.Paragraph className="siyi-concern-note">
                  {t('concerns.events.note', { note: event.note })}
                </Typography.Paragraph>
              ) : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

function Facts({ concern }: { concern: ConcernDetail }) {
  const { t, i18n } = useTranslation();
  const { role } = useCurrentUser();
  const now = useNow();
  const rows: [string, React.ReactNode][] = [
    [
      t('concerns.detail.shop'),
      role === 'retailer' ? (
        concern.shopName
      ) : (
        <Link key="shop" to={`/retailers/${concern.retailerId}`}>
          {concern.shopName}
        </Link>
      ),
    ],
    [t('concerns.detail.owner'), concern.owner?.name ?? t('concerns.detail.nobody')],
    [t('concerns.detail.raisedAt'), formatDateTime(concern.createdAt, i18n.language)],
    [t('concerns.detail.raisedBy'), concern.raisedBy?.name ?? t('concerns.detail.nobody')],
    [
      t('concerns.detail.dueAt'),
      <span key="due">
        {formatDateTime(concern.dueAt, i18n.language)} ·{' '}
        <DueText concern={concern} now={now} forRetailer={role === 'retailer'} />
      </span>,
    ],
    [t('concerns.detail.source'), t(`concerns.sources.${concern.source}`)],
    [t('concerns.detail.priority'), t(`concerns.priorities.${concern.priority}`)],
  ];
  return (
    <dl className="siyi-concern-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ConcernView({ concern }: { concern: ConcernDetail }) {
  const { t, i18n } = useTranslation();
  const { role } = useCurrentUser();
  const isRetailer = role === 'retailer';
  return (
    <>
      <Card>
        <div className="siyi-concern-title">
          <Typography.Title level={1} className="siyi-page__title">
            <CategoryLabel category={concern.category} />
          </Typography.Title>
          <ConcernStatusTag status={concern.status} />
        </div>
        <Typography.Text type="secondary">{t('concerns.detail.title', { id: concern.id })}</Typography.Text>
        <Typography.Paragraph className="siyi-concern-text" data-testid="concern-text">
          {concern.text}
        </Typography.Paragraph>
        {!isRetailer && isSensitiveCategory(concern.category) ? (
          <Alert type="info" showIcon message={t('concerns.detail.sensitive')} style={{ marginBottom: 12 }} />
        ) : null}
        {concern.escalatedAt ? (
          <Alert
            type="warning"
            showIcon
            message={t('concerns.detail.escalated', { at: formatDateTime(concern.escalatedAt, i18n.language) })}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {concern.resolution ? (
          <Alert
            type={concern.status === 'reopened' ? 'info' : 'success'}
            showIcon
            message={
              concern.status === 'reopened' ? t('concerns.detail.previousResolution') : t('concerns.detail.resolution')
            }
            description={<span className="siyi-concern-note">{concern.resolution}</span>}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {concern.closedBy ? (
          <Typography.Paragraph strong>
            {isRetailer
              ? t(`concerns.detail.closedByYou.${concern.closedBy}`)
              : t(`concerns.detail.closedBy.${concern.closedBy}`)}
          </Typography.Paragraph>
        ) : null}
        {concern.reopenCount > 0 ? (
          <Typography.Paragraph type="secondary">
            {t('concerns.detail.reopenCount', { count: concern.reopenCount })}
          </Typography.Paragraph>
        ) : null}
        <Facts concern={concern} />
      </Card>
      <ActionsCard concern={concern} />
      <ReassignCard concern={concern} />
      <RatingCard concern={concern} />
      <PhotosCard concern={concern} />
      {concern.canCallback || concern.callbacks.length > 0 ? <CallbacksCard concern={concern} /> : null}
      <HistoryCard concern={concern} />
    </>
  );
}

/** `/concerns/:id`: the concern, the moves the caller may make, its rating, photos, call-backs and history. */
export function ConcernDetailPage() {
  const { t } = useTranslation();
  const { role } = useCurrentUser();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0 && id <= 2_147_483_647;
  const concern = useConcern(valid ? id : 0, valid);
  // Opened from further down a list or the raise form: start at the concern's title, not mid-page.
  useEffect(() => {
    if (Number.isFinite(id)) window.scrollTo({ top: 0 });
  }, [id]);
  useDocumentTitle(t('concerns.detail.title', { id: params.id ?? '' }));
  const back = role === 'retailer' ? '/my-shop/concerns' : role === 'admin' ? '/concerns/overview' : '/concerns';
  if (!valid) return <NotFoundState body={t('concerns.detail.notFound')} backTo={back} headingLevel={1} />;
  return (
    <div className="siyi-page siyi-page--narrow">
      <div>
        <LinkButton to={back} icon={<ArrowLeftOutlined aria-hidden />} type="link" className="siyi-concern-back">
          {t('concerns.detail.back')}
        </LinkButton>
      </div>
      <QueryView query={concern} loading={<BlockLoading rows={10} />}>
        {(data) => <ConcernView concern={data} />}
      </QueryView>
    </div>
  );
}
