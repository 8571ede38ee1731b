/**
 * The columns of a retailer import and export: which headers name each field (Chinese and English), how a cell's
 * text becomes a value, and how a value is written back — one table, so an exported file imports cleanly.
 */
import {
  type BusinessFormat,
  businessFormats,
  type CreditGrade,
  creditGrades,
  type LicenceType,
  type Locale,
  licenceTypes,
  type OrderFrequency,
  type OrderMethod,
  orderFrequencies,
  orderMethods,
  type RetailerImportField,
  type RetailerStatus,
  retailerStatuses,
} from '@siyi/contracts';
import { countyNames } from '../../reference/divisions';
import type { RowMessage } from './import-messages';

/** The stored values an import may set; `district` and `manager` are names, resolved against the database later. */
export interface RetailerValues {
  licenceNo: string;
  shopName: string;
  ownerName: string;
  phone: string;
  address: string;
  businessFormat: BusinessFormat;
  tier: number;
  status: RetailerStatus;
  countyCode: string;
  townCode: string | null;
  lat: number;
  lng: number;
  opensAt: number;
  closesAt: number;
  orderWeekday: number;
  businessScope: string;
  orderMethod: OrderMethod;
  orderFrequency: OrderFrequency;
  visitBatch: number | null;
  closedWeekdays: number[];
  licenceType: LicenceType;
  licenceValidFrom: string | null;
  licenceValidTo: string | null;
  creditGrade: CreditGrade | null;
  isModelShop: boolean;
  minorsNoticePosted: boolean;
  nearSchool: boolean;
  bestVisitFrom: number | null;
  bestVisitTo: number | null;
  notes: string;
}

/** What one cell gives: values for the record, a reference to resolve, or a message. */
export type CellResult =
  | { ok: true; values: Partial<RetailerValues>; reference?: string | null }
  | { ok: false; message: RowMessage };

/** What a field's value is when written out, from a stored retailer plus its district's and manager's names. */
export interface ExportRecord extends RetailerValues {
  districtName: string;
  managerName: string | null;
}

interface FieldSpec {
  /** The header an export writes, per language; every header is also recognised on import. */
  header: Record<Locale, string>;
  /** Further headers recognised on import (compared after `normaliseHeader`). */
  aliases: string[];
  /** Needed to create a retailer (a blank cell is an error then; an update leaves an absent column alone). */
  requiredOnCreate: boolean;
  parse(text: string): CellResult;
  format(record: ExportRecord, locale: Locale): string | number;
}

const ok = (values: Partial<RetailerValues>): CellResult => ({ ok: true, values });
const fail = (key: RowMessage['key'], params?: RowMessage['params']): CellResult => ({
  ok: false,
  message: params ? { key, params } : { key },
});

/** NFKC (full-width → half-width), lower case, without spaces and punctuation: "Licence No." → "licenceno". */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.:;,/\\()[\]{}【】《》<>*#'"`、，。：；？！?!]/gu, '');
}

const normaliseValue = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');

// Control characters, and the two noncharacters XML (so XLSX) cannot hold.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/u;

function text(
  field: keyof RetailerValues,
  max: number,
  options: { required: boolean; multiline?: boolean; pattern?: RegExp; patternKey?: RowMessage['key'] },
) {
  return (raw: string): CellResult => {
    if (raw === '') return options.required ? fail('required') : ok({ [field]: '' });
    if ((options.multiline ? CONTROL : CONTROL_OR_BREAK).test(raw)) return fail('controlCharacter');
    if ([...raw].length > max) return fail('tooLong', { max });
    if (options.pattern && !options.pattern.test(raw)) return fail(options.patternKey ?? 'format');
    return ok({ [field]: raw });
  };
}

/** Chooses one of `values` by its code or any of its labels (both languages), compared loosely. */
function choice<T extends string>(
  field: keyof RetailerValues,
  values: readonly T[],
  labels: Record<T, { 'zh-CN': string; en: string; aliases?: string[] }>,
  blank: T | null | 'required',
) {
  const lookup = new Map<string, T>();
  for (const value of values) {
    const label = labels[value];
    for (const name of [value, label['zh-CN'], label.en, ...(label.aliases ?? [])]) {
      lookup.set(normaliseValue(name), value);
    }
  }
  const allowed = (locale: Locale) => values.map((v) => labels[v][locale]).join(locale === 'en' ? ', ' : '、');
  return {
    parse(raw: string): CellResult {
      if (raw === '') return blank === 'required' ? fail('required') : ok({ [field]: blank });
      const found = lookup.get(normaliseValue(raw));
      if (found === undefined) {
        return fail('choice', { value: raw, allowedZh: allowed('zh-CN'), allowedEn: allowed('en') });
      }
      return ok({ [field]: found });
    },
    label: (value: T | null, locale: Locale) => (value === null ? '' : labels[value][locale]),
  };
}

