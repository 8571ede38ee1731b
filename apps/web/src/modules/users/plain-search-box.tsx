import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/ui/plain/plain';

interface PlainSearchBoxProps {
  /** The search in force (from the URL). */
  value: string | undefined;
  label: string;
  placeholder: string;
  /** Called with the trimmed term, or undefined when the box is cleared. */
  onSearch: (q: string | undefined) => void;
  className?: string;
}

/**
 * ui/search-box.tsx without antd: a labelled search field that searches on Enter or the button, and clears the
 * search when emptied (typing it away or the field's own clear cross).
 */
export function PlainSearchBox({ value, label, placeholder, onSearch, className }: PlainSearchBoxProps) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(value ?? '');
  // Follow the URL when it changes from outside (Back, a link with ?q=).
  useEffect(() => setText(value ?? ''), [value]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(text.trim() || undefined);
  };
  return (
    <form className={['siyi-plain-search', className ?? ''].filter(Boolean).join(' ')} onSubmit={submit}>
      <label htmlFor={id} className="siyi-visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="search"
        className="siyi-plain-search__input"
        placeholder={placeholder}
        maxLength={100}
        autoComplete="off"
        enterKeyHint="search"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value === '' && value) onSearch(undefined);
        }}
      />
      <Button type="submit" look="primary" className="siyi-plain-search__button">
        {t('common.search')}
      </Button>
    </form>
  );
}
