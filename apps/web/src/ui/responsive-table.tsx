import type { TableColumnType } from 'antd';
import type { ReactNode } from 'react';
import { LazyTable } from './lazy-table';
import { useIsPhone } from './use-media-query';

export interface ResponsiveColumn<T> extends TableColumnType<T> {
  key: string;
  title: string;
  render: (value: unknown, row: T, index: number) => ReactNode;
  /** On a phone card the value speaks for itself (a link "View retailers"): its label is for screen readers only. */
  bareOnCard?: boolean;
}

/**
 * A table on a wide screen; on a phone one card per row — the first column as its heading and the others as
 * label–value pairs — so nothing is clipped or needs sideways scrolling at 375 px, in large type too.
 */
export function ResponsiveTable<T extends object>({
  columns,
  rows,
  rowKey,
  label,
}: {
  columns: readonly ResponsiveColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  /** What the rows are, for screen readers (the list's accessible name). */
  label: string;
}) {
  const isPhone = useIsPhone();
  if (!isPhone) {
    return (
      <LazyTable<T>
        rowKey={rowKey}
        size="small"
        columns={columns.map(({ bareOnCard: _bare, ...column }) => column)}
        dataSource={[...rows]}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    );
  }
  const [head, ...rest] = columns;
  return (
    <ul className="siyi-row-cards" aria-label={label}>
      {rows.map((row, index) => (
        <li key={rowKey(row)} className="siyi-row-card">
          {head ? <div className="siyi-row-card__head">{head.render(undefined, row, index)}</div> : null}
          <dl className="siyi-row-card__facts">
            {rest.map((column) => (
              <div
                key={column.key}
                className={column.bareOnCard ? 'siyi-row-card__fact siyi-row-card__fact--bare' : 'siyi-row-card__fact'}
              >
                <dt>{column.title}</dt>
                <dd>{column.render(undefined, row, index)}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}
