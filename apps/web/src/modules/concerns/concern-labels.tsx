import '@/modules/concerns/concerns.messages';
import type { Concern, ConcernCategory, ConcernStatus } from '@siyi/contracts';
import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/ui/format';
import { categoryIcons } from './concern-icons';
import { dueWords } from './concern-time';

export { categoryIcons } from './concern-icons';

const statusColor: Record<ConcernStatus, string> = {
  new: 'blue',
  accepted: 'blue',
  in_progress: 'processing',
  resolved: 'warning',
  reopened: 'error',
  confirmed: 'success',
  closed: 'default',
};

export function ConcernStatusTag({ status }: { status: ConcernStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColor[status]}>{t(`concerns.statuses.${status}`)}</Tag>;
}

export function CategoryLabel({ category }: { category: ConcernCategory }) {
  const { t } = useTranslation();
  return (
    <span className="siyi-concern-category">
      {categoryIcons[category]} {t(`concerns.categories.${category}`)}
    </span>
  );
}

/**
 * "还剩 3 小时" / "已逾期 2 天" (red), or why no clock runs; the exact time in the tooltip. `forRetailer`: the
 * retailer reads "waiting for you" where staff read "waiting for the retailer".
 */
export function DueText({
  concern,
  now,
  forRetailer = false,
}: {
  concern: Pick<Concern, 'status' | 'dueAt' | 'overdue'>;
  now: Date;
  forRetailer?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const words = dueWords(concern, now);
  const exact = t('concerns.due.dueAt', { at: formatDateTime(concern.dueAt, i18n.language) });
  switch (words.kind) {
    case 'finished':
      return <span className="siyi-concern-due">{t('concerns.due.finished')}</span>;
    case 'waiting':
      return (
        <span className="siyi-concern-due">{t(forRetailer ? 'concerns.due.waitingYou' : 'concerns.due.waiting')}</span>
      );
    case 'left':
      return (
        <span className="siyi-concern-due" title={exact}>
          {t(`concerns.due.left${words.unit}`, { count: words.count })}
        </span>
      );
    case 'overdue':
      return (
        <span className="siyi-concern-due siyi-concern-due--overdue" title={exact}>
          {t(`concerns.due.overdue${words.unit}`, { count: words.count })}
        </span>
      );
  }
}

/** The current time, moving on each minute, so "time left" stays true on a page left open. */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}
