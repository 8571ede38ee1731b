import type { TableProps } from 'antd';
import { lazy, Suspense } from 'react';
import { BlockLoading } from './states';

// antd's Table brings its filter menus, tree, checkboxes, radios and dropdowns (~60 KB compressed). On a phone
// the lists are cards and never draw a table: it loads only where one is drawn, apart from Select and Pagination.
const AntTable = lazy(() => import('antd/es/table'));

/** antd's Table, loaded when first drawn; the same props, and a skeleton while it arrives. */
export function LazyTable<T extends object>(props: TableProps<T>) {
  return (
    <Suspense fallback={<BlockLoading rows={8} />}>
      <AntTable {...(props as TableProps<unknown>)} />
    </Suspense>
  );
}
