import '@/modules/visit-oversight/visit-oversight.messages';
import { ClockCircleOutlined, UserOutlined } from '@ant-design/icons';
import { VISIT_NOTE_MAX, type VisitSummary } from '@siyi/contracts';
import { Alert, App, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { formatDate, formatDateTime } from '@/ui/format';
import { BlockLoading, EmptyState, ErrorState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { StarPicker, StarsShown } from './star-picker';
import { formatDuration, shanghaiDate } from './visit-figures';
import {
  type RatableVisit,
  ratedVisits,
  secondsOnSite,
  useFinishedVisits,
  useRateVisit,
  useVisitsToRate,
} from './visit-rating.api';
import './visit-oversight.css';

interface RatingValues {
  score: number | undefined;
  comment: string;
}

/** What the manager did on the visit, as far as the server tells the retailer. */
function WhatWasDone({ visit }: { visit: RatableVisit }) {
  const { t } = useTranslation();
  const done = visit.done;
  // An older server's answer without the digest: the day, the manager and the time on site still say which visit.
  if (!done) return null;
  const lines = [
    done.checklistTotal > 0
      ? t('visitOversight.rate.checklistDone', { done: done.checklistAnswered, total: done.checklistTotal })
      : null,
    done.products.length > 0
      ? t('visitOversight.rate.productsIntroduced', {
          products: done.products.join(t('retailer360.timeline.fieldSeparator')),
        })
      : null,
    done.followUps > 0 ? t('visitOversight.rate.followUps', { count: done.followUps }) : null,
  ].filter((line): line is string => line !== null);
  return (
    <div className="siyi-visit-done">
      <Typography.Text strong>{t('visitOversight.rate.whatWasDone')}</Typography.Text>
      {lines.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('visitOversight.rate.nothingRecorded')}</Typography.Paragraph>
      ) : (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The facts of a visit a retailer recognises it by: the day, who came, how long they stayed. */
function VisitFacts({
  checkOutAt,
  managerName,
  seconds,
}: {
  checkOutAt: string;
  managerName: string | null;
  seconds: number | null;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Typography.Title level={3} className="siyi-visit-card__title">
        {t('visitOversight.rate.visitOn', { date: formatDate(shanghaiDate(checkOutAt), i18n.language) })}
      </Typography.Title>
      <ul className="siyi-visit-card__facts">
        {managerName ? (
          <li>
            <UserOutlined aria-hidden /> {t('visitOversight.rate.manager', { name: managerName })}
          </li>
        ) : null}
        <li>
          <ClockCircleOutlined aria-hidden />{' '}
          {t('visitOversight.rate.timeOnSite', { duration: formatDuration(seconds, t) })}
        </li>
      </ul>
    </>
  );
}

/** One visit to rate: what it was, the stars, a comment, and the one send. */
function RateVisitCard({ visit, highlighted }: { visit: RatableVisit; highlighted: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RatingValues>();
  const rate = useRateVisit();
  const submit = (values: RatingValues) => {
    if (!values.score) return;
    rate.mutate(
      { id: visit.id, body: { score: values.score, comment: (values.comment ?? '').trim() } },
      {
        onSuccess: () => void message.success(t('visitOversight.rate.saved')),
        onError: (error) => {
          if (error instanceof ApiError) {
            const placed = Object.entries(error.fields).filter(([name]) => name === 'score' || name === 'comment');
            form.setFields(placed.map(([name, text]) => ({ name: name as keyof RatingValues, errors: [text] })));
          }
        },
      },
    );
  };
  const fieldErrors =
    rate.error instanceof ApiError &&
    (rate.error.fields.score !== undefined || rate.error.fields.comment !== undefined);
  return (
    <li
      className={
        highlighted
          ? 'siyi-visit-card siyi-visit-card--ask siyi-visit-card--focus'
          : 'siyi-visit-card siyi-visit-card--ask'
      }
      data-testid="visit-to-rate"
      data-id={visit.id}
      id={`visit-${visit.id}`}
    >
      <VisitFacts
        checkOutAt={visit.checkOutAt}
        managerName={visit.manager?.name ?? null}
        seconds={secondsOnSite(visit)}
      />
      <WhatWasDone visit={visit} />
      <Form<RatingValues>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={submit}
        aria-label={t('visitOversight.rate.scoreLabel')}
      >
        {rate.error && !fieldErrors ? (
          <Alert
            type="error"
            showIcon
            message={rate.error instanceof Error ? rate.error.message : String(rate.error)}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <Form.Item
          name="score"
          label={t('visitOversight.rate.scoreLabel')}
          rules={[{ required: true, message: t('visitOversight.rate.scoreRequired') }]}
        >
          <StarPicker label={t('visitOversight.rate.scoreLabel')} />
        </Form.Item>
        <Form.Item name="comment" label={t('visitOversight.rate.comment')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={VISIT_NOTE_MAX}
            placeholder={t('visitOversight.rate.commentPlaceholder')}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary" className="siyi-visit-card__hint">
          {t('visitOversight.rate.rateUntil', { date: formatDateTime(visit.ratableUntil, i18n.language) })}
          {' · '}
          {t('visitOversight.rate.confirmOnce')}
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" block loading={rate.isPending} className="siyi-visit-card__send">
          {t('visitOversight.rate.submit')}
        </Button>
      </Form>
    </li>
  );
}

/** A visit the retailer has rated: its facts and the rating as given. */
function RatedVisitCard({ visit }: { visit: VisitSummary }) {
  const { t, i18n } = useTranslation();
  if (!visit.rating || !visit.checkOutAt) return null;
  return (
    <li className="siyi-visit-card" data-testid="visit-rated" data-id={visit.id}>
      <VisitFacts
        checkOutAt={visit.checkOutAt}
        managerName={visit.manager?.name ?? null}
        seconds={visit.secondsOnSite}
      />
      <div className="siyi-visit-card__rating">
        <StarsShown score={visit.rating.score} />
        {visit.rating.comment ? (
          <Typography.Paragraph className="siyi-visit-card__comment">{visit.rating.comment}</Typography.Paragraph>
        ) : null}
        <Typography.Text type="secondary">
          {t('visitOversight.rate.ratedAt', { at: formatDateTime(visit.rating.createdAt, i18n.language) })}
        </Typography.Text>
      </div>
    </li>
  );
}

/**
 * `/my-shop/visits` for a retailer: each visit to rate as a large card (the day, the manager, the time on site, what
 * was done) with five stars and a comment, sent once; below, the visits already rated with their rating.
 */
export function RateVisitsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [search] = useSearchParams();
  const asked = Number(search.get('visit'));
  const toRate = useVisitsToRate();
  const finished = useFinishedVisits();
  useDocumentTitle(t('visitOversight.rate.title'));

  // A notification's link names the visit: bring its card into view once it is there.
  const ready = toRate.data !== undefined;
  useEffect(() => {
    if (!ready || !Number.isInteger(asked) || asked <= 0) return;
    document.getElementById(`visit-${asked}`)?.scrollIntoView({ block: 'start' });
  }, [ready, asked]);

  if (user.retailerId === null) return <Result status="info" title={t('shop.noRetailer')} />;
  const rated = ratedVisits(finished.data?.items ?? []);
  return (
    <div className="siyi-page siyi-page--narrow">
      <Typography.Title level={1} className="siyi-page__title">
        {t('visitOversight.rate.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('visitOversight.rate.intro')}</Typography.Paragraph>
      <Card title={t('visitOversight.rate.toRate')}>
        {toRate.isError ? (
          <ErrorState error={toRate.error} onRetry={() => void toRate.refetch()} />
        ) : toRate.isPending ? (
          <BlockLoading rows={6} />
        ) : toRate.data.items.length === 0 ? (
          <EmptyState description={t('visitOversight.rate.noneToRate')} />
        ) : (
          <ul className="siyi-visit-cards">
            {toRate.data.items.map((visit) => (
              <RateVisitCard key={visit.id} visit={visit} highlighted={visit.id === asked} />
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('visitOversight.rate.rated')}>
        {finished.isError ? (
          <ErrorState error={finished.error} onRetry={() => void finished.refetch()} />
        ) : finished.isPending ? (
          <BlockLoading rows={4} />
        ) : rated.length === 0 ? (
          <EmptyState description={t('visitOversight.rate.noneRated')} />
        ) : (
          <ul className="siyi-visit-cards">
            {rated.map((visit) => (
              <RatedVisitCard key={visit.id} visit={visit} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
