import '@/modules/visits/visits.messages';
import {
  ArrowLeftOutlined,
  CloudOutlined,
  CloudUploadOutlined,
  EnvironmentOutlined,
  LogoutOutlined,
  MobileOutlined,
} from '@ant-design/icons';
import type { RetailerProfile, VisitDetail } from '@siyi/contracts';
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { useRetailerProfile } from '@/modules/retailer-360/retailer-360.api';
import { formatDate, formatDateTime, formatMinutes } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { BlockLoading, ErrorState, NotFoundState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { type Fix, usePosition } from './use-position';
import { useVisitDraft } from './use-visit-draft';
import { formatClock } from './visit-format';
import { amapNavigationUrl, distanceMeters, formatDistance, secondsBetween } from './visit-geo';
import { GeoProblem, useDurationWords, useTicking, VisitStatusTag } from './visit-labels';
import { VisitPhotos } from './visit-photos';
import { emptyRecord } from './visit-record';
import { ChecklistCard, ConcernsCard, FollowUpsCard, MarketCard, ProductsCard, SummaryCard } from './visit-record-form';
import { needsReason, useCheckIn, useCheckOut, useVisit } from './visits.api';
import './visits.css';

function parseId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}

/** `/visits/:id`: one visit on site — check in, the record, photos, check out. */
export function VisitPage() {
  const { t } = useTranslation();
  const id = parseId(useParams().id);
  const visit = useVisit(id);
  const data = visit.data;
  const profile = useRetailerProfile(data?.retailerId ?? null);
  useDocumentTitle(data?.shopName ?? t('visits.visit.titleFallback'));

  const notFound = (
    <NotFoundState
      headingLevel={1}
      title={t('visits.visit.notFoundTitle')}
      body={t('visits.visit.notFoundBody')}
      backTo="/visits/today"
      backLabel={t('visits.visit.back')}
    />
  );
  if (id === null) return notFound;
  if (visit.isError) {
    if (visit.error instanceof ApiError && (visit.error.status === 404 || visit.error.status === 403)) return notFound;
    return <ErrorState error={visit.error} onRetry={() => void visit.refetch()} />;
  }
  if (!data) return <BlockLoading rows={8} />;
  return <VisitView visit={data} shop={profile.data ?? null} />;
}

