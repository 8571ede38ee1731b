/*
 * The few icons the plain kit's pages draw, as inline SVG (24×24, stroke in currentColor): @ant-design/icons
 * would bring antd's icon context with it. Decorative: hidden from screen readers, the button's words name it.
 */
import type { ReactNode } from 'react';

/** The frame of every inline icon of the app's plain pages (24×24, stroke in currentColor, decorative). */
export function SvgIcon({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** A shopping cart: the order card's title and the "ordering" concern category draw the same one. */
export const CART_PATH = 'M3 3h2l2.4 12.2a2 2 0 0 0 2 1.6h8.4a2 2 0 0 0 2-1.6L21 7H6M10 21h.01M18 21h.01';

export const MenuIcon = () => (
  <SvgIcon>
    <path d="M3 6h18M3 12h18M3 18h18" />
  </SvgIcon>
);
export const CloseIcon = () => (
  <SvgIcon>
    <path d="M6 6l12 12M18 6L6 18" />
  </SvgIcon>
);
export const LogoutIcon = () => (
  <SvgIcon>
    <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9" />
  </SvgIcon>
);
export const KeyIcon = () => (
  <SvgIcon>
    <circle cx="7.5" cy="15.5" r="4.5" />
    <path d="M10.7 12.3L21 2M16 7l3 3M19 4l2 2" />
  </SvgIcon>
);
export const PhoneIcon = () => (
  <SvgIcon>
    <path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.8.7 2.7a2 2 0 0 1-.5 2.1L8 9.8a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.7.7a2 2 0 0 1 1.7 2z" />
  </SvgIcon>
);
export const UserIcon = () => (
  <SvgIcon>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21a8 8 0 0 1 16 0" />
  </SvgIcon>
);
export const LockIcon = () => (
  <SvgIcon>
    <rect x="4" y="11" width="16" height="10" rx="2" />
    <path d="M8 11V7a4 4 0 0 1 8 0v4" />
  </SvgIcon>
);
export const ShopIcon = () => (
  <SvgIcon>
    <path d="M3 9l1.5-5h15L21 9M3 9h18v2a3 3 0 0 1-6 0 3 3 0 0 1-6 0 3 3 0 0 1-6 0zM5 13v8h14v-8" />
  </SvgIcon>
);
export const BellIcon = () => (
  <SvgIcon>
    <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" />
  </SvgIcon>
);
export const ChartIcon = () => (
  <SvgIcon>
    <path d="M3 3v18h18M8 17V10M13 17V6M18 17v-4" />
  </SvgIcon>
);
export const PlusIcon = () => (
  <SvgIcon>
    <path d="M12 5v14M5 12h14" />
  </SvgIcon>
);
export const EyeIcon = () => (
  <SvgIcon>
    <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
    <circle cx="12" cy="12" r="3" />
  </SvgIcon>
);
export const EyeOffIcon = () => (
  <SvgIcon>
    <path d="M17.9 17.9A10.1 10.1 0 0 1 12 19c-6.4 0-10-7-10-7a18.5 18.5 0 0 1 5.1-5.9M9.9 5.2A9.1 9.1 0 0 1 12 5c6.4 0 10 7 10 7a18.5 18.5 0 0 1-2.2 3.2M14.1 14.1a3 3 0 1 1-4.2-4.2M2 2l20 20" />
  </SvgIcon>
);
export const ErrorIcon = () => (
  <SvgIcon>
    <circle cx="12" cy="12" r="10" />
    <path d="M15 9l-6 6M9 9l6 6" />
  </SvgIcon>
);
