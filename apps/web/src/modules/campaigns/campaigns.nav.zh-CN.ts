/** The navigation's words for this module's pages, in Chinese: in the catalogue's core, as the menu shows them on every page. */
export const campaignsNavZhCN = {
  campaigns: '新品推广',
  introduce: '新品推介',
  knowledge: '产品知识',
  newProducts: '新品上市',
};
