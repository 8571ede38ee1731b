import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AfterFirstScreen } from '@/ui/after-first-screen';
import { formatCount, formatMinutes } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { mondayOf, shanghaiDate } from './visit-dates';
import { daySummary } from './visit-format';
import { useWeekPlan } from './visits.api';

/** The card's body keeps this height loading, loaded or failed (in the user's type size): nothing below moves. */
const BODY_STYLE = { minHeight: '4.8em' } as const;

function TodayVisitsBody() {
  const { t, i18n } = useTranslation();
  const today = shanghaiDate(new Date());
  // The same query as /visits/today: opening the route from here shows it at once.
  const plan = useWeekPlan(mondayOf(today));
  if (plan.isError) return <Typography.Text type="secondary">{t('visits.home.failed')}</Typography.Text>;
  if (!plan.data) return <Typography.Text type="secondary">…</Typography.Text>;
  const { done, total, next } = daySummary(plan.data.days.find((d) => d.date === today)?.stops ?? []);
  if (total === 0) return <Typography.Text type="secondary">{t('visits.home.none')}</Typography.Text>;
  const count = (n: number) => formatCount(n, i18n.language);
  return (
    <>
      <div>
        <Typography.Text strong data-testid="home-visits-progress" data-done={done} data-total={total}>
          {t('visits.home.progress', { done: count(done), total: count(total) })}
        </Typography.Text>
      </div>
      {next === null ? (
        <div>{t('visits.home.allDone')}</div>
      ) : (
        <>
          <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 1 }}>
            {t(next.status === 'in_progress' ? 'visits.home.underway' : 'visits.home.next', { shop: next.shopName })}
          </Typography.Paragraph>
          {next.status === 'planned' ? (
            <Typography.Text type="secondary">
              {next.plannedArrival === null
                ? t('visits.home.noArrival')
                : t('visits.home.arrival', { time: formatMinutes(next.plannedArrival) })}
            </Typography.Text>
          ) : null}
        </>
      )}
    </>
  );
}

/**
 * The manager's home card "今日拜访": today's visits done of planned, the next stop and its planned arrival, and
 * the day's route one tap away. Light (no chart, no table); its figures load after the home's first screen.
 */
export function TodayVisitsCard() {
  const { t } = useTranslation();
  return (
    <Card
      title={t('visits.home.title')}
      data-testid="home-today-visits"
      extra={
        <LinkButton to="/visits/today" type="primary">
          {t('visits.home.open')}
        </LinkButton>
      }
    >
      <div style={BODY_STYLE}>
        <AfterFirstScreen placeholder={<Typography.Text type="secondary">…</Typography.Text>}>
          <TodayVisitsBody />
        </AfterFirstScreen>
      </div>
    </Card>
  );
}
