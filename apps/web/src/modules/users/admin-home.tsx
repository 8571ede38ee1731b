import './admin-home.css';
import type { UserListQuery, UserSummary } from '@siyi/contracts';
import { roles } from '@siyi/contracts/values';
import { type FormEvent, lazy, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { AntdScope, preloadAntd } from '@/app/antd-scope';
import { telHref } from '@/ui/format';
import { ChartIcon, PlusIcon } from '@/ui/plain/icons';
import { Button, Card, Tag } from '@/ui/plain/plain';
import { byCodePoint } from '@/ui/sort';
import { EmptyState, ErrorState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { useIsPhone } from '@/ui/use-media-query';
import { PlainPagination } from './plain-pagination';
import { PlainSearchBox } from './plain-search-box';
import { readUserFilters, writeUserFilters } from './user-filters';
import { useOrgUnits, useUserList } from './users.api';

/*
 * The admin's home, drawn with the plain kit: no antd (nor @ant-design/icons, dayjs, zod) on a phone's first load.
 * antd comes only with the "new user" dialog, after the click.
 */

const loadCreateUserDialog = () => import('./create-user-dialog');
const CreateUserDialog = lazy(() => loadCreateUserDialog().then((m) => ({ default: m.CreateUserDialog })));
/** Starts the dialog's download (antd with it) when the admin points at or focuses "new user". */
const preloadCreateUserDialog = () => {
  preloadAntd();
  void loadCreateUserDialog();
};

const PAGE_SIZES = [10, 20, 50, 100] as const;

/** Disabled, locked (a sign-in lock is running) or active — ui's UserState without antd's Tag. */
function UserStateTag({ user }: { user: Pick<UserSummary, 'disabled' | 'locked'> }) {
  const { t } = useTranslation();
  if (user.disabled) return <Tag>{t('users.stateDisabled')}</Tag>;
  if (user.locked) return <Tag tone="error">{t('users.stateLocked')}</Tag>;
  return <Tag tone="success">{t('users.stateNormal')}</Tag>;
}

/** The way into a user's page: a real link (keyboard, middle click, screen readers). */
function UserLink({ user, children, className }: { user: UserSummary; children: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={`/users/${user.id}`} aria-label={t('users.openUser', { name: user.name })} className={className}>
      {children}
    </Link>
  );
}

function PhoneLink({ phone }: { phone: string | null }) {
  return phone ? (
    <a href={telHref(phone)} className="siyi-admin-users__tel">
      {phone}
    </a>
  ) : null;
}

function UsersTable({ users }: { users: UserSummary[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="siyi-admin-users__scroll">
      <table className="siyi-admin-users__table">
        <thead>
          <tr>
            <th scope="col">{t('users.username')}</th>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.orgUnit')}</th>
            <th scope="col">{t('users.phone')}</th>
            <th scope="col">{t('users.state')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr
              key={user.id}
              // A click anywhere on a row opens the user, except on its own links (the account, a phone number);
              // the keyboard and screen readers use the account link.
              onClick={(event) => {
                if (!(event.target instanceof Element) || !event.target.closest('a')) {
                  void navigate(`/users/${user.id}`);
                }
              }}
            >
              <td>
                <UserLink user={user}>{user.username}</UserLink>
              </td>
              <td>{user.name}</td>
              <td>{t(`roles.${user.role}`)}</td>
              <td>{user.orgUnitName}</td>
              <td>
                <PhoneLink phone={user.phone} />
              </td>
              <td>
                <UserStateTag user={user} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UserCards({ users }: { users: UserSummary[] }) {
  const { t } = useTranslation();
  return (
    <ul className="siyi-card-list siyi-admin-users__cards">
      {users.map((user) => (
        <li key={user.id} className="siyi-admin-user-card">
          <div className="siyi-admin-user-card__head">
            {/* The name's link covers the whole card (CSS), so a tap anywhere opens the user; the phone stays its own. */}
            <UserLink user={user} className="siyi-admin-user-card__link">
              {user.name}
            </UserLink>
            <UserStateTag user={user} />
          </div>
          <p className="siyi-admin-user-card__meta">
            {user.username}
            {t('common.separator')}
            {t(`roles.${user.role}`)}
          </p>
          <p className="siyi-admin-user-card__meta">{user.orgUnitName}</p>
          <PhoneLink phone={user.phone} />
        </li>
      ))}
    </ul>
  );
}

/** The list's place while the first page loads: the same rows' height, so nothing below jumps when it comes. */
function UsersSkeleton({ isPhone, rows }: { isPhone: boolean; rows: number }) {
  return (
    <div
      className={
        isPhone ? 'siyi-admin-users__skeleton siyi-admin-users__skeleton--cards' : 'siyi-admin-users__skeleton'
      }
      aria-hidden="true"
    >
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the placeholders are identical and never reorder.
        <div key={i} className="siyi-admin-users__skeleton-row">
          <div className="siyi-p-skeleton__line" />
        </div>
      ))}
    </div>
  );
}

function UsersList() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const roleId = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readUserFilters(searchParams);
  const query = useUserList(filters);

  const update = (change: Partial<UserListQuery>) => {
    const next: UserListQuery = { ...filters, page: 1, ...change };
    if (!next.q) delete next.q;
    if (!next.role) delete next.role;
    setSearchParams(writeUserFilters(next));
  };
  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;

  let list: ReactNode;
  if (query.isError) list = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.isPending) list = <UsersSkeleton isPhone={isPhone} rows={Math.min(filters.pageSize, 10)} />;
  else if (items.length === 0) list = <EmptyState description={t('users.empty')} />;
  else list = isPhone ? <UserCards users={items} /> : <UsersTable users={items} />;

  return (
    <section className="siyi-admin-users" aria-label={t('users.title')}>
      <search className="siyi-filters">
        <PlainSearchBox
          className="siyi-filters__search"
          value={filters.q}
          label={t('users.searchLabel')}
          placeholder={t('users.searchPlaceholder')}
          onSearch={(q) => update(q ? { q } : { q: undefined })}
        />
        <div className="siyi-filters__select">
          <label htmlFor={roleId} className="siyi-visually-hidden">
            {t('users.roleLabel')}
          </label>
          <select
            id={roleId}
            className="siyi-plain-select"
            value={filters.role ?? ''}
            onChange={(event) => {
              const role = roles.find((known) => known === event.target.value);
              update(role ? { role } : { role: undefined });
            }}
          >
            <option value="">{t('users.allRoles')}</option>
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
      </search>
      {/* A new search keeps the last answer on screen, dimmed, until the next one comes. */}
      <div
        className="siyi-admin-users__list"
        aria-busy={query.isFetching}
        data-stale={query.isPlaceholderData || undefined}
      >
        {list}
      </div>
      {total > 0 && !query.isError ? (
        <PlainPagination
          page={filters.page}
          pageSize={filters.pageSize}
          total={total}
          compact={isPhone}
          hrefFor={(page) => ({ search: writeUserFilters({ ...filters, page }).toString() })}
          pageSizeOptions={PAGE_SIZES}
          onPageSize={(pageSize) => update({ page: 1, pageSize })}
        />
      ) : null}
    </section>
  );
}

/** A district's dashboard, one choice away: the districts come from the same org units as the DistrictSelect. */
function DistrictPicker() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const orgUnits = useOrgUnits();
  const [districtId, setDistrictId] = useState('');
  const districts = (orgUnits.data?.items ?? [])
    .filter((unit) => unit.kind === 'district')
    .sort((a, b) => byCodePoint(a.code, b.code));
  const open = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (districtId) void navigate(`/districts/${districtId}`);
  };
  return (
    <Card title={t('users.districtTitle')}>
      <p className="siyi-admin-home__hint">{t('users.districtHint')}</p>
      <form className="siyi-inline-form" onSubmit={open}>
        <div className="siyi-admin-home__district">
          <label htmlFor="admin-district" className="siyi-field-label">
            {t('dashboard.districts.choose')}
          </label>
          <select
            id="admin-district"
            className="siyi-plain-select"
            value={districtId}
            onChange={(event) => setDistrictId(event.target.value)}
            aria-invalid={orgUnits.isError || undefined}
            aria-describedby={orgUnits.isError ? 'admin-district-error' : undefined}
          >
            <option value="">{t('dashboard.districts.choosePlaceholder')}</option>
            {districts.map((unit) => (
              <option key={unit.id} value={String(unit.id)}>
                {unit.name}
              </option>
            ))}
          </select>
          {orgUnits.isError ? (
            <p id="admin-district-error" className="siyi-admin-home__error">
              {orgUnits.error.message}
            </p>
          ) : null}
        </div>
        <Button type="submit" look="primary" icon={<ChartIcon />} disabled={districtId === ''}>
          {t('dashboard.districts.open')}
        </Button>
      </form>
    </Card>
  );
}

