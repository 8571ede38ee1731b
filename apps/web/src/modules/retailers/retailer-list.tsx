import { CloseOutlined, EnvironmentOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { BusinessFormat, LicenceFilter, RetailerSort, RetailerStatus, RetailerSummary } from '@siyi/contracts';
import { Button, Card, Segmented, Select, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '@/modules/auth/session';
import { formatCount, formatWeekday } from '@/ui/format';
import { LazyTable } from '@/ui/lazy-table';
import { SearchBox } from '@/ui/search-box';
import { EmptyState, ErrorState } from '@/ui/states';
import { useIsPhone } from '@/ui/use-media-query';
import {
  businessFormats,
  type ListView,
  licenceFilters,
  type RetailerListFilters,
  readRetailerFilters,
  retailerSorts,
  retailerStatuses,
  TIERS,
  tierMatches,
  writeRetailerFilters,
} from './retailer-filters';
import { PhoneLink, StatusTag, TierBadge } from './retailer-labels';
import { RetailerMapView } from './retailer-map-view';
import { useRetailerPages } from './retailers.api';
import './retailer-find.css';

/** Days from today (the browser's calendar day) to a licence's last valid day. */
function licenceState(validTo: string | null): 'expiring' | 'expired' | null {
  if (!validTo) return null;
  const now = new Date();
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  const days = Math.round((Date.parse(`${validTo}T00:00:00Z`) - today) / 86_400_000);
  return days < 0 ? 'expired' : days <= 60 ? 'expiring' : null;
}

function LicenceFlag({ validTo }: { validTo: string | null }) {
  const { t } = useTranslation();
  const state = licenceState(validTo);
  if (!state) return null;
  return (
    <Tag color={state === 'expired' ? 'red' : 'orange'} title={validTo ?? undefined}>
      {t(`find.licenceFlag.${state}`)}
    </Tag>
  );
}

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
          {t('common.labelValue', { label: t('retailers.fields.licenceNo'), value: retailer.licenceNo })}{' '}
          <LicenceFlag validTo={retailer.licenceValidTo} />
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
            <Typography.Text type="secondary">{r.licenceNo}</Typography.Text> <LicenceFlag validTo={r.licenceValidTo} />
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
 * The searchable, filterable retailer list, shared by the manager's home and the /retailers page, as a list or
 * on a map. The server scopes it by role; filters, order and view live in the URL; pages follow the server's
 * cursor ("more"), so a long list never shifts while it is read.
 */
export function RetailerList({ showStatusFilter = true }: RetailerListProps) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readRetailerFilters(searchParams);
  const showMap = filters.view === 'map';
  const query = useRetailerPages(filters);
  const from: ListLocationState = { from: `${location.pathname}${location.search}` };
  const columns = useColumns(from, useCurrentUser().role !== 'manager');

  const update = (change: Partial<RetailerListFilters>) => {
    const next = { ...filters, ...change } as RetailerListFilters;
    setSearchParams(writeRetailerFilters(next), { replace: change.view !== undefined });
  };

  const pages = query.data?.pages ?? [];
  const first = pages[0];
  const items = pages.flatMap((page) => page.items);
  // A search counts only up to RETAILER_SEARCH_COUNT_CAP matches: past it the total reads "200+".
  const totalText = (total: number) =>
    first?.totalCapped
      ? t('retailers.list.totalCapped', { total: formatCount(total, i18n.language) })
      : t('retailers.list.total', { count: total, total: formatCount(total, i18n.language) });

  return (
    <section className="siyi-page" aria-label={t('retailers.list.title')}>
      <search className="siyi-filters">
        <SearchBox
          value={filters.q}
          label={t('retailers.list.searchLabel')}
          placeholder={t('find.searchPlaceholder')}
          onSearch={(q) => update({ q: q || undefined })}
        />
        <Select<number>
          className="siyi-filters__select"
          aria-label={t('find.tierMinLabel')}
          placeholder={t('find.tierMin')}
          allowClear
          showSearch={{ filterOption: (input, option) => tierMatches(input, option?.value) }}
          value={filters.tierMin}
          onChange={(tierMin) => update({ tierMin })}
          options={TIERS.map((tier) => ({ value: tier, label: t('find.tierFrom', { tier }) }))}
        />
        <Select<number>
          className="siyi-filters__select"
          aria-label={t('find.tierMaxLabel')}
          placeholder={t('find.tierMax')}
          allowClear
          showSearch={{ filterOption: (input, option) => tierMatches(input, option?.value) }}
          value={filters.tierMax}
          onChange={(tierMax) => update({ tierMax })}
          options={TIERS.map((tier) => ({ value: tier, label: t('find.tierTo', { tier }) }))}
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
        <Select<LicenceFilter>
          className="siyi-filters__select"
          aria-label={t('find.licenceLabel')}
          placeholder={t('find.licenceAll')}
          allowClear
          value={filters.licence}
          onChange={(licence) => update({ licence })}
          options={licenceFilters.map((licence) => ({ value: licence, label: t(`find.licence.${licence}`) }))}
        />
        {showMap ? null : (
          <Select<RetailerSort>
            className="siyi-filters__select"
            aria-label={t('find.sortLabel')}
            value={filters.sort}
            onChange={(sort) => update({ sort })}
            options={retailerSorts.map((sort) => ({ value: sort, label: t(`find.sort.${sort}`) }))}
          />
        )}
      </search>
      <div className="siyi-find__bar">
        {filters.managerId ? (
          <Tag
            closable
            onClose={() => update({ managerId: undefined })}
            closeIcon={<CloseOutlined aria-label={t('retailers.list.clearManagerFilter')} />}
          >
            {first?.manager
              ? t('retailers.list.managerFilter', { name: first.manager.name })
              : t('retailers.list.managerFilterUnnamed')}
          </Tag>
        ) : null}
        <Segmented<ListView>
          className="siyi-find__view"
          aria-label={t('find.viewLabel')}
          value={filters.view}
          onChange={(view) => update({ view })}
          options={[
            { value: 'list', label: t('find.view.list'), icon: <UnorderedListOutlined /> },
            { value: 'map', label: t('find.view.map'), icon: <EnvironmentOutlined /> },
          ]}
        />
      </div>

      {showMap ? (
        <RetailerMapView filters={filters} from={from} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {first ? (
            <Typography.Text type="secondary" role="status">
              {query.isFetching && !query.isFetchingNextPage ? t('common.loading') : totalText(first.total)}
            </Typography.Text>
          ) : null}
          {isPhone ? (
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
              loading={query.isFetching && !query.isFetchingNextPage}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <EmptyState description={t('retailers.list.empty')} /> }}
            />
          )}
          {query.hasNextPage ? (
            <div className="siyi-pagination">
              <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} block={isPhone}>
                {t('find.more', {
                  shown: formatCount(items.length, i18n.language),
                })}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
