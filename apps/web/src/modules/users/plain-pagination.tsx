import { useTranslation } from 'react-i18next';
import { Link, type To } from 'react-router-dom';
import { formatCount } from '@/ui/format';
import { pageWindow } from './page-window';

/**
 * Plain pagination: the total, previous/next and the page numbers as real links (a new tab, Back and a shared
 * address all work), the current page marked with aria-current; on a desktop the page size.
 */
export function PlainPagination({
  page,
  pageSize,
  total,
  compact,
  hrefFor,
  pageSizeOptions,
  onPageSize,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** A phone: fewer numbers, no page size. */
  compact: boolean;
  hrefFor: (page: number) => To;
  pageSizeOptions: readonly number[];
  onPageSize: (pageSize: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(page, pageCount);
  const step = (to: number, label: string, rel: 'prev' | 'next') =>
    to < 1 || to > pageCount ? (
      <span className="siyi-pager__step" aria-disabled="true">
        {label}
      </span>
    ) : (
      <Link className="siyi-pager__step" to={hrefFor(to)} rel={rel}>
        {label}
      </Link>
    );
  return (
    <nav className="siyi-pager" aria-label={t('users.pages')}>
      <p className="siyi-pager__total">
        {t('users.total', { count: total, total: formatCount(total, i18n.language) })}
      </p>
      <ul className="siyi-pager__pages">
        <li>{step(current - 1, t('users.previousPage'), 'prev')}</li>
        {pageWindow(current, pageCount, compact ? 0 : 1).map((number, index) =>
          number === null ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a gap has no identity but its place.
            <li key={`gap-${index}`} className="siyi-pager__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={number}>
              <Link
                className="siyi-pager__page"
                to={hrefFor(number)}
                aria-current={number === current ? 'page' : undefined}
                aria-label={t('users.pageNumber', { page: number })}
              >
                {number}
              </Link>
            </li>
          ),
        )}
        <li>{step(current + 1, t('users.nextPage'), 'next')}</li>
      </ul>
      {compact ? null : (
        <label className="siyi-pager__size">
          <span className="siyi-visually-hidden">{t('users.pageSize')}</span>
          <select
            className="siyi-plain-select"
            value={pageSize}
            onChange={(event) => onPageSize(Number(event.target.value))}
          >
            {(pageSizeOptions.includes(pageSize) ? pageSizeOptions : [...pageSizeOptions, pageSize]).map((size) => (
              <option key={size} value={size}>
                {t('users.pageSizeOption', { size })}
              </option>
            ))}
          </select>
        </label>
      )}
    </nav>
  );
}