/** "New user": antd and the dialog load on the first click (or when pointed at), then stay for the next ones. */
function CreateUser() {
  const { t } = useTranslation();
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);
  // One wrapper in the page's head: the scope's own (empty) element lands inside it, not beside the title.
  return (
    <div className="siyi-admin-home__create">
      <Button
        look="primary"
        icon={<PlusIcon />}
        onPointerEnter={preloadCreateUserDialog}
        onFocus={preloadCreateUserDialog}
        onClick={() => {
          setMounted(true);
          setOpen(true);
        }}
      >
        {t('people.newUser')}
      </Button>
      {mounted ? (
        <AntdScope
          fallback={
            <span role="status" className="siyi-visually-hidden">
              {t('users.openingDialog')}
            </span>
          }
        >
          <CreateUserDialog open={open} onClose={() => setOpen(false)} />
        </AntdScope>
      ) : null}
    </div>
  );
}

/** `/` for an admin: the users, and a way into any district's dashboard. */
export function AdminHome() {
  const { t } = useTranslation();
  useDocumentTitle(t('users.title'));
  return (
    <div className="siyi-page">
      <div className="siyi-page__head">
        <h1 className="siyi-admin-home__title">{t('users.title')}</h1>
        <CreateUser />
      </div>
      <DistrictPicker />
      <Card>
        <UsersList />
      </Card>
    </div>
  );
}
