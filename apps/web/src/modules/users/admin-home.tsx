import { BarChartOutlined, UserAddOutlined } from '@ant-design/icons';
import type { Role, UserListQuery, UserSummary } from '@siyi/contracts';
import { roles } from '@siyi/contracts/values';
import { Button, Card, Pagination, Select, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { formatCount, telHref } from '@/ui/format';
import { LazyTable } from '@/ui/lazy-table';
import { SearchBox } from '@/ui/search-box';
import { EmptyState, ErrorState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useIsPhone } from '@/ui/use-media-query';
import { CreateUserDialog } from './create-user-dialog';
import { DistrictSelect } from './district-select';
import { readUserFilters, writeUserFilters } from './user-filters';
import { UserState } from './user-state';
import { useUserList } from './users.api';

/** The way into a user's page: the account name, a real link (keyboard, middle click, screen readers). */
function UserLink({ user, children }: { user: UserSummary; children: string }) {
  const { t } = useTranslation();
  return (
    <Link to={`/users/${user.id}`} aria-label={t('users.openUser', { name: user.name })}>
      {children}
    </Link>
  );
}

function useColumns(): TableColumnsType<UserSummary> {
  const { t } = useTranslation();
  return [
    {
      key: 'username',
      title: t('users.username'),
      render: (_, u) => <UserLink user={u}>{u.username}</UserLink>,
    },
    { key: 'name', title: t('users.name'), dataIndex: 'name' },
    { key: 'role', title: t('users.role'), render: (_, u) => t(`roles.${u.role}`) },
    { key: 'org', title: t('users.orgUnit'), dataIndex: 'orgUnitName' },
    {
      key: 'phone',
      title: t('users.phone'),
      render: (_, u) => (u.phone ? <a href={telHref(u.phone)}>{u.phone}</a> : null),
    },
    { key: 'state', title: t('users.state'), render: (_, u) => <UserState user={u} /> },
  ];
}

function UserCard({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  return (
    <Card size="small">
      <div className="siyi-retailer-card__head">
        <Typography.Text strong>
          <UserLink user={user}>{user.name}</UserLink>
        </Typography.Text>
        <UserState user={user} />
      </div>
      <div className="siyi-retailer-card__meta">
        <Typography.Text type="secondary">
          {user.username}
          {t('common.separator')}
          {t(`roles.${user.role}`)}
        </Typography.Text>
        <Typography.Text type="secondary">{user.orgUnitName}</Typography.Text>
        {user.phone ? <a href={telHref(user.phone)}>{user.phone}</a> : null}
      </div>
    </Card>
  );
}

function UsersList() {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readUserFilters(searchParams);
  const query = useUserList(filters);
  const columns = useColumns();
  const navigate = useNavigate();
  // A click anywhere on a row opens the user, except on its own links (the account link, a phone number).
  const openFromRow = (target: EventTarget, user: UserSummary) => {
    if (!(target instanceof Element) || !target.closest('a')) void navigate(`/users/${user.id}`);
  };

  const update = (change: Partial<UserListQuery>) => {
    const next: UserListQuery = { ...filters, page: 1, ...change };
    if (!next.q) delete next.q;
    if (!next.role) delete next.role;
    setSearchParams(writeUserFilters(next));
  };
  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;

  return (
    <section className="siyi-page" aria-label={t('users.title')}>
      <search className="siyi-filters">
        <SearchBox
          value={filters.q}
          label={t('users.searchLabel')}
          placeholder={t('users.searchPlaceholder')}
          onSearch={(q) => update({ q })}
        />
        <Select<Role>
          className="siyi-filters__select"
          aria-label={t('users.roleLabel')}
          placeholder={t('users.allRoles')}
          allowClear
          value={filters.role}
          onChange={(role) => update({ role })}
          options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
      </search>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : isPhone ? (
        query.isPending ? (
          <Card loading />
        ) : items.length === 0 ? (
          <EmptyState description={t('users.empty')} />
        ) : (
          <ul className="siyi-card-list">
            {items.map((user) => (
              <li key={user.id}>
                <UserCard user={user} />
              </li>
            ))}
          </ul>
        )
      ) : (
        <LazyTable<UserSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={query.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyState description={t('users.empty')} /> }}
          onRow={(user) => ({ onClick: (event) => openFromRow(event.target, user), style: { cursor: 'pointer' } })}
        />
      )}
      {total > 0 ? (
        <div className="siyi-pagination">
          <Pagination
            current={filters.page}
            pageSize={filters.pageSize}
            total={total}
            simple={isPhone}
            showSizeChanger={!isPhone}
            pageSizeOptions={[10, 20, 50, 100]}
            showTotal={(count) => t('users.total', { count: count, total: formatCount(count, i18n.language) })}
            onChange={(page, pageSize) =>
              pageSize !== filters.pageSize ? update({ page: 1, pageSize }) : update({ page })
            }
          />
        </div>
      ) : null}
    </section>
  );
}

function DistrictPicker() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [districtId, setDistrictId] = useState<number | undefined>(undefined);
  return (
    <Card title={t('users.districtTitle')} size="small">
      <Typography.Paragraph type="secondary">{t('users.districtHint')}</Typography.Paragraph>
      <label htmlFor="admin-district" className="siyi-field-label">
        {t('dashboard.districts.choose')}
      </label>
      <div className="siyi-inline-form">
        <DistrictSelect id="admin-district" value={districtId} onChange={setDistrictId} />
        <Button
          type="primary"
          icon={<BarChartOutlined />}
          disabled={districtId === undefined}
          onClick={() => void navigate(`/districts/${districtId}`)}
        >
          {t('dashboard.districts.open')}
        </Button>
      </div>
    </Card>
  );
}

/** `/` for an admin: the users, and a way into any district's dashboard. */
export function AdminHome() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  useDocumentTitle(t('users.title'));
  return (
    <div className="siyi-page">
      <div className="siyi-page__head">
        <Typography.Title level={1} className="siyi-page__title">
          {t('users.title')}
        </Typography.Title>
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
          {t('people.newUser')}
        </Button>
      </div>
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
      <DistrictPicker />
      <Card>
        <UsersList />
      </Card>
    </div>
  );
}
