import { KeyOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, ConfigProvider, Divider, Drawer, Layout, Menu, Space, type ThemeConfig, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { authApi } from '@/modules/auth/auth.api';
import { endSession, useCurrentUser } from '@/modules/auth/session';
import { PageLoading } from '@/ui/states';
import { useIsPhone } from '@/ui/use-media-query';
import { type NavItem, navItemsFor, selectedNavPath } from './navigation';
import { FontSizeSwitch, LanguageSwitch } from './preference-switches';
import { type FontScale, usePreferences } from './preferences';

// Loaded when first opened: it carries the password rules from the shared contracts.
const ChangePasswordDialog = lazy(() =>
  import('@/modules/auth/change-password-dialog').then((m) => ({ default: m.ChangePasswordDialog })),
);

// The bell (unread count) loads after the first screen: it is not part of what the user waits for.
const NotificationBell = lazy(() =>
  import('@/modules/notifications/notification-bell').then((m) => ({ default: m.NotificationBell })),
);

function PasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [opened, setOpened] = useState(false);
  if (open && !opened) setOpened(true);
  if (!open && !opened) return null;
  return (
    <Suspense fallback={null}>
      <ChangePasswordDialog open={open} onClose={onClose} />
    </Suspense>
  );
}

/** On a 375 px screen every pixel of card padding is taken from the content; figures sit two to a row. */
function phoneTheme(fontScale: FontScale): ThemeConfig {
  return {
    components: {
      Card: { bodyPadding: 14, headerPadding: 14 },
      Statistic: { contentFontSize: fontScale === 2 ? 26 : 22 },
    },
  };
}

function useSignOut() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: () => authApi.logout(),
    onSettled: (_data, error) => {
      if (error && !(error instanceof ApiError && error.status === 401)) {
        void message.error(t('auth.signOutFailed', { message: error.message }));
        return;
      }
      // A full load of the sign-in page drops every byte of the user's data held in memory.
      endSession(queryClient);
      window.location.assign('/sign-in');
    },
  });
}

function NavMenu({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t('nav.mainNav')}>
      <Menu
        mode="inline"
        style={{ borderInlineEnd: 'none' }}
        selectedKeys={[selectedNavPath(items, pathname)]}
        items={items.map((item) => ({
          key: item.path,
          icon: item.icon,
          label: (
            <Link to={item.path} onClick={onNavigate}>
              {item.label}
            </Link>
          ),
        }))}
      />
    </nav>
  );
}

function UserBadge() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <div className="siyi-user">
      <Typography.Text strong className="siyi-user__name">
        {user.name}
      </Typography.Text>
      <Typography.Text type="secondary" className="siyi-user__role">
        {t(`roles.${user.role}`)} · {user.orgUnitName}
      </Typography.Text>
    </div>
  );
}

/** The signed-in frame: brand, user, language and type switches, password, sign-out and the role's navigation. */
export function AppShell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const isPhone = useIsPhone();
  const { fontScale } = usePreferences();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const signOut = useSignOut();
  const items = navItemsFor(user.role, t);

  const accountActions = (
    <>
      <Button
        icon={<KeyOutlined />}
        onClick={() => {
          setDrawerOpen(false);
          setPasswordOpen(true);
        }}
      >
        {t('auth.changePassword.open')}
      </Button>
      <Button icon={<LogoutOutlined />} loading={signOut.isPending} onClick={() => signOut.mutate()}>
        {t('auth.signOut')}
      </Button>
    </>
  );

  const content = (
    <Layout.Content className="siyi-content" id="main">
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </Layout.Content>
  );

  if (isPhone) {
    return (
      <Layout className="siyi-shell siyi-shell--phone">
        <header className="siyi-header siyi-header--phone">
          <Link to="/" className="siyi-brand">
            {t('app.name')}
          </Link>
          <Space size="small">
            <Suspense fallback={null}>
              <NotificationBell compact />
            </Suspense>
            <FontSizeSwitch size="small" />
            <Button
              icon={<MenuOutlined />}
              onClick={() => setDrawerOpen(true)}
              aria-expanded={drawerOpen}
              aria-controls="siyi-nav-drawer"
            >
              {t('nav.menu')}
            </Button>
          </Space>
        </header>
        <Drawer
          id="siyi-nav-drawer"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="right"
          size="min(320px, 85vw)"
          title={<UserBadge />}
          closable={{ 'aria-label': t('common.close') }}
        >
          <NavMenu items={items} onNavigate={() => setDrawerOpen(false)} />
          <Divider />
          <div className="siyi-drawer-section">
            <Typography.Text type="secondary">{t('prefs.language')}</Typography.Text>
            <LanguageSwitch />
          </div>
          <div className="siyi-drawer-section">
            <Typography.Text type="secondary">{t('prefs.fontSize')}</Typography.Text>
            <FontSizeSwitch />
          </div>
          <Divider />
          <div className="siyi-drawer-actions">{accountActions}</div>
        </Drawer>
        <ConfigProvider theme={phoneTheme(fontScale)}>{content}</ConfigProvider>
        <PasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
      </Layout>
    );
  }

  return (
    <Layout className="siyi-shell" hasSider>
      {/* Wider in large type, so the longest menu entry ("District dashboards") is not cut off. */}
      <Layout.Sider width={fontScale === 2 ? 264 : 216} theme="light" className="siyi-sider">
        <Link to="/" className="siyi-brand siyi-brand--sider">
          {t('app.name')}
        </Link>
        <NavMenu items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="siyi-header">
          <UserBadge />
          <Space size="middle" wrap className="siyi-header__actions">
            <Suspense fallback={null}>
              <NotificationBell />
            </Suspense>
            <LanguageSwitch />
            <FontSizeSwitch />
            {accountActions}
          </Space>
        </Layout.Header>
        {content}
      </Layout>
      <PasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
