import './app-shell.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type KeyboardEvent,
  lazy,
  type ReactNode,
  type RefObject,
  Suspense,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { AntdScope, preloadAntd } from '@/app/antd-scope';
import { notify } from '@/app/notices';
import { authApi } from '@/modules/auth/auth.api';
import { endSession, useCurrentUser } from '@/modules/auth/session';
import { CloseIcon, KeyIcon, LogoutIcon, MenuIcon } from '@/ui/plain/icons';
import { Button } from '@/ui/plain/plain';
import { PageLoading } from '@/ui/states';
import { useIsPhone } from '@/ui/use-media-query';
import { type NavItem, navItemsFor, selectedNavPath } from './navigation';
import { FontSizeSwitch, LanguageSwitch } from './preference-switches';
import { usePreferences } from './preferences';

/*
 * The signed-in frame, drawn without antd (plain elements, app-shell.css): a phone's first screen — the shell and
 * the role's home — comes without antd's script and stylesheet. The pages drawn with antd bring it themselves
 * (router.tsx); pointing at their menu entry starts its download.
 */

// Loaded when first opened: an antd form carrying the password rules from the shared contracts.
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
    <AntdScope>
      <ChangePasswordDialog open={open} onClose={onClose} />
    </AntdScope>
  );
}

function useSignOut() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: () => authApi.logout(),
    onSettled: (_data, error) => {
      if (error && !(error instanceof ApiError && error.status === 401)) {
        notify('error', t('auth.signOutFailed', { message: error.message }), 'sign-out');
        return;
      }
      // A full load of the sign-in page drops every byte of the user's data held in memory.
      endSession(queryClient);
      window.location.assign('/sign-in');
    },
  });
}

/** Every entry but home opens a page drawn with antd: meaning to go there starts antd's download. */
function preloadFor(item: NavItem) {
  return item.path === '/' ? undefined : preloadAntd;
}