const formats = choice<BusinessFormat>(
  'businessFormat',
  businessFormats,
  {
    convenience: { 'zh-CN': '便利店', en: 'Convenience store' },
    grocery: { 'zh-CN': '食杂店', en: 'Grocery', aliases: ['食品杂货店', '杂货店'] },
    supermarket: { 'zh-CN': '超市', en: 'Supermarket', aliases: ['商场', '超市商场'] },
    tobacco_shop: { 'zh-CN': '烟酒店', en: 'Tobacco & liquor shop', aliases: ['烟酒商店', '名烟名酒店', '烟草专卖店'] },
    kiosk: { 'zh-CN': '小卖部/报刊亭', en: 'Kiosk / newsstand', aliases: ['小卖部', '报刊亭', 'kiosk', '书报亭'] },
    entertainment: { 'zh-CN': '娱乐场所', en: 'Entertainment venue', aliases: ['娱乐服务类', '娱乐服务', '娱乐'] },
    other: { 'zh-CN': '其他', en: 'Other', aliases: ['其它'] },
  },
  'required',
);

const statuses = choice<RetailerStatus>(
  'status',
  retailerStatuses,
  {
    active: { 'zh-CN': '正常营业', en: 'Open', aliases: ['正常', '营业', '在营', 'active'] },
    suspended: { 'zh-CN': '暂停经营', en: 'Suspended', aliases: ['暂停', '停业', '暂停营业'] },
    closed: { 'zh-CN': '已歇业', en: 'Closed down', aliases: ['歇业', '注销', '已注销', '关闭', 'closed'] },
  },
  'active',
);

const methods = choice<OrderMethod>(
  'orderMethod',
  orderMethods,
  {
    online: { 'zh-CN': '网上订货', en: 'Online', aliases: ['网上', '网络订货', '在线', '在线订货', '网订'] },
    phone: { 'zh-CN': '电话订货', en: 'By phone', aliases: ['电话', '电访', 'phone'] },
    visit: { 'zh-CN': '上门访销', en: 'On a visit', aliases: ['上门', '访销', '拜访', 'visit'] },
  },
  'online',
);

const frequencies = choice<OrderFrequency>(
  'orderFrequency',
  orderFrequencies,
  {
    weekly: { 'zh-CN': '每周', en: 'Weekly', aliases: ['周', '一周一次'] },
    biweekly: { 'zh-CN': '每两周', en: 'Every two weeks', aliases: ['双周', '两周', '隔周', 'fortnightly'] },
    monthly: { 'zh-CN': '每月', en: 'Monthly', aliases: ['月', '一月一次'] },
  },
  'weekly',
);

const licenceKinds = choice<LicenceType>(
  'licenceType',
  licenceTypes,
  {
    regular: { 'zh-CN': '正式', en: 'Regular', aliases: ['普通', '正式许可证', '长期'] },
    temporary: { 'zh-CN': '临时', en: 'Temporary', aliases: ['临时许可证'] },
  },
  'regular',
);

const grades = choice<CreditGrade>(
  'creditGrade',
  creditGrades,
  {
    A: { 'zh-CN': 'A', en: 'A', aliases: ['A级'] },
    B: { 'zh-CN': 'B', en: 'B', aliases: ['B级'] },
    C: { 'zh-CN': 'C', en: 'C', aliases: ['C级'] },
    D: { 'zh-CN': 'D', en: 'D', aliases: ['D级'] },
  },
  null,
);

