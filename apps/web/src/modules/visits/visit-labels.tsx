import '@/modules/visits/visits.messages';
import type { VisitStatus } from '@siyi/contracts';
import { Alert, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeoFailure } from './use-position';
import { durationParts } from './visit-geo';

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

export function GeoProblem({ failure }: { failure: GeoFailure | null }) {
  const { t } = useTranslation();
  if (!failure) return null;
  return <Alert type="warning" showIcon role="alert" message={t(`visits.geo.${failure}`)} />;
}
