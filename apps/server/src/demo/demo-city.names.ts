/**
 * Word lists and small generators for plausible people, shops, streets, villages and phone numbers in a
 * Henan prefecture city. Everything here is invented: no name, number or address belongs to a real person or
 * shop. Street names mix common Chinese street names with road names found in 许昌; the positions and house
 * numbers on them are synthetic.
 */
import type { Random } from '@siyi/algorithms';

/** Common surnames with rough weights (the national top surnames, with 王/李/张/刘/陈 as frequent as in Henan). */
const SURNAMES: readonly [string, number][] = [
  ['王', 9.5],
  ['李', 8.5],
  ['张', 8.5],
  ['刘', 6],
  ['陈', 4.5],
  ['杨', 3.5],
  ['赵', 3],
  ['黄', 1.5],
  ['周', 1.8],
  ['吴', 1.4],
  ['徐', 1.3],
  ['孙', 2],
  ['胡', 1.3],
  ['朱', 1.4],
  ['高', 1.6],
  ['林', 0.6],
  ['何', 0.8],
  ['郭', 2.2],
  ['马', 2],
  ['罗', 0.5],
  ['梁', 0.8],
  ['宋', 1.2],
  ['郑', 1.1],
  ['谢', 0.5],
  ['韩', 1],
  ['唐', 0.6],
  ['冯', 0.9],
  ['于', 0.7],
  ['董', 0.8],
  ['萧', 0.2],
  ['程', 0.8],
  ['曹', 0.9],
  ['袁', 0.6],
  ['邓', 0.5],
  ['许', 1],
  ['傅', 0.3],
  ['沈', 0.4],
  ['曾', 0.3],
  ['彭', 0.5],
  ['吕', 0.7],
  ['苏', 0.6],
  ['卢', 0.5],
  ['蒋', 0.4],
  ['蔡', 0.5],
  ['贾', 0.6],
  ['丁', 0.6],
  ['魏', 0.8],
  ['薛', 0.5],
  ['叶', 0.4],
  ['阎', 0.4],
  ['余', 0.4],
  ['潘', 0.4],
  ['杜', 0.6],
  ['戴', 0.3],
  ['夏', 0.4],
  ['钟', 0.3],
  ['汪', 0.3],
  ['田', 0.7],
  ['任', 0.6],
  ['姜', 0.5],
  ['范', 0.6],
  ['方', 0.4],
  ['石', 0.5],
  ['姚', 0.5],
  ['谭', 0.2],
  ['廖', 0.2],
  ['邹', 0.2],
  ['熊', 0.2],
  ['金', 0.3],
  ['陆', 0.3],
  ['郝', 0.5],
  ['孔', 0.4],
  ['白', 0.5],
  ['崔', 0.5],
  ['康', 0.4],
  ['毛', 0.4],
  ['邱', 0.3],
  ['秦', 0.4],
  ['江', 0.3],
  ['史', 0.5],
  ['顾', 0.2],
  ['侯', 0.5],
  ['邵', 0.3],
  ['孟', 0.5],
  ['龙', 0.2],
  ['万', 0.3],
  ['段', 0.4],
  ['雷', 0.3],
  ['钱', 0.2],
  ['汤', 0.3],
  ['尹', 0.3],
  ['黎', 0.1],
  ['易', 0.1],
  ['常', 0.5],
  ['武', 0.5],
  ['乔', 0.4],
  ['贺', 0.3],
  ['赖', 0.1],
  ['龚', 0.2],
  ['文', 0.2],
  ['申', 0.3],
  ['牛', 0.4],
  ['耿', 0.3],
  ['岳', 0.3],
  ['齐', 0.3],
  ['庞', 0.3],
  ['楚', 0.2],
  ['娄', 0.2],
];
const SURNAME_LIST = SURNAMES.map(([s]) => s);
const SURNAME_WEIGHTS = SURNAMES.map(([, w]) => w);

