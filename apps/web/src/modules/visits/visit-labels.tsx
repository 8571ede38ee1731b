import type { VisitStatus } from '@siyi/contracts';
import { Alert, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeoFailure } from './use-position';
import { durationParts } from './visit-geo';
import type { PlanStop } from './visits.api';

const statusColour: Record<VisitStatus, string> = {
  planned: 'blue',
  in_progress: 'orange',
  done: 'green',
  cancelled: 'default',
};

export function VisitStatusTag({ status }: { status: VisitStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColour[status]} className="siyi-visit-status" data-status={status}>
      {t(`visits.statuses.${status}`)}
    </Tag>
  );
}

/** Seconds as words: "1 小时 5 分钟", "12 min", "42 s". */
export function useDurationWords() {
  const { t } = useTranslation();
  return (seconds: number) => {
    const parts = durationParts(seconds);
    if (parts.hours > 0) return t('visits.duration.hoursMinutes', { hours: parts.hours, minutes: parts.minutes });
    if (parts.minutes > 0) return t('visits.duration.minutes', { minutes: parts.minutes });
    return t('visits.duration.seconds', { seconds: parts.seconds });
  };
}

/** The time now, moving every `everyMs` (a clock on site). */
export function useTicking(everyMs = 15_000, active = true): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!active) return;
    setNow(new Date());
    const id = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(id);
  }, [everyMs, active]);
  return now;
}

/** A plan day as people say it: "12月1日周二", "Tue, Dec 1" (the year is the week's, shown once above). */
export function formatDay(date: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    at,
  );
}

/** An instant as the time of day in Shanghai: "09:12". */
export function formatClock(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Shanghai',
  }).format(date);
}

/** Stops of the day in visiting order: planned order first, then the rest (unplanned ones) as created. */
export function dayStops(stops: readonly PlanStop[]): PlanStop[] {
  return [...stops]
    .filter((s) => s.status !== 'cancelled')
    .sort((a, b) => (a.plannedOrder ?? 10_000) - (b.plannedOrder ?? 10_000) || a.visitId - b.visitId);
}

export function GeoProblem({ failure }: { failure: GeoFailure | null }) {
  const { t } = useTranslation();
  if (!failure) return null;
  return <Alert type="warning" showIcon role="alert" message={t(`visits.geo.${failure}`)} />;
}
