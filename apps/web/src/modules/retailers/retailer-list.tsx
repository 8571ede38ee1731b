import { CloseOutlined } from '@ant-design/icons';
import type { BusinessFormat, RetailerListQuery, RetailerStatus, RetailerSummary } from '@siyi/contracts';
import { businessFormats, retailerStatuses } from '@siyi/contracts';
import { Card, Pagination, Select, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '@/modules/auth/session';
import { formatCount, formatWeekday } from '@/ui/format';
import { LazyTable } from '@/ui/lazy-table';
import { SearchBox } from '@/ui/search-box';
import { EmptyState, ErrorState } from '@/ui/states';
import { useIsPhone } from '@/ui/use-media-query';
import { readRetailerFilters, TIERS, tierMatches, writeRetailerFilters } from './retailer-filters';
import { PhoneLink, StatusTag, TierBadge } from './retailer-labels';
import { useRetailerList } from './retailers.api';

/** Where the detail page's Back goes: this very list, page and search. */
interface ListLocationState {
  from: string;
}

function RetailerCard({ retailer, from }: { retailer: RetailerSummary; from: ListLocationState }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small">
      <div className="siyi-retailer-card__head">
        <Typography.Title level={2} className="siyi-retailer-card__title">
          <Link to={`/retailers/${retailer.id}`} state={from}>
            {retailer.shopName}
          </Link>
        </Typography.Title>
        <TierBadge tier={retailer.tier} />
      </div>
      <div className="siyi-retailer-card__meta">
        <Typography.Text>
          {retailer.ownerName} · {t(`formats.${retailer.businessFormat}`)}
          {retailer.status !== 'active' ? (
            <>
              {' '}
              <StatusTag status={retailer.status} />
            </>
          ) : null}
        </Typography.Text>
        <Typography.Text type="secondary">{retailer.address}</Typography.Text>
        <Typography.Text type="secondary">
          {t('common.labelValue', {
            label: t('retailers.fields.orderWeekday'),
            value: formatWeekday(retailer.orderWeekday, i18n.language),
          })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('common.labelValue', { label: t('retailers.fields.licenceNo'), value: retailer.licenceNo })}
        </Typography.Text>
      </div>
      <div className="siyi-retailer-card__actions">
        <PhoneLink phone={retailer.phone} />
      </div>
    </Card>
  );
}

/** The list's columns; a customer manager's own list leaves out the manager, who is always themselves. */
function useColumns(from: ListLocationState, showManager: boolean): TableColumnsType<RetailerSummary> {
  const { t, i18n } = useTranslation();
  const columns: TableColumnsType<RetailerSummary> = [
    {
      key: 'shop',
      title: t('retailers.fields.shopName'),
      render: (_, r) => (
        <div>
          <Link to={`/retailers/${r.id}`} state={from}>
            {r.shopName}
          </Link>
          <div>
            <Typography.Text type="secondary">{r.licenceNo}</Typography.Text>
          </div>
        </div>
      ),
    },
    { key: 'owner', title: t('retailers.fields.ownerName'), dataIndex: 'ownerName' },
    { key: 'phone', title: t('retailers.fields.phone'), render: (_, r) => <PhoneLink phone={r.phone} /> },
    {
      key: 'format',
      title: t('retailers.fields.businessFormat'),
      render: (_, r) => t(`formats.${r.businessFormat}`),
    },
    { key: 'tier', title: t('retailers.fields.tier'), render: (_, r) => <TierBadge tier={r.tier} /> },
    { key: 'status', title: t('retailers.fields.status'), render: (_, r) => <StatusTag status={r.status} /> },
    {
      key: 'manager',
      title: t('retailers.fields.manager'),
      render: (_, r) => r.managerName ?? <Typography.Text type="secondary">{t('common.notAssigned')}</Typography.Text>,
    },
    {
      key: 'orderDay',
      title: t('retailers.fields.orderWeekday'),
      render: (_, r) => formatWeekday(r.orderWeekday, i18n.language, 'short'),
    },
    { key: 'address', title: t('retailers.fields.address'), dataIndex: 'address', ellipsis: true, width: 260 },
  ];
  return showManager ? columns : columns.filter((column) => column.key !== 'manager');
}

export interface RetailerListProps {
  /** Managers see only their own book and do not need the status filter by default. */
  showStatusFilter?: boolean;
}

/**
 * The searchable, filterable, paginated retailer list, shared by the manager's home and the /retailers page.
 * The server scopes it by role; filters live in the URL.
 */
