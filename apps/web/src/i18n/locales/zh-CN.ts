import { campaignsZhCN } from '../../modules/campaigns/campaigns.zh-CN';
import { concernsZhCN } from '../../modules/concerns/concerns.zh-CN';
import { notificationsZhCN } from '../../modules/notifications/notifications.zh-CN';
import { orderingZhCN } from '../../modules/ordering/ordering.zh-CN';
import { orderingOversightZhCN } from '../../modules/ordering-oversight/ordering-oversight.zh-CN';
import { suggestionsZhCN } from '../../modules/suggestions/suggestions.zh-CN';
import { visitOversightZhCN } from '../../modules/visit-oversight/visit-oversight.zh-CN';
import { visitsZhCN } from '../../modules/visits/visits.zh-CN';
import { zhCNCore } from './zh-CN-core';

/** Chinese (default), whole: the core and every module's words. The English tree must have exactly the same keys
 * (checked by type and by test). The app loads the core first and each module's words with its code (zh-CN-core.ts). */
// The core's menu-word branches are replaced by the modules' whole ones, in the order the English tree has them.
const {
  concerns: _c,
  visits: _v,
  visitOversight: _vo,
  orderingOversight: _oo,
  ordering: _o,
  campaigns: _ca,
  ...core
} = zhCNCore;

export const zhCN = {
  ...core,
  concerns: concernsZhCN,
  suggestions: suggestionsZhCN,
  notifications: notificationsZhCN,
  visits: visitsZhCN,
  visitOversight: visitOversightZhCN,
  orderingOversight: orderingOversightZhCN,
  ordering: orderingZhCN,
  campaigns: campaignsZhCN,
};
