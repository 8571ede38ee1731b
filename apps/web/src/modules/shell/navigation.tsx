import type { Role } from '@siyi/contracts';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import {
  AuditIcon,
  BagIcon,
  BarChartIcon,
  BookIcon,
  BulbIcon,
  CalendarIcon,
  CarIcon,
  CartIcon,
  CoverageIcon,
  DocumentIcon,
  EditIcon,
  FlagIcon,
  GridIcon,
  ImportIcon,
  MessageIcon,
  PieChartIcon,
  RocketIcon,
  ScheduleIcon,
  SettingIcon,
  ShopIcon,
  StarIcon,
  SwapIcon,
  TeamIcon,
  TrendIcon,
  UserIcon,
  WarningIcon,
} from './navigation-icons';

export interface NavItem {
  path: string;
  icon: ReactNode;
  label: string;
}

/** What each role finds in the menu. Home (`/`) is the role's own start page. */
export function navItemsFor(role: Role, t: TFunction): NavItem[] {
  switch (role) {
    case 'manager':
      return [
        { path: '/', icon: <TeamIcon />, label: t('nav.myRetailers') },
        { path: '/visits/today', icon: <CarIcon />, label: t('visits.nav.today') },
        { path: '/visits/week', icon: <CalendarIcon />, label: t('visits.nav.week') },
        { path: '/orders/week', icon: <BagIcon />, label: t('orderingOversight.nav.week') },
        { path: '/change-requests', icon: <AuditIcon />, label: t('changeRequests.nav') },
        { path: '/concerns', icon: <FlagIcon />, label: t('concerns.nav.work') },
        { path: '/campaigns', icon: <BulbIcon />, label: t('campaigns.nav.introduce') },
      ];
    case 'supervisor':
      return [
        { path: '/', icon: <BarChartIcon />, label: t('nav.district') },
        { path: '/retailers', icon: <ShopIcon />, label: t('nav.retailers') },
        { path: '/territory', icon: <SwapIcon />, label: t('territory.nav') },
        { path: '/change-requests', icon: <AuditIcon />, label: t('changeRequests.nav') },
        { path: '/concerns', icon: <FlagIcon />, label: t('concerns.nav.work') },
        { path: '/concerns/overview', icon: <BarChartIcon />, label: t('concerns.nav.overview') },
        { path: '/visits/coverage', icon: <CoverageIcon />, label: t('visitOversight.nav.coverage') },
        { path: '/visits/flags', icon: <WarningIcon />, label: t('visitOversight.nav.flags') },
        { path: '/visits/plans', icon: <ScheduleIcon />, label: t('visitOversight.nav.plans') },
        { path: '/orders/week', icon: <BagIcon />, label: t('orderingOversight.nav.week') },
        { path: '/orders/strategy', icon: <DocumentIcon />, label: t('orderingOversight.nav.strategy') },
        { path: '/orders/allocation', icon: <PieChartIcon />, label: t('orderingOversight.nav.allocation') },
        { path: '/campaigns', icon: <RocketIcon />, label: t('campaigns.nav.campaigns') },
      ];
    case 'admin':
      return [
        { path: '/', icon: <UserIcon />, label: t('nav.users') },
        { path: '/districts', icon: <BarChartIcon />, label: t('nav.districts') },
        { path: '/retailers', icon: <ShopIcon />, label: t('nav.retailers') },
        { path: '/retailers/import', icon: <ImportIcon />, label: t('retailerImport.nav') },
        { path: '/tiers', icon: <TrendIcon />, label: t('tiers.nav') },
        { path: '/territory', icon: <SwapIcon />, label: t('territory.nav') },
        { path: '/change-requests', icon: <AuditIcon />, label: t('changeRequests.nav') },
        { path: '/concerns/overview', icon: <FlagIcon />, label: t('concerns.nav.overview') },
        { path: '/concerns/settings', icon: <SettingIcon />, label: t('concerns.nav.settings') },
        { path: '/visits/coverage', icon: <CoverageIcon />, label: t('visitOversight.nav.coverage') },
        { path: '/visits/flags', icon: <WarningIcon />, label: t('visitOversight.nav.flags') },
        { path: '/visits/plans', icon: <ScheduleIcon />, label: t('visitOversight.nav.plans') },
        { path: '/visits/settings', icon: <SettingIcon />, label: t('visitOversight.nav.settings') },
        { path: '/orders/week', icon: <BagIcon />, label: t('orderingOversight.nav.week') },
        { path: '/orders/strategy', icon: <DocumentIcon />, label: t('orderingOversight.nav.strategy') },
        { path: '/orders/allocation', icon: <PieChartIcon />, label: t('orderingOversight.nav.allocation') },
        { path: '/campaigns', icon: <RocketIcon />, label: t('campaigns.nav.campaigns') },
        { path: '/campaigns/products', icon: <BookIcon />, label: t('campaigns.nav.knowledge') },
      ];
    case 'retailer':
      return [
        { path: '/', icon: <GridIcon />, label: t('nav.myShop') },
        { path: '/my-shop/order', icon: <CartIcon />, label: t('ordering.nav.order') },
        { path: '/my-shop/new-products', icon: <RocketIcon />, label: t('campaigns.nav.newProducts') },
        { path: '/my-shop/changes', icon: <EditIcon />, label: t('changeRequests.navMine') },
        { path: '/my-shop/concerns', icon: <MessageIcon />, label: t('concerns.nav.mine') },
        { path: '/my-shop/visits', icon: <StarIcon />, label: t('visitOversight.nav.rate') },
      ];
  }
}

/** The menu entry a path belongs to: the longest item path that prefixes it (a retailer's page → the list). */
export function selectedNavPath(items: readonly NavItem[], pathname: string): string {
  let best = '/';
  for (const item of items) {
    const matches = item.path === '/' || pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && item.path.length > best.length) best = item.path;
  }
  return best;
}
