import { describe, expect, it } from 'vitest';
import type { ChartSpec, ChartWords } from './chart-options';
import { layoutChart, niceTicks, truncateText } from './svg-chart-layout';

const words = (locale: string, fontSize = 12): ChartWords => ({
  locale,
  fontSize,
  axisTitle: (title, unit) => (locale === 'en' ? `${title} (${unit})` : `${title}（${unit}）`),
  moneyUnit: (scale) => (locale === 'en' ? `¥${scale}` : `${scale}元`),
});

/** A text measure like a browser's: CJK characters a full em, the rest about half. */
const measure = (fontSize: number) => (text: string) =>
  Array.from(text).reduce((width, ch) => width + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.55) * fontSize, 0);

const weeks = Array.from({ length: 26 }, (_, i) => {
  const day = new Date(Date.UTC(2026, 5, 1 + i * 7));
  return day.toISOString().slice(0, 10);
});

function weekly(fontSize: number, locale = 'zh-CN', amounts = false): ChartSpec {
  return {
    kind: 'weekly',
    weeks,
    series: [
      { name: '订货量', data: weeks.map((_, i) => 6000 + i * 100), type: 'bar', axis: 0, format: String },
      {
        name: amounts ? '金额' : '订货户数',
        data: weeks.map((_, i) => (amounts ? 5_634_600 + i * 1000 : 300 + i)),
        type: 'line',
        axis: 1,
        format: String,
      },
    ],
    axes: [
      { title: '订货量（条）', kind: 'count' },
      amounts ? { title: '金额', kind: 'money' } : { title: '订货户数（户）', kind: 'count' },
    ],
    weekTitle: '周（周一）',
    words: words(locale, fontSize),
  };
}

describe('niceTicks', () => {
  it('steps on round values from zero past the largest value', () => {
    expect(niceTicks(8200, 5, true)).toEqual([0, 2000, 4000, 6000, 8000, 10000]);
    expect(niceTicks(24, 5, true)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceTicks(350, 4, true)).toEqual([0, 100, 200, 300, 400]);
  });

  it('keeps counts whole and lets money take 2.5 steps', () => {
    expect(niceTicks(3, 5, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(2.2, 5, false)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
  });

  it('still draws an axis for a series of zeros', () => {
    expect(niceTicks(0, 5, true)).toEqual([0, 1]);
  });
});

describe('truncateText', () => {
  it('cuts a long name to the width with an ellipsis and leaves a short one', () => {
    const m = measure(12);
    expect(truncateText('谭帅', 84, m)).toBe('谭帅');
    const cut = truncateText('A very long manager name', 84, m);
    expect(cut.endsWith('…')).toBe(true);
    expect(m(cut)).toBeLessThanOrEqual(84);
  });
});

describe('layoutChart', () => {
  it('draws a bar per week and a point of the line per week, inside the box', () => {
    const layout = layoutChart(weekly(12), 351, 320, measure(12));
    expect(layout.bars).toHaveLength(26);
    expect(layout.lines[0]?.points).toHaveLength(26);
    for (const bar of layout.bars) {
      expect(bar.x).toBeGreaterThanOrEqual(layout.plot.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(layout.plot.right + 0.001);
      expect(bar.y + bar.height).toBeCloseTo(layout.plot.bottom);
    }
    for (const text of layout.texts) {
      expect(text.y).toBeLessThanOrEqual(320);
      expect(text.y).toBeGreaterThan(0);
    }
  });

  it('titles every axis with its unit, a money axis in one scale', () => {
    const texts = layoutChart(weekly(12, 'zh-CN', true), 351, 320, measure(12)).texts.map((t) => t.text);
    expect(texts).toContain('订货量（条）');
    expect(texts).toContain('金额（万元）');
    expect(texts).toContain('周（周一）');
    // 5.66 million yuan on a 万 axis: ticks in 万 ("600"), never "6000000".
    expect(texts.some((t) => /^\d{3}$/.test(t))).toBe(true);
  });

  it('leaves out week labels that would overlap and keeps the ones it shows apart', () => {
    const m = measure(16);
    const layout = layoutChart(weekly(16), 351, 320, m);
    const labels = layout.texts.filter((t) => /^\d\d-\d\d$/.test(t.text));
    expect(labels.length).toBeGreaterThan(2);
    expect(labels.length).toBeLessThan(26);
    for (let i = 1; i < labels.length; i++) {
      const previous = labels[i - 1];
      const current = labels[i];
      if (!previous || !current) continue;
      expect(current.x - previous.x).toBeGreaterThanOrEqual(m('00-00'));
    }
  });

  it('puts the right axis title a line lower when both titles do not fit side by side (A+)', () => {
    const narrow = layoutChart(weekly(16), 220, 320, measure(16)).texts;
    const wide = layoutChart(weekly(12), 900, 320, measure(12)).texts;
    const y = (texts: typeof narrow, text: string) => texts.find((t) => t.text === text)?.y;
    expect(y(narrow, '订货户数（户）')).toBeGreaterThan(y(narrow, '订货量（条）') ?? 0);
    expect(y(wide, '订货户数（户）')).toBe(y(wide, '订货量（条）'));
  });

  it('lays horizontal bars out a row per manager, longest value the longest bar', () => {
    const spec: ChartSpec = {
      kind: 'bars',
      categories: ['谭帅', '许怡倩', '雷宇'],
      values: [28911, 28433, 19390],
      name: '近四周订货量',
      format: String,
      categoryTitle: '客户经理',
      valueAxis: { title: '近四周订货量（条）', kind: 'count' },
      words: words('zh-CN'),
      horizontal: true,
    };
    const layout = layoutChart(spec, 351, 220, measure(12));
    expect(layout.orientation).toBe('horizontal');
    const [first, second, third] = layout.bars;
    expect(first && second && third).toBeTruthy();
    expect(first?.width).toBeGreaterThan(third?.width ?? 0);
    expect(first?.y).toBeLessThan(second?.y ?? 0);
    expect(layout.texts.map((t) => t.text)).toEqual(expect.arrayContaining(['谭帅', '客户经理', '近四周订货量（条）']));
  });
});
