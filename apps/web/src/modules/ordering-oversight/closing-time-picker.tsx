import '@/modules/ordering-oversight/ordering-oversight.messages';
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
// Month and weekday names in Chinese: antd's locale (AntdProvider) asks dayjs for 'zh-cn' per call, never globally.
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { addDays } from '@/modules/visit-oversight/visit-figures';
import { SHANGHAI_OFFSET_MS } from '@/ui/format';
import { useIsPhone } from '@/ui/use-media-query';

/** Shanghai wall time now, as 'YYYY-MM-DD'. */
const shanghaiToday = () => new Date(Date.now() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/**
 * The week's one closing time, picked as a date and a time (antd's DatePicker with showTime) instead of the
 * browser's datetime-local field, which reads differently in every browser and ignores the user's language.
 * `value` and `onChange` are Shanghai wall time 'YYYY-MM-DDTHH:mm' ('' for none); the picker shows those digits as
 * they are, whatever the browser's own time zone. Only the days of `week` from today on can be chosen. Its own
 * file, loaded only when the editor opens, so no other page carries the picker.
 */
export function ClosingTimePicker({
  id,
  week,
  value,
  onChange,
}: {
  id: string;
  week: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  // A phone picks from the panel: its keyboard would cover it and typing a date there is slow.
  const isPhone = useIsPhone();
  const first = [week, shanghaiToday()].sort()[1] ?? week;
  const last = addDays(week, 6);
  const outside = (day: Dayjs) => {
    const d = day.format('YYYY-MM-DD');
    return d < first || d > last;
  };
  return (
    <DatePicker
      id={id}
      size="large"
      // A picked day closes at its end unless another time is chosen (the usual cut-off is 23:59).
      showTime={{ format: 'HH:mm', defaultOpenValue: dayjs(`${first}T23:59`) }}
      showNow={false}
      format={t('orderingOversight.strategy.closesAtFormat')}
      value={value === '' ? null : dayjs(value)}
      onChange={(picked: Dayjs | null) => onChange(picked ? picked.format('YYYY-MM-DDTHH:mm') : '')}
      disabledDate={outside}
      defaultPickerValue={dayjs(`${first}T23:59`)}
      inputReadOnly={isPhone}
      // Side by side the day and the time are ~580 px: a phone stacks them (ordering-oversight.css).
      classNames={{ popup: { root: 'siyi-closing-picker' } }}
      placeholder={t('orderingOversight.strategy.closesAtNone')}
      style={{ width: '16em', maxWidth: '100%' }}
      data-testid="strategy-closes-at"
    />
  );
}
