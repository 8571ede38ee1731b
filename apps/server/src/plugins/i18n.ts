import type { ErrorCode, Locale } from '@siyi/contracts';
import { z } from 'zod';
import { campaignFieldMessages } from '../modules/campaigns/campaigns.messages';
import { orderFieldMessages } from '../modules/orders/orders.messages';

type Catalogue = Record<string, { 'zh-CN': string; en: string }>;

/** Messages for each error code, in both languages. `{name}` is replaced from the error's params. */
const errorMessages: Record<ErrorCode, { 'zh-CN': string; en: string }> = {
  VALIDATION_FAILED: {
    'zh-CN': '提交的内容有误，请检查标出的项。',
    en: 'Some fields are not valid; please check them.',
  },
  MALFORMED_REQUEST: { 'zh-CN': '请求格式不正确。', en: 'The request is malformed.' },
  PASSWORD_POLICY: { 'zh-CN': '新密码不符合要求。', en: 'The new password does not meet the requirements.' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录。', en: 'Please sign in.' },
  INVALID_CREDENTIALS: {
    'zh-CN': '用户名或密码错误，请重新输入。',
    en: 'The user name or password is incorrect.',
  },
  SESSION_EXPIRED: { 'zh-CN': '登录已过期，请重新登录。', en: 'Your session has expired; please sign in again.' },
  CSRF_INVALID: {
    'zh-CN': '安全校验失败，请刷新页面后重试。',
    en: 'The security check failed; reload the page and try again.',
  },
  FORBIDDEN: { 'zh-CN': '您没有执行此操作的权限。', en: 'You are not allowed to do this.' },
  NOT_FOUND: { 'zh-CN': '没有找到该记录，或不在您的管辖范围内。', en: 'Not found, or not within your scope.' },
  CONFLICT: { 'zh-CN': '该记录已被修改，请刷新后重试。', en: 'The record changed meanwhile; reload and try again.' },
  ILLEGAL_TRANSITION: {
    'zh-CN': '当前状态下不能进行此操作，请刷新后查看最新状态。',
    en: 'This step is not possible in the current state; reload to see where it stands.',
  },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '提交的内容过大。', en: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    'zh-CN': '不支持的内容类型或文件格式。',
    en: 'Unsupported content type or file format.',
  },
  ACCOUNT_LOCKED: {
    'zh-CN': '密码错误次数过多，账号已临时锁定，请 {minutes} 分钟后再试。',
    en: 'Too many wrong passwords: the account is locked for {minutes} minutes.',
  },
  ACCOUNT_DISABLED: {
    'zh-CN': '该账号已被停用，无法登录。如有疑问请联系管理员。',
    en: 'This account has been disabled and cannot sign in. Ask an administrator if you think this is wrong.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    'zh-CN': '管理员已重置您的密码，请先设置新密码再继续。',
    en: 'An administrator reset your password: choose a new one before you continue.',
  },
  RATE_LIMITED: { 'zh-CN': '操作过于频繁，请稍后再试。', en: 'Too many requests; please try again later.' },
  INTERNAL: { 'zh-CN': '服务器出现问题，请稍后再试。', en: 'Something went wrong on the server; please try again.' },
  SERVICE_UNAVAILABLE: {
    'zh-CN': '服务暂时不可用，请稍后再试。',
    en: 'The service is unavailable; try again shortly.',
  },
};

