import type { Locale } from '@siyi/contracts';

/**
 * The import report's row messages, in both languages. They are part of the answer (a report the admin reads and
 * acts on), not an error, so they live beside the import rather than in the error catalogue (plugins/i18n.ts).
 */
const messages = {
  required: { 'zh-CN': '此项必填。', en: 'This cell is required.' },
  requiredColumn: {
    'zh-CN': '新建零售户需要“{column}”一列，文件中没有。',
    en: 'A new retailer needs the column "{column}", which the file does not have.',
  },
  tooLong: { 'zh-CN': '最多 {max} 个字符。', en: 'Use at most {max} characters.' },
  controlCharacter: {
    'zh-CN': '含有不允许的控制字符（如换行、制表符），请删除。',
    en: 'Contains a control character (such as a line break or tab); remove it.',
  },
  formula: {
    'zh-CN': "单元格是公式（以 = 开头），不会导入。如确为文字，请在前面加英文单引号 '。",
    en: "The cell is a formula (it starts with =) and is not imported. If it is text, start it with an apostrophe '.",
  },
  formulaCell: {
    'zh-CN': '单元格是公式，不会导入。请复制后“粘贴为数值”再导入。',
    en: 'The cell holds a formula, which is not imported. Copy it and paste it as values, then import again.',
  },
  format: { 'zh-CN': '格式不正确。', en: 'The format is not valid.' },
  licenceFormat: { 'zh-CN': '许可证号应为 12 位数字。', en: 'A licence number has 12 digits.' },
  licenceCounty: {
    'zh-CN': '许可证号的前六位 {code} 不是有效的区县代码。',
    en: 'The first six digits, {code}, are not a county code.',
  },
  phoneFormat: {
    'zh-CN': '电话号码格式不正确：5–20 位数字，可含 +、-、空格和括号。',
    en: 'Not a phone number: 5–20 digits, with +, -, spaces and brackets allowed.',
  },
  choice: {
    'zh-CN': '无法识别“{value}”，可填：{allowedZh}。',
    en: 'Cannot read "{value}"; use one of: {allowedEn}.',
  },
  boolean: { 'zh-CN': '无法识别“{value}”，请填“是”或“否”。', en: 'Cannot read "{value}"; use yes or no.' },
  integerRange: { 'zh-CN': '应为 {min} 到 {max} 之间的整数。', en: 'Use a whole number from {min} to {max}.' },
  numberRange: { 'zh-CN': '应为 {min} 到 {max} 之间的数字。', en: 'Use a number from {min} to {max}.' },
  hoursFormat: {
    'zh-CN': '请按“08:00-21:00”的格式填写时段。',
    en: 'Write the hours like 08:00-21:00.',
  },
  hoursOrder: { 'zh-CN': '结束时间应晚于开始时间。', en: 'The end must be later than the start.' },
  weekday: {
    'zh-CN': '无法识别星期“{value}”，请填 周一 至 周日 或 1–7。',
    en: 'Cannot read the weekday "{value}"; use Mon … Sun or 1–7.',
  },
  date: {
    'zh-CN': '无法识别日期“{value}”，请按 2026-12-01 的格式填写。',
    en: 'Cannot read the date "{value}"; write it like 2026-12-01.',
  },
  dateOrder: {
    'zh-CN': '许可证有效期止不能早于有效期起。',
    en: 'The licence cannot end before it starts.',
  },
  countyCode: {
    'zh-CN': '“{value}”不是有效的区县代码（6 位数字）。',
    en: '"{value}" is not a county code (six digits).',
  },
  townCode: { 'zh-CN': '乡镇代码应为 9 位数字。', en: 'A town code has nine digits.' },
  districtUnknown: {
    'zh-CN': '您的公司没有名为“{value}”的片区。',
    en: 'Your company has no district called "{value}".',
  },
  districtRequired: {
    'zh-CN': '新建零售户需要填写片区（或填写客户经理，按其所在片区）。',
    en: 'A new retailer needs a district (or a customer manager, whose district it then joins).',
  },
  managerUnknown: {
    'zh-CN': '您的公司没有名为“{value}”的在职客户经理。',
    en: 'Your company has no active customer manager called "{value}".',
  },
  managerAmbiguous: {
    'zh-CN': '有多位客户经理叫“{value}”，请改填其用户名。',
    en: 'More than one customer manager is called "{value}"; use the user name instead.',
  },
  managerDistrict: {
    'zh-CN': '客户经理“{manager}”不属于片区“{district}”。',
    en: 'Customer manager "{manager}" does not work in district "{district}".',
  },
  duplicateLicence: {
    'zh-CN': '许可证号 {licence} 在文件中重复（第 {first} 行已出现）。',
    en: 'Licence number {licence} appears more than once (first in row {first}).',
  },
  otherCompany: {
    'zh-CN': '许可证号 {licence} 属于其他公司的零售户，不能在此导入。',
    en: 'Licence number {licence} belongs to a retailer of another company and cannot be imported here.',
  },
} satisfies Record<string, Record<Locale, string>>;

export type RowMessageKey = keyof typeof messages;
export interface RowMessage {
  key: RowMessageKey;
  params?: Record<string, string | number>;
}

export function rowMessage(message: RowMessage, locale: Locale): string {
  const template: string = messages[message.key][locale];
  const params = message.params;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
