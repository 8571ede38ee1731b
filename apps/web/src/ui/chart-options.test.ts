import { describe, expect, it } from 'vitest';
import {
  type ChartSpec,
  type ChartWords,
  categoryBarOption,
  chartOption,
  clickedCategory,
  valueAxisText,
  weeklyChartOption,
  withClickableCategories,
} from './chart-options';

const words = (locale: string, fontSize = 12): ChartWords => ({
  locale,
  fontSize,
  axisTitle: (title, unit) => (locale === 'en' ? `${title} (${unit})` : `${title}（${unit}）`),
  moneyUnit: (scale) => (locale === 'en' ? `¥${scale}` : `${scale}元`),
});

type Axis = {
  name: string;
  nameTextStyle: { fontSize: number };
  axisLabel: { fontSize: number; formatter: (v: number) => string };
};

/** Bars on the left axis and a line on the right, over the given weeks. */
function twoAxes(options: {
  weeks: string[];
  bars: number[];
  line: number[];
  right: 'count' | 'money';
  words: ChartWords;
  compact?: boolean;
}) {
  const zh = options.words.locale === 'zh-CN';
  return weeklyChartOption({
    weeks: options.weeks,
    series: [
      { name: 'qty', data: options.bars, type: 'bar', axis: 0, format: String },
      { name: 'second', data: options.line, type: 'line', axis: 1, format: String },
    ],
    axes: [
      { title: zh ? '订货量（条）' : 'Quantity (ctn)', kind: 'count' },
      { title: zh ? '金额' : 'Amount', kind: options.right },
    ],
    weekTitle: zh ? '周（周一）' : 'Week (Monday)',
    words: options.words,
    ...(options.compact === undefined ? {} : { compact: options.compact }),
  });
}