/** Field message keys used by AppError.fields. */
const fieldMessages: Catalogue = {
  ...orderFieldMessages,
  ...campaignFieldMessages,
  'password.tooShort': { 'zh-CN': '密码至少需要 12 个字符。', en: 'Use at least 12 characters.' },
  'password.tooCommon': {
    'zh-CN': '这个密码太常见，容易被猜到，请换一个。',
    en: 'This password is too common; choose another.',
  },
  'password.containsWord': {
    'zh-CN': '密码不能包含“{word}”（来自用户名、许可证号、姓名、片区或产品名称）。',
    en: 'The password must not contain "{word}" (from your user name, licence, name, district or the product).',
  },
  'password.weakCommon': {
    'zh-CN': '密码含有常见的“{token}”，容易被猜到，请换一个。',
    en: 'The password contains "{token}", which is common and easy to guess; choose another.',
  },
  'password.weakRepeat': {
    'zh-CN': '密码只是“{token}”的重复，容易被猜到，请换一个。',
    en: 'The password repeats "{token}"; repeats are easy to guess.',
  },
  'password.weakSequence': {
    'zh-CN': '密码含有连续序列“{token}”，容易被猜到，请换一个。',
    en: 'The password contains the sequence "{token}", which is easy to guess.',
  },
  'password.weakKeyboard': {
    'zh-CN': '密码含有键盘上相邻的按键“{token}”，容易被猜到，请换一个。',
    en: 'The password contains "{token}", a run of neighbouring keys, which is easy to guess.',
  },
  'password.weakDate': {
    'zh-CN': '密码含有日期或年份“{token}”，容易被猜到，请换一个。',
    en: 'The password contains the date or year "{token}", which is easy to guess.',
  },
  'password.weak': {
    'zh-CN': '这个密码容易被猜到，请加长或换一个（例如几个不相关的词）。',
    en: 'This password is easy to guess; make it longer or use a few unrelated words.',
  },
  'text.controlCharacter': {
    'zh-CN': '含有不允许的控制字符，请删除后重试。',
    en: 'Contains a control character that is not allowed; remove it.',
  },
  'password.sameAsCurrent': {
    'zh-CN': '新密码不能与当前密码相同。',
    en: 'Choose a password different from the current one.',
  },
  'password.wrongCurrent': { 'zh-CN': '当前密码不正确。', en: 'The current password is incorrect.' },
  'retailerList.tierRange': {
    'zh-CN': '最高档位不能低于最低档位。',
    en: 'The highest tier cannot be below the lowest.',
  },
  'retailerList.cursorInvalid': {
    'zh-CN': '翻页位置无效，请从第一页重新开始。',
    en: 'This page position is not valid; start again from the first page.',
  },
  'conflict.stale_version': {
    'zh-CN': '保存前已有人修改了这条记录，请查看最新内容后再改。',
    en: 'Someone saved this record after you opened it; review the current values and edit again.',
  },
  // The retailer profile's rules (packages/contracts retailer-profile.ts: zod messages and cross-field checks).
  'profile.licenceNoFormat': {
    'zh-CN': '许可证号应为 12 位数字。',
    en: 'The licence number is 12 digits.',
  },
  'profile.licenceNoCounty': {
    'zh-CN': '许可证号的前 6 位应与所在区县代码一致。',
    en: 'The first six digits of the licence number must be the county code.',
  },
  'profile.licenceNoTaken': {
    'zh-CN': '这个许可证号已属于另一家零售户。',
    en: 'This licence number already belongs to another retailer.',
  },
  'profile.phoneFormat': {
    'zh-CN': '请填写 11 位手机号，或带区号的固定电话（如 0374-1234567）。',
    en: 'Enter an 11-digit mobile number, or a landline with its area code (e.g. 0374-1234567).',
  },
  'profile.countyCodeFormat': { 'zh-CN': '区县代码应为 6 位数字。', en: 'The county code is 6 digits.' },
  'profile.countyUnknown': { 'zh-CN': '没有这个区县代码。', en: 'There is no county with this code.' },
  'profile.townCodeFormat': { 'zh-CN': '乡镇/街道代码应为 9 位数字。', en: 'The township code is 9 digits.' },
  'profile.townInCounty': {
    'zh-CN': '乡镇/街道代码的前 6 位应与区县代码一致。',
    en: 'The first six digits of the township code must be the county code.',
  },
  'profile.dateFormat': {
    'zh-CN': '请填写有效日期（年-月-日）。',
    en: 'Enter a valid date (year-month-day).',
  },
  'profile.validToBeforeFrom': {
    'zh-CN': '有效期截止日不能早于起始日。',
    en: 'The licence cannot end before it starts.',
  },
  'profile.closesBeforeOpens': {
    'zh-CN': '关门时间应晚于开门时间。',
    en: 'Closing time must be after opening time.',
  },
  'profile.bestVisitPair': {
    'zh-CN': '最佳拜访时间请同时填写开始和结束，或都不填。',
    en: 'Give both ends of the best visit hours, or neither.',
  },
  'profile.bestVisitOrder': {
    'zh-CN': '最佳拜访的结束时间应晚于开始时间。',
    en: 'The best visit hours must end after they start.',
  },
  'profile.closedEveryDay': {
    'zh-CN': '每周至少要有一天营业。',
    en: 'The shop must open at least one day a week.',
  },
  'profile.closedDaysRepeat': { 'zh-CN': '休息日有重复。', en: 'A closed day is listed twice.' },
  'profile.minutesOfDay': {
    'zh-CN': '时间应在 00:00 到 24:00 之间。',
    en: 'The time must be between 00:00 and 24:00.',
  },
  'profile.outsideChina': {
    'zh-CN': '坐标不在中国境内，请检查经纬度。',
    en: 'The position is outside China; check the latitude and longitude.',
  },
  'profile.blank': { 'zh-CN': '此项不能为空。', en: 'This field cannot be empty.' },
  'profile.heardInFuture': {
    'zh-CN': '听到的日期不能晚于今天。',
    en: 'The day it was heard cannot be after today.',
  },
  'profile.cursorInvalid': {
    'zh-CN': '翻页位置无效，请从第一页重新开始。',
    en: 'The page position is not valid; start again from the first page.',
  },
  'district.required': { 'zh-CN': '请选择片区。', en: 'Choose a district.' },
  // Retailer import (modules/retailer-import): what is wrong with the file as a whole.
  'import.fileMissing': {
    'zh-CN': '请选择要导入的文件（CSV 或 XLSX），以表单字段 file 上传。',
    en: 'Choose a file to import (CSV or XLSX), sent as the form field "file".',
  },
  'import.fileEmpty': { 'zh-CN': '文件是空的，没有表头和数据。', en: 'The file is empty: no header and no rows.' },
  'import.fileTooLarge': {
    'zh-CN': '文件超过 {max} 的上限，请拆分后分批导入。',
    en: 'The file is larger than {max}; split it and import the parts one by one.',
  },
  'import.fileUnreadable': {
    'zh-CN': '无法读取该文件：请上传 CSV 或 Excel（.xlsx）文件。',
    en: 'The file cannot be read: upload a CSV or an Excel (.xlsx) file.',
  },
  'import.csvMalformedAt': {
    'zh-CN': 'CSV 文件第 {line} 行格式有误（引号不配对等），请修正后重试。',
    en: 'The CSV file is malformed at line {line} (for example an unclosed quote); fix it and try again.',
  },
  'import.legacyXls': {
    'zh-CN': '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV。',
    en: 'Old .xls files are not supported; save it as .xlsx or CSV in Excel.',
  },
  'import.tooManyRows': {
    'zh-CN': '一次最多导入 {max} 行，请拆分文件。',
    en: 'At most {max} rows can be imported at once; split the file.',
  },
  'import.noLicenceColumn': {
    'zh-CN': '第 1 行（表头）中没有“许可证号”列，无法按许可证号匹配零售户。',
    en: 'Row 1 (the header) has no licence number column ("许可证号" or "Licence no."), which matches the retailers.',
  },
  'import.duplicateColumn': {
    'zh-CN': '表头“{header}”和“{other}”是同一项，请只保留一列。',
    en: 'The headers "{header}" and "{other}" name the same field; keep one of them.',
  },
  'import.keyTaken': {
    'zh-CN': '该导入编号已被使用，请重新上传。',
    en: 'This import key has been used already; upload again.',
  },
  // Route planning (modules/routes).
  'routes.duplicateId': {
    'zh-CN': '与第 {index} 个站点（从 0 数起）的 id 重复，每个站点的 id 须不同。',
    en: 'Same id as stop {index} (counting from 0); every stop needs its own id.',
  },
  'routes.windowOrder': { 'zh-CN': '结束时间须晚于开始时间。', en: 'The end must be later than the start.' },
  'routes.dayOrder': { 'zh-CN': '收工时间须晚于出发时间。', en: 'The day must end later than it starts.' },
  'routes.dayMissing': {
    'zh-CN': '计划只有 {days} 天（从 0 数起），没有这一天。',
    en: 'The plan has {days} day(s), counted from 0; there is no such day.',
  },
  'routes.unassigned.no-vehicle': {
    'zh-CN': '指定的日期不在计划内。',
    en: 'It is pinned to a day the plan does not have.',
  },
  'routes.unassigned.capacity': {
    'zh-CN': '可安排的日期都不再接受拜访（拜访数上限为 0）。',
    en: 'Every day it may go on takes no visits.',
  },
  'routes.unassigned.time-window': {
    'zh-CN': '营业时间内赶不到，或营业时间短于拜访所需时间。',
    en: 'Its opening hours cannot be reached in time, or are shorter than the visit.',
  },
  'routes.unassigned.shift': {
    'zh-CN': '在当天的工作时间内无法完成拜访并返回出发地。',
    en: "It cannot be visited and the base reached again within the day's hours.",
  },
  'routes.unassigned.no-room': {
    'zh-CN': '单独可以安排，但行程已排满，放不下。',
    en: 'It would fit alone, but the days are full with the other visits.',
  },
  'tiers.runSuperseded': {
    'zh-CN': '这次试算已被更新的试算取代，请发布最新的一次。',
    en: 'A newer preview replaced this one; publish the latest preview.',
  },
  'tiers.runPublished': { 'zh-CN': '这次试算已经发布过了。', en: 'This run has already been published.' },
  'tiers.runStale': {
    'zh-CN': '试算之后数据有变化（如人工调档、订单变动或又过了一周），请重新试算后再发布。',
    en: 'The data changed after this preview (a tier set by hand, orders, or a new week); compute a new preview.',
  },
  'tiers.sameTier': { 'zh-CN': '新档位与当前档位相同。', en: 'The new tier is the same as the current one.' },
  'user.usernameTaken': { 'zh-CN': '该用户名已被使用，请换一个。', en: 'This user name is taken; choose another.' },
  'user.orgUnitUnknown': { 'zh-CN': '没有这个单位。', en: 'There is no such organisation unit.' },
  'user.adminNeedsCompany': {
    'zh-CN': '管理员应属于公司，而不是片区。',
    en: 'An administrator belongs to the company, not to a district.',
  },
  'user.staffNeedsDistrict': {
    'zh-CN': '片区主管和客户经理应属于一个片区。',
    en: 'A supervisor or customer manager belongs to a district.',
  },
  'user.onlyStaffMove': {
    'zh-CN': '只有片区主管和客户经理可以调到其他片区。',
    en: 'Only supervisors and customer managers move between districts.',
  },
  'user.managerHasRetailers': {
    'zh-CN': '该客户经理还负责 {count} 家零售户，请先在“片区调整”中把它们交给本片区的其他客户经理，再调动。',
    en: 'This customer manager still has {count} retailers: hand them to other managers of the district (Territory) first, then move them.',
  },
  'user.cannotDisableSelf': { 'zh-CN': '不能停用自己的账号。', en: 'You cannot disable your own account.' },
  'user.cannotResetSelf': {
    'zh-CN': '不能重置自己的密码，请在个人菜单中“修改密码”。',
    en: 'You cannot reset your own password; use "Change password" in your menu.',
  },
  'reassign.managerUnknown': {
    'zh-CN': '请选择一位在职的客户经理。',
    en: 'Choose an active customer manager.',
  },
  'reassign.managerDisabled': {
    'zh-CN': '该客户经理的账号已停用，不能接收零售户。',
    en: 'This customer manager is disabled and cannot take retailers.',
  },
  'reassign.managerOtherDistrict': {
    'zh-CN': '接收的客户经理必须属于零售户所在的片区（{district}）。',
    en: "The new customer manager must belong to the retailers' district ({district}).",
  },
  // Photos (modules/photos).
  'photo.multipartRequired': {
    'zh-CN': '请以表单文件上传（multipart/form-data）照片。',
    en: 'Upload the photo as a form file (multipart/form-data).',
  },
  'photo.fileRequired': { 'zh-CN': '请选择要上传的照片。', en: 'Choose a photo to upload.' },
  'photo.takenAtInvalid': {
    'zh-CN': '拍摄时间格式不正确（应为 ISO 时间，如 2026-12-01T09:30:00Z）。',
    en: 'The time the photo was taken is not valid (an ISO time such as 2026-12-01T09:30:00Z).',
  },
  // Retailer concerns (modules/concerns).
  'concern.blank': { 'zh-CN': '此项不能为空。', en: 'This cannot be empty.' },
  'concern.noteRequired': {
    'zh-CN': '请写明处理结果，零售户会看到并确认。',
    en: 'Say how it was resolved: the retailer reads it and confirms.',
  },
  'concern.reasonRequired': {
    'zh-CN': '请说明为什么还没有解决。',
    en: 'Say why it is not solved yet.',
  },
  'concern.retailerRequired': { 'zh-CN': '请选择零售户。', en: 'Choose the retailer.' },
  'concern.sourceNotAllowed': {
    'zh-CN': '零售户自己提出的诉求来源只能是“零售户端”；工作人员请选择拜访、电话或调查。',
    en: 'A retailer’s own concern comes from its portal; staff choose visit, phone or survey.',
  },
  'concern.illegalTransition': {
    'zh-CN': '诉求当前的状态不能进行这一步，请刷新查看最新状态。',
    en: 'The concern cannot take this step from its current state; reload to see where it stands.',
  },
  'concern.notYours': { 'zh-CN': '这一步只能由零售户本人操作。', en: 'Only the retailer can take this step.' },
  'concern.alreadyRated': { 'zh-CN': '这条诉求已经评价过了。', en: 'This concern has been rated already.' },
  'concern.notClosed': {
    'zh-CN': '诉求确认或关闭后才能回访。',
    en: 'Call back once the concern is confirmed or closed.',
  },
  'concern.notRatable': {
    'zh-CN': '诉求确认解决或关闭后才能评价。',
    en: 'Rate the concern once it is confirmed or closed.',
  },
  'concern.tooManyPhotos': {
    'zh-CN': '每条诉求最多 6 张照片。',
    en: 'A concern takes at most 6 photos.',
  },
  'concern.finished': {
    'zh-CN': '诉求已确认或关闭，不能再添加照片。',
    en: 'The concern is confirmed or closed: no more photos.',
  },
  'concern.ownerNotAllowed': {
    'zh-CN': '只能转交给本片区在岗的客户经理或片区主管。',
    en: 'Hand it to an active customer manager or supervisor of the concern’s district.',
  },
  'concern.ownerSensitive': {
    'zh-CN': '服务态度和强制搭配类诉求只能由片区主管处理，不能转交给客户经理。',
    en: 'Service attitude and forced ordering concerns stay with a supervisor: they cannot go to a customer manager.',
  },
  'concern.ownerSame': { 'zh-CN': '这条诉求已经由此人负责。', en: 'This person owns the concern already.' },
  'concern.reassignFinished': {
    'zh-CN': '诉求已确认或关闭，不能再转交。',
    en: 'The concern is confirmed or closed: it cannot be handed over.',
  },
  'followUp.alreadyDone': { 'zh-CN': '这项跟进事项已经完成。', en: 'This follow-up is done already.' },
  'followUp.changed': {
    'zh-CN': '拜访记录已修改，这一项已不是您看到的内容，请刷新后重试。',
    en: 'The visit record changed: this line is no longer the follow-up you saw. Reload and try again.',
  },
  'cursor.invalid': {
    'zh-CN': '分页位置无效，请从第一页重新开始。',
    en: 'The page position is not valid; start again from the first page.',
  },
  'photo.kindRequired': {
    'zh-CN': '请选择照片类型：门头照、柜台照或其他。',
    en: 'Choose what the photo shows: shop front, counter or other.',
  },
  'photo.empty': { 'zh-CN': '照片文件是空的，请重新选择。', en: 'The file is empty; choose the photo again.' },
  'photo.notAnImage': {
    'zh-CN': '这个文件不是图片，请上传 JPEG、PNG 或 WebP 格式的照片。',
    en: 'This file is not an image; upload a JPEG, PNG or WebP photo.',
  },
  'photo.unsupportedFormat': {
    'zh-CN': '只支持 JPEG、PNG 或 WebP 格式的照片。',
    en: 'Only JPEG, PNG and WebP photos are accepted.',
  },
  'photo.damaged': {
    'zh-CN': '图片已损坏或不完整，无法读取，请重新拍摄或选择。',
    en: 'The image is damaged or incomplete and cannot be read; take or choose it again.',
  },
  'photo.tooManyPixels': {
    'zh-CN': '图片尺寸过大（超过 5000 万像素），请缩小后再上传。',
    en: 'The image has too many pixels (over 50 megapixels); make it smaller.',
  },
  'photo.tooLarge': {
    'zh-CN': '照片不能超过 {mb} MB。',
    en: 'The photo must be at most {mb} MB.',
  },
  'photo.malformedUpload': {
    'zh-CN': '上传的内容不完整或格式不正确，请重试。',
    en: 'The upload was incomplete or malformed; try again.',
  },
  // Visits (modules/visits).
  'visit.blank': { 'zh-CN': '此项不能为空。', en: 'This cannot be empty.' },
  'visit.outsideChina': {
    'zh-CN': '位置不在中国境内，请打开定位后重试。',
    en: 'This position is not in China; turn on location and try again.',
  },
  'visit.accuracyInvalid': { 'zh-CN': '定位精度无效。', en: 'The location accuracy is not valid.' },
  'visit.reasonRequired': {
    'zh-CN': '您距离门店约 {distance} 米，超过 {radius} 米，请说明原因后再签到。',
    en: 'You are about {distance} m from the shop, more than {radius} m: say why to check in.',
  },
  'visit.alreadyCheckedIn': { 'zh-CN': '这次拜访已经签到过了。', en: 'This visit has been checked in already.' },
  'visit.notCheckedIn': { 'zh-CN': '请先签到。', en: 'Check in first.' },
  'visit.alreadyCheckedOut': { 'zh-CN': '这次拜访已经签退了。', en: 'This visit has been checked out already.' },
  'visit.cancelled': { 'zh-CN': '这次拜访已取消。', en: 'This visit was cancelled.' },
  'visit.recordClosed': {
    'zh-CN': '签退已超过 24 小时，拜访记录不能再修改。',
    en: 'More than 24 hours have passed since check-out: the record can no longer be changed.',
  },
  'visit.notRatable': {
    'zh-CN': '客户经理签退后才能评价这次拜访。',
    en: 'Rate the visit once the manager has checked out.',
  },
  'visit.alreadyRated': { 'zh-CN': '这次拜访已经评价过了。', en: 'This visit has been rated already.' },
  'visit.ratingExpired': {
    'zh-CN': '已超过 7 天，这次拜访不能再评价。',
    en: 'More than 7 days have passed: this visit can no longer be rated.',
  },
  'visit.tooManyPhotos': { 'zh-CN': '每次拜访最多 12 张照片。', en: 'A visit takes at most 12 photos.' },
  'visit.unknownChecklistItem': {
    'zh-CN': '检查表中没有这一项，请刷新后重试。',
    en: 'The checklist has no such item; reload and try again.',
  },
  'visit.unknownProduct': { 'zh-CN': '没有这个品规。', en: 'There is no such product.' },
  'visit.unknownConcern': {
    'zh-CN': '这条诉求不属于这次拜访，请刷新后重试。',
    en: 'This concern does not belong to this visit; reload and try again.',
  },
  'visit.duplicateItem': { 'zh-CN': '检查项的编号不能重复。', en: 'Each checklist item needs its own id.' },
  'visit.malformedText': {
    'zh-CN': '含有无法识别的字符，请删除后重试。',
    en: 'Contains a broken character; remove it and try again.',
  },
  // Visit quality (modules/visit-quality).
  'visitQuality.retailerSaysRequired': {
    'zh-CN': '联系上零售户时，请选择零售户的说法。',
    en: 'The retailer was reached: choose what the retailer said.',
  },
  'visitQuality.retailerSaysUnreached': {
    'zh-CN': '没有联系上零售户时，不能填写零售户的说法。',
    en: 'The retailer was not reached: leave what the retailer said empty.',
  },
  'visitQuality.minAboveMax': {
    'zh-CN': '最短在店时间必须小于最长在店时间。',
    en: 'The shortest time on site must be less than the longest.',
  },
  'visitQuality.notMonday': { 'zh-CN': '请选择一周的周一。', en: 'Choose the Monday of a week.' },
  'visitQuality.malformedText': {
    'zh-CN': '含有无法识别的字符，请删除后重试。',
    en: 'Contains a broken character; remove it and try again.',
  },
  'visitQuality.rangeReversed': {
    'zh-CN': '开始日期不能晚于结束日期。',
    en: 'The start date cannot be after the end date.',
  },
  // Visit planning (modules/visit-plans).
  'visitPlan.weekFormat': {
    'zh-CN': '周的格式不正确，请填写日期（如 2026-12-07）或周次（如 2026-W50）。',
    en: 'Not a week: give a date (e.g. 2026-12-07) or an ISO week (e.g. 2026-W50).',
  },
  'visitPlan.pastDate': { 'zh-CN': '不能安排在已经过去的日期。', en: 'A past day cannot be planned.' },
  'visitPlan.tooFarAhead': {
    'zh-CN': '最多只能提前 {weeks} 周安排。',
    en: 'Plans reach at most {weeks} weeks ahead.',
  },
  'visitPlan.alreadyPlanned': {
    'zh-CN': '这个零售户在这一周已经有拜访了。',
    en: 'This retailer already has a visit that week.',
  },
  'visitPlan.notPlanned': {
    'zh-CN': '只有尚未开始的计划拜访可以调整或删除。',
    en: 'Only a planned visit not yet started can be changed or removed.',
  },
  'visitPlan.managerRequired': { 'zh-CN': '请选择客户经理。', en: 'Choose the customer manager.' },
  'visitPlan.noManager': {
    'zh-CN': '这个零售户还没有客户经理，无法安排拜访。',
    en: 'This retailer has no customer manager to plan the visit for.',
  },
  'visitPlan.nothingToChange': {
    'zh-CN': '请至少修改日期、置顶或顺序中的一项。',
    en: 'Change the day, the pin or the order.',
  },
  'visitRules.bandOverlap': {
    'zh-CN': '档位区间不能重叠。',
    en: 'Tier bands may not overlap.',
  },
  'visitRules.bandRange': {
    'zh-CN': '档位区间须在 1–30 之间且由小到大，拜访间隔为 1–52 周。',
    en: 'A band runs from a lower to a higher tier within 1–30, every 1–52 weeks.',
  },
  'visitRules.dayHours': {
    'zh-CN': '工作时间须先开始后结束，且至少能完成一次拜访。',
    en: 'The working day must end after it starts and hold at least one visit.',
  },
  'visitRules.workDaysRepeat': {
    'zh-CN': '工作日不能为空或重复。',
    en: 'Choose working days, each once.',
  },
  // Retailer change requests (modules/change-requests).
  'changeRequest.noChange': {
    'zh-CN': '没有要修改的内容：填写的与现在的信息相同。',
    en: 'Nothing to change: the values are the same as now.',
  },
  'changeRequest.pendingExists': {
    'zh-CN': '已有一条申请在等待处理，请等处理完或撤回后再提交。',
    en: 'A request is already waiting for a decision; wait for it or withdraw it first.',
  },
  'changeRequest.closesBeforeOpens': {
    'zh-CN': '关门时间要晚于开门时间。',
    en: 'Closing time must be after opening time.',
  },
  'changeRequest.bestVisitPair': {
    'zh-CN': '方便拜访时间请同时填写开始和结束，或都不填。',
    en: 'Give both the start and the end of the best visit hours, or neither.',
  },
  'changeRequest.bestVisitOrder': {
    'zh-CN': '方便拜访的结束时间要晚于开始时间。',
    en: 'The best visit hours must end after they start.',
  },
  // Suggested orders (modules/suggestions).
  'suggestions.weekNotMonday': {
    'zh-CN': '订货周请用该周星期一的日期，例如 2026-11-30。',
    en: 'Name the ordering week by its Monday, e.g. 2026-11-30.',
  },
  'suggestions.unknownProduct': {
    'zh-CN': '没有这个品规。',
    en: 'There is no such product.',
  },
  'suggestions.duplicateProduct': {
    'zh-CN': '这个品规填了两次，请只填一次。',
    en: 'This product is listed twice; list it once.',
  },
  'suggestions.weekInFuture': {
    'zh-CN': '这一周还没有到，暂时没有建议订量。',
    en: 'This week has not begun: there are no suggestions for it yet.',
  },
  'suggestions.weekNotCurrent': {
    'zh-CN': '只能重新计算本周的建议订量；以前各周的建议按当时的样子保留。',
    en: 'Only this week’s suggestions can be recomputed; earlier weeks are kept as they were shown.',
  },
};

