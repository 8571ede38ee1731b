/** The ordering module's field messages (contracts' orderMessages), merged into the server catalogue (plugins/i18n). */
export const orderFieldMessages: Record<string, { 'zh-CN': string; en: string }> = {
  'orders.weekNotMonday': {
    'zh-CN': '订货周请用该周星期一的日期，例如 2026-11-30。',
    en: 'Name the ordering week by its Monday, e.g. 2026-11-30.',
  },
  'orders.quantityWhole': { 'zh-CN': '数量请填整数（条）。', en: 'Give the quantity in whole cartons.' },
  'orders.quantityRange': { 'zh-CN': '每个品规订 1 到 999 条。', en: 'Order 1 to 999 cartons of a product.' },
  'orders.duplicateProduct': {
    'zh-CN': '这个品规填了两次，请只填一次。',
    en: 'This product is listed twice; list it once.',
  },
  'orders.unknownProduct': { 'zh-CN': '没有这个品规。', en: 'There is no such product.' },
  'orders.discontinued': { 'zh-CN': '这个品规已停产，不能再订。', en: 'This product is discontinued.' },
  'orders.notOnSale': {
    'zh-CN': '本周的货源策略里没有这个品规，暂时不能订。',
    en: 'This product is not in this week’s supply strategy.',
  },
  'orders.notSelected': {
    'zh-CN': '这个品规本周只向选定的零售户投放，您的店不在其中。',
    en: 'This week this product goes to selected outlets only, and this shop is not one of them.',
  },
  'orders.aboveLimit': {
    'zh-CN': '超过限量：您的档位本周最多可订 {max} 条。',
    en: 'Above the limit: this shop may order at most {max} cartons this week.',
  },
  'orders.windowClosed': {
    'zh-CN': '这一周的订货已截止（{closesAt}）。',
    en: 'Ordering for this week closed ({closesAt}).',
  },
  'orders.windowNotOpen': {
    'zh-CN': '这一周的货源策略还没有发布，订货还没有开始（通常 {opensAt} 发布）。',
    en: 'The supply strategy for this week is not published yet, so ordering has not opened (usually from {opensAt}).',
  },
  'orders.emptyOrder': { 'zh-CN': '订单里还没有品规，不能提交。', en: 'The order has no lines to submit.' },
  'orders.alreadySubmitted': { 'zh-CN': '订单已提交。', en: 'The order is already submitted.' },
  'orders.idempotencyKeyRequired': {
    'zh-CN': '提交订单需要 Idempotency-Key 请求头（8–100 个字符）。',
    en: 'Submitting needs an Idempotency-Key header (8–100 characters).',
  },
  'orders.idempotencyKeyReused': {
    'zh-CN': '这个 Idempotency-Key 已用于另一次不同的提交。',
    en: 'This Idempotency-Key was already used for a different submission.',
  },
  'orders.blank': { 'zh-CN': '请写几句说明。', en: 'Please write a few words.' },
  'orders.codeWrong': {
    'zh-CN': '确认码不对，请零售户再念一遍。',
    en: 'The code is wrong; ask the retailer to read it again.',
  },
  'orders.codeExpired': {
    'zh-CN': '确认码已过期或错误次数太多，请重新发起建议订单。',
    en: 'The code expired or was tried too often; make the proposal again.',
  },
  'orders.codeRequired': {
    'zh-CN': '请填写零售户念出的 6 位确认码。',
    en: 'Enter the 6-digit code the retailer reads back.',
  },
  'orders.proposalDecided': {
    'zh-CN': '这份建议订单已经处理过了。',
    en: 'This proposal has already been decided.',
  },
  'orders.lineNotOnOrder': { 'zh-CN': '这一行已不在订单里。', en: 'This line is no longer on the order.' },
  'orders.tierBands': {
    'zh-CN': '档位段要从小到大、互不重叠（起始档位不大于结束档位）。',
    en: 'Tier bands must not overlap, and each must start at or below its end.',
  },
  'orders.tierLimitsRequired': { 'zh-CN': '限量投放请填写各档位的限量。', en: 'A limited product needs tier limits.' },
  'orders.outletsRequired': { 'zh-CN': '选点投放请选择零售户。', en: 'Selected-outlet supply needs its outlets.' },
  'orders.outletsNotAllowed': {
    'zh-CN': '只有选点投放才选择零售户。',
    en: 'Outlets are chosen only for selected-outlet supply.',
  },
  'orders.tierLimitsNotAllowed': {
    'zh-CN': '只有限量投放才填写档位限量。',
    en: 'Tier limits are given only for limited supply.',
  },
  'orders.unknownRetailer': {
    'zh-CN': '本片区没有这个零售户。',
    en: 'There is no such retailer in this district.',
  },
  'orders.districtRequired': { 'zh-CN': '请选择片区。', en: 'Choose the district.' },
  'orders.closesBeforeNow': { 'zh-CN': '截止时间已经过去。', en: 'The closing time has passed.' },
  'orders.closesOutsideWeek': {
    'zh-CN': '统一截止时间要晚于这一周货源策略的通常发布时间（上周六 12:00），不晚于这一周结束。',
    en: 'The closing time must be after the week’s usual publication (the Saturday 12:00 before it) and no later than the end of the week.',
  },
  'orders.weekPast': { 'zh-CN': '这一周已经过去了。', en: 'This week is over.' },
  'orders.noScarceProducts': {
    'zh-CN': '这一周没有紧俏品规需要分配。',
    en: 'This week has no scarce products to allocate.',
  },
};