describe('chart options', () => {
  it('puts weeks on x as MM-DD and maps each series to its axis', () => {
    const option = twoAxes({
      weeks: ['2026-11-16', '2026-11-23'],
      bars: [3, 4],
      line: [1.5, 2],
      right: 'money',
      words: words('en'),
    });
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['11-16', '11-23'], name: 'Week (Monday)' });
    expect(option.yAxis).toHaveLength(2);
    expect(option.series).toMatchObject([
      { type: 'bar', yAxisIndex: 0, data: [3, 4] },
      { type: 'line', yAxisIndex: 1, data: [1.5, 2] },
    ]);
    expect(option.legend).toMatchObject({ top: 0 });
  });

  it('titles every axis, on a phone too, with the unit of its ticks', () => {
    const option = twoAxes({
      weeks: ['2026-11-16', '2026-11-23'],
      bars: [8_000, 12_000],
      line: [8_000, 2_612_000],
      right: 'money',
      words: words('zh-CN'),
      compact: true,
    });
    const [count, money] = option.yAxis as Axis[];
    expect(count?.name).toBe('订货量（条）');
    expect(money?.name).toBe('金额（万元）');
    expect((option.xAxis as { name: string }).name).toBe('周（周一）');
  });

  it('staggers the two y axis titles on a phone so they never run together', () => {
    const gaps = (compact: boolean) =>
      (
        twoAxes({ weeks: ['2026-11-23'], bars: [1], line: [1], right: 'count', words: words('zh-CN', 16), compact })
          .yAxis as { nameGap: number }[]
      ).map((axis) => axis.nameGap);
    const [left = 0, right = 0] = gaps(true);
    expect(right - left).toBeGreaterThanOrEqual(16);
    expect(gaps(false)).toEqual([15, 15]);
  });

  it('keeps one unit on an axis: never "1万" above "8000"', () => {
    const count = valueAxisText({ title: '订货量（条）', kind: 'count' }, [8_000, 12_000], words('zh-CN'));
    expect([8_000, 10_000, 12_000].map(count.format)).toEqual(['8,000', '10,000', '12,000']);
    const money = valueAxisText({ title: '金额', kind: 'money' }, [8_000, 12_000], words('zh-CN'));
    expect(money.name).toBe('金额（万元）');
    expect([0, 8_000, 10_000, 12_000].map(money.format)).toEqual(['0', '0.8', '1', '1.2']);
    const small = valueAxisText({ title: '金额', kind: 'money' }, [800, 9_500], words('zh-CN'));
    expect(small.name).toBe('金额（元）');
    expect([5_000, 10_000].map(small.format)).toEqual(['5,000', '10,000']);
    const english = valueAxisText({ title: 'Amount', kind: 'money' }, [2_000_000, 6_128_000], words('en'));
    expect(english.name).toBe('Amount (¥M)');
    expect([2_000_000, 6_000_000].map(english.format)).toEqual(['2', '6']);
  });

  it('sizes every chart text from the user’s type size (A+)', () => {
    const large = twoAxes({ weeks: ['2026-11-23'], bars: [1], line: [1], right: 'count', words: words('en', 16) });
    const x = large.xAxis as Axis;
    expect(x.axisLabel.fontSize).toBe(16);
    expect(x.nameTextStyle.fontSize).toBe(16);
    for (const axis of large.yAxis as Axis[]) {
      expect(axis.axisLabel.fontSize).toBe(16);
      expect(axis.nameTextStyle.fontSize).toBe(16);
    }
    expect(large.legend).toMatchObject({ textStyle: { fontSize: 16 } });
    expect(large.tooltip).toMatchObject({ textStyle: { fontSize: 16 } });
    const bars = categoryBarOption({
      categories: ['a'],
      values: [1],
      name: 'n',
      format: String,
      categoryTitle: 'c',
      valueAxis: { title: 'v', kind: 'count' },
      words: words('en', 16),
    });
    expect(bars.xAxis).toMatchObject({ axisLabel: { fontSize: 16 }, nameTextStyle: { fontSize: 16 } });
    expect(bars.yAxis).toMatchObject({ axisLabel: { fontSize: 16 }, nameTextStyle: { fontSize: 16 } });
    expect(bars.tooltip).toMatchObject({ textStyle: { fontSize: 16 } });
  });

  it('draws horizontal bars with the category on y, largest first as given, both axes titled', () => {
    const option = categoryBarOption({
      categories: ['a', 'b'],
      values: [9, 5],
      name: 'qty',
      format: String,
      categoryTitle: 'Manager',
      valueAxis: { title: 'Last four weeks (ctn)', kind: 'count' },
      words: words('en'),
      horizontal: true,
    });
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['a', 'b'], inverse: true, name: 'Manager' });
    expect(option.xAxis).toMatchObject({ type: 'value', minInterval: 1, name: 'Last four weeks (ctn)' });
  });
});

describe('clicks on a chart', () => {
  const bars: ChartSpec = {
    kind: 'bars',
    categories: ['王芳', '李强', '张伟'],
    values: [0, 50, 100],
    name: 'Coverage',
    format: String,
    categoryTitle: 'Manager',
    valueAxis: { title: 'Coverage (%)', kind: 'count' },
    words: words('en'),
    horizontal: true,
  };

  it('opens the category of a clicked bar or of its label, nothing else', () => {
    expect(clickedCategory(bars, { componentType: 'series', dataIndex: 1 })).toBe(1);
    // A bar of 0 has no area to click: its name opens it.
    expect(clickedCategory(bars, { componentType: 'yAxis', value: '王芳' })).toBe(0);
    expect(clickedCategory(bars, { componentType: 'xAxis', value: 50 })).toBeNull();
    expect(clickedCategory(bars, { componentType: 'yAxis', value: '无此人' })).toBeNull();
    expect(clickedCategory(bars, { componentType: 'series', dataIndex: 3 })).toBeNull();
    expect(clickedCategory(bars, { componentType: 'legend' })).toBeNull();
  });

  it('makes the category axis labels clickable, not the value axis', () => {
    const option = withClickableCategories(chartOption(bars));
    expect(option.yAxis).toMatchObject({ type: 'category', triggerEvent: true });
    expect(option.xAxis).not.toHaveProperty('triggerEvent');
  });
});