export function RetailerList({ showStatusFilter = true }: RetailerListProps) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readRetailerFilters(searchParams);
  const query = useRetailerList(filters);
  const from: ListLocationState = { from: `${location.pathname}${location.search}` };
  const columns = useColumns(from, useCurrentUser().role !== 'manager');

  const update = (change: Partial<RetailerListQuery>) => {
    const next: RetailerListQuery = { ...filters, page: 1, ...change };
    for (const key of ['q', 'tier', 'format', 'status', 'managerId'] as const) {
      if (next[key] === undefined || next[key] === '') delete next[key];
    }
    setSearchParams(writeRetailerFilters(next));
  };

  const data = query.data;
  const items = data?.items ?? [];
  // A search counts only up to RETAILER_SEARCH_COUNT_CAP matches: past it the total reads "1,000+".
  const totalText = (total: number) =>
    data?.totalCapped
      ? t('retailers.list.totalCapped', { total: formatCount(total, i18n.language) })
      : t('retailers.list.total', { count: total, total: formatCount(total, i18n.language) });

  return (
    <section className="siyi-page" aria-label={t('retailers.list.title')}>
      <search className="siyi-filters">
        <SearchBox
          value={filters.q}
          label={t('retailers.list.searchLabel')}
          placeholder={t('retailers.list.searchPlaceholder')}
          onSearch={(q) => update({ q })}
        />
        <Select<number>
          className="siyi-filters__select"
          aria-label={t('retailers.list.tierLabel')}
          placeholder={t('retailers.list.allTiers')}
          allowClear
          showSearch={{ filterOption: (input, option) => tierMatches(input, option?.value) }}
          value={filters.tier}
          onChange={(tier) => update({ tier })}
          options={TIERS.map((tier) => ({ value: tier, label: t('retailers.tierValue', { tier }) }))}
        />
        <Select<BusinessFormat>
          className="siyi-filters__select"
          aria-label={t('retailers.list.formatLabel')}
          placeholder={t('retailers.list.allFormats')}
          allowClear
          value={filters.format}
          onChange={(format) => update({ format })}
          options={businessFormats.map((format) => ({ value: format, label: t(`formats.${format}`) }))}
        />
        {showStatusFilter ? (
          <Select<RetailerStatus>
            className="siyi-filters__select"
            aria-label={t('retailers.list.statusLabel')}
            placeholder={t('retailers.list.allStatuses')}
            allowClear
            value={filters.status}
            onChange={(status) => update({ status })}
            options={retailerStatuses.map((status) => ({ value: status, label: t(`statuses.${status}`) }))}
          />
        ) : null}
      </search>
      {filters.managerId ? (
        <div>
          <Tag
            closable
            onClose={() => update({ managerId: undefined })}
            closeIcon={<CloseOutlined aria-label={t('retailers.list.clearManagerFilter')} />}
          >
            {data?.manager
              ? t('retailers.list.managerFilter', { name: data.manager.name })
              : t('retailers.list.managerFilterUnnamed')}
          </Tag>
        </div>
      ) : null}

      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : isPhone ? (
        <div aria-busy={query.isFetching}>
          {query.isPending ? (
            <Card loading />
          ) : items.length === 0 ? (
            <EmptyState description={t('retailers.list.empty')} />
          ) : (
            <ul className="siyi-card-list">
              {items.map((retailer) => (
                <li key={retailer.id}>
                  <RetailerCard retailer={retailer} from={from} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <LazyTable<RetailerSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={query.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyState description={t('retailers.list.empty')} /> }}
        />
      )}

      {data && data.total > 0 ? (
        <div className="siyi-pagination">
          <Pagination
            current={filters.page}
            pageSize={filters.pageSize}
            total={data.total}
            simple={isPhone}
            showSizeChanger={!isPhone}
            pageSizeOptions={[10, 20, 50, 100]}
            // A phone prints the total once, under the cards (the simple pager would print it again).
            {...(isPhone ? {} : { showTotal: totalText })}
            onChange={(page, pageSize) =>
              pageSize !== filters.pageSize ? update({ page: 1, pageSize }) : update({ page })
            }
          />
        </div>
      ) : null}
      {isPhone && data && data.total > 0 ? (
        <Typography.Text type="secondary" className="siyi-pagination">
          {query.isFetching ? t('common.loading') : totalText(data.total)}
        </Typography.Text>
      ) : null}
    </section>
  );
}
