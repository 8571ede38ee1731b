/*
 * The menu's icons as inline SVG (24×24, stroke in currentColor), like ui/plain/icons.tsx: @ant-design/icons would
 * bring antd's icon context into every page's first screen. Decorative: the entry's words name it. The pictures the
 * plain kit already draws come from there.
 */
import { SvgIcon } from '../../ui/plain/icons';

export { ShopIcon, UserIcon } from '../../ui/plain/icons';

export const TeamIcon = () => (
  <SvgIcon>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 7M18 14a6.5 6.5 0 0 1 3.5 6" />
  </SvgIcon>
);
export const CarIcon = () => (
  <SvgIcon>
    <path d="M5 16H3v-4l2-5h14l2 5v4h-2M5 12h14" />
    <circle cx="7.5" cy="16.5" r="1.8" />
    <circle cx="16.5" cy="16.5" r="1.8" />
  </SvgIcon>
);
export const CalendarIcon = () => (
  <SvgIcon>
    <rect x="3" y="5" width="18" height="16" rx="2" />
    <path d="M3 10h18M8 3v4M16 3v4" />
  </SvgIcon>
);
export const ScheduleIcon = () => (
  <SvgIcon>
    <path d="M11 21H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v4M3 10h18M8 3v4M16 3v4" />
    <circle cx="17" cy="17" r="4" />
    <path d="M17 15.5V17l1 1" />
  </SvgIcon>
);
export const BagIcon = () => (
  <SvgIcon>
    <path d="M5 8h14l-1 13H6L5 8zM9 8V6a3 3 0 0 1 6 0v2" />
  </SvgIcon>
);
export const CartIcon = () => (
  <SvgIcon>
    <circle cx="9" cy="20" r="1.5" />
    <circle cx="18" cy="20" r="1.5" />
    <path d="M2 3h3l2.5 12h11l2-8H6.2" />
  </SvgIcon>
);
export const AuditIcon = () => (
  <SvgIcon>
    <rect x="5" y="4" width="14" height="18" rx="2" />
    <path d="M9 2h6v4H9zM9 13l2 2 4-4" />
  </SvgIcon>
);
export const FlagIcon = () => (
  <SvgIcon>
    <path d="M5 22V4M5 4h11l-2 4 2 4H5" />
  </SvgIcon>
);
export const BulbIcon = () => (
  <SvgIcon>
    <path d="M9 18h6M10 22h4M12 2a7 7 0 0 0-4 12.7V16h8v-1.3A7 7 0 0 0 12 2z" />
  </SvgIcon>
);
export const BarChartIcon = () => (
  <SvgIcon>
    <path d="M3 3v18h18M8 17v-6M13 17V7M18 17v-9" />
  </SvgIcon>
);
export const PieChartIcon = () => (
  <SvgIcon>
    <path d="M21 12A9 9 0 1 1 12 3v9h9z" />
    <path d="M15 3.5A9 9 0 0 1 20.5 9H15V3.5z" />
  </SvgIcon>
);
export const TrendIcon = () => (
  <SvgIcon>
    <path d="M3 17l6-6 4 4 8-8M15 7h6v6" />
  </SvgIcon>
);
export const CoverageIcon = () => (
  <SvgIcon>
    <rect x="3" y="3" width="18" height="18" rx="2" />
    <path d="M7 15l3-4 3 2 4-6" />
  </SvgIcon>
);
export const SwapIcon = () => (
  <SvgIcon>
    <path d="M4 8h16l-4-4M20 16H4l4 4" />
  </SvgIcon>
);
export const WarningIcon = () => (
  <SvgIcon>
    <path d="M12 3L2 20h20L12 3zM12 10v4M12 17.5v.01" />
  </SvgIcon>
);
export const DocumentIcon = () => (
  <SvgIcon>
    <path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8l-6-6zM14 2v6h6M8 13h8M8 17h6" />
  </SvgIcon>
);
export const RocketIcon = () => (
  <SvgIcon>
    <path d="M5 15c-1.5 1.3-2 5-2 5s3.7-.5 5-2M9 15l-3-3 2-4h5l-1 1M12 18l-3-3M9 15c4-4 8-8 12-12-1 5-3 9-9 15l-1-5" />
  </SvgIcon>
);
export const ImportIcon = () => (
  <SvgIcon>
    <path d="M12 3v12M7 10l5 5 5-5M4 17v3h16v-3" />
  </SvgIcon>
);
export const SettingIcon = () => (
  <SvgIcon>
    <circle cx="12" cy="12" r="3" />
    <path d="M12 2v3M12 19v3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M2 12h3M19 12h3M4.9 19.1L7 17M17 7l2.1-2.1" />
  </SvgIcon>
);
export const BookIcon = () => (
  <SvgIcon>
    <path d="M2 4h6a4 4 0 0 1 4 4v13a3 3 0 0 0-3-3H2V4zM22 4h-6a4 4 0 0 0-4 4v13a3 3 0 0 1 3-3h7V4z" />
  </SvgIcon>
);
export const GridIcon = () => (
  <SvgIcon>
    <rect x="3" y="3" width="7" height="7" rx="1" />
    <rect x="14" y="3" width="7" height="7" rx="1" />
    <rect x="3" y="14" width="7" height="7" rx="1" />
    <rect x="14" y="14" width="7" height="7" rx="1" />
  </SvgIcon>
);
export const EditIcon = () => (
  <SvgIcon>
    <path d="M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4" />
  </SvgIcon>
);
export const MessageIcon = () => (
  <SvgIcon>
    <path d="M21 12a8 8 0 0 1-11.6 7.1L3 21l1.9-6.4A8 8 0 1 1 21 12z" />
  </SvgIcon>
);
export const StarIcon = () => (
  <SvgIcon>
    <path d="M12 2.5l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5-4.8-4.6 6.6-.9L12 2.5z" />
  </SvgIcon>
);
