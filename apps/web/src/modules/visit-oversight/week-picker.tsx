import '@/modules/visit-oversight/visit-oversight.messages';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatWeekLabel } from '@/ui/format';
import { addDays, weekRange, weekStartOf } from './visit-figures';

/** A week by its dates, with the previous and next week a tap away and "this week" to come back. */
export function WeekPicker({ week, onChange }: { week: string; onChange: (week: string) => void }) {
  const { t } = useTranslation();
  const { from, to } = weekRange(week);
  const current = weekStartOf(new Date());
  return (
    <fieldset className="siyi-week-picker">
      <legend className="siyi-visually-hidden">{t('visitOversight.common.weekChoice')}</legend>
      <Button
        size="large"
        icon={<LeftOutlined aria-hidden />}
        aria-label={t('visitOversight.common.previousWeek')}
        onClick={() => onChange(addDays(week, -7))}
      />
      <span className="siyi-week-picker__label" data-testid="week-label" data-week={week}>
        {t('visitOversight.common.week', { from: formatWeekLabel(from), to: formatWeekLabel(to) })}
      </span>
      <Button
        size="large"
        icon={<RightOutlined aria-hidden />}
        aria-label={t('visitOversight.common.nextWeek')}
        onClick={() => onChange(addDays(week, 7))}
      />
      {week !== current ? (
        <Button size="large" onClick={() => onChange(current)}>
          {t('visitOversight.common.thisWeek')}
        </Button>
      ) : null}
    </fieldset>
  );
}