export function resolveLocale(acceptLanguage: string | undefined, preferred?: Locale): Locale {
  if (acceptLanguage) {
    const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
    if (first.startsWith('en')) return 'en';
    if (first.startsWith('zh')) return 'zh-CN';
  }
  return preferred ?? 'zh-CN';
}

function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function errorMessage(code: ErrorCode, locale: Locale, params?: Record<string, string | number>): string {
  return fill(errorMessages[code][locale], params);
}

export function fieldMessage(key: string, locale: Locale, params?: Record<string, string | number>): string {
  const template = fieldMessages[key]?.[locale];
  return template ? fill(template, params) : key;
}

interface IssueLike {
  code: string;
  message: string;
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  values?: unknown;
  keys?: unknown;
  format?: unknown;
}

const zhLocaleError = z.locales.zhCN().localeError;

/** One zod issue in the caller's language, worded for a person filling a form. */
export function validationMessage(issue: IssueLike, locale: Locale): string {
  // A schema's own message is a catalogue key (e.g. contracts' profileMessages): its wording, not zod's.
  if (Object.hasOwn(fieldMessages, issue.message)) return fieldMessage(issue.message, locale);
  const zh = locale === 'zh-CN';
  const size = (n: unknown) => String(n);
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return zh ? '此项必填。' : 'This field is required.';
      return zh
        ? `格式不正确，应为${typeName(issue.expected, true)}。`
        : `Expected ${typeName(issue.expected, false)}.`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? zh
            ? '此项不能为空。'
            : 'This field cannot be empty.'
          : zh
            ? `至少需要 ${size(issue.minimum)} 个字符。`
            : `Use at least ${size(issue.minimum)} characters.`;
      }
      if (issue.origin === 'array') {
        return zh ? `至少需要 ${size(issue.minimum)} 项。` : `At least ${size(issue.minimum)} item(s).`;
      }
      return zh ? `不能小于 ${size(issue.minimum)}。` : `Must be at least ${size(issue.minimum)}.`;
    case 'too_big':
      if (issue.origin === 'string') {
        return zh ? `最多 ${size(issue.maximum)} 个字符。` : `Use at most ${size(issue.maximum)} characters.`;
      }
      if (issue.origin === 'array') {
        return zh ? `最多 ${size(issue.maximum)} 项。` : `At most ${size(issue.maximum)} items.`;
      }
      return zh ? `不能大于 ${size(issue.maximum)}。` : `Must be at most ${size(issue.maximum)}.`;
    case 'invalid_value':
      return zh
        ? `取值无效，可选：${(issue.values as unknown[] | undefined)?.join('、') ?? ''}。`
        : `Invalid value; allowed: ${(issue.values as unknown[] | undefined)?.join(', ') ?? ''}.`;
    case 'unrecognized_keys':
      return zh
        ? `不接受的字段：${(issue.keys as string[] | undefined)?.join('、') ?? ''}。`
        : `Unexpected field(s): ${(issue.keys as string[] | undefined)?.join(', ') ?? ''}.`;
    case 'invalid_format':
      return zh ? '格式不正确。' : 'The format is not valid.';
    default: {
      if (!zh) return issue.message;
      const translated = zhLocaleError(issue as unknown as Parameters<typeof zhLocaleError>[0]);
      return typeof translated === 'string' ? translated : (translated?.message ?? '输入无效。');
    }
  }
}

function typeName(expected: unknown, zh: boolean): string {
  const names: Record<string, [string, string]> = {
    string: ['文本', 'text'],
    number: ['数字', 'a number'],
    int: ['整数', 'a whole number'],
    boolean: ['是/否', 'true or false'],
    object: ['对象', 'an object'],
    array: ['列表', 'a list'],
  };
  const pair = names[String(expected)];
  return pair ? (zh ? pair[0] : pair[1]) : String(expected);
}
