/** The navigation's words for this module's pages, in Chinese: in the catalogue's core, as the menu shows them on every page. */
export const orderingNavZhCN = {
  order: '本周订货',
};