const YES = new Set(['是', '有', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', '无', '不是', 'n', 'no', 'false', '0']);

function flag(field: 'isModelShop' | 'minorsNoticePosted' | 'nearSchool') {
  return (raw: string): CellResult => {
    if (raw === '') return ok({ [field]: false });
    const value = normaliseValue(raw);
    if (YES.has(value)) return ok({ [field]: true });
    if (NO.has(value)) return ok({ [field]: false });
    return fail('boolean', { value: raw });
  };
}
const yesNo = (value: boolean, locale: Locale) => (locale === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否');

const WEEKDAYS_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const WEEKDAYS_EN_LONG = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** 1 (Monday) … 7 (Sunday) from 周一 / 星期一 / 礼拜一 / 一 / Mon / Monday / 1; null when not a weekday. */
export function parseWeekday(raw: string): number | null {
  const value = normaliseValue(raw);
  if (/^[1-7]$/u.test(value)) return Number(value);
  const zh = value.replace(/^(周|星期|礼拜)/u, '');
  const zhIndex = [...WEEKDAYS_ZH, '天'].indexOf(zh);
  if (zhIndex >= 0 && zh !== '') return Math.min(zhIndex, 6) + 1;
  const enIndex = WEEKDAYS_EN_LONG.findIndex((day) => value === day || value === day.slice(0, 3));
  return enIndex >= 0 ? enIndex + 1 : null;
}
const weekdayLabel = (day: number, locale: Locale) =>
  locale === 'en' ? (WEEKDAYS_EN[day - 1] ?? '') : `周${WEEKDAYS_ZH[day - 1] ?? ''}`;

/** "08:00" → 480; null when not a time of day (24:00 is the end of the day). */
function parseTime(raw: string): number | null {
  const match = /^(\d{1,2})[:：.时](\d{2})分?$/u.exec(raw.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}
const timeLabel = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** "08:00-21:00" (also –, —, ~, 至, 到) → [480, 1260]. */
function parseSpan(raw: string): [number, number] | 'format' | 'order' {
  const parts = raw.split(/\s*(?:-|–|—|~|～|至|到)\s*/u);
  if (parts.length !== 2) return 'format';
  const from = parseTime(parts[0] ?? '');
  const to = parseTime(parts[1] ?? '');
  if (from === null || to === null) return 'format';
  return to > from ? [from, to] : 'order';
}

/** 2026-12-01, 2026/12/1, 2026.12.1, 2026年12月1日, 20261201 → '2026-12-01'; null when not a real date. */
export function parseDate(raw: string): string | null {
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u.exec(raw.trim()) ?? /^(\d{4})(\d{2})(\d{2})$/u.exec(raw.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1980 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function integer(field: keyof RetailerValues, min: number, max: number, blank: 'required' | null, suffix?: RegExp) {
  return (raw: string): CellResult => {
    if (raw === '') return blank === 'required' ? fail('required') : ok({ [field]: null });
    const digits = suffix ? raw.replace(suffix, '') : raw;
    if (!/^\d{1,3}$/u.test(digits.trim()) || Number(digits) < min || Number(digits) > max) {
      return fail('integerRange', { min, max });
    }
    return ok({ [field]: Number(digits) });
  };
}

function coordinate(field: 'lat' | 'lng', min: number, max: number) {
  return (raw: string): CellResult => {
    if (raw === '') return fail('required');
    if (!/^\d{1,3}(\.\d{1,17})?$/u.test(raw)) return fail('numberRange', { min, max });
    const value = Number(raw);
    if (value < min || value > max) return fail('numberRange', { min, max });
    return ok({ [field]: value });
  };
}

const LICENCE = /^\d{12}$/u;
const PHONE = /^\+?[\d\s()-]{5,20}$/u;

export const fieldSpecs: Record<RetailerImportField, FieldSpec> = {
  licenceNo: {
    header: { 'zh-CN': '许可证号', en: 'Licence no.' },
    aliases: [
      '许可证编号',
      '专卖许可证号',
      '零售许可证号',
      '烟草专卖零售许可证号',
      '许可证',
      'licencenumber',
      'licenseno',
      'licensenumber',
      'licence',
      'license',
    ],
    requiredOnCreate: true,
    parse(raw) {
      if (raw === '') return fail('required');
      const licence = raw.replace(/\s+/gu, '');
      if (!LICENCE.test(licence)) return fail('licenceFormat');
      const county = licence.slice(0, 6);
      if (!(county in countyNames)) return fail('licenceCounty', { code: county });
      return ok({ licenceNo: licence });
    },
    format: (r) => r.licenceNo,
  },
  shopName: {
    header: { 'zh-CN': '店名', en: 'Shop name' },
    aliases: [
      '商户名称',
      '店铺名称',
      '客户名称',
      '零售户名称',
      '企业名称',
      '字号名称',
      '字号',
      'shop',
      'name',
      'storename',
    ],
    requiredOnCreate: true,
    parse: text('shopName', 100, { required: true }),
    format: (r) => r.shopName,
  },
  ownerName: {
    header: { 'zh-CN': '负责人', en: 'Owner' },
    aliases: ['经营者', '经营者姓名', '负责人姓名', '法人', '法定代表人', '店主', 'ownername'],
    requiredOnCreate: true,
    parse: text('ownerName', 40, { required: true }),
    format: (r) => r.ownerName,
  },
  phone: {
    header: { 'zh-CN': '电话', en: 'Phone' },
    aliases: ['联系电话', '手机', '手机号', '手机号码', '联系方式', 'telephone', 'mobile', 'tel'],
    requiredOnCreate: true,
    parse: text('phone', 20, { required: true, pattern: PHONE, patternKey: 'phoneFormat' }),
    format: (r) => r.phone,
  },
  address: {
    header: { 'zh-CN': '地址', en: 'Address' },
    aliases: ['经营地址', '经营场所', '详细地址', '店铺地址'],
    requiredOnCreate: true,
    parse: text('address', 200, { required: true }),
    format: (r) => r.address,
  },
  businessFormat: {
    header: { 'zh-CN': '业态', en: 'Business format' },
    aliases: ['经营业态', '业态类型', 'format'],
    requiredOnCreate: true,
    parse: formats.parse,
    format: (r, locale) => formats.label(r.businessFormat, locale),
  },
  tier: {
    header: { 'zh-CN': '档位', en: 'Tier' },
    aliases: ['客户档位', '档次'],
    requiredOnCreate: true,
    parse: integer('tier', 1, 30, 'required', /^\s*tier\s*|\s*档\s*$/giu),
    format: (r) => r.tier,
  },
  status: {
    header: { 'zh-CN': '状态', en: 'Status' },
    aliases: ['经营状态', '客户状态'],
    requiredOnCreate: false,
    parse: statuses.parse,
    format: (r, locale) => statuses.label(r.status, locale),
  },
  district: {
    header: { 'zh-CN': '片区', en: 'District' },
    aliases: ['所属片区', '营销片区', '市场部', 'area'],
    requiredOnCreate: false,
    parse: (raw) => (CONTROL_OR_BREAK.test(raw) ? fail('controlCharacter') : { ok: true, values: {}, reference: raw }),
    format: (r) => r.districtName,
  },
  manager: {
    header: { 'zh-CN': '客户经理', en: 'Customer manager' },
    aliases: ['客户经理姓名', '所属客户经理', 'manager', 'accountmanager'],
    requiredOnCreate: false,
    parse: (raw) =>
      CONTROL_OR_BREAK.test(raw) ? fail('controlCharacter') : { ok: true, values: {}, reference: raw || null },
    format: (r) => r.managerName ?? '',
  },
  countyCode: {
    header: { 'zh-CN': '区县代码', en: 'County code' },
    aliases: ['县区代码', '区县', '县区', '行政区划代码', 'county'],
    requiredOnCreate: false,
    parse(raw) {
      if (raw === '') return ok({});
      const code = /^\d{6}$/u.test(raw) ? raw : /[(（](\d{6})[)）]\s*$/u.exec(raw)?.[1];
      if (code && code in countyNames) return ok({ countyCode: code });
      const byName = Object.entries(countyNames).filter(([, name]) => name === raw);
      if (byName.length === 1 && byName[0]) return ok({ countyCode: byName[0][0] });
      return fail('countyCode', { value: raw });
    },
    format: (r) => r.countyCode,
  },
  townCode: {
    header: { 'zh-CN': '乡镇代码', en: 'Town code' },
    aliases: ['街道代码', '乡镇街道代码', 'town'],
    requiredOnCreate: false,
    parse: (raw) =>
      raw === '' ? ok({ townCode: null }) : /^\d{9}$/u.test(raw) ? ok({ townCode: raw }) : fail('townCode'),
    format: (r) => r.townCode ?? '',
  },
  lat: {
    header: { 'zh-CN': '纬度', en: 'Latitude' },
    aliases: ['lat'],
    requiredOnCreate: true,
    parse: coordinate('lat', 3, 54),
    format: (r) => r.lat,
  },
  lng: {
    header: { 'zh-CN': '经度', en: 'Longitude' },
    aliases: ['lng', 'lon'],
    requiredOnCreate: true,
    parse: coordinate('lng', 73, 136),
    format: (r) => r.lng,
  },
  openingHours: {
    header: { 'zh-CN': '营业时间', en: 'Opening hours' },
    aliases: ['hours', 'businesshours'],
    requiredOnCreate: true,
    parse(raw) {
      if (raw === '') return fail('required');
      const span = parseSpan(raw);
      if (span === 'format') return fail('hoursFormat');
      if (span === 'order') return fail('hoursOrder');
      return ok({ opensAt: span[0], closesAt: span[1] });
    },
    format: (r) => `${timeLabel(r.opensAt)}-${timeLabel(r.closesAt)}`,
  },
  orderWeekday: {
    header: { 'zh-CN': '订货日', en: 'Order day' },
    aliases: ['订货周期日', '订货星期', '订单日', 'orderweekday'],
    requiredOnCreate: true,
    parse(raw) {
      if (raw === '') return fail('required');
      const day = parseWeekday(raw);
      return day === null ? fail('weekday', { value: raw }) : ok({ orderWeekday: day });
    },
    format: (r, locale) => weekdayLabel(r.orderWeekday, locale),
  },
  businessScope: {
    header: { 'zh-CN': '经营范围', en: 'Business scope' },
    aliases: ['许可范围', 'scope'],
    requiredOnCreate: false,
    parse: text('businessScope', 200, { required: false }),
    format: (r) => r.businessScope,
  },
  orderMethod: {
    header: { 'zh-CN': '订货方式', en: 'Order method' },
    aliases: [],
    requiredOnCreate: false,
    parse: methods.parse,
    format: (r, locale) => methods.label(r.orderMethod, locale),
  },
  orderFrequency: {
    header: { 'zh-CN': '订货频次', en: 'Order frequency' },
    aliases: ['订货频率'],
    requiredOnCreate: false,
    parse: frequencies.parse,
    format: (r, locale) => frequencies.label(r.orderFrequency, locale),
  },
  visitBatch: {
    header: { 'zh-CN': '访销批次', en: 'Visit batch' },
    aliases: ['拜访批次', '批次', 'batch'],
    requiredOnCreate: false,
    parse: integer('visitBatch', 1, 9, null),
    format: (r) => r.visitBatch ?? '',
  },
  closedWeekdays: {
    header: { 'zh-CN': '休息日', en: 'Closed days' },
    aliases: ['停业日', '闭店日', 'closedweekdays'],
    requiredOnCreate: false,
    parse(raw) {
      if (raw === '' || ['无', 'none', '-'].includes(normaliseValue(raw))) return ok({ closedWeekdays: [] });
      const days = new Set<number>();
      for (const part of raw.split(/[、,，;；/|\s]+/u).filter(Boolean)) {
        const day = parseWeekday(part);
        if (day === null) return fail('weekday', { value: part });
        days.add(day);
      }
      return ok({ closedWeekdays: [...days].sort((a, b) => a - b) });
    },
    format: (r, locale) => r.closedWeekdays.map((d) => weekdayLabel(d, locale)).join(locale === 'en' ? ', ' : '、'),
  },
  licenceType: {
    header: { 'zh-CN': '许可证类型', en: 'Licence type' },
    aliases: ['证照类型', 'licensetype'],
    requiredOnCreate: false,
    parse: licenceKinds.parse,
    format: (r, locale) => licenceKinds.label(r.licenceType, locale),
  },
  licenceValidFrom: {
    header: { 'zh-CN': '许可证有效期起', en: 'Licence valid from' },
    aliases: ['有效期起', '有效期自', '有效期开始', '发证日期', 'licensevalidfrom', 'validfrom'],
    requiredOnCreate: false,
    parse(raw) {
      if (raw === '') return ok({ licenceValidFrom: null });
      const date = parseDate(raw);
      return date ? ok({ licenceValidFrom: date }) : fail('date', { value: raw });
    },
    format: (r) => r.licenceValidFrom ?? '',
  },
  licenceValidTo: {
    header: { 'zh-CN': '许可证有效期止', en: 'Licence valid to' },
    aliases: [
      '有效期止',
      '有效期至',
      '有效期截止',
      '到期日期',
      '许可证到期日',
      'licensevalidto',
      'validto',
      'validuntil',
    ],
    requiredOnCreate: false,
    parse(raw) {
      if (raw === '') return ok({ licenceValidTo: null });
      const date = parseDate(raw);
      return date ? ok({ licenceValidTo: date }) : fail('date', { value: raw });
    },
    format: (r) => r.licenceValidTo ?? '',
  },
  creditGrade: {
    header: { 'zh-CN': '诚信等级', en: 'Credit grade' },
    aliases: ['信用等级', '诚信等级评定', 'credit'],
    requiredOnCreate: false,
    parse: grades.parse,
    format: (r, locale) => grades.label(r.creditGrade, locale),
  },
  isModelShop: {
    header: { 'zh-CN': '示范店', en: 'Model shop' },
    aliases: ['是否示范店', '文明诚信示范户', '示范户', 'ismodelshop'],
    requiredOnCreate: false,
    parse: flag('isModelShop'),
    format: (r, locale) => yesNo(r.isModelShop, locale),
  },
  minorsNoticePosted: {
    header: { 'zh-CN': '未成年人标识', en: 'Minors notice' },
    aliases: ['禁止向未成年人售烟标识', '未成年人提示', '未成年人标志', 'minorsnoticeposted'],
    requiredOnCreate: false,
    parse: flag('minorsNoticePosted'),
    format: (r, locale) => yesNo(r.minorsNoticePosted, locale),
  },
  nearSchool: {
    header: { 'zh-CN': '近学校', en: 'Near school' },
    aliases: ['学校周边', '靠近学校', '是否近学校', '学校周边50米'],
    requiredOnCreate: false,
    parse: flag('nearSchool'),
    format: (r, locale) => yesNo(r.nearSchool, locale),
  },
  bestVisitHours: {
    header: { 'zh-CN': '最佳拜访时间', en: 'Best visit hours' },
    aliases: ['拜访时间', '建议拜访时间', 'visithours'],
    requiredOnCreate: false,
    parse(raw) {
      if (raw === '') return ok({ bestVisitFrom: null, bestVisitTo: null });
      const span = parseSpan(raw);
      if (span === 'format') return fail('hoursFormat');
      if (span === 'order') return fail('hoursOrder');
      return ok({ bestVisitFrom: span[0], bestVisitTo: span[1] });
    },
    format: (r) =>
      r.bestVisitFrom === null || r.bestVisitTo === null
        ? ''
        : `${timeLabel(r.bestVisitFrom)}-${timeLabel(r.bestVisitTo)}`,
  },
  notes: {
    header: { 'zh-CN': '备注', en: 'Notes' },
    aliases: ['note', 'remarks', 'remark'],
    requiredOnCreate: false,
    parse: text('notes', 2000, { required: false, multiline: true }),
    format: (r) => r.notes,
  },
};

/** Normalised header → field: every export header in both languages and every alias. */
export const fieldByHeader: ReadonlyMap<string, RetailerImportField> = (() => {
  const map = new Map<string, RetailerImportField>();
  for (const [field, spec] of Object.entries(fieldSpecs) as [RetailerImportField, FieldSpec][]) {
    for (const name of [field, spec.header['zh-CN'], spec.header.en, ...spec.aliases]) {
      const key = normaliseHeader(name);
      const taken = map.get(key);
      if (taken && taken !== field) throw new Error(`header ${name} names both ${taken} and ${field}`);
      map.set(key, field);
    }
  }
  return map;
})();

/** Characters that make a spreadsheet read a cell as a formula (CSV injection, OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/u;

/** A cell as written to a file: text that a spreadsheet would run as a formula is prefixed with `'`. */
export function escapeCell(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what XML 1.0 forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** Text an XLSX can hold: characters XML 1.0 forbids (stored by other means than an import) become U+FFFD. */
export function xmlSafe(value: string | number): string | number {
  return typeof value === 'string' ? value.replace(NOT_XML, '\uFFFD') : value;
}

/** The inverse of `escapeCell` for a cell read from a file: a leading `'` before a formula character goes. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
