/** The navigation's words for this module's pages, in Chinese: in the catalogue's core, as the menu shows them on every page. */
export const concernsNavZhCN = {
  mine: '我的诉求',
  work: '诉求待办',
  overview: '诉求督办',
  settings: '诉求时限',
};
