import '@/modules/visits/visits.messages';
import './today-visits-card.css';
import { useTranslation } from 'react-i18next';
import { AfterFirstScreen } from '@/ui/after-first-screen';
import { formatCount, formatMinutes } from '@/ui/format';
import { ButtonLink, Card } from '@/ui/plain/plain';
import { mondayOf, shanghaiDate } from './visit-dates';
import { daySummary } from './visit-format';
import { useWeekPlan } from './visits.api';

/** A quiet line (a wait, "none today", the failure): the card keeps its height whatever it says. */
function Quiet({ children }: { children: string }) {
  return <p className="siyi-today-visits__line siyi-today-visits__quiet">{children}</p>;
}

function TodayVisitsBody() {
  const { t, i18n } = useTranslation();
  const today = shanghaiDate(new Date());
  // The same query as /visits/today: opening the route from here shows it at once.
  const plan = useWeekPlan(mondayOf(today));
  if (plan.isError) return <Quiet>{t('visits.home.failed')}</Quiet>;
  if (!plan.data) return <Quiet>…</Quiet>;
  const { done, total, next } = daySummary(plan.data.days.find((d) => d.date === today)?.stops ?? []);
  if (total === 0) return <Quiet>{t('visits.home.none')}</Quiet>;
  const count = (n: number) => formatCount(n, i18n.language);
  return (
    <>
      <p className="siyi-today-visits__progress" data-testid="home-visits-progress" data-done={done} data-total={total}>
        {t('visits.home.progress', { done: count(done), total: count(total) })}
      </p>
      {next === null ? (
        <p className="siyi-today-visits__line">{t('visits.home.allDone')}</p>
      ) : (
        <>
          <p className="siyi-today-visits__line">
            {t(next.status === 'in_progress' ? 'visits.home.underway' : 'visits.home.next', { shop: next.shopName })}
          </p>
          {next.status === 'planned' ? (
            <Quiet>
              {next.plannedArrival === null
                ? t('visits.home.noArrival')
                : t('visits.home.arrival', { time: formatMinutes(next.plannedArrival) })}
            </Quiet>
          ) : null}
        </>
      )}
    </>
  );
}

/**
 * The manager's home card "今日拜访": today's visits done of planned, the next stop and its planned arrival, and
 * the day's route one tap away. Light (no chart, no table, no antd: it is on the home's first screen); its figures
 * load after that screen is up.
 */
export function TodayVisitsCard() {
  const { t } = useTranslation();
  return (
    <Card
      title={t('visits.home.title')}
      data-testid="home-today-visits"
      extra={
        <ButtonLink to="/visits/today" look="primary">
          {t('visits.home.open')}
        </ButtonLink>
      }
    >
      {/* The body keeps this height loading, loaded or failed (in the user's type size): nothing below moves. */}
      <div className="siyi-today-visits__body">
        <AfterFirstScreen placeholder={<Quiet>…</Quiet>}>
          <TodayVisitsBody />
        </AfterFirstScreen>
      </div>
    </Card>
  );
}
