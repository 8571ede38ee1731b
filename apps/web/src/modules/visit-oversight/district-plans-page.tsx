import { CheckCircleFilled, PushpinFilled } from '@ant-design/icons';
import { Card, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDate, formatMinutes, formatWeekday } from '@/ui/format';
import { BlockLoading, EmptyState, QueryView } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { type PlanDay, useCoverage, useManagerPlan, type WeekPlan } from './oversight.api';
import { isDate, mondayOf, weekDays, weekStartOf } from './visit-figures';
import { WeekPicker } from './week-picker';
import './visit-oversight.css';

/** The plan's days Monday to Sunday, each with its stops in route order (a day the server left out is empty). */
export function planDays(plan: Pick<WeekPlan, 'weekStart' | 'days'>): PlanDay[] {
  const byDate = new Map(plan.days.map((d) => [d.date, d]));
  return weekDays(plan.weekStart).map((date) => {
    const day = byDate.get(date);
    const visits = [...(day?.visits ?? [])].sort(
      (a, b) => (a.plannedOrder ?? Number.MAX_SAFE_INTEGER) - (b.plannedOrder ?? Number.MAX_SAFE_INTEGER),
    );
    return { date, visits };
  });
}

function DayCard({ day }: { day: PlanDay }) {
  const { t, i18n } = useTranslation();
  const isoWeekday = ((new Date(`${day.date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return (
    <Card
      size="small"
      title={`${formatWeekday(isoWeekday, i18n.language)} · ${formatDate(day.date, i18n.language)}`}
      extra={day.visits.length > 0 ? t('visitOversight.plans.stops', { count: day.visits.length }) : null}
      data-testid="plan-day"
      data-date={day.date}
    >
      {day.visits.length === 0 ? (
        <Typography.Text type="secondary">{t('visitOversight.plans.dayEmpty')}</Typography.Text>
      ) : (
        <ol className="siyi-plan-stops">
          {day.visits.map((v, index) => (
            <li key={v.id} className="siyi-plan-stop">
              <span className="siyi-plan-stop__head">
                <span className="siyi-plan-stop__order" aria-hidden>
                  {index + 1}
                </span>
                <Link to={`/retailers/${v.retailerId}`}>{v.shopName}</Link>
                {v.pinned ? <Tag icon={<PushpinFilled aria-hidden />}>{t('visitOversight.plans.pinned')}</Tag> : null}
                {v.source !== 'plan' ? <Tag>{t(`visitOversight.plans.sources.${v.source}`)}</Tag> : null}
                {v.status === 'done' ? (
                  <Tag color="success" icon={<CheckCircleFilled aria-hidden />}>
                    {t('visitOversight.plans.done')}
                  </Tag>
                ) : null}
              </span>
              {v.plannedArrival !== null ? (
                <Typography.Text type="secondary">
                  {t('visitOversight.plans.arrival', { time: formatMinutes(v.plannedArrival) })}
                </Typography.Text>
              ) : null}
              {v.address ? <Typography.Text type="secondary">{v.address}</Typography.Text> : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function PlanView({ plan }: { plan: WeekPlan }) {
  const { t } = useTranslation();
  const days = planDays(plan);
  const unscheduled = plan.unscheduled ?? [];
  if (days.every((d) => d.visits.length === 0) && unscheduled.length === 0) {
    return <EmptyState description={t('visitOversight.plans.empty')} />;
  }
  return (
    <>
      <div className="siyi-plan-days">
        {days.map((day) => (
          <DayCard key={day.date} day={day} />
        ))}
      </div>
      {unscheduled.length > 0 ? (
        <Card size="small" title={t('visitOversight.plans.unscheduled')} style={{ marginTop: 12 }}>
          <ul className="siyi-plan-stops">
            {unscheduled.map((v) => (
              <li key={v.id} className="siyi-plan-stop">
                <Link to={`/retailers/${v.retailerId}`}>{v.shopName}</Link>
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
 * route order, with arrival times, pinned and added visits and those already done. Read-only: the manager moves them.
 */
export function DistrictPlansPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const weekParam = search.get('week');
  const week = isDate(weekParam) ? mondayOf(weekParam) : weekStartOf(new Date());
  const managerParam = Number(search.get('managerId'));
  const managerId = Number.isInteger(managerParam) && managerParam > 0 ? managerParam : null;
  // The managers in scope come with the week's coverage figures.
  const coverage = useCoverage(week, undefined);
  const plan = useManagerPlan(managerId, week);
  useDocumentTitle(t('visitOversight.plans.title'));
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  const managers = [...(coverage.data?.managers ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
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
          options={managers.map((m) => ({ value: m.id, label: m.name }))}
          data-testid="plan-manager"
        />
        <WeekPicker week={week} onChange={(w) => set('week', w === weekStartOf(new Date()) ? undefined : w)} />
      </div>
      {managerId === null ? (
        <EmptyState description={t('visitOversight.plans.pickManager')} />
      ) : (
        <QueryView query={plan} loading={<BlockLoading rows={8} />}>
          {(data) => <PlanView plan={data} />}
        </QueryView>
      )}
    </div>
  );
}
