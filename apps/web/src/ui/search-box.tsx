import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface SearchBoxProps {
  /** The search in force (from the URL). */
  value: string | undefined;
  label: string;
  placeholder: string;
  /** Called with the trimmed term, or undefined when the box is cleared. */
  onSearch: (q: string | undefined) => void;
}

/** A search field that searches on Enter or the button, and clears the search when emptied. */
export function SearchBox({ value, label, placeholder, onSearch }: SearchBoxProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  // Follow the URL when it changes from outside (Back, a link with ?q=).
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input.Search
      className="siyi-filters__search"
      aria-label={label}
      placeholder={placeholder}
      allowClear
      enterButton={t('common.search')}
      maxLength={100}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        if (event.target.value === '' && value) onSearch(undefined);
      }}
      onSearch={(term) => onSearch(term.trim() || undefined)}
    />
  );
}
