import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BulbOutlined,
  CalendarOutlined,
  CarOutlined,
  EditOutlined,
  FlagOutlined,
  FundOutlined,
  ImportOutlined,
  MessageOutlined,
  PieChartOutlined,
  ProfileOutlined,
  ReadOutlined,
  RiseOutlined,
  RocketOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShopOutlined,
  ShoppingCartOutlined,
  ShoppingOutlined,
  StarOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { Role } from '@siyi/contracts';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';

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
        { path: '/', icon: <TeamOutlined />, label: t('nav.myRetailers') },
        { path: '/visits/today', icon: <CarOutlined />, label: t('visits.nav.today') },
        { path: '/visits/week', icon: <CalendarOutlined />, label: t('visits.nav.week') },
        { path: '/orders/week', icon: <ShoppingOutlined />, label: t('orderingOversight.nav.week') },
        { path: '/change-requests', icon: <AuditOutlined />, label: t('changeRequests.nav') },
        { path: '/concerns', icon: <FlagOutlined />, label: t('concerns.nav.work') },
        { path: '/campaigns', icon: <BulbOutlined />, label: t('campaigns.nav.introduce') },
      ];
    case 'supervisor':
      return [
        { path: '/', icon: <BarChartOutlined />, label: t('nav.district') },
        { path: '/retailers', icon: <ShopOutlined />, label: t('nav.retailers') },
        { path: '/territory', icon: <SwapOutlined />, label: t('territory.nav') },
        { path: '/change-requests', icon: <AuditOutlined />, label: t('changeRequests.nav') },
        { path: '/concerns', icon: <FlagOutlined />, label: t('concerns.nav.work') },
        { path: '/concerns/overview', icon: <BarChartOutlined />, label: t('concerns.nav.overview') },
        { path: '/visits/coverage', icon: <FundOutlined />, label: t('visitOversight.nav.coverage') },
        { path: '/visits/flags', icon: <WarningOutlined />, label: t('visitOversight.nav.flags') },
        { path: '/visits/plans', icon: <ScheduleOutlined />, label: t('visitOversight.nav.plans') },
        { path: '/orders/week', icon: <ShoppingOutlined />, label: t('orderingOversight.nav.week') },
        { path: '/orders/strategy', icon: <ProfileOutlined />, label: t('orderingOversight.nav.strategy') },
        { path: '/orders/allocation', icon: <PieChartOutlined />, label: t('orderingOversight.nav.allocation') },
        { path: '/campaigns', icon: <RocketOutlined />, label: t('campaigns.nav.campaigns') },
      ];
    case 'admin':
      return [
        { path: '/', icon: <UserOutlined />, label: t('nav.users') },
        { path: '/districts', icon: <BarChartOutlined />, label: t('nav.districts') },
        { path: '/retailers', icon: <ShopOutlined />, label: t('nav.retailers') },
        { path: '/retailers/import', icon: <ImportOutlined />, label: t('retailerImport.nav') },
        { path: '/tiers', icon: <RiseOutlined />, label: t('tiers.nav') },
        { path: '/territory', icon: <SwapOutlined />, label: t('territory.nav') },
        { path: '/change-requests', icon: <AuditOutlined />, label: t('changeRequests.nav') },
        { path: '/concerns/overview', icon: <FlagOutlined />, label: t('concerns.nav.overview') },
        { path: '/concerns/settings', icon: <SettingOutlined />, label: t('concerns.nav.settings') },
        { path: '/visits/coverage', icon: <FundOutlined />, label: t('visitOversight.nav.coverage') },
        { path: '/visits/flags', icon: <WarningOutlined />, label: t('visitOversight.nav.flags') },
        { path: '/visits/plans', icon: <ScheduleOutlined />, label: t('visitOversight.nav.plans') },
        { path: '/visits/settings', icon: <SettingOutlined />, label: t('visitOversight.nav.settings') },
        { path: '/orders/week', icon: <ShoppingOutlined />, label: t('orderingOversight.nav.week') },
        { path: '/orders/strategy', icon: <ProfileOutlined />, label: t('orderingOversight.nav.strategy') },
        { path: '/orders/allocation', icon: <PieChartOutlined />, label: t('orderingOversight.nav.allocation') },
        { path: '/campaigns', icon: <RocketOutlined />, label: t('campaigns.nav.campaigns') },
        { path: '/campaigns/products', icon: <ReadOutlined />, label: t('campaigns.nav.knowledge') },
      ];
    case 'retailer':
      return [
        { path: '/', icon: <AppstoreOutlined />, label: t('nav.myShop') },
        { path: '/my-shop/order', icon: <ShoppingCartOutlined />, label: t('ordering.nav.order') },
        { path: '/my-shop/new-products', icon: <RocketOutlined />, label: t('campaigns.nav.newProducts') },
        { path: '/my-shop/changes', icon: <EditOutlined />, label: t('changeRequests.navMine') },
        { path: '/my-shop/concerns', icon: <MessageOutlined />, label: t('concerns.nav.mine') },
        { path: '/my-shop/visits', icon: <StarOutlined />, label: t('visitOversight.nav.rate') },
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
