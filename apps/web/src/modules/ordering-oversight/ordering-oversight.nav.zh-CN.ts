/** The navigation's words for this module's pages, in Chinese: in the catalogue's core, as the menu shows them on every page. */
export const orderingOversightNavZhCN = {
  // Not 本周订货: that is the retailer's own order page; staff follow every shop's progress here.
  week: '订货进度',
  strategy: '货源策略',
  allocation: '紧俏货源分配',
};
