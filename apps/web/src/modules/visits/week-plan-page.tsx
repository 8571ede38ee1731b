import '@/modules/visits/visits.messages';
import {
  DeleteOutlined,
  LeftOutlined,
  PlusOutlined,
  PushpinFilled,
  PushpinOutlined,
  RightOutlined,
} from '@ant-design/icons';
import type { RetailerSummary, VisitPlanUnassigned } from '@siyi/contracts';
import { Alert, App, Button, Card, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { formatDate, formatMinutes } from '@/ui/format';
import { BlockLoading, ErrorState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { RetailerPicker } from './retailer-picker';
import { addDays, isCalendarDate, mondayOf, shanghaiDate, weekDays } from './visit-dates';
import { dayStops, formatDay } from './visit-format';
import { VisitStatusTag } from './visit-labels';
import {
  type PlanStop,
  useAddToPlan,
  useChangePlannedVisit,
  useGeneratePlan,
  useRemoveFromPlan,
  useWeekPlan,
} from './visits.api';
import './visits.css';

/** `/visits/week?week=YYYY-MM-DD`: the week's plan day by day — move, pin, add, remove; make it when empty. */
export function WeekPlanPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const thisMonday = mondayOf(shanghaiDate(new Date()));
  const asked = search.get('week');
  const monday = isCalendarDate(asked) ? mondayOf(asked) : thisMonday;
  const plan = useWeekPlan(monday);
  const generate = useGeneratePlan();
  const add = useAddToPlan();
  const [addingTo, setAddingTo] = useState<string | null>(null);
  const [pickedId, setPickedId] = useState<number | null>(null);
  const user = useCurrentUser();
  const today = shanghaiDate(new Date());
  useDocumentTitle(t('visits.week.title'));

  const days = weekDays(monday);
  const dayName = (date: string) => formatDay(date, locale);
  const goWeek = (next: string) => setSearch(next === thisMonday ? {} : { week: next });
  const empty = plan.data ? plan.data.days.every((d) => d.stops.length === 0) : false;
  const generateRefused = generate.error instanceof ApiError && generate.error.status === 403;
  const error = generateRefused ? null : generate.error;
  const canEdit = plan.data?.canEdit ?? false;

  const addRetailer = (retailer: RetailerSummary) => {
    if (!addingTo) return;
    setPickedId(retailer.id);
    add.mutate(
      { retailerId: retailer.id, plannedDate: addingTo },
      {
        onSuccess: () => {
          void message.success(t('visits.week.added', { shop: retailer.shopName }));
          setAddingTo(null);
        },
        onSettled: () => setPickedId(null),
      },
    );
  };

  return (
    <div className="siyi-page siyi-visits">
      <Typography.Title level={1} className="siyi-page__title">
        {t('visits.week.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('visits.week.intro')}</Typography.Paragraph>
      <div className="siyi-week-nav">
        <strong className="siyi-week-nav__range">
          {t('visits.week.weekOf', { from: formatDate(monday, locale), to: formatDate(addDays(monday, 6), locale) })}
        </strong>
        <Button size="large" icon={<LeftOutlined aria-hidden />} onClick={() => goWeek(addDays(monday, -7))}>
          {t('visits.week.previous')}
        </Button>
        {monday !== thisMonday ? (
          <Button size="large" onClick={() => goWeek(thisMonday)}>
            {t('visits.week.thisWeek')}
          </Button>
        ) : null}
        <Button size="large" onClick={() => goWeek(addDays(monday, 7))}>
          {t('visits.week.next')} <RightOutlined aria-hidden />
        </Button>
      </div>
      {error ? <Alert type="error" showIcon role="alert" message={(error as Error).message} /> : null}
      {plan.isError ? (
        <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
      ) : !plan.data ? (
        <BlockLoading rows={8} />
      ) : (
        <>
          {empty && canEdit ? (
            <div className="siyi-visits__empty">
              <Typography.Paragraph>{t('visits.week.empty')}</Typography.Paragraph>
              <Button
                type="primary"
                size="large"
                loading={generate.isPending}
                onClick={() =>
                  generate.mutate(
                    { week: monday, managerId: user.id },
                    { onSuccess: () => void message.success(t('visits.week.generated')) },
                  )
                }
                data-testid="week-generate"
                disabled={generateRefused}
              >
                {generate.isPending ? t('visits.week.generating') : t('visits.week.generate')}
              </Button>
              {generateRefused ? (
                <Typography.Paragraph>{t('visits.week.generateByOthers')}</Typography.Paragraph>
              ) : null}
            </div>
          ) : null}
          <div className="siyi-week">
            {days.map((date) => {
              const stops = dayStops(plan.data.days.find((d) => d.date === date)?.stops ?? []);
              return (
                <Card
                  key={date}
                  size="small"
                  className={date === today ? 'siyi-week__day siyi-week__day--today' : 'siyi-week__day'}
                  data-testid="week-day"
                  data-date={date}
                  title={
                    <span>
                      {dayName(date)}
                      {stops.length > 0 ? (
                        <span className="siyi-visit-muted"> · {t('visits.week.stops', { count: stops.length })}</span>
                      ) : null}
                    </span>
                  }
                  extra={
                    canEdit && date >= today ? (
                      <Button
                        type="link"
                        icon={<PlusOutlined aria-hidden />}
                        onClick={() => setAddingTo(date)}
                        aria-label={t('visits.week.addTitle', { day: dayName(date) })}
                        data-testid="week-add"
                      >
                        {t('visits.week.add')}
                      </Button>
                    ) : null
                  }
                >
                  {stops.length === 0 ? (
                    <span className="siyi-visit-muted">{t('visits.week.dayEmpty')}</span>
                  ) : (
                    <ol className="siyi-week__stops">
                      {stops.map((stop, i) => (
                        <WeekStop
                          key={stop.visitId}
                          stop={stop}
                          order={i + 1}
                          days={days}
                          today={today}
                          canEdit={canEdit}
                          dayName={dayName}
                        />
                      ))}
                    </ol>
                  )}
                </Card>
              );
            })}
          </div>
          {canEdit && plan.data.unassigned.length > 0 ? (
            <DueCard items={plan.data.unassigned} days={days.filter((d) => d >= today)} dayName={dayName} />
          ) : null}
        </>
      )}
      <Modal
        open={addingTo !== null}
        title={addingTo ? t('visits.week.addTitle', { day: dayName(addingTo) }) : ''}
        onCancel={() => {
          setAddingTo(null);
          add.reset();
        }}
        footer={null}
        destroyOnHidden
      >
        {add.isError ? (
          <Alert type="error" showIcon role="alert" message={add.error.message} style={{ marginBottom: 12 }} />
        ) : null}
        <RetailerPicker actionLabel={t('visits.week.add')} busyId={pickedId} onPick={addRetailer} />
      </Modal>
    </div>
  );
}

function WeekStop({
  stop,
  order,
  days,
  today,
  canEdit,
  dayName,
}: {
  stop: PlanStop;
  order: number;
  days: string[];
  today: string;
  canEdit: boolean;
  dayName: (date: string) => string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const move = useChangePlannedVisit();
  const pin = useChangePlannedVisit();
  const remove = useRemoveFromPlan();
  const locked = !canEdit || stop.status !== 'planned' || stop.plannedDate < today;
  const failed = move.error ?? pin.error ?? remove.error;
  return (
    <li className="siyi-week__stop" data-testid="week-stop" data-id={stop.visitId}>
      <div className="siyi-week__stop-head">
        <span className="siyi-week__order">{order}</span>
        <Link to={`/visits/${stop.visitId}`} className="siyi-week__shop">
          {stop.shopName}
        </Link>
        {stop.plannedArrival !== null ? (
          <span className="siyi-visit-muted">{formatMinutes(stop.plannedArrival)}</span>
        ) : null}
        {stop.status !== 'planned' ? <VisitStatusTag status={stop.status} /> : null}
      </div>
      {locked ? null : (
        <Space wrap size={[8, 8]} className="siyi-week__stop-actions">
          <Select
            size="middle"
            value={stop.plannedDate ?? undefined}
            aria-label={`${t('visits.week.moveTo')} · ${stop.shopName}`}
            loading={move.isPending}
            popupMatchSelectWidth={false}
            options={days.map((d) => ({ value: d, label: dayName(d), disabled: d < today }))}
            onChange={(date: string) =>
              move.mutate(
                { id: stop.visitId, body: { plannedDate: date } },
                { onSuccess: () => void message.success(t('visits.week.moved', { day: dayName(date) })) },
              )
            }
            data-testid="week-move"
          />
          <Button
            icon={stop.pinned ? <PushpinFilled aria-hidden /> : <PushpinOutlined aria-hidden />}
            type={stop.pinned ? 'primary' : 'default'}
            ghost={stop.pinned}
            loading={pin.isPending}
            aria-pressed={stop.pinned}
            title={t('visits.week.pinHint')}
            onClick={() => pin.mutate({ id: stop.visitId, body: { pinned: !stop.pinned } })}
            data-testid="week-pin"
          >
            {stop.pinned ? t('visits.week.unpin') : t('visits.week.pin')}
          </Button>
          <Popconfirm
            title={t('visits.week.removeConfirm', { shop: stop.shopName })}
            okText={t('visits.week.remove')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutate(stop.visitId, { onSuccess: () => void message.success(t('visits.week.removed')) })
            }
          >
            <Button danger icon={<DeleteOutlined aria-hidden />} loading={remove.isPending} data-testid="week-remove">
              {t('visits.week.remove')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      {failed ? <Alert type="error" showIcon role="alert" message={(failed as Error).message} /> : null}
    </li>
  );
}

/** Due retailers the plan could not take, each with why and a way to put it on a day. */
/**
 * Why a due shop is not in the plan, in words. "No day left" for a monthly minimum means its month's last working
 * days of this week have passed (the week of Nov 30: November's only day was Monday), which the words then say.
 */
function unplannedReasonText(t: TFunction, item: VisitPlanUnassigned): string {
  if (item.reason === 'no-day' && item.dueReason === 'monthly-minimum')
    return t('visits.week.unplannedReasons.no-day-month');
  return t(`visits.week.unplannedReasons.${item.reason}`);
}

function DueCard({
  items,
  days,
  dayName,
}: {
  items: readonly VisitPlanUnassigned[];
  days: string[];
  dayName: (date: string) => string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useAddToPlan();
  const [count, setCount] = useState(5);
  const shown = items.slice(0, count);
  return (
    <Card size="small" title={t('visits.week.dueTitle', { count: items.length })} data-testid="week-due">
      <Typography.Paragraph type="secondary">{t('visits.week.dueHint')}</Typography.Paragraph>
      {add.isError ? (
        <Alert type="error" showIcon role="alert" message={add.error.message} style={{ marginBottom: 8 }} />
      ) : null}
      <ul className="siyi-week-due__list">
        {shown.map((item) => (
          <li key={item.retailerId} className="siyi-week-due__item">
            <div className="siyi-visit-picker__shop">
              <strong>{item.shopName}</strong>
              <span className="siyi-visit-muted">
                {t(`visits.week.dueStatus.${item.dueStatus}`)} · {unplannedReasonText(t, item)}
              </span>
            </div>
            {days.length > 0 ? (
              <Select
                value={null}
                placeholder={t('visits.week.addTo')}
                aria-label={`${t('visits.week.addTo')} · ${item.shopName}`}
                popupMatchSelectWidth={false}
                disabled={add.isPending}
                options={days.map((d) => ({ value: d, label: dayName(d) }))}
                onChange={(date: string | null) => {
                  if (!date) return;
                  add.mutate(
                    { retailerId: item.retailerId, plannedDate: date },
                    { onSuccess: () => void message.success(t('visits.week.added', { shop: item.shopName })) },
                  );
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {items.length > shown.length ? (
        <Button type="link" onClick={() => setCount((n) => n + 20)} style={{ paddingInline: 0 }}>
          {t('visits.week.dueShowAll')}
        </Button>
      ) : null}
    </Card>
  );
}
