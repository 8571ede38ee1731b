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
  stockOpen: '填写库存，按库存重算',
  stockLabel: '现有库存（条）',
  stockHint: '只填您清点过的品规；不填的按“未报库存”计算。',
  stockSave: '保存库存并重新计算',
  stockCancel: '取消',
  stockSaved: '库存已保存，建议已按库存重新计算。',
};
