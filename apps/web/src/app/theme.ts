import type { ThemeConfig } from 'antd';
import type { FontScale } from '@/modules/shell/preferences';

export const BRAND_COLOR = '#1f6f5c';
/** 7.0:1 on white. */
export const TEXT_SECONDARY = '#595959';
/** 5.7:1 on white, 5.3:1 on the page grey, 4.9:1 on the selection green. */
export const TEXT_TERTIARY = '#666666';
/** 5.1:1 on white (inputs are white). */
export const TEXT_PLACEHOLDER = '#6e6e6e';

/**
 * Large type (A+) is for retailers reading on a phone at the counter: every antd size derives from
 * fontSize, and controls grow with it so taps stay easy.
 */
export function themeFor(fontScale: FontScale, reducedMotion = false): ThemeConfig {
  const large = fontScale === 2;
  return {
    // antd's styles come prebuilt (antd/dist/antd.css, imported in providers.tsx, unused components left out in
    // vite.config.ts) instead of being generated in the browser at first render; the theme reaches them as CSS
    // variables, which antd still sets at run time (a few hundred declarations, not every component's styles).
    zeroRuntime: true,
    hashed: false,
    token: {
      // The system's "reduce motion" setting turns antd's animations off (WCAG 2.3.3). It also matters on slow
      // phones: a button's leaving loading icon stays in the page until its animation ends, and on a loaded
      // machine that end was seen to wait 20 s and more, keeping "loading" in the button's accessible name.
      motion: !reducedMotion,
      colorPrimary: BRAND_COLOR,
      // The generated tints of this dark teal come out grey; these keep selection and hover green.
      colorPrimaryBg: '#e2f1eb',
      colorPrimaryBgHover: '#cde7dc',
      colorLink: BRAND_COLOR,
      // Text at least 4.5:1 against white, the page grey (#f4f6f5) and the selected-row green (WCAG 1.4.3);
      // antd's defaults (#8c8c8c at 3.36:1, placeholders at 1.83:1) are too faint to read on a phone outdoors.
      colorTextSecondary: TEXT_SECONDARY,
      colorTextTertiary: TEXT_TERTIARY,
      colorTextDescription: TEXT_TERTIARY,
      colorTextPlaceholder: TEXT_PLACEHOLDER,
      colorTextLabel: TEXT_SECONDARY,
      borderRadius: 8,
      fontSize: large ? 18 : 14,
      controlHeight: large ? 42 : 34,
      fontFamily:
        "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    },
    components: {
      Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f4f6f5', headerPadding: '0 24px' },
    },
  };
}
