import '@/modules/visit-oversight/visit-oversight.messages';
import { StarFilled, StarOutlined } from '@ant-design/icons';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * Five large stars as one group of radio buttons: each a thumb-sized target named "4 星 满意", arrows move the
 * choice (the browser's own radios). The chosen score's word shows beside the stars, so nobody need count them.
 */
export function StarPicker({
  value,
  onChange,
  label,
}: {
  value?: number | undefined;
  onChange?: (score: number) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const name = useId();
  const word = (score: number) => t(`visitOversight.rate.scoreWords.s${score}` as 'visitOversight.rate.scoreWords.s1');
  return (
    <div className="siyi-stars">
      <fieldset className="siyi-stars__group" data-testid="visit-star-picker">
        <legend className="siyi-visually-hidden">{label}</legend>
        {SCORES.map((score) => {
          const on = value !== undefined && score <= value;
          return (
            <label key={score} className={on ? 'siyi-stars__star siyi-stars__star--on' : 'siyi-stars__star'}>
              <input
                type="radio"
                name={name}
                value={score}
                checked={value === score}
                onChange={() => onChange?.(score)}
                className="siyi-visually-hidden"
                aria-label={`${t('visitOversight.common.stars', { count: score })} ${word(score)}`}
                data-score={score}
              />
              {on ? <StarFilled aria-hidden /> : <StarOutlined aria-hidden />}
            </label>
          );
        })}
      </fieldset>
      <span className="siyi-stars__word" aria-hidden>
        {value ? word(value) : ''}
      </span>
    </div>
  );
}

/** A given score as stars (read-only), with its number for screen readers and for anyone counting. */
export function StarsShown({ score }: { score: number }) {
  const { t } = useTranslation();
  return (
    <span className="siyi-stars-shown">
      <span aria-hidden className="siyi-stars-shown__stars">
        {SCORES.map((s) => (s <= score ? <StarFilled key={s} /> : <StarOutlined key={s} />))}
      </span>
      <span>{t('visitOversight.common.stars', { count: score })}</span>
    </span>
  );
}
