/** The navigation's words for this module's pages, in Chinese: in the catalogue's core, as the menu shows them on every page. */
export const visitsNavZhCN = {
  today: '今日拜访',
  week: '本周计划',
};
