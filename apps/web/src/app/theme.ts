import type { ThemeConfig } from 'antd';
import type { FontScale } from '@/modules/shell/preferences';

export const BRAND_COLOR = '#1f6f5c';

/**
 * Large type (A+) is for retailers reading on a phone at the counter: every antd size derives from
 * fontSize, and controls grow with it so taps stay easy.
 */
export function themeFor(fontScale: FontScale): ThemeConfig {
  const large = fontScale === 2;
  return {
    token: {
      colorPrimary: BRAND_COLOR,
      // The generated tints of this dark teal come out grey; these keep selection and hover green.
      colorPrimaryBg: '#e2f1eb',
      colorPrimaryBgHover: '#cde7dc',
      colorLink: BRAND_COLOR,
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
