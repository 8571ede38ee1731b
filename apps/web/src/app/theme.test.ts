import { describe, expect, it } from 'vitest';
import { BRAND_COLOR, TEXT_PLACEHOLDER, TEXT_SECONDARY, TEXT_TERTIARY, themeFor } from './theme';

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const WHITE = '#ffffff';
const PAGE_GREY = '#f4f6f5';
const SELECTION_GREEN = '#e2f1eb';

describe('theme text colours', () => {
  it('reach 4.5:1 on white, the page grey and the selection green', () => {
    for (const colour of [TEXT_SECONDARY, TEXT_TERTIARY, BRAND_COLOR]) {
      for (const background of [WHITE, PAGE_GREY, SELECTION_GREEN]) {
        expect(contrast(colour, background), `${colour} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    }
    expect(contrast(TEXT_PLACEHOLDER, WHITE)).toBeGreaterThanOrEqual(4.5);
    // The measured failure this replaces: antd's default tertiary grey.
    expect(contrast('#8c8c8c', WHITE)).toBeLessThan(4.5);
  });

  it('are the ones antd uses for secondary, description and placeholder text, in both type sizes', () => {
    for (const scale of [1, 2] as const) {
      const { token } = themeFor(scale);
      expect(token).toMatchObject({
        colorTextSecondary: TEXT_SECONDARY,
        colorTextTertiary: TEXT_TERTIARY,
        colorTextDescription: TEXT_TERTIARY,
        colorTextPlaceholder: TEXT_PLACEHOLDER,
      });
    }
  });
});

describe('theme motion', () => {
  it('turns animations off when the system asks for reduced motion, and keeps them otherwise', () => {
    expect(themeFor(1, true).token?.motion).toBe(false);
    expect(themeFor(1).token?.motion).toBe(true);
    expect(themeFor(2, false).token?.motion).toBe(true);
  });
});
