/** The navigation's words for this module's pages, in Chinese: in the catalogue's core, as the menu shows them on every page. */
export const visitOversightNavZhCN = {
  rate: '评价拜访',
  flags: '拜访异常',
  coverage: '拜访覆盖',
  plans: '拜访计划',
  settings: '拜访规则',
};
