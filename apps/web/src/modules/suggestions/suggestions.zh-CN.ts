/** The suggestions module's words in Chinese (the default). */
export const suggestionsZhCN = {
  title: '建议订量',
  range: '可能 {{low}}–{{high}} 条',
  showZero: '另有 {{count}} 个品规建议 0 条，点此查看',
  hideZero: '收起建议 0 条的品规',
  empty: '还没有可参考的订货记录，暂无建议。',
  note: '建议只按您自己的进货记录和库存算出，仅供参考：订多少由您决定。',
  recompute: '重新计算',
  recomputed: '已按最新的记录重新计算。',
};
