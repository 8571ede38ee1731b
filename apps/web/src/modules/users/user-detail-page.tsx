import { ArrowLeftOutlined, UnlockOutlined } from '@ant-design/icons';
import type { UserDetail } from '@siyi/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { formatCount, formatDateTime, telHref } from '@/ui/format';
import { LinkButton } from '@/ui/link-button';
import { BlockLoading, ErrorState, NotFoundState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { UserActions } from './user-actions';
import { UserState } from './user-state';
import { useUnlockUser, useUser } from './users.api';

function parseId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}

function UnlockAction({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const unlock = useUnlockUser(user.id);
  const nothingToLift = !user.locked && user.failedAttempts === 0;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', marginTop: 16 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('users.detail.lockHint')}
      </Typography.Paragraph>
      <Popconfirm
        title={t('users.detail.unlockConfirmTitle')}
        description={t('users.detail.unlockConfirmBody', { name: user.name })}
        okText={t('users.detail.unlock')}
        cancelText={t('common.cancel')}
        onConfirm={() =>
          unlock.mutateAsync().then(
            () => void message.success(t('users.detail.unlocked', { name: user.name })),
            () => undefined,
          )
        }
      >
        <Button type="primary" icon={<UnlockOutlined />} loading={unlock.isPending} disabled={nothingToLift}>
          {t('users.detail.unlock')}
        </Button>
      </Popconfirm>
      {nothingToLift ? <Typography.Text type="secondary">{t('users.detail.nothingToUnlock')}</Typography.Text> : null}
      {unlock.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('users.detail.unlockFailed')}
          description={unlock.error instanceof Error ? unlock.error.message : String(unlock.error)}
        />
      ) : null}
    </Space>
  );
}

function UserFacts({ user }: { user: UserDetail }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const none = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  const account: DescriptionsProps['items'] = [
    { key: 'username', label: t('users.username'), children: user.username },
    { key: 'name', label: t('users.name'), children: user.name },
    { key: 'role', label: t('users.role'), children: t(`roles.${user.role}`) },
    { key: 'org', label: t('users.orgUnit'), children: user.orgUnitName },
    {
      key: 'phone',
      label: t('users.phone'),
      children: user.phone ? <a href={telHref(user.phone)}>{user.phone}</a> : none(t('common.none')),
    },
    ...(user.role === 'manager'
      ? [{ key: 'retailers', label: t('people.retailers'), children: formatCount(user.retailerCount, locale) }]
      : []),
  ];
  const security: DescriptionsProps['items'] = [
    {
      key: 'lastSignIn',
      label: t('users.detail.lastSignIn'),
      children: user.lastSignInAt ? formatDateTime(user.lastSignInAt, locale) : none(t('users.detail.neverSignedIn')),
    },
    {
      key: 'lockedUntil',
      label: t('users.detail.lockedUntil'),
      children: user.lockedUntil ? (
        <Tag color="red">{formatDateTime(user.lockedUntil, locale)}</Tag>
      ) : (
        none(t('users.detail.notLocked'))
      ),
    },
    {
      key: 'failed',
      label: t('users.detail.failedAttempts'),
      children: formatCount(user.failedAttempts, locale),
    },
    {
      key: 'sessions',
      label: t('users.detail.activeSessions'),
      children: formatCount(user.activeSessions, locale),
    },
  ];
  return (
    <div className="siyi-grid siyi-grid--charts">
      <Card title={t('users.detail.account')}>
        <Descriptions column={{ xs: 1, sm: 2 }} items={account} />
        <div style={{ marginTop: 16 }}>
          <UserActions user={user} />
        </div>
      </Card>
      <Card title={t('users.detail.signIn')}>
        <Descriptions column={{ xs: 1, sm: 2 }} items={security} />
        <UnlockAction user={user} />
      </Card>
    </div>
  );
}

/** `/users/:id`: one user as an admin sees it, with a way to lift sign-in locks. */
export function UserDetailPage() {
  const { t } = useTranslation();
  const id = parseId(useParams().id);
  const user = useUser(id);
  useDocumentTitle(user.data?.name ?? t('users.detail.titleFallback'));

  const notFound = (
    <NotFoundState
      headingLevel={1}
      title={t('users.detail.notFoundTitle')}
      body={t('users.detail.notFoundBody')}
      backTo="/"
      backLabel={t('users.detail.backToList')}
    />
  );
  if (id === null) return notFound;
  if (user.isError) {
    if (user.error instanceof ApiError && user.error.status === 404) return notFound;
    return <ErrorState error={user.error} onRetry={() => void user.refetch()} />;
  }
  const data = user.data;
  return (
    <div className="siyi-page">
      <div>
        <LinkButton type="link" icon={<ArrowLeftOutlined />} to="/" style={{ paddingInline: 0 }}>
          {t('users.detail.backToList')}
        </LinkButton>
      </div>
      <div className="siyi-page__head">
        <Typography.Title level={1} className="siyi-page__title">
          {data ? data.name : t('users.detail.titleFallback')}
        </Typography.Title>
        {data ? (
          <Space wrap>
            <Tag>{t(`roles.${data.role}`)}</Tag>
            <UserState user={data} />
            {data.mustChangePassword ? <Tag color="orange">{t('people.mustChange')}</Tag> : null}
          </Space>
        ) : null}
      </div>
      {data ? (
        <UserFacts user={data} />
      ) : (
        <Card>
          <BlockLoading rows={8} />
        </Card>
      )}
    </div>
  );
}
