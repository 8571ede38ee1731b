import '@/modules/visits/visits.messages';
import {
  AimOutlined,
  CheckCircleOutlined,
  EnvironmentOutlined,
  PlusOutlined,
  PushpinFilled,
  SendOutlined,
} from '@ant-design/icons';
import type { RetailerSummary } from '@siyi/contracts';
import { Alert, App, Button, Modal, Segmented, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatDate, formatMinutes, formatWeekday } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { BlockLoading, ErrorState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useIsPhone } from '@/ui/use-media-query';
import { LazyRouteMap, type RouteStop } from './lazy-route-map';
import { RetailerPicker } from './retailer-picker';
import { usePosition } from './use-position';
import { isoWeekday, mondayOf, shanghaiDate } from './visit-dates';
import { dayStops } from './visit-format';
import { amapNavigationUrl, baiduNavigationUrl, distanceMeters, formatDistance } from './visit-geo';
import { GeoProblem, VisitStatusTag } from './visit-labels';
import { type PlanStop, useCreateVisit, useReoptimize, useWeekPlan } from './visits.api';
import './visits.css';

/** `/visits/today`: the manager's day — stops in order on a list and a map, and what to do at each. */
export function TodayPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const today = shanghaiDate(new Date());
  const plan = useWeekPlan(mondayOf(today));
  const position = usePosition();
  const reoptimize = useReoptimize();
  const create = useCreateVisit();
  const [view, setView] = useState<'list' | 'map'>('list');
  const [picking, setPicking] = useState(false);
  const [pickedId, setPickedId] = useState<number | null>(null);
  useDocumentTitle(t('visits.today.title'));

  const stops = useMemo(() => dayStops(plan.data?.days.find((d) => d.date === today)?.stops ?? []), [plan.data, today]);
  const routeStops = useMemo<RouteStop[]>(
    () =>
      stops.map((s, i) => ({
        id: s.visitId,
        order: i + 1,
        lat: s.lat,
        lng: s.lng,
        name: s.shopName,
        status: s.status,
      })),
    [stops],
  );
  const done = stops.filter((s) => s.status === 'done').length;
  const nextId = stops.find((s) => s.status === 'in_progress' || s.status === 'planned')?.visitId ?? null;
  const weekEmpty = plan.data ? plan.data.days.every((d) => d.stops.length === 0) : false;

  const replan = async () => {
    const fix = await position.locate({ maxAgeMs: 30_000 });
    if (!fix) return;
    reoptimize.mutate(
      { lat: fix.lat, lng: fix.lng, date: today },
      { onSuccess: () => void message.success(t('visits.today.reoptimized')) },
    );
  };

  const startUnplanned = (retailer: RetailerSummary) => {
    // Already on today's route: that visit, not a second one.
    const planned = stops.find((s) => s.retailerId === retailer.id && s.status !== 'done');
    if (planned) {
      setPicking(false);
      void navigate(`/visits/${planned.visitId}${planned.status === 'planned' ? '?checkin=1' : ''}`);
      return;
    }
    setPickedId(retailer.id);
    create.mutate(retailer.id, {
      onSuccess: (visit) => {
        void message.success(t('visits.unplanned.started', { shop: retailer.shopName }));
        setPicking(false);
        void navigate(`/visits/${visit.id}?checkin=1`);
      },
      onSettled: () => setPickedId(null),
    });
  };

  const map =
    stops.length > 0 ? (
      <LazyRouteMap
        stops={routeStops}
        me={position.fix}
        tiles={plan.data?.tiles ?? null}
        label={t('visits.today.mapLabel')}
        meLabel={t('visits.today.you')}
        noTilesText={plan.data?.tiles ? t('visits.today.tilesFailed') : t('visits.today.noTiles')}
        height={isPhone ? '60vh' : 520}
        onOpen={(id) => void navigate(`/visits/${id}`)}
      />
    ) : null;

  return (
    <div className="siyi-page siyi-visits">
      <div className="siyi-page__head">
        <div>
          <Typography.Title level={1} className="siyi-page__title">
            {t('visits.today.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('visits.today.date', {
              date: formatDate(today, locale),
              weekday: formatWeekday(isoWeekday(today), locale),
            })}
            {stops.length > 0 ? ` · ${t('visits.today.progress', { done, total: stops.length })}` : ''}
          </Typography.Text>
        </div>
      </div>
      <div className="siyi-visits__actions">
        <Button
          size="large"
          icon={<AimOutlined aria-hidden />}
          loading={position.locating || reoptimize.isPending}
          disabled={stops.length === 0}
          onClick={() => void replan()}
          data-testid="visits-reoptimize"
        >
          {position.locating || reoptimize.isPending ? t('visits.today.reoptimizing') : t('visits.today.reoptimize')}
        </Button>
        <Button size="large" icon={<PlusOutlined aria-hidden />} onClick={() => setPicking(true)}>
          {t('visits.today.startUnplanned')}
        </Button>
      </div>
      <GeoProblem failure={position.failure} />
      {reoptimize.isError ? (
        <Alert type="error" showIcon role="alert" message={(reoptimize.error as Error).message} />
      ) : null}
      {plan.isError ? (
        <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
      ) : !plan.data ? (
        <BlockLoading rows={6} />
      ) : stops.length === 0 ? (
        <div className="siyi-visits__empty">
          <Typography.Paragraph>
            {weekEmpty ? t('visits.today.emptyWeek') : t('visits.today.empty')}
          </Typography.Paragraph>
          <LinkButton size="large" type="primary" to="/visits/week">
            {t('visits.today.openWeek')}
          </LinkButton>
        </div>
      ) : (
        <>
          {isPhone ? (
            <Segmented
              block
              size="large"
              value={view}
              onChange={(v) => setView(v as 'list' | 'map')}
              options={[
                { value: 'list', label: t('visits.today.showList') },
                { value: 'map', label: t('visits.today.showMap') },
              ]}
            />
          ) : null}
          <div className="siyi-visits__day">
            {!isPhone || view === 'list' ? (
              <ol className="siyi-stops" aria-label={t('visits.today.listLabel')}>
                {stops.map((stop, i) => (
                  <StopCard
                    key={stop.visitId}
                    stop={stop}
                    order={i + 1}
                    next={stop.visitId === nextId}
                    me={position.fix}
                    onOpen={(checkIn) => void navigate(`/visits/${stop.visitId}${checkIn ? '?checkin=1' : ''}`)}
                  />
                ))}
              </ol>
            ) : null}
            {!isPhone || view === 'map' ? <div className="siyi-visits__map">{map}</div> : null}
          </div>
        </>
      )}
      <Modal
        open={picking}
        title={t('visits.unplanned.title')}
        onCancel={() => {
          setPicking(false);
          create.reset();
        }}
        footer={null}
        destroyOnHidden
      >
        {create.isError ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            message={(create.error as Error).message}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <RetailerPicker actionLabel={t('visits.unplanned.start')} busyId={pickedId} onPick={startUnplanned} />
      </Modal>
    </div>
  );
}