function VisitView({ visit, shop }: { visit: VisitDetail; shop: RetailerProfile | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { role } = useCurrentUser();
  const position = usePosition();
  const draft = useVisitDraft(visit);
  const record = draft.record ?? visit.record ?? emptyRecord();
  const editable = visit.canEditRecord;

  return (
    <div className="siyi-page siyi-visits siyi-visit" data-testid="visit-page" data-status={visit.status}>
      {/* The day's route is the manager's; a supervisor reading a visit came from elsewhere (its browser's Back). */}
      {role === 'manager' ? (
        <div>
          <LinkButton type="link" icon={<ArrowLeftOutlined />} to="/visits/today" style={{ paddingInline: 0 }}>
            {t('visits.visit.back')}
          </LinkButton>
        </div>
      ) : null}
      <div className="siyi-page__head">
        <Typography.Title level={1} className="siyi-page__title">
          {visit.shopName}
        </Typography.Title>
        <Space wrap>
          <VisitStatusTag status={visit.status} />
          {visit.plannedDate ? (
            <span className="siyi-visit-muted">
              {t('visits.visit.plannedFor', {
                date: `${formatDate(visit.plannedDate, locale)}${visit.plannedArrival !== null ? ` ${formatMinutes(visit.plannedArrival)}` : ''}`,
              })}
            </span>
          ) : null}
        </Space>
      </div>
      {shop ? (
        <div className="siyi-visit-shop">
          <span>{shop.address}</span>
          <Space wrap>
            <Button
              href={amapNavigationUrl({ lat: shop.lat, lng: shop.lng, name: shop.shopName })}
              target="_blank"
              rel="noopener noreferrer"
              icon={<EnvironmentOutlined aria-hidden />}
            >
              {t('visits.today.amap')}
            </Button>
            <Link to={`/retailers/${visit.retailerId}`} state={{ from: `/visits/${visit.id}` }}>
              {t('visits.visit.openRetailer')}
            </Link>
          </Space>
        </div>
      ) : null}

      {visit.status === 'planned' ? (
        <CheckInCard visit={visit} shop={shop} position={position} />
      ) : (
        <OnSiteCard visit={visit} />
      )}
      {visit.status === 'cancelled' ? <Alert type="info" showIcon message={t('visits.visit.cancelled')} /> : null}
      {visit.status === 'planned' ? (
        <Typography.Paragraph type="secondary">{t('visits.visit.notYet')}</Typography.Paragraph>
      ) : null}
      {visit.status !== 'planned' && visit.status !== 'cancelled' ? (
        <>
          {visit.status === 'done' ? (
            <Typography.Paragraph type="secondary">
              {visit.recordEditableUntil && editable
                ? t('visits.visit.editableUntil', { time: formatDateTime(visit.recordEditableUntil, locale) })
                : t('visits.visit.readOnly')}
            </Typography.Paragraph>
          ) : null}
          <ChecklistCard items={visit.templateItems} record={record} disabled={!editable} onChange={draft.update} />
          <VisitPhotos visit={visit} lastFix={position.last.current} />
          <ConcernsCard record={record} disabled={!editable} onChange={draft.update} />
          <MarketCard record={record} disabled={!editable} onChange={draft.update} />
          <ProductsCard retailerId={visit.retailerId} record={record} disabled={!editable} onChange={draft.update} />
          <FollowUpsCard record={record} disabled={!editable} onChange={draft.update} />
          <SummaryCard record={record} disabled={!editable} onChange={draft.update} />
          {visit.rating ? (
            <Card>
              <Typography.Text strong>{t('visits.visit.rating', { score: visit.rating.score })}</Typography.Text>
              {visit.rating.comment ? (
                <Typography.Paragraph style={{ marginBottom: 0 }}>
                  {t('visits.visit.ratingComment', { comment: visit.rating.comment })}
                </Typography.Paragraph>
              ) : null}
            </Card>
          ) : null}
          <ActionBar visit={visit} draft={draft} />
        </>
      ) : null}
    </div>
  );
}

/**
 * Check-in: reads the phone's position, shows the distance to the shop and sends it. Beyond the radius the server
 * asks for a reason (400 on `reason`): the field appears and the same reading is sent again with it.
 * `?checkin=1` (the day's list's "check in") starts it on arrival, so the list's one tap does it.
 */
function CheckInCard({
  visit,
  shop,
  position,
}: {
  visit: VisitDetail;
  shop: RetailerProfile | null;
  position: ReturnType<typeof usePosition>;
}) {
  const { t, i18n } = useTranslation();
  const checkIn = useCheckIn(visit.id);
  const [search, setSearch] = useSearchParams();
  const [reasonNeeded, setReasonNeeded] = useState(false);
  const [reason, setReason] = useState('');
  const [sentFix, setSentFix] = useState<Fix | null>(null);
  const started = useRef(false);

  const send = (fix: Fix, why: string) => {
    setSentFix(fix);
    checkIn.mutate(
      { lat: fix.lat, lng: fix.lng, accuracy: Math.min(Math.round(fix.accuracy), 100_000), reason: why },
      {
        onError: (error) => {
          if (needsReason(error)) setReasonNeeded(true);
        },
      },
    );
  };
  const start = async () => {
    const fix = await position.locate({ maxAgeMs: 10_000 });
    if (fix) send(fix, '');
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival from the day's list
  useEffect(() => {
    if (started.current || search.get('checkin') !== '1' || !visit.canCheckIn) return;
    started.current = true;
    const next = new URLSearchParams(search);
    next.delete('checkin');
    setSearch(next, { replace: true });
    void start();
  }, [search, visit.canCheckIn]);

  const fix = position.fix ?? sentFix;
  const distance = fix && shop ? distanceMeters(fix, shop) : null;
  const busy = position.locating || checkIn.isPending;
  const error = checkIn.error;
  return (
    <Card title={t('visits.visit.checkInTitle')} className="siyi-visit-checkin">
      {fix ? (
        <p className="siyi-visit-distance" data-testid="visit-distance">
          {distance !== null ? (
            <strong>{t('visits.visit.distance', { distance: formatDistance(distance, i18n.language) })}</strong>
          ) : null}{' '}
          <span className="siyi-visit-muted">
            {t('visits.geo.accuracy', { distance: formatDistance(fix.accuracy, i18n.language) })}
          </span>
        </p>
      ) : null}
      <GeoProblem failure={position.failure} />
      {error && !needsReason(error) ? (
        <Alert type="error" showIcon role="alert" message={(error as Error).message} style={{ marginBottom: 12 }} />
      ) : null}
      {reasonNeeded ? (
        <div className="siyi-visit-fields">
          <Alert
            type="warning"
            showIcon
            role="alert"
            message={
              error instanceof ApiError ? (error.fields.reason ?? error.message) : t('visits.errors.reasonRequired')
            }
          />
          <div className="siyi-visit-field">
            <label htmlFor="visit-reason">{t('visits.visit.reason')}</label>
            <Input.TextArea
              id="visit-reason"
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={500}
              value={reason}
              placeholder={t('visits.visit.reasonPlaceholder')}
              onChange={(e) => setReason(e.target.value)}
              data-testid="visit-reason"
            />
          </div>
          <Button
            type="primary"
            size="large"
            block
            loading={busy}
            disabled={reason.trim() === '' || !sentFix}
            onClick={() => sentFix && send(sentFix, reason.trim())}
            data-testid="visit-check-in-reason"
          >
            {t('visits.visit.sendWithReason')}
          </Button>
        </div>
      ) : (
        <Button
          type="primary"
          size="large"
          block
          icon={<EnvironmentOutlined aria-hidden />}
          loading={busy}
          disabled={!visit.canCheckIn}
          onClick={() => void start()}
          data-testid="visit-check-in"
        >
          {busy ? t('visits.visit.checkingIn') : t('visits.visit.checkIn')}
        </Button>
      )}
    </Card>
  );
}

/** On site (or done): when it started, how far from the shop, and the time on site. */
function OnSiteCard({ visit }: { visit: VisitDetail }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const words = useDurationWords();
  const now = useTicking(15_000, visit.status === 'in_progress');
  if (!visit.checkInAt) return null;
  const seconds = visit.secondsOnSite ?? secondsBetween(visit.checkInAt, visit.checkOutAt, now);
  return (
    <div className="siyi-visit-onsite" data-testid="visit-on-site">
      <span>{t('visits.visit.checkedInAt', { time: formatClock(visit.checkInAt, locale) })}</span>
      {visit.checkInDistanceM !== null ? (
        <span>{t('visits.visit.checkedInDistance', { distance: formatDistance(visit.checkInDistanceM, locale) })}</span>
      ) : null}
      {visit.checkOutAt ? (
        <>
          <span>{t('visits.visit.checkedOutAt', { time: formatClock(visit.checkOutAt, locale) })}</span>
          <strong data-testid="visit-time-on-site">{t('visits.visit.timeOnSite', { duration: words(seconds) })}</strong>
        </>
      ) : (
        <strong>{t('visits.visit.onSite', { duration: words(seconds) })}</strong>
      )}
    </div>
  );
}

/** Saved on this phone / sending / sent, and check-out: stays at the bottom of a phone's screen. */
function ActionBar({ visit, draft }: { visit: VisitDetail; draft: ReturnType<typeof useVisitDraft> }) {
  const { t } = useTranslation();
  const checkOut = useCheckOut(visit.id);
  const [sendFirst, setSendFirst] = useState(false);
  const status =
    draft.sendState === 'sending'
      ? { icon: <CloudUploadOutlined aria-hidden />, text: t('visits.record.saving'), kind: 'sending' }
      : draft.pending
        ? {
            icon: <MobileOutlined aria-hidden />,
            text: draft.online ? t('visits.record.savedLocal') : t('visits.record.savedLocalOffline'),
            kind: 'local',
          }
        : { icon: <CloudOutlined aria-hidden />, text: t('visits.record.sent'), kind: 'sent' };
  const out = async () => {
    if (draft.pending) {
      setSendFirst(true);
      const sent = await draft.flush();
      if (!sent) return;
    }
    setSendFirst(false);
    checkOut.mutate();
  };
  return (
    <div className="siyi-visit-bar" data-testid="visit-bar">
      <div className="siyi-visit-bar__status" role="status" data-testid="visit-draft-status" data-state={status.kind}>
        {status.icon} {status.text}
      </div>
      {!draft.storedLocally ? <Alert type="warning" showIcon message={t('visits.record.storageFull')} /> : null}
      {draft.sendState === 'failed' && draft.problem ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t('visits.record.sendFailed', { message: draft.problem })}
          action={
            <Button size="small" onClick={() => void draft.flush()}>
              {t('visits.record.retry')}
            </Button>
          }
        />
      ) : null}
      {sendFirst && draft.pending && draft.sendState !== 'sending' ? (
        <Alert type="warning" showIcon message={t('visits.visit.checkOutNeedsSend')} />
      ) : null}
      {checkOut.isError ? (
        <Alert type="error" showIcon role="alert" message={(checkOut.error as Error).message} />
      ) : null}
      {visit.canCheckOut ? (
        <Button
          type="primary"
          size="large"
          block
          danger
          icon={<LogoutOutlined aria-hidden />}
          loading={checkOut.isPending || draft.sendState === 'sending'}
          onClick={() => void out()}
          data-testid="visit-check-out"
        >
          {checkOut.isPending ? t('visits.visit.checkingOut') : t('visits.visit.checkOut')}
        </Button>
      ) : visit.status === 'done' ? (
        <div className="siyi-visit-bar__done">{t('visits.visit.done')}</div>
      ) : null}
    </div>
  );
}