function NavList({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const selected = selectedNavPath(items, pathname);
  return (
    <nav aria-label={t('nav.mainNav')}>
      <ul className="siyi-nav">
        {items.map((item) => {
          const current = item.path === selected;
          const preload = preloadFor(item);
          return (
            <li key={item.path}>
              <Link
                to={item.path}
                className={current ? 'siyi-nav__link siyi-nav__link--current' : 'siyi-nav__link'}
                aria-current={current ? 'page' : undefined}
                onClick={onNavigate}
                onPointerEnter={preload}
                onFocus={preload}
                onTouchStart={preload}
              >
                {item.icon}
                <span className="siyi-nav__label">{item.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function UserBadge({ id }: { id?: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <div className="siyi-user" id={id}>
      <strong className="siyi-user__name">{user.name}</strong>
      <span className="siyi-user__role">
        {t(`roles.${user.role}`)} · {user.orgUnitName}
      </span>
    </div>
  );
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The phone's menu: a dialog sliding in from the right. Focus moves into it and stays there (Tab wraps), Esc or a
 * tap on the dimmed page closes it, and focus returns to the menu button.
 */
function NavDrawer({
  onClose,
  returnFocusTo,
  children,
}: {
  onClose: () => void;
  returnFocusTo: RefObject<HTMLButtonElement | null>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeButton.current?.focus();
    // The page behind does not scroll under the finger while the menu is open.
    const overflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    const opener = returnFocusTo.current;
    return () => {
      document.body.style.overflow = overflow;
      opener?.focus();
    };
  }, [returnFocusTo]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const focusable = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="siyi-drawer-root">
      {/* A tap beside the menu closes it; keyboard users have Esc and the close button. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the mask is a pointer convenience only */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: Esc on the dialog does the same from the keyboard */}
      <div className="siyi-drawer-mask" onClick={onClose} />
      <div
        ref={panel}
        id="siyi-nav-drawer"
        className="siyi-drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <div className="siyi-drawer__head">
          <UserBadge id={titleId} />
          <button
            ref={closeButton}
            type="button"
            className="siyi-drawer__close"
            aria-label={t('common.close')}
            title={t('common.close')}
            onClick={onClose}
          >
            <CloseIcon />
          </button>
        </div>
        <div className="siyi-drawer__body">{children}</div>
      </div>
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
  const menuButton = useRef<HTMLButtonElement>(null);
  const signOut = useSignOut();
  const items = navItemsFor(user.role, t);

  const accountActions = (
    <>
      <Button
        icon={<KeyIcon />}
        onPointerEnter={preloadAntd}
        onFocus={preloadAntd}
        onClick={() => {
          setDrawerOpen(false);
          setPasswordOpen(true);
        }}
      >
        {t('auth.changePassword.open')}
      </Button>
      <Button
        icon={<LogoutIcon />}
        disabled={signOut.isPending}
        aria-busy={signOut.isPending}
        onClick={() => signOut.mutate()}
      >
        {t('auth.signOut')}
      </Button>
    </>
  );

  const content = (
    <main className="siyi-content" id="main">
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </main>
  );

  const passwordDialog = <PasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />;

  const phoneHeader = (
    <header key="phone" className="siyi-header siyi-header--phone">
      <Link to="/" className="siyi-brand">
        {t('app.name')}
      </Link>
      <div className="siyi-header__tools">
        <Suspense fallback={<span className="siyi-bell-slot siyi-bell-slot--compact" aria-hidden="true" />}>
          <NotificationBell compact />
        </Suspense>
        <FontSizeSwitch size="small" />
        {/* The plain kit's look on a bare button: focus comes back to it when the menu closes. */}
        <button
          ref={menuButton}
          type="button"
          className="siyi-p-btn"
          onClick={() => setDrawerOpen(true)}
          aria-expanded={drawerOpen}
          aria-controls={drawerOpen ? 'siyi-nav-drawer' : undefined}
        >
          <MenuIcon />
          {t('nav.menu')}
        </button>
      </div>
    </header>
  );

  const desktopHeader = (
    <header key="desktop" className="siyi-header">
      <UserBadge />
      <div className="siyi-header__actions">
        {/* The bell's place is kept while its code loads: the header's buttons do not move (or wrap) later. */}
        <Suspense fallback={<span className="siyi-bell-slot" aria-hidden="true" />}>
          <NotificationBell />
        </Suspense>
        <LanguageSwitch />
        <FontSizeSwitch />
        {accountActions}
      </div>
    </header>
  );

  const shellClass = isPhone
    ? 'siyi-shell siyi-shell--phone'
    : fontScale === 2
      ? 'siyi-shell siyi-shell--wide-sider'
      : 'siyi-shell';

  // One tree for both layouts: the page (`content`) keeps its place, so crossing the phone width (a tablet turned,
  // a window resized) redraws the frame around the page but never the page itself, with its open dialog and its form.
  return (
    <div className={shellClass}>
      {isPhone ? null : (
        // Wider in large type, so the longest menu entry ("District dashboards") is not cut off.
        <aside className="siyi-sider">
          <Link to="/" className="siyi-brand siyi-brand--sider">
            {t('app.name')}
          </Link>
          <NavList items={items} />
        </aside>
      )}
      <div className="siyi-shell__main">
        {isPhone ? phoneHeader : desktopHeader}
        {isPhone && drawerOpen ? (
          <NavDrawer onClose={() => setDrawerOpen(false)} returnFocusTo={menuButton}>
            <NavList items={items} onNavigate={() => setDrawerOpen(false)} />
            <hr className="siyi-drawer__divider" />
            <div className="siyi-drawer-section">
              <span className="siyi-drawer-section__label">{t('prefs.language')}</span>
              <LanguageSwitch />
            </div>
            <div className="siyi-drawer-section">
              <span className="siyi-drawer-section__label">{t('prefs.fontSize')}</span>
              <FontSizeSwitch />
            </div>
            <hr className="siyi-drawer__divider" />
            <div className="siyi-drawer-actions">{accountActions}</div>
          </NavDrawer>
        ) : null}
        {content}
      </div>
      {passwordDialog}
    </div>
  );
}