function StopCard({
  stop,
  order,
  next,
  me,
  onOpen,
}: {
  stop: PlanStop;
  order: number;
  next: boolean;
  me: { lat: number; lng: number } | null;
  onOpen: (checkIn: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const shop = { lat: stop.lat, lng: stop.lng, name: stop.shopName };
  return (
    <li
      className={`siyi-stop siyi-stop--${stop.status}${next ? ' siyi-stop--next' : ''}`}
      data-testid="visit-stop"
      data-id={stop.visitId}
      data-status={stop.status}
    >
      <span className="siyi-stop__order" aria-hidden>
        {stop.status === 'done' ? <CheckCircleOutlined /> : order}
      </span>
      <div className="siyi-stop__body">
        <div className="siyi-stop__head">
          <button type="button" className="siyi-stop__name" onClick={() => onOpen(false)}>
            {stop.shopName}
          </button>
          <VisitStatusTag status={stop.status} />
        </div>
        <div className="siyi-stop__facts">
          <span>
            {stop.plannedArrival !== null
              ? t('visits.today.arrival', { time: formatMinutes(stop.plannedArrival) })
              : t('visits.today.noArrival')}
          </span>
          {stop.pinned ? (
            <span>
              <PushpinFilled aria-hidden /> {t('visits.today.pinned')}
            </span>
          ) : null}
          {me ? (
            <span>
              {t('visits.today.distanceFromMe', { distance: formatDistance(distanceMeters(me, stop), i18n.language) })}
            </span>
          ) : null}
          {stop.source !== 'plan' ? <span>{t(`visits.sources.${stop.source}`)}</span> : null}
        </div>
        {stop.address ? <div className="siyi-visit-muted">{stop.address}</div> : null}
        <Space wrap className="siyi-stop__actions">
          {stop.status === 'planned' ? (
            <Button
              type={next ? 'primary' : 'default'}
              size="large"
              icon={<EnvironmentOutlined aria-hidden />}
              onClick={() => onOpen(true)}
              data-testid="stop-check-in"
            >
              {t('visits.today.checkIn')}
            </Button>
          ) : (
            <Button
              type={stop.status === 'in_progress' ? 'primary' : 'default'}
              size="large"
              onClick={() => onOpen(false)}
              data-testid="stop-open"
            >
              {stop.status === 'in_progress' ? t('visits.today.continue') : t('visits.today.view')}
            </Button>
          )}
          {stop.status === 'planned' || stop.status === 'in_progress' ? (
            <>
              <Button
                size="large"
                icon={<SendOutlined aria-hidden />}
                href={amapNavigationUrl(shop)}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="stop-nav-amap"
              >
                {t('visits.today.amap')}
              </Button>
              <Button
                size="large"
                type="link"
                href={baiduNavigationUrl(shop, me)}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="stop-nav-baidu"
              >
                {t('visits.today.baidu')}
              </Button>
            </>
          ) : null}
        </Space>
      </div>
    </li>
  );
}