/** Given-name characters of older (shop owners) and younger (staff) generations. */
const MALE_OLDER =
  '建国 建军 国强 志强 卫东 红军 海涛 永军 保国 新民 振华 长青 国庆 胜利 建华 军 伟 强 勇 刚 平 明 斌 辉 峰 涛 亮 林 彬 华'.split(
    ' ',
  );
const FEMALE_OLDER =
  '秀英 桂英 玉兰 秀兰 凤英 淑珍 红霞 丽娟 春梅 素芳 玉梅 海燕 芳 丽 艳 娟 霞 敏 静 红 梅 萍 琴 英 兰 凤 荣 莉 玲 燕'.split(
    ' ',
  );
const MALE_YOUNGER =
  '浩 宇 鑫 磊 鹏 凯 杰 帅 超 飞 旭 航 晨 阳 博 昊 睿 轩 楠 振 浩然 子豪 俊杰 一鸣 宇航 家豪 晓东 嘉伟 明轩 志远'.split(
    ' ',
  );
const FEMALE_YOUNGER =
  '婷 倩 颖 洁 琳 雪 佳 璐 瑶 悦 欣 萌 雯 晴 怡 丹 思雨 梦瑶 雨欣 佳琪 晓雪 欣怡 嘉怡 诗涵 雅婷 文静 晓燕 慧敏 梦琪 一诺'.split(
    ' ',
  );

export type Generation = 'older' | 'younger';

/** A plausible full name. Single-character given names are about a third, as in the population. */
export function personName(random: Random, generation: Generation, female = random.chance(0.4)): string {
  const surname = SURNAME_LIST[random.weightedIndex(SURNAME_WEIGHTS)] as string;
  const pool = generation === 'older' ? (female ? FEMALE_OLDER : MALE_OLDER) : female ? FEMALE_YOUNGER : MALE_YOUNGER;
  let given = random.pick(pool);
  // Combine two single characters now and then so that names do not repeat too often.
  if (given.length === 1 && random.chance(0.55)) {
    const second = random.pick(pool.filter((g) => g.length === 1));
    if (second !== given) given += second;
  }
  return surname + given;
}

export function surnameOf(name: string): string {
  return name.slice(0, 1);
}

/** Mobile prefixes of the three carriers (China Mobile, Unicom, Telecom), weighted roughly by market share. */
const MOBILE_PREFIXES: readonly [string, number][] = [
  ['134', 2],
  ['135', 4],
  ['136', 3],
  ['137', 4],
  ['138', 4],
  ['139', 4],
  ['150', 3],
  ['151', 3],
  ['152', 2],
  ['157', 1],
  ['158', 3],
  ['159', 3],
  ['182', 2],
  ['183', 2],
  ['187', 2],
  ['188', 2],
  ['198', 1],
  ['130', 2],
  ['131', 2],
  ['132', 2],
  ['155', 2],
  ['156', 2],
  ['166', 1],
  ['176', 1],
  ['185', 2],
  ['186', 2],
  ['133', 2],
  ['153', 1],
  ['177', 1],
  ['180', 1],
  ['181', 1],
  ['189', 2],
  ['199', 1],
];
const PREFIX_LIST = MOBILE_PREFIXES.map(([p]) => p);
const PREFIX_WEIGHTS = MOBILE_PREFIXES.map(([, w]) => w);

