/** The campaign module's field messages (contracts' campaignMessages), merged into the server catalogue (plugins/i18n). */
export const campaignFieldMessages: Record<string, { 'zh-CN': string; en: string }> = {
  'campaigns.blank': { 'zh-CN': '此项不能为空。', en: 'This cannot be empty.' },
  'campaigns.malformedText': {
    'zh-CN': '文字里有无法识别的字符，请重新输入。',
    en: 'The text holds a broken character; please type it again.',
  },
  'campaigns.datesReversed': {
    'zh-CN': '结束日期不能早于开始日期。',
    en: 'The end date cannot be before the start date.',
  },
  'campaigns.segmentEmpty': {
    'zh-CN': '目标范围是空的：请选择档位、业态、片区，或挑选零售户；面向全部零售户时不填目标范围。',
    en: 'The target segment is empty: choose tiers, formats, districts or retailers — or leave it out to target every retailer.',
  },
  'campaigns.tierRange': {
    'zh-CN': '档位范围应在 1 到 30 之间，且起始不大于结束。',
    en: 'Tiers run from 1 to 30, and the range must not be reversed.',
  },
  'campaigns.duplicate': { 'zh-CN': '这一项重复了，请只填一次。', en: 'This is listed twice; list it once.' },
  'campaigns.unknownProduct': { 'zh-CN': '没有这个品规。', en: 'There is no such product.' },
  'campaigns.unknownDistrict': { 'zh-CN': '没有这个片区。', en: 'There is no such district.' },
  'campaigns.unknownRetailer': { 'zh-CN': '没有这个零售户。', en: 'There is no such retailer.' },
  'campaigns.unknownManager': { 'zh-CN': '没有这位客户经理。', en: 'There is no such customer manager.' },
  'campaigns.unknownItem': { 'zh-CN': '没有这件礼品或物料。', en: 'There is no such gift or material.' },
  'campaigns.productNotInCampaign': {
    'zh-CN': '这个品规不在本次活动中。',
    en: 'This product is not part of the campaign.',
  },
  'campaigns.notTargeted': {
    'zh-CN': '这家零售户不在本次活动的目标范围内。',
    en: 'This retailer is not in the campaign’s target segment.',
  },
  'campaigns.notRunning': {
    'zh-CN': '活动不在进行中（{startsOn} 至 {endsOn}）。',
    en: 'The campaign is not running ({startsOn} to {endsOn}).',
  },
  'campaigns.visitMismatch': {
    'zh-CN': '这次拜访不是您对这家零售户已签到的拜访。',
    en: 'This is not a checked-in visit of yours to this retailer.',
  },
  'campaigns.guideNotShown': {
    'zh-CN': '请先向零售户讲解新品话术，再记录推介。',
    en: 'Go through the talking guide with the retailer before recording the introduction.',
  },
  'campaigns.stockNegative': {
    'zh-CN': '库存请填 0 或正整数。',
    en: 'Give the stock as zero or a positive whole number.',
  },
  'campaigns.sellingPoints': {
    'zh-CN': '卖点最多 10 条。',
    en: 'At most 10 selling points.',
  },
  'campaigns.tooManyPhotos': {
    'zh-CN': '每个品规最多 6 张图片，请先删掉一张。',
    en: 'A product holds at most 6 pictures; remove one first.',
  },
  'gifts.stockBelowIssued': {
    'zh-CN': '这位客户经理已发出 {issued}，库存不能少于已发出的数量。',
    en: 'This manager has given out {issued} already; the stock cannot be less.',
  },
  'gifts.outOfStock': {
    'zh-CN': '库存不足：您手上还有 {available}。',
    en: 'Not enough stock: you have {available} left.',
  },
  'gifts.quantityRange': { 'zh-CN': '每次发放 1 到 100 件。', en: 'Give 1 to 100 at a time.' },
  'gifts.alreadyConfirmed': { 'zh-CN': '这份礼品已经签收了。', en: 'This gift has been signed for already.' },
  'gifts.alreadyReturned': { 'zh-CN': '这份礼品已经退回了。', en: 'This gift has been returned already.' },
};
