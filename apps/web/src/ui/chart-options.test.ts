import { describe, expect, it } from 'vitest';
import { categoryBarOption, weeklyChartOption } from './chart-options';

describe('chart options', () => {
  it('puts weeks on x as MM-DD and maps each series to its axis', () => {
    const option = weeklyChartOption({
      weeks: ['2026-11-16', '2026-11-23'],
      series: [
        { name: 'qty', data: [3, 4], type: 'bar', axis: 0, format: String },
        { name: 'amount', data: [1.5, 2], type: 'line', axis: 1, format: String },
      ],
      axes: [{ name: 'ctn' }, { name: 'yuan' }],
      locale: 'en',
    });
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['11-16', '11-23'] });
    expect(option.yAxis).toHaveLength(2);
    expect(option.series).toMatchObject([
      { type: 'bar', yAxisIndex: 0, data: [3, 4] },
      { type: 'line', yAxisIndex: 1, data: [1.5, 2] },
    ]);
  });

  it('drops axis names in the compact (phone) form and formats ticks compactly', () => {
    const option = weeklyChartOption({
      weeks: ['2026-11-23'],
      series: [{ name: 'qty', data: [1], type: 'bar', axis: 0, format: String }],
      axes: [{ name: 'ctn' }],
      locale: 'zh-CN',
      compact: true,
    });
    const [axis] = option.yAxis as { name: string; axisLabel: { formatter: (v: number) => string } }[];
    expect(axis?.name).toBe('');
    expect(axis?.axisLabel.formatter(150_000)).toBe('15万');
  });

  it('draws horizontal bars with the category on y, largest first as given', () => {
    const option = categoryBarOption({
      categories: ['a', 'b'],
      values: [9, 5],
      name: 'qty',
      format: String,
      horizontal: true,
      locale: 'en',
    });
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['a', 'b'], inverse: true });
    expect(option.xAxis).toMatchObject({ type: 'value', minInterval: 1 });
  });
});