/** An 11-digit mainland mobile number not yet in `taken` (which it then joins). */
export function mobileNumber(random: Random, taken: Set<string>): string {
  for (;;) {
    const prefix = PREFIX_LIST[random.weightedIndex(PREFIX_WEIGHTS)] as string;
    const rest = String(random.int(0, 99_999_999)).padStart(8, '0');
    const phone = prefix + rest;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

/** Road names of the city proper (许昌 has 许继大道, 魏武大道, 莲城大道, 八一路 …) and common street names. */
export const URBAN_STREETS: readonly string[] = [
  '许继大道',
  '魏武大道',
  '莲城大道',
  '建安大道',
  '颍昌大道',
  '劳动路',
  '七一路',
  '八一路',
  '五一路',
  '文峰路',
  '天宝路',
  '新兴路',
  '光明路',
  '学院路',
  '竹林路',
  '永兴路',
  '魏文路',
  '许由路',
  '瑞祥路',
  '毓秀路',
  '前进路',
  '健康路',
  '解放路',
  '人民路',
  '文化路',
  '建设路',
  '东大街',
  '西大街',
  '南大街',
  '北大街',
  '宏腾路',
  '兴业路',
  '鹿鸣路',
  '青梅路',
  '春秋路',
  '延安路',
  '北海路',
  '东城路',
  '向阳路',
  '育才路',
];

/** Street names typical of county towns and 镇 centres. */
export const TOWN_STREETS: readonly string[] = [
  '人民路',
  '建设路',
  '文化路',
  '工业路',
  '中心街',
  '新华路',
  '育才路',
  '团结路',
  '幸福路',
  '振兴路',
  '解放路',
  '健康路',
  '朝阳路',
  '和平路',
  '商贸街',
  '老街',
  '新街',
  '交通路',
  '府前街',
  '卫生路',
];

/** The stem of a township name, e.g. 尚集镇 → 尚集, 西大街道 → 西大. */
export function townStem(name: string): string {
  return name.replace(/(街道|镇|乡|区)$/u, '');
}

const VILLAGE_SUFFIXES = ['庄', '寨', '营', '楼', '村', '岗', '店', '湾', '集', '桥', '屯', '口'];
const VILLAGE_PREFIXES = ['大', '小', '前', '后', '东', '西', '南', '北', '新', '老', '上', '下', '高', '河'];

/** A village name in the local style: 王庄, 后李寨, 东刘营 … */
export function villageName(random: Random): string {
  const surname = SURNAME_LIST[random.weightedIndex(SURNAME_WEIGHTS)] as string;
  const prefix = random.chance(0.3) ? random.pick(VILLAGE_PREFIXES) : '';
  return `${prefix}${surname}${random.pick(VILLAGE_SUFFIXES)}`;
}

const LUCKY_WORDS = [
  '顺发',
  '万家',
  '惠民',
  '鑫源',
  '福满多',
  '好又多',
  '金鑫',
  '兴旺',
  '家家乐',
  '佳美',
  '百姓',
  '如意',
  '诚信',
  '宏达',
  '永盛',
  '吉祥',
  '聚福',
  '乐购',
  '优选',
  '丰收',
  '旺旺',
  '喜来',
  '天天',
  '邻里',
  '阳光',
  '春晖',
  '鸿运',
  '恒通',
  '东升',
  '利民',
  '四季',
  '金源',
  '新世纪',
  '红星',
  '永辉',
];

const SHOP_SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  convenience: ['便利店', '便利店', '便民店', '便民超市', '24小时便利店'],
  grocery: ['食杂店', '副食店', '日杂店', '小卖部', '百货店', '商店', '副食部'],
  supermarket: ['超市', '生活超市', '购物中心', '量贩', '平价超市', '连锁超市'],
  tobacco_shop: ['烟酒商行', '烟酒店', '名烟名酒', '烟酒副食', '烟酒茶行'],
  kiosk: ['报刊亭', '便民亭', '烟摊', '小卖部'],
  entertainment: ['棋牌室', '网吧', '台球厅', 'KTV', '宾馆', '茶楼', '大酒店'],
  other: ['饭店', '面馆', '加油站便利店', '汽车站商店', '五金店', '农资店', '酒楼'],
};

/** A shop name that fits the business format and, sometimes, its owner or its street/village. */
export function shopName(random: Random, format: string, ownerName: string, place: string): string {
  const suffixes = SHOP_SUFFIXES[format] ?? SHOP_SUFFIXES.other ?? ['商店'];
  const suffix = random.pick(suffixes);
  const r = random.next();
  if (r < 0.22) return `${surnameOf(ownerName)}记${suffix}`;
  if (r < 0.32) return `老${surnameOf(ownerName)}${suffix}`;
  if (r < 0.42) return `${ownerName.slice(1)}${suffix}`;
  if (r < 0.55) return `${place}${suffix}`;
  return `${random.pick(LUCKY_WORDS)}${suffix}`;
}
