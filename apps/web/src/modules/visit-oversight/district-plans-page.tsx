import '@/modules/visit-oversight/visit-oversight.messages';
import { CheckCircleFilled, PushpinFilled } from '@ant-design/icons';
import type { VisitPlanDay, VisitPlanView } from '@siyi/contracts';
import { Card, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDate, formatMinutes, formatWeekday } from '@/ui/format';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useCoverage, useManagerPlan } from './oversight.api';
import { isDate, mondayOf, weekStartOf } from './visit-figures';
import { WeekPicker } from './week-picker';
import './visit-oversight.css';

function DayCard({ day }: { day: VisitPlanDay }) {
  const { t, i18n } = useTranslation();
  const stops = [...day.stops].sort(
    (a, b) => (a.plannedOrder ?? Number.MAX_SAFE_INTEGER) - (b.plannedOrder ?? Number.MAX_SAFE_INTEGER),
  );
  return (
    <Card
      size="small"
      title={`${formatWeekday(day.weekday, i18n.language)} · ${formatDate(day.date, i18n.language)}`}
      extra={stops.length > 0 ? t('visitOversight.plans.stops', { count: stops.length }) : null}
      data-testid="plan-day"
      data-date={day.date}
    >
      {stops.length === 0 ? (
        <Typography.Text type="secondary">
          {day.workDay ? t('visitOversight.plans.dayEmpty') : t('visitOversight.plans.restDay')}
        </Typography.Text>
      ) : (
        <ol className="siyi-plan-stops">
          {stops.map((v, index) => (
            <li key={v.visitId} className="siyi-plan-stop" data-testid="plan-stop" data-retailer={v.retailerId}>
              <span className="siyi-plan-stop__head">
                <span className="siyi-plan-stop__order" aria-hidden>
                  {index + 1}
                </span>
                <Link to={`/retailers/${v.retailerId}`}>{v.shopName}</Link>
                <Typography.Text type="secondary">{t('visitOversight.plans.tier', { tier: v.tier })}</Typography.Text>
              </span>
              <span className="siyi-plan-stop__head">
                {v.plannedArrival !== null ? (
                  <Typography.Text>
                    {t('visitOversight.plans.arrival', { time: formatMinutes(v.plannedArrival) })}
                  </Typography.Text>
                ) : null}
                {v.dueStatus === 'overdue' ? (
                  <Tag color="red">{t('visitOversight.plans.dueStatuses.overdue')}</Tag>
                ) : null}
                {v.pinned ? <Tag icon={<PushpinFilled aria-hidden />}>{t('visitOversight.plans.pinned')}</Tag> : null}
                {v.source !== 'plan' ? <Tag>{t(`visitOversight.plans.sources.${v.source}`)}</Tag> : null}
                {v.status === 'done' ? (
                  <Tag color="success" icon={<CheckCircleFilled aria-hidden />}>
                    {t('visitOversight.plans.done')}
                  </Tag>
                ) : v.status === 'in_progress' ? (
                  <Tag color="processing">{t('visitOversight.plans.inProgress')}</Tag>
                ) : null}
              </span>
              {v.address ? <Typography.Text type="secondary">{v.address}</Typography.Text> : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function PlanView({ plan }: { plan: VisitPlanView }) {
  const { t } = useTranslation();
  if (plan.days.every((d) => d.stops.length === 0) && plan.unassigned.length === 0) {
    return <EmptyState description={t('visitOversight.plans.empty')} />;
  }
  return (
    <>
      <div className="siyi-plan-days">
        {plan.days.map((day) => (
          <DayCard key={day.date} day={day} />
        ))}
      </div>
      {plan.unassigned.length > 0 ? (
        <Card size="small" title={t('visitOversight.plans.unassigned')} style={{ marginTop: 12 }}>
          <ul className="siyi-plan-stops">
            {plan.unassigned.map((u) => (
              <li key={u.retailerId} className="siyi-plan-stop">
                <span className="siyi-plan-stop__head">
                  <Link to={`/retailers/${u.retailerId}`}>{u.shopName}</Link>
                  <Tag color={u.dueStatus === 'overdue' ? 'red' : undefined}>
                    {t(`visitOversight.plans.dueStatuses.${u.dueStatus}`)}
                  </Tag>
                </span>
                <Typography.Text type="secondary">
                  {t(`visitOversight.plans.unassignedReasons.${u.reason}`)}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}

/**
 * `/visits/plans` for a supervisor (its district) or an admin: choose a manager, see the week's plan day by day in
 * route order, with arrival times, overdue, pinned and added visits and those already done, and the due retailers
 * the week could not take. Read-only: the manager moves them.
 */
export function DistrictPlansPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const weekParam = search.get('week');
  const week = isDate(weekParam) ? mondayOf(weekParam) : weekStartOf(new Date());
  const managerParam = Number(search.get('managerId'));
  const asked = Number.isInteger(managerParam) && managerParam > 0 ? managerParam : null;
  // The managers in scope come with the week's coverage figures; the one asked for, else the first of them.
  const coverage = useCoverage(week, undefined);
  const managers = [...(coverage.data?.managers ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const managerId = managers.find((m) => m.managerId === asked)?.managerId ?? managers[0]?.managerId ?? null;
  const plan = useManagerPlan(managerId, week);
  useDocumentTitle(t('visitOversight.plans.title'));
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  return (
    <div className="siyi-page">
      <Typography.Title level={1} className="siyi-page__title">
        {t('visitOversight.plans.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('visitOversight.plans.intro')}</Typography.Paragraph>
      <div className="siyi-visit-filters">
        <Select
          size="large"
          showSearch
          optionFilterProp="label"
          placeholder={t('visitOversight.plans.pickManager')}
          value={managerId ?? undefined}
          onChange={(value: number) => set('managerId', String(value))}
          aria-label={t('visitOversight.plans.managerChoice')}
          loading={coverage.isPending}
          notFoundContent={t('visitOversight.plans.noManagers')}
          options={managers.map((m) => ({ value: m.managerId, label: m.name }))}
          data-testid="plan-manager"
        />
        <WeekPicker week={week} onChange={(w) => set('week', w === weekStartOf(new Date()) ? undefined : w)} />
      </div>
      {managerId === null ? (
        coverage.isPending ? (
          <BlockLoading rows={8} />
        ) : (
          <EmptyState description={t('visitOversight.plans.noManagers')} />
        )
      ) : (
        <QueryView query={plan} loading={<BlockLoading rows={8} />}>
          {(data) => <PlanView plan={data} />}
        </QueryView>
      )}
    </div>
  );
}
